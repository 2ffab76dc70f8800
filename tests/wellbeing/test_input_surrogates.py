"""A lone surrogate (text that cannot be encoded) never answers 500 and never changes anything: the API
answers 400 naming the field, the pages answer with a page that says so.

Every POST and PATCH endpoint of the API (wellbeing/api_urls.py, surveys/urls.py, analytics/urls.py) and every
form of the pages is tried, as a field value, as a field name, nested, and in a form body. Each case also sends
the same request without the bad character, which must succeed: the bad character is what was refused.
"""

import json
from dataclasses import dataclass, field

import pytest
from django.apps import apps
from django.urls import reverse
from knox.models import AuthToken

from analytics.services import help_request_create
from surveys.models import SchoolInstrument

from ..conftest import login

PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's
SURROGATE = "\ud800"
MESSAGE = "Contains a lone surrogate, a character that is not allowed in text."
PAGE_TEXT = "It contains a character that cannot be saved, so nothing was changed."

# The token endpoint's throttle counts in the real Redis cache: under this test's own key prefix.
pytestmark = pytest.mark.usefixtures("chart_cache")


def everything(*, but_the_access_log: bool = False) -> dict:
    """Every row of every table, to show that a refused request changed nothing."""
    return {
        model._meta.label: list(model.objects.order_by("pk").values_list())
        for model in apps.get_models()
        if model._meta.managed and not (but_the_access_log and model._meta.label == "wellbeing.AccessLog")
    }


@dataclass
class Endpoint:
    method: str
    url: str
    payload: dict
    auth: dict = field(default_factory=dict)  # extra headers, e.g. a token
    ok: tuple = (200, 201, 204)
    # Reads a student's case before its input, and logs that read (as it does for any bad input): the access
    # log is the one table such a request may add to.
    logs_access: bool = False


@pytest.fixture
def endpoints(cast, api):
    """Each POST/PATCH endpoint of the API with a request that succeeds, as the user who may make it."""
    SchoolInstrument.objects.create(school=cast.school_a, instrument="who5")
    help_request = help_request_create(student=cast.sharer)
    _instance, token = AuthToken.objects.create(user=cast.private)
    as_private = {"HTTP_AUTHORIZATION": f"Token {token}"}
    as_health = {"HTTP_AUTHORIZATION": f"Token {AuthToken.objects.create(user=cast.health)[1]}"}
    return {
        "api-token": Endpoint("post", reverse("api-token"), {"username": "private", "password": PASSWORD}),
        "api-logout": Endpoint("post", reverse("api-logout"), {}, as_private),
        "api-logout-all": Endpoint("post", reverse("api-logout-all"), {}, as_private),
        "api-me": Endpoint("patch", reverse("api-me"), {"language": "nb"}, as_private),
        "api-consent": Endpoint("patch", reverse("api-consent"), {"scores_to_teachers": True}, as_private),
        "api-checkins": Endpoint(
            "post",
            reverse("api-checkins"),
            {"mood": 3, "reflection": "En vanlig vecka", "help_wanted": ["breaks"], "custom": {}},
            as_private,
        ),
        "api-instrument-submit": Endpoint(
            "post", reverse("api-instrument-submit", args=["who5"]), {"answers": [3, 3, 3, 3, 3]}, as_private
        ),
        "api-help-request-status": Endpoint(
            "post",
            reverse("api-help-request-status", args=[help_request.pk]),
            {"status": "seen"},
            as_health,
            logs_access=True,
        ),
        "api-my-help-request": Endpoint("post", reverse("api-my-help-request"), {}, as_private),
    }


def send_json(api, endpoint: Endpoint, payload):
    # json.dumps escapes the surrogate as \ud800, which is valid JSON; DRF's own encoder would refuse it.
    body = json.dumps(payload)
    return getattr(api, endpoint.method)(endpoint.url, body, content_type="application/json", **endpoint.auth)


def poisoned_values(payload: dict) -> list[tuple[dict, str]]:
    """The payload with each field's value made bad in turn (a string inside it for lists and objects)."""
    cases = []
    for name, value in payload.items():
        if isinstance(value, list):
            bad = [*value, SURROGATE]
        elif isinstance(value, dict):
            bad = {**value, "1": SURROGATE}
        elif isinstance(value, str):
            bad = value + SURROGATE
        else:
            bad = SURROGATE
        cases.append(({**payload, name: bad}, name))
    return cases


