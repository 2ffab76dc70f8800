import pytest
from django.urls import reverse

from wellbeing.models import AccessLog, ConsentEvent
from wellbeing.services import access_log_record

from ..conftest import login

CONSENT = reverse("api-consent")


def test_it_shows_and_changes_my_consent(cast, api):
    login(api, cast.private)
    off = {"scores_to_teachers": False, "text_to_teachers": False, "trends_to_health": False}
    assert api.get(CONSENT).json() == {
        **off,
        "shared_since": dict.fromkeys(off),
        "include_earlier": off,
    }
    response = api.patch(CONSENT, {"scores_to_teachers": True}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert body["scores_to_teachers"] is True and body["shared_since"]["scores_to_teachers"] is not None
    assert body["include_earlier"]["scores_to_teachers"] is False  # from now on, unless the student says so
    assert ConsentEvent.objects.filter(student=cast.private, changed_by=cast.private).count() == 1
    response = api.patch(CONSENT, {"include_earlier": {"scores_to_teachers": True}}, format="json")
    assert response.json()["include_earlier"]["scores_to_teachers"] is True
    assert ConsentEvent.objects.filter(student=cast.private, include_earlier=True).count() == 1
    bad = api.patch(CONSENT, {"include_earlier": {"everything": True}}, format="json")
    assert bad.status_code == 400 and "include_earlier" in bad.json()


@pytest.mark.parametrize(
    "payload",
    [{}, {"everything": True}, {"scores_to_teachers": "maybe"}, {"scores_to_teachers": True, "extra": 1}, [True]],
)
def test_it_rejects_bad_consent_input_and_changes_nothing(cast, api, payload):
    login(api, cast.private)
    response = api.patch(CONSENT, payload, format="json")
    assert response.status_code == 400
    assert response.json()
    assert not ConsentEvent.objects.filter(student=cast.private).exists()


@pytest.mark.parametrize("role", ["teacher", "health", "admin"])
def test_consent_is_for_students_only(cast, api, role):
    login(api, getattr(cast, role))
    assert api.get(CONSENT).status_code == 404
    assert api.patch(CONSENT, {"scores_to_teachers": True}, format="json").status_code == 404


def test_consent_requires_login(api):
    assert api.get(CONSENT).status_code == 401


def test_it_shows_who_viewed_my_data(cast, api):
    access_log_record(viewer=cast.teacher, students=[cast.sharer], what=AccessLog.What.SCORES, context="group 1")
    access_log_record(viewer=cast.teacher, students=[cast.classmate], what=AccessLog.What.SCORES)
    login(api, cast.sharer)
    [entry] = api.get(reverse("api-access-log")).json()
    assert (entry["viewer"], entry["what"]) == (cast.teacher.display_name, "scores")


def test_the_access_log_is_for_students_only(cast, api):
    login(api, cast.teacher)
    assert api.get(reverse("api-access-log")).status_code == 404


def test_me_says_who_i_am(cast, api):
    login(api, cast.teacher)
    body = api.get(reverse("api-me")).json()
    assert (body["username"], body["is_student"]) == ("teacher", False)
    assert api.logout() is None
    assert api.get(reverse("api-me")).status_code == 401


def test_the_schema_and_docs_are_served(api):
    schema = api.get(reverse("schema"))
    assert schema.status_code == 200
    assert b"/api/v1/checkins/" in schema.content
    docs = api.get(reverse("api-docs"))
    assert docs.status_code == 200
    assert b"swagger-ui" in docs.content


def test_the_schema_describes_every_endpoint_without_warnings(tmp_path):
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--file", str(target))
    schema = target.read_text()
    for path in ("/api/v1/checkins/", "/api/v1/me/consent/", "/api/v1/groups/{group_id}/students/"):
        assert f"{path}:" in schema
