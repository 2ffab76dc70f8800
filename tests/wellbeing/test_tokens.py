"""API tokens: issued for a password, stored as digests only, expiring, and revoked by their own logout."""

from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from knox.crypto import hash_token
from knox.models import AuthToken

from ..conftest import login

TOKEN = reverse("api-token")
LOGOUT = reverse("api-logout")
LOGOUT_ALL = reverse("api-logout-all")
ME = reverse("api-me")
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's

# The token endpoint's throttle counts in the real Redis cache: each test counts under a key prefix of its own
# (chart_cache's), so one test's logins never throttle another's.
pytestmark = pytest.mark.usefixtures("chart_cache")


def issue(api, username: str = "private", password: str = PASSWORD) -> str:
    response = api.post(TOKEN, {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def me_with(api, token: str):
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    response = api.get(ME)
    api.credentials()
    return response


def test_it_issues_a_token_that_works_and_says_when_it_expires(cast, api):
    before = timezone.now()
    response = api.post(TOKEN, {"username": "private", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"token", "expiry"}
    expiry = AuthToken.objects.get(user=cast.private).expiry
    assert timedelta(hours=10) <= expiry - before < timedelta(hours=10, minutes=1)
    assert me_with(api, body["token"]).json()["username"] == "private"
    # A token is no session: nothing signs this client in to the pages.
    assert django_settings.SESSION_COOKIE_NAME not in response.cookies


def test_its_lifetime_is_a_setting(cast, api, settings):
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(hours=2)}
    before = timezone.now()
    issue(api)
    lifetime = AuthToken.objects.get(user=cast.private).expiry - before
    assert timedelta(hours=2) <= lifetime < timedelta(hours=2, minutes=1)


def test_it_stores_only_a_digest_of_the_token(cast, api):
    token = issue(api)
    stored = AuthToken.objects.get(user=cast.private)
    assert stored.digest == hash_token(token)
    # The key is nowhere in the row: only its first characters (an index) and the digest are.
    row = AuthToken.objects.filter(pk=stored.pk).values_list().get()
    assert not any(token in str(value) for value in row)
    assert len(stored.token_key) < len(token) // 2


def test_there_is_no_table_or_admin_with_tokens_in_clear(db):
    assert "rest_framework.authtoken" not in django_settings.INSTALLED_APPS
    assert "authtoken_token" not in connection.introspection.table_names()
    assert not admin.site.is_registered(AuthToken)


def test_the_admin_lists_no_tokens(cast, client):
    from wellbeing.models import User

    superuser = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(superuser)
    index = client.get(reverse("admin:index"))
    assert index.status_code == 200
    assert b"/admin/knox/" not in index.content
    assert b"Auth token" not in index.content


def test_an_expired_token_is_refused_and_removed(cast, api):
    instance, token = AuthToken.objects.create(user=cast.private, expiry=timedelta(seconds=-1))
    response = me_with(api, token)
    assert response.status_code == 401
    assert not AuthToken.objects.filter(pk=instance.pk).exists()


@pytest.mark.parametrize(
    "header",
    [
        "Token 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",  # well-formed, never issued
        "Token 9944b09199c62bcf9418ad846dd0e4bbdfc6ee4b",  # an old rest_framework.authtoken key
        "Token caf\xe9",  # not UTF-8 on the wire: knox alone would crash decoding it
        "Token",
        "Token a b",
    ],
)
def test_a_wrong_token_is_a_401(cast, api, header):
    api.credentials(HTTP_AUTHORIZATION=header)
    response = api.get(ME)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"username": "private", "password": "wrong"}, "non_field_errors"),
        ({"username": "nobody-at-all", "password": PASSWORD}, "non_field_errors"),
        ({"username": "private"}, "password"),
        ({"username": "private", "password": PASSWORD, "remember": True}, "remember"),
        ({"username": "x" * 151, "password": PASSWORD}, "username"),
        ({"username": "private", "password": "x" * 4097}, "password"),
    ],
)
def test_it_refuses_bad_credentials_with_a_400_and_issues_nothing(cast, api, payload, field):
    response = api.post(TOKEN, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not AuthToken.objects.exists()


def test_an_inactive_account_gets_no_token(cast, api):
    cast.private.is_active = False
    cast.private.save(update_fields=["is_active"])
    assert api.post(TOKEN, {"username": "private", "password": PASSWORD}, format="json").status_code == 400
    assert not AuthToken.objects.exists()


def test_logout_revokes_the_token_used_and_no_other(cast, api):
    phone, laptop = issue(api), issue(api)
    other_student = issue(api, "classmate")
    api.credentials(HTTP_AUTHORIZATION=f"Token {phone}")
    assert api.post(LOGOUT).status_code == 204
    api.credentials()
    assert me_with(api, phone).status_code == 401
    assert me_with(api, laptop).status_code == 200
    assert me_with(api, other_student).status_code == 200


def test_logout_all_revokes_every_token_of_the_user_only(cast, api):
    phone, laptop = issue(api), issue(api)
    other_student = issue(api, "classmate")
    api.credentials(HTTP_AUTHORIZATION=f"Token {phone}")
    assert api.post(LOGOUT_ALL).status_code == 204
    api.credentials()
    assert me_with(api, phone).status_code == 401
    assert me_with(api, laptop).status_code == 401
    assert me_with(api, other_student).status_code == 200
    assert list(AuthToken.objects.values_list("user__username", flat=True)) == ["classmate"]


@pytest.mark.parametrize("url", [LOGOUT, LOGOUT_ALL])
def test_logout_needs_the_token_itself(cast, api, url):
    token = issue(api)
    assert api.post(url).status_code == 401  # anonymous
    login(api, cast.private)  # a session is not the token: it cannot revoke it
    assert api.post(url).status_code == 401
    assert me_with(api, token).status_code == 200


def test_signing_out_of_the_site_leaves_the_apps_tokens_alone(cast, api, client):
    token = issue(api)
    assert client.post(reverse("frontend:login"), {"username": "private", "password": PASSWORD}).status_code == 302
    assert client.post(reverse("frontend:logout")).status_code == 302
    assert me_with(api, token).status_code == 200


def test_the_token_endpoint_is_throttled_per_client_address(cast, api):
    for _ in range(20):
        assert api.post(TOKEN, {}, format="json", REMOTE_ADDR="198.51.100.7").status_code == 400
    # With no trusted proxy (NUM_PROXIES=0) a forged X-Forwarded-For is not a new address.
    forged = api.post(TOKEN, {}, format="json", REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert forged.status_code == 429
    assert api.post(TOKEN, {}, format="json", REMOTE_ADDR="198.51.100.8").status_code == 400


def test_the_throttle_counts_the_address_the_trusted_proxy_saw(cast, api, settings):
    settings.NUM_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(20):
        sent = api.post(TOKEN, {}, format="json", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7", **proxy)
        assert sent.status_code == 400
    # The client forged the left-hand entry; the proxy appended the real address, which is throttled.
    again = api.post(TOKEN, {}, format="json", HTTP_X_FORWARDED_FOR="5.6.7.8, 198.51.100.7", **proxy)
    assert again.status_code == 429
    other = api.post(TOKEN, {}, format="json", HTTP_X_FORWARDED_FOR="198.51.100.8", **proxy)
    assert other.status_code == 400


def test_expired_tokens_are_purged_on_a_schedule_and_live_ones_stay(cast):
    from datetime import timedelta

    from knox.models import AuthToken

    from wellbeing.celery import app
    from wellbeing.services import tokens_purge_expired

    AuthToken.objects.create(user=cast.private, expiry=-timedelta(minutes=1))  # knox takes a time to live
    AuthToken.objects.create(user=cast.sharer, expiry=timedelta(hours=1))
    assert tokens_purge_expired() == 1
    assert list(AuthToken.objects.values_list("user__username", flat=True)) == [cast.sharer.username]
    assert tokens_purge_expired() == 0
    [entry] = [e for e in app.conf.beat_schedule.values() if e["task"].endswith("tokens_purge_expired_task")]
    app.loader.import_default_modules()  # what a worker does when it starts: every app's tasks module
    assert entry["task"] in app.tasks and entry["schedule"] <= 3600
