"""Help requests: made with the check-in, worked by student health, seen by the student."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from analytics.models import HelpRequest, HelpRequestEvent
from analytics.selectors import (
    help_request_current_for_student,
    help_request_get_for_viewer,
    help_request_list_for_viewer,
)
from analytics.services import help_request_create, help_request_set_status
from surveys.models import Checkin
from wellbeing.models import AccessLog
from wellbeing.services import ApplicationError

from ..conftest import login
from ..factories import MembershipFactory, StudentFactory, submit

Status = HelpRequest.Status
VIEWERS = [
    "sharer",
    "private",
    "teacher",
    "teacher_b",
    "teacher_other_school",
    "health",
    "health_other_school",
    "admin",
]


def _history(request: HelpRequest) -> list[tuple]:
    return list(request.events.order_by("at", "id").values_list("actor__username", "from_status", "to_status"))


@pytest.fixture
def asked(cast) -> HelpRequest:
    """The private student ticked "contact me" in this week's check-in."""
    submit(cast.private, mood=1, contact_request=True)
    return HelpRequest.objects.get()


# Made in the request, with the check-in


def test_it_makes_the_request_as_the_checkin_is_saved_without_a_worker(cast):
    # The test's transaction never commits, so no on-commit task can have run:
    # the request below was written by the submit call itself.
    checkin = submit(cast.private, mood=1, contact_request=True)

    [request] = HelpRequest.objects.all()
    assert (request.student, request.school, request.checkin, request.status) == (
        cast.private,
        cast.school_a,
        checkin,
        Status.NEW,
    )
    assert _history(request) == [("private", "", "sent")]


def test_it_makes_no_request_when_the_box_is_not_ticked(cast):
    submit(cast.private, mood=1)
    assert not HelpRequest.objects.exists()


def test_it_commits_or_rolls_back_together_with_the_checkin(cast):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        submit(cast.private, mood=1, contact_request=True)
        raise Boom

    assert not Checkin.objects.exists()
    assert not HelpRequest.objects.exists()


def test_it_makes_no_duplicate_while_a_request_is_open(cast, asked):
    submit(cast.private, mood=2, contact_request=True)  # the student edits the check-in
    again = help_request_create(student=cast.private, checkin=None)  # and presses the button

    assert again == asked
    assert HelpRequest.objects.count() == 1
    assert HelpRequestEvent.objects.count() == 1


def test_a_racing_second_ask_finds_the_winners_request(cast, asked, monkeypatch):
    # As if another request of the student inserted between our look-up and our insert.
    import analytics.services

    real = analytics.services.help_requests._help_request_existing
    lookups = []

    def miss_first(student, checkin):
        lookups.append(student)
        return None if len(lookups) == 1 else real(student, checkin)

    monkeypatch.setattr(analytics.services.help_requests, "_help_request_existing", miss_first)

    with transaction.atomic():  # as inside a check-in's transaction, which must stay usable
        assert help_request_create(student=cast.private, checkin=None) == asked
        assert HelpRequest.objects.count() == 1
    assert len(lookups) == 2  # the insert failed on the constraint and the second look-up found the winner


def test_the_database_refuses_a_second_open_request(cast, asked):
    now = timezone.now()
    with pytest.raises(IntegrityError), transaction.atomic():
        HelpRequest.objects.create(student=cast.private, school=cast.school_a, created_at=now, updated_at=now)


def test_it_makes_a_new_request_after_the_last_one_closed(cast, asked):
    help_request_set_status(request=asked, actor=cast.health, status=Status.CLOSED)

    new = help_request_create(student=cast.private, checkin=None)

    assert new != asked
    assert (new.status, new.checkin) == (Status.NEW, None)
    assert help_request_current_for_student(cast.private) == new
    assert HelpRequest.objects.count() == 2


def test_editing_the_checkin_does_not_reopen_its_closed_request(cast, asked):
    # The form keeps the box ticked on an edit; a check-in asks once. The
    # student can still ask again with the button.
    help_request_set_status(request=asked, actor=cast.health, status=Status.CLOSED)
    submit(cast.private, mood=3, contact_request=True)

    assert list(HelpRequest.objects.values_list("status", flat=True)) == [Status.CLOSED]
    assert help_request_current_for_student(cast.private) is None


def test_only_students_ask(cast):
    with pytest.raises(ApplicationError):
        help_request_create(student=cast.teacher, checkin=None)
    assert not HelpRequest.objects.exists()


def test_a_student_cannot_ask_with_someone_elses_checkin(cast):
    checkin = submit(cast.sharer, mood=3)
    with pytest.raises(ApplicationError):
        help_request_create(student=cast.private, checkin=checkin)
    assert not HelpRequest.objects.exists()