ENDPOINTS = [
    "api-token",
    "api-logout",
    "api-logout-all",
    "api-me",
    "api-consent",
    "api-checkins",
    "api-instrument-submit",
    "api-help-request-status",
    "api-my-help-request",
]


def test_the_endpoints_tried_are_every_post_and_patch_of_the_api():
    writable = {
        pattern.name
        for pattern in _api_patterns()
        if any(hasattr(pattern.callback.view_class, method) for method in ("post", "put", "patch"))
    }
    assert writable == set(ENDPOINTS)


def _api_patterns():
    from django.urls import URLResolver, get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif (prefix + str(pattern.pattern)).startswith("api/v1/"):
                yield pattern

    return list(walk(get_resolver().url_patterns))


@pytest.mark.parametrize("name", ENDPOINTS)
def test_a_bad_character_in_any_field_value_is_a_400_naming_the_field(cast, api, endpoints, name):
    endpoint = endpoints[name]
    for payload, bad_field in poisoned_values(endpoint.payload):
        before = everything(but_the_access_log=endpoint.logs_access)
        response = send_json(api, endpoint, payload)
        assert response.status_code == 400, (bad_field, response.content)
        assert response.json() == {bad_field: [MESSAGE]}
        assert everything(but_the_access_log=endpoint.logs_access) == before
    assert send_json(api, endpoint, endpoint.payload).status_code in endpoint.ok


@pytest.mark.parametrize("name", ENDPOINTS)
@pytest.mark.parametrize(
    "bad_name, shown",
    [(SURROGATE, "\\ud800"), (f"mo{SURROGATE}od", "mo\\ud800od"), ("\udfff\ud800", "\\udfff\\ud800")],
)
def test_a_bad_character_in_a_field_name_is_a_400_naming_it_printably(cast, api, endpoints, name, bad_name, shown):
    endpoint = endpoints[name]
    before = everything(but_the_access_log=endpoint.logs_access)
    response = send_json(api, endpoint, {**endpoint.payload, bad_name: 1})
    assert response.status_code == 400
    assert response.json() == {shown: [MESSAGE]}
    assert everything(but_the_access_log=endpoint.logs_access) == before
    assert send_json(api, endpoint, endpoint.payload).status_code in endpoint.ok


@pytest.mark.parametrize("name", ["api-checkins", "api-consent"])
def test_a_bad_field_name_nested_inside_an_object_is_refused_too(cast, api, endpoints, name):
    endpoint = endpoints[name]
    nested = {"api-checkins": "custom", "api-consent": "include_earlier"}[name]
    before = everything()
    response = send_json(api, endpoint, {**endpoint.payload, nested: {SURROGATE: True}})
    assert response.status_code == 400
    assert response.json() == {nested: [MESSAGE]}
    assert everything() == before


def test_a_body_that_is_not_an_object_is_refused_too(cast, api, endpoints):
    before = everything()
    response = send_json(api, endpoints["api-checkins"], [SURROGATE])
    assert (response.status_code, response.json()) == (400, {"non_field_errors": [MESSAGE]})
    assert everything() == before


def test_json_nested_a_thousand_deep_is_a_400_not_a_crash(cast, api, endpoints):
    endpoint = endpoints["api-checkins"]
    body = "[" * 100_000 + "]" * 100_000
    response = api.post(endpoint.url, body, content_type="application/json", **endpoint.auth)
    assert response.status_code == 400


# UTF-7 spells U+D800 as "+2AA-" (its "+" percent-encoded, or it is a space). A form body and a query string
# are decoded in the charset the request names, so they can carry a lone surrogate too.
UTF7_FORM = "application/x-www-form-urlencoded; charset=utf-7"
UTF7_SURROGATE = "%2B2AA-"


@pytest.mark.parametrize("name", ["api-token", "api-me", "api-checkins"])
def test_a_form_body_in_a_charset_that_can_spell_a_surrogate_is_refused(cast, api, endpoints, name):
    endpoint = endpoints[name]
    first, value = next(iter(endpoint.payload.items()))
    before = everything()
    body = f"{first}={value}{UTF7_SURROGATE}"
    response = getattr(api, endpoint.method)(endpoint.url, body, content_type=UTF7_FORM, **endpoint.auth)
    assert (response.status_code, response.json()) == (400, {first: [MESSAGE]})
    assert everything() == before


