"""Password guessing: failed logins lock the account and the client address, on every login path."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from django.utils import timezone
from knox.models import AuthToken

LOGIN = reverse("frontend:login")
ADMIN_LOGIN = reverse("admin:login")
TOKEN = reverse("api-token")
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's
HOME = "198.51.100.7"
ELSEWHERE = "203.0.113.50"
LOCKED_TEXT = (
    "Logging in is paused after too many failed attempts. Try again in 15 minutes. "
    "If you have forgotten your password, ask your school for help."
)

# The token endpoint's throttle counts in the real Redis cache: each test counts under a key prefix of its
# own (chart_cache's), so these tests meet the lockout, never one another's throttle.
pytestmark = pytest.mark.usefixtures("chart_cache")


def page_login(client, username: str, password: str, address: str = HOME, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **extra)


def api_login(api, username: str, password: str, address: str = HOME, **extra):
    return api.post(TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=address, **extra)


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def _minutes_ago(minutes: int):
    return timezone.now() - timedelta(minutes=minutes)


def test_a_mistyped_password_is_not_a_lockout(cast, client):
    for _ in range(4):
        assert page_login(client, "private", "wrong").status_code == 200
    assert page_login(client, "private", PASSWORD).status_code == 302
    assert signed_in(client)


def test_the_page_locks_an_account_after_five_failures_and_says_so_kindly(cast, client):
    for _ in range(4):
        assert page_login(client, "private", "wrong").status_code == 200
    fifth = page_login(client, "private", "wrong")
    assert fifth.status_code == 429
    assert fifth["Retry-After"] == "900"
    assert LOCKED_TEXT in fifth.content.decode()
    assert 'role="alert"' in fifth.content.decode()
    # Now even the right password is refused, from anywhere, and signs no one in.
    assert page_login(client, "private", PASSWORD, address=ELSEWHERE).status_code == 429
    assert not signed_in(client)


def test_a_locked_account_does_not_lock_its_classmates(cast, client):
    for _ in range(5):
        page_login(client, "private", "wrong")
    assert page_login(client, "classmate", PASSWORD).status_code == 302


def test_an_account_is_locked_however_many_addresses_guess(cast, client):
    for n in range(5):
        page_login(client, "private", "wrong", address=f"198.51.100.{n + 1}")
    assert page_login(client, "private", PASSWORD, address=ELSEWHERE).status_code == 429


def test_an_address_is_locked_after_its_own_higher_limit(cast, client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 8
    # Eight accounts guessed once each from one address: no account reaches its limit, the address does.
    for n in range(7):
        assert page_login(client, f"someone-{n}", "wrong").status_code == 200
    assert page_login(client, "someone-7", "wrong").status_code == 429
    assert page_login(client, "classmate", PASSWORD).status_code == 429
    assert page_login(client, "classmate", PASSWORD, address=ELSEWHERE).status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_limit(cast, client, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 3
    for n in range(3):
        page_login(client, f"someone-{n}", "wrong", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    # NUM_PROXIES is 0: only the connection's address counts, whatever the header says.
    assert page_login(client, "classmate", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_counts(cast, client, settings):
    settings.NUM_PROXIES = 1
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 3
    proxy = "10.0.0.2"
    for n in range(3):
        page_login(client, f"someone-{n}", "wrong", address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {HOME}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {HOME}
    locked = page_login(client, "classmate", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=HOME)
    assert locked.status_code == 429
    # Another client behind the same proxy is not locked out.
    assert page_login(client, "classmate", PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ELSEWHERE).status_code == 302


def test_a_proxy_that_passes_on_garbage_counts_against_itself(cast, client, settings):
    settings.NUM_PROXIES = 1
    page_login(client, "private", "wrong", address="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["10.0.0.2"]


def test_the_lock_lifts_after_the_cool_off(cast, client):
    for _ in range(5):
        page_login(client, "private", "wrong")
    assert page_login(client, "private", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=_minutes_ago(16))
    assert page_login(client, "private", PASSWORD).status_code == 302


def test_trying_during_the_lock_does_not_make_it_longer(cast, client):
    for _ in range(5):
        page_login(client, "private", "wrong")
    ten_minutes_ago = _minutes_ago(10)
    AccessAttempt.objects.update(attempt_time=ten_minutes_ago)
    assert page_login(client, "private", "wrong again").status_code == 429
    # Not counted: the lock still ends 15 minutes after the fifth failure, as the page said.
    assert list(AccessAttempt.objects.values_list("attempt_time", "failures_since_start")) == [(ten_minutes_ago, 5)]


def test_the_api_locks_out_with_a_clear_json_error_and_issues_no_token(cast, api):
    for _ in range(4):
        assert api_login(api, "private", "wrong").status_code == 400
    fifth = api_login(api, "private", "wrong")
    assert fifth.status_code == 429
    assert fifth["Retry-After"] == "900"
    assert fifth.json() == {"detail": LOCKED_TEXT, "code": "locked_out"}
    assert api_login(api, "private", PASSWORD, address=ELSEWHERE).status_code == 429
    assert not AuthToken.objects.exists()


def test_the_page_and_the_api_count_together(cast, client, api):
    for _ in range(3):
        page_login(client, "private", "wrong")
    api_login(api, "private", "wrong")
    assert api_login(api, "private", "wrong").status_code == 429
    assert page_login(client, "private", PASSWORD).status_code == 429


def test_the_admin_login_is_counted_too(cast, client):
    for _ in range(5):
        client.post(ADMIN_LOGIN, {"username": "schooladmin", "password": "wrong"}, REMOTE_ADDR=HOME)
    assert page_login(client, "schooladmin", PASSWORD, address=ELSEWHERE).status_code == 429


def test_the_limits_are_settings(cast, client, settings):
    settings.AXES_FAILURE_LIMIT = 2
    page_login(client, "private", "wrong")
    assert page_login(client, "private", "wrong").status_code == 429


def test_what_is_recorded_holds_no_password(cast, client):
    page_login(client, "private", "correct-horse-battery")
    attempt = AccessAttempt.objects.get()
    assert (attempt.username, attempt.ip_address, attempt.failures_since_start) == ("private", HOME, 1)
    assert "correct-horse-battery" not in attempt.post_data