# Worked by student health


def test_it_moves_step_by_step_and_records_who_did_what(cast, asked):
    for status in (Status.SEEN, Status.CONTACT_PLANNED, Status.CLOSED):
        asked = help_request_set_status(request=asked, actor=cast.health, status=status)
        assert HelpRequest.objects.get().status == status

    assert _history(asked) == [
        ("private", "", "sent"),
        ("health", "sent", "seen"),
        ("health", "seen", "contact_planned"),
        ("health", "contact_planned", "closed"),
    ]


@pytest.mark.parametrize("status", [Status.NEW, Status.SEEN, Status.CONTACT_PLANNED])
def test_any_open_request_can_be_closed(cast, asked, status):
    HelpRequest.objects.update(status=status)
    assert help_request_set_status(request=asked, actor=cast.health, status=Status.CLOSED).status == Status.CLOSED


def test_the_same_status_again_changes_nothing(cast, asked):
    help_request_set_status(request=asked, actor=cast.health, status=Status.SEEN)
    help_request_set_status(request=asked, actor=cast.health, status=Status.SEEN)
    assert HelpRequestEvent.objects.count() == 2


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (Status.NEW, Status.CONTACT_PLANNED),
        (Status.SEEN, Status.NEW),
        (Status.CONTACT_PLANNED, Status.SEEN),
        (Status.CLOSED, Status.SEEN),
        (Status.CLOSED, Status.NEW),
        (Status.NEW, "archived"),
    ],
)
def test_it_refuses_a_step_that_is_not_allowed_and_changes_nothing(cast, asked, current, wanted):
    HelpRequest.objects.update(status=current)
    with pytest.raises(ApplicationError) as error:
        help_request_set_status(request=asked, actor=cast.health, status=wanted)
    assert error.value.field == "status"
    assert HelpRequest.objects.get().status == current
    assert HelpRequestEvent.objects.count() == 1


@pytest.mark.parametrize("actor", ["teacher", "admin", "health_other_school", "private"])
def test_only_health_staff_of_the_school_change_a_request(cast, asked, actor):
    with pytest.raises(ApplicationError):
        help_request_set_status(request=asked, actor=getattr(cast, actor), status=Status.SEEN)
    assert HelpRequest.objects.get().status == Status.NEW


# Read through the policy


@pytest.mark.parametrize("viewer", VIEWERS)
def test_only_health_staff_of_the_school_list_and_open_requests(cast, asked, viewer):
    user = getattr(cast, viewer)
    listed = help_request_list_for_viewer(user)

    if viewer == "health":
        assert listed == [asked]
        assert help_request_get_for_viewer(user, asked.pk) == asked
    else:
        assert listed == []
        with pytest.raises(Http404):
            help_request_get_for_viewer(user, asked.pk)


def test_the_list_shows_open_requests_newest_first_or_those_of_a_status(cast, asked):
    other = StudentFactory(school=cast.school_a)
    newer = help_request_create(student=other, checkin=None)
    closed_student = StudentFactory(school=cast.school_a)
    closed = help_request_set_status(
        request=help_request_create(student=closed_student, checkin=None), actor=cast.health, status=Status.CLOSED
    )

    assert help_request_list_for_viewer(cast.health) == [newer, asked]
    assert help_request_list_for_viewer(cast.health, status=Status.CLOSED) == [closed]


def test_listing_and_opening_are_written_to_the_students_access_log(cast, asked):
    help_request_list_for_viewer(cast.health)
    help_request_get_for_viewer(cast.health, asked.pk)

    rows = list(AccessLog.objects.values_list("viewer__username", "student__username", "what", "context"))
    assert sorted(rows) == [
        ("health", "private", "help", f"help request {asked.pk}"),
        ("health", "private", "help", "help requests"),
    ]


def test_outsiders_leave_no_access_log(cast, asked):
    help_request_list_for_viewer(cast.health_other_school)
    help_request_list_for_viewer(cast.teacher)
    assert not AccessLog.objects.exists()


# The API

LIST_URL = reverse("api-help-requests")
ME_URL = reverse("api-my-help-request")


def _status_url(request: HelpRequest) -> str:
    return reverse("api-help-request-status", args=[request.pk])


