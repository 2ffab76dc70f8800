import pytest
from django.urls import reverse

from surveys.models import Checkin

from ..conftest import login
from ..factories import CheckinFactory

URL = reverse("api-checkins")


def test_it_submits_and_lists_my_checkins(cast, api):
    login(api, cast.private)
    created = api.post(URL, {"mood": 4, "reflection": "Good week", "language": "en"}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["mood"] == 4
    edited = api.post(URL, {"mood": 2, "reflection": "Actually not great"}, format="json")
    assert edited.status_code == 200
    assert edited.json()["id"] == created.json()["id"]
    listed = api.get(URL).json()
    assert [(c["mood"], c["reflection"]) for c in listed] == [(2, "Actually not great")]


def test_it_lists_only_my_own_checkins(cast, api):
    CheckinFactory(student=cast.classmate, reflection="secret of classmate")
    mine = CheckinFactory(student=cast.private, mood=5)
    login(api, cast.private)
    assert [c["id"] for c in api.get(URL).json()] == [mine.pk]


def test_it_shows_the_current_week(cast, api):
    login(api, cast.private)
    assert api.get(reverse("api-checkin-current")).status_code == 404
    api.post(URL, {"mood": 3}, format="json")
    assert api.get(reverse("api-checkin-current")).json()["mood"] == 3


@pytest.mark.parametrize(
    "payload, field",
    [
        ({}, "mood"),
        ({"mood": 0}, "mood"),
        ({"mood": 6}, "mood"),
        ({"mood": "great"}, "mood"),
        ({"mood": None}, "mood"),
        ({"mood": 3, "reflection": "x" * 2001}, "reflection"),
        ({"mood": 3, "language": "de"}, "language"),
        ({"mood": 3, "reflection": ["not", "text"]}, "reflection"),
    ],
)
def test_it_rejects_bad_input_with_field_errors_and_changes_nothing(cast, api, payload, field):
    login(api, cast.private)
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Checkin.objects.exists()


def test_it_rejects_a_body_that_is_not_an_object(cast, api):
    login(api, cast.private)
    response = api.post(URL, [1, 2, 3], format="json")
    assert response.status_code == 400
    assert not Checkin.objects.exists()


def test_it_rejects_malformed_json(cast, api):
    login(api, cast.private)
    response = api.post(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert not Checkin.objects.exists()


@pytest.mark.parametrize("role", ["teacher", "health", "admin"])
def test_it_is_for_students_only(cast, api, role):
    login(api, getattr(cast, role))
    assert api.get(URL).status_code == 404
    assert api.post(URL, {"mood": 3}, format="json").status_code == 404
    assert not Checkin.objects.exists()


def test_it_requires_login(cast, api):
    assert api.get(URL).status_code == 401
    assert api.post(URL, {"mood": 3}, format="json").status_code == 401
    assert not Checkin.objects.exists()


def test_it_accepts_token_auth(cast, api):
    from knox.models import AuthToken

    _instance, token = AuthToken.objects.create(user=cast.private)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post(URL, {"mood": 5}, format="json").status_code == 201


def test_it_issues_a_token_for_a_valid_password_only(cast, api):
    url = reverse("api-token")
    assert api.post(url, {"username": "private", "password": "wrong"}, format="json").status_code == 400
    response = api.post(url, {"username": "private", "password": "pw-for-tests-1"}, format="json")
    assert response.status_code == 200
    assert response.json()["token"]


def test_it_accepts_every_item(cast, api):
    cast.group_a.subject = "Engelska"
    cast.group_a.save()
    login(api, cast.private)
    payload = {
        "mood": 4,
        "energy": 3,
        "stress": 2,
        "sleep": 5,
        "belonging": 4,
        "workload": "about_right",
        "hardest_subject": "Engelska",
        "help_wanted": ["together", "breaks"],
        "reflection": "Bra vecka",
        "contact_request": False,
    }
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert {key: body[key] for key in payload} == payload


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"mood": 3, "energy": 9}, "energy"),
        ({"mood": 3, "stress": "very"}, "stress"),
        ({"mood": 3, "workload": "meh"}, "workload"),
        ({"mood": 3, "help_wanted": ["nap"]}, "help_wanted"),
        ({"mood": 3, "help_wanted": "breaks"}, "help_wanted"),
        ({"mood": 3, "hardest_subject": "Astrology"}, "hardest_subject"),
        ({"mood": 3, "contact_request": "please"}, "contact_request"),
        ({"mood": 3, "favourite_colour": "blue"}, "favourite_colour"),
    ],
)
def test_it_rejects_bad_answers_to_any_item(cast, api, payload, field):
    login(api, cast.private)
    response = api.post(URL, payload, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Checkin.objects.exists()
