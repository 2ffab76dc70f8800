"""Every door of the API and the pages, for every role of the matrix (tests/matrix.py).

Each endpoint and page names who may pass, from the matrix; everyone else signed in gets 404, an anonymous
API call 401 and an anonymous page the login page. A last test makes sure no URL of the API or the pages
is missing from these tables.
"""

import pytest
from django.urls import get_resolver, reverse

from analytics import services
from analytics.models import HelpRequest
from surveys.models import SchoolInstrument

from .conftest import login
from .factories import CheckinFactory
from .matrix import DOORS, GROUP_AGGREGATE_VIEWERS, ROLES, SCHOOL_AGGREGATE_VIEWERS, STAFF, STUDENTS, viewer_for

SIGNED_IN = set(ROLES) - {"anonymous"}
HEALTH_OF_SCHOOL_A = {"health"}


@pytest.fixture
def doors(cast, chart_cache):
    """What the doors open onto: this week's check-ins of the two students, a questionnaire, a request."""
    SchoolInstrument.objects.create(school=cast.school_a, instrument="who5")
    for student in (cast.sharer, cast.classmate):
        CheckinFactory(student=student, mood=3)
    request = services.help_request_create(student=cast.private)
    return {"group": cast.group_a.pk, "school": cast.school_a.pk, "request": request.pk}


# (url name, arguments, method, who passes). POSTs carry an empty body: past the door it is a 400 or a
# redirect, never a 404.
API = [
    ("api-me", [], "get", SIGNED_IN),
    ("api-consent", [], "get", STUDENTS),
    ("api-access-log", [], "get", STUDENTS),
    ("api-checkins", [], "get", STUDENTS),
    ("api-checkin-current", [], "get", STUDENTS),
    ("api-instruments", [], "get", STUDENTS),
    ("api-instrument-submit", ["who5"], "post", STUDENTS),
    ("api-my-help-request", [], "get", STUDENTS),
    ("api-groups", [], "get", STAFF),
    ("api-group-aggregates", ["group"], "get", GROUP_AGGREGATE_VIEWERS),
    ("api-group-students", ["group"], "get", GROUP_AGGREGATE_VIEWERS),
    ("api-school-aggregates", ["school"], "get", SCHOOL_AGGREGATE_VIEWERS),
    ("api-help-requests", [], "get", DOORS["health"]),
    ("api-help-request-status", ["request"], "post", HEALTH_OF_SCHOOL_A),
]
PAGES = [
    ("frontend:checkin", [], "get", STUDENTS),
    ("frontend:history", [], "get", STUDENTS),
    ("frontend:history_chart", [], "get", STUDENTS),
    ("frontend:privacy", [], "get", STUDENTS),
    ("frontend:instrument", ["who5"], "get", STUDENTS),
    ("frontend:help_request", [], "post", STUDENTS),
    ("frontend:group_list", [], "get", STAFF),
    ("frontend:group_detail", ["group"], "get", GROUP_AGGREGATE_VIEWERS),
    ("frontend:help_requests", [], "get", DOORS["health"]),
    ("frontend:help_request_status", ["request"], "post", HEALTH_OF_SCHOOL_A),
]
# Open to everyone, or to anyone signed in, by design: signing in and out, the start page, the language.
OPEN = {
    "api-token",
    "api-logout",
    "api-logout-all",
    "frontend:home",
    "frontend:login",
    "frontend:logout",
    "frontend:set_language",
}


def _url(name, args, doors):
    return reverse(name, args=[doors.get(arg, arg) for arg in args])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "method", "passes"), API, ids=[row[0] for row in API])
def test_every_api_door(cast, api, doors, role, name, args, method, passes):
    if role != "anonymous":
        login(api, viewer_for(cast, role))
    status = getattr(api, method)(_url(name, args, doors), {}, format="json").status_code
    if role == "anonymous":
        assert status == 401
    elif role in passes:
        assert status not in (401, 403, 404), status
    else:
        assert status == 404


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "args", "method", "passes"), PAGES, ids=[row[0] for row in PAGES])
def test_every_page_door(cast, client, doors, role, name, args, method, passes):
    if role != "anonymous":
        client.force_login(viewer_for(cast, role))
    if name == "frontend:history_chart" and role in passes:
        services.student_chart_render(student_id=viewer_for(cast, role).pk)  # a chart to open: drawn by a worker
    response = getattr(client, method)(_url(name, args, doors))
    if role == "anonymous":
        assert response.status_code == 302 and "/login/" in response["Location"]
    elif role in passes:
        assert response.status_code not in (403, 404), response.status_code
    else:
        assert response.status_code == 404


@pytest.mark.parametrize("role", ROLES)
def test_the_admin_site_door(cast, client, role):
    if role != "anonymous":
        client.force_login(viewer_for(cast, role))
    response = client.get("/admin/")
    if role in DOORS["admin_site"]:
        assert response.status_code == 200
    else:
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_every_url_of_the_api_and_the_pages_is_behind_a_door_in_these_tables():
    covered = {row[0] for row in API + PAGES} | OPEN
    names = set()
    for pattern in get_resolver().url_patterns:
        names |= _names(pattern)
    ours = {n for n in names if n.startswith(("api-", "frontend:"))}
    ours -= {"api-docs", "api-redoc"}  # the API's documentation, public like the schema
    assert ours == covered


def _names(pattern, namespace=""):
    if hasattr(pattern, "url_patterns"):
        inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
        found = set()
        for child in pattern.url_patterns:
            found |= _names(child, inner)
        return found
    return {f"{namespace}{pattern.name}"} if pattern.name else set()


def test_the_request_the_doors_open_onto_is_the_only_one(doors):
    assert HelpRequest.objects.count() == 1


def test_the_admin_site_is_the_gated_one_and_shows_no_student_data_or_token():
    from django.apps import apps
    from django.contrib import admin

    from wellbeing.gates import WellbeingAdminSite

    assert isinstance(admin.site, WellbeingAdminSite)
    registered = {model._meta.label for model in admin.site._registry}
    # No check-in, reflection, score, request for help or token is readable in the admin, by anyone.
    for app in ("surveys", "analytics", "knox"):
        models = {m._meta.label for m in apps.get_app_config(app).get_models()} if app != "knox" else set()
        assert not (registered & models) - {"surveys.CustomItem", "surveys.Schedule", "surveys.SchoolInstrument"}
    assert not any(label.startswith(("knox.", "authtoken.")) for label in registered)
    assert "surveys.Checkin" not in registered and "analytics.CheckinScore" not in registered


def test_the_old_clear_text_token_table_is_gone(db):
    from django.db import connection

    assert "authtoken_token" not in connection.introspection.table_names()