@pytest.mark.parametrize("viewer", [*VIEWERS, None])
def test_the_list_api_is_for_health_staff_only(cast, api, asked, viewer):
    response = login(api, getattr(cast, viewer) if viewer else None).get(LIST_URL)

    expected = {"health": 200, "health_other_school": 200, None: 401}.get(viewer, 404)
    assert response.status_code == expected
    if viewer == "health":
        [row] = response.json()
        assert row["id"] == asked.pk
        assert (row["student_id"], row["student_name"], row["groups"]) == (
            cast.private.pk,
            cast.private.display_name,
            ["8A"],
        )
        assert (row["status"], row["status_label"], row["from_checkin"]) == ("sent", "Sent", True)
        assert [(e["actor"], e["from_status"], e["to_status"]) for e in row["history"]] == [
            (cast.private.display_name, "", "sent")
        ]
    if viewer == "health_other_school":
        assert response.json() == []


def test_the_list_api_refuses_an_unknown_status_filter(cast, api, asked):
    response = login(api, cast.health).get(LIST_URL, {"status": "archived"})
    assert response.status_code == 400
    assert "status" in response.json()


def test_the_list_api_reads_in_a_fixed_number_of_queries(cast, api, asked):
    login(api, cast.health)
    api.get(LIST_URL)  # the session is warm
    with CaptureQueriesContext(connection) as one:
        api.get(LIST_URL)
    for _ in range(3):
        student = StudentFactory(school=cast.school_a)
        MembershipFactory(group=cast.group_b, user=student)
        help_request_create(student=student, checkin=None)
    with CaptureQueriesContext(connection) as four:
        response = api.get(LIST_URL)

    assert len(response.json()) == 4
    assert len(four) == len(one)


@pytest.mark.parametrize("viewer", [*VIEWERS, None])
def test_only_health_staff_of_the_school_change_the_status_through_the_api(cast, api, asked, viewer):
    response = login(api, getattr(cast, viewer) if viewer else None).post(
        _status_url(asked), {"status": "seen"}, format="json"
    )

    expected = {"health": 200, None: 401}.get(viewer, 404)
    assert response.status_code == expected
    if viewer == "health":
        assert (response.json()["status"], response.json()["status_label"]) == ("seen", "Seen by student health")
        assert HelpRequest.objects.get().status == Status.SEEN
        assert _history(asked)[-1] == ("health", "sent", "seen")
    else:
        assert HelpRequest.objects.get().status == Status.NEW


def test_the_status_api_gives_404_for_a_request_that_does_not_exist(cast, api, asked):
    response = login(api, cast.health).post(
        reverse("api-help-request-status", args=[asked.pk + 1000]), {"status": "seen"}
    )
    assert response.status_code == 404


@pytest.mark.parametrize(
    "body",
    [{"status": "archived"}, {"status": "contact_planned"}, {"status": ""}, {}, {"status": "seen", "note": "x"}],
)
def test_the_status_api_answers_bad_input_with_400_and_changes_nothing(cast, api, asked, body):
    response = login(api, cast.health).post(_status_url(asked), body, format="json")

    assert response.status_code == 400
    errors = response.json()
    assert ("note" in errors) if "note" in body else ("status" in errors)
    assert HelpRequest.objects.get().status == Status.NEW
    assert HelpRequestEvent.objects.count() == 1


def test_a_student_asks_through_the_api_once_and_sees_the_status(cast, api):
    login(api, cast.private)
    before = api.get(ME_URL).json()
    assert before["request"] is None

    first = api.post(ME_URL)
    second = api.post(ME_URL)

    assert (first.status_code, second.status_code) == (201, 200)
    assert first.json()["request"]["id"] == second.json()["request"]["id"]
    assert HelpRequest.objects.get().checkin is None
    now = api.get(ME_URL).json()["request"]
    assert (now["status"], now["status_label"]) == ("sent", "Sent")


def test_the_student_api_always_gives_the_helplines_of_the_schools_country(cast, api):
    norwegian = StudentFactory(school=cast.school_b)

    swedish_lines = login(api, cast.private).get(ME_URL).json()["helplines"]
    norwegian_lines = login(api, norwegian).get(ME_URL).json()["helplines"]

    assert [(h["name"], h["number"], h["tel"]) for h in swedish_lines] == [
        ("BRIS", "116 111", "116111"),
        ("Mind Självmordslinjen", "90101", "90101"),
        ("SOS Alarm", "112", "112"),
    ]
    assert [(h["number"], h["tel"]) for h in norwegian_lines] == [
        ("800 33 321", "80033321"),
        ("116 123", "116123"),
        ("113", "113"),
    ]


@pytest.mark.parametrize(("viewer", "expected"), [("teacher", 404), ("health", 404), (None, 401)])
def test_the_student_endpoint_is_for_students(cast, api, viewer, expected):
    client = login(api, getattr(cast, viewer) if viewer else None)
    assert client.get(ME_URL).status_code == expected
    assert client.post(ME_URL).status_code == expected
    assert not HelpRequest.objects.exists()