@pytest.mark.parametrize(
    "url_name, args, user",
    [("api-help-requests", [], "health"), ("api-school-aggregates", ["school_a"], "health"), ("api-me", [], "private")],
)
def test_a_bad_character_in_a_query_string_is_a_400(cast, api, url_name, args, user):
    url = reverse(url_name, args=[getattr(cast, arg).pk for arg in args])
    login(api, getattr(cast, user))
    response = api.get(f"{url}?status={UTF7_SURROGATE}", content_type="text/plain; charset=utf-7")
    assert (response.status_code, response.json()) == (400, {"status": [MESSAGE]})


# The pages' forms, posted as multipart (Django reads urlencoded forms as UTF-8 only, but a multipart body in
# the charset it names) with a surrogate spelt in UTF-7.
PAGE_FORMS = [
    ("frontend:login", [], None, {"username": "private{bad}", "password": "x"}),
    ("frontend:logout", [], "private", {"x": "{bad}"}),
    ("frontend:set_language", [], "private", {"language": "sv{bad}"}),
    ("frontend:checkin", [], "private", {"mood": "3", "reflection": "hej{bad}"}),
    ("frontend:instrument", ["who5"], "private", {"answer_1": "3{bad}"}),
    ("frontend:privacy", [], "private", {"scores_to_teachers": "on{bad}"}),
    ("frontend:help_request", [], "private", {"{bad}": "1"}),
    ("frontend:help_request_status", ["help_request"], "health", {"status": "seen{bad}"}),
    ("set_language", [], None, {"language": "sv{bad}"}),
    ("admin:login", [], None, {"username": "admin{bad}", "password": "x"}),
]


def utf7_multipart(fields: dict[str, str]) -> tuple[bytes, str]:
    boundary = "wellbeing-test-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in fields.items()
    ]
    body = "".join(parts) + f"--{boundary}--\r\n"
    # The charset quoted: the test client would otherwise re-encode the body in it.
    return body.encode("ascii"), f'multipart/form-data; boundary={boundary}; charset="utf-7"'


@pytest.mark.parametrize("url_name, args, user, fields", PAGE_FORMS)
def test_a_page_form_with_a_bad_character_gets_a_friendly_page_and_changes_nothing(
    cast, client, url_name, args, user, fields
):
    SchoolInstrument.objects.create(school=cast.school_a, instrument="who5")
    objects = {"help_request": lambda: help_request_create(student=cast.sharer).pk, "who5": lambda: "who5"}
    url = reverse(url_name, args=[objects[arg]() for arg in args])
    login(client, getattr(cast, user) if user else None)
    body, content_type = utf7_multipart(
        {name.format(bad="+2AA-"): value.format(bad="+2AA-") for name, value in fields.items()}
    )
    before = everything()
    response = client.post(url, body, content_type=content_type)
    assert response.status_code == 400
    page = response.content.decode()
    assert PAGE_TEXT in page
    assert '<html lang="en">' in page  # the site's own page, in the visitor's language
    assert everything() == before


def test_a_urlencoded_form_in_another_charset_gets_the_same_page(cast, client):
    body = f"username=private{UTF7_SURROGATE}&password=x"
    response = client.post(reverse("frontend:login"), body, content_type=UTF7_FORM)
    assert response.status_code == 400
    assert PAGE_TEXT in response.content.decode()


def test_a_page_query_string_with_a_bad_character_gets_the_same_page(cast, client):
    url = reverse("frontend:login") + f"?next=/{UTF7_SURROGATE}"
    response = client.get(url, CONTENT_TYPE="text/plain; charset=utf-7")
    assert response.status_code == 400
    assert PAGE_TEXT in response.content.decode()


def test_ordinary_non_ascii_text_is_welcome(cast, api, endpoints):
    endpoint = endpoints["api-checkins"]
    payload = {**endpoint.payload, "reflection": "Blåbär, smörgås og ærfugl 😀"}
    response = send_json(api, endpoint, payload)
    assert response.status_code == 201
    assert response.json()["reflection"] == "Blåbär, smörgås og ærfugl 😀"
