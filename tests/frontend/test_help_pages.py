"""Help request pages: the student's help box on the check-in page, and student health's queue."""

import pytest
from django.urls import reverse

from analytics.models import HelpRequest, HelpRequestEvent
from analytics.services import help_request_create, help_request_set_status
from wellbeing.models import AccessLog

from ..factories import MembershipFactory, StudentFactory, submit
from .pages import STAFF, STUDENTS, as_viewer, assert_login_redirect, section, text

Status = HelpRequest.Status
CHECKIN = reverse("frontend:checkin")
ASK = reverse("frontend:help_request")
QUEUE = reverse("frontend:help_requests")
ASK_BUTTON = "I would like someone from student health to contact me"


def _status_url(request: HelpRequest) -> str:
    return reverse("frontend:help_request_status", args=[request.pk])


def _help_box(response) -> str:
    return text(section(response.content, "help"))


@pytest.fixture
def asked(cast) -> HelpRequest:
    """The private student (renamed, so the name is unmistakable) ticked "contact me" in this week's check-in."""
    cast.private.first_name, cast.private.last_name = "Petra", "Private"
    cast.private.save(update_fields=["first_name", "last_name"])
    submit(cast.private, mood=1, contact_request=True)
    return HelpRequest.objects.get()


# The student's side


def test_the_checkin_page_offers_the_button_and_the_swedish_helplines(cast, client):
    response = as_viewer(client, cast, "private").get(CHECKIN)

    assert response.status_code == 200
    box = _help_box(response)
    assert ASK_BUTTON in box
    assert "will see your name" in box
    for line in ["BRIS 116 111", "Mind Självmordslinjen 90101", "SOS Alarm 112"]:
        assert line in box
    html = section(response.content, "help")
    for tel in ['href="tel:116111"', 'href="tel:90101"', 'href="tel:112"']:
        assert tel in html
    # With the check-in open, the button belongs to the check-in form: what is typed goes with the request.
    assert 'form="checkin-form" name="ask_contact"' in html
    assert 'id="checkin-form"' in response.content.decode()
    assert "800 33 321" not in box


def test_a_norwegian_student_sees_the_norwegian_helplines(cast, client):
    norwegian = StudentFactory(school=cast.school_b)
    MembershipFactory(group=cast.group_other_school, user=norwegian)
    client.force_login(norwegian)

    response = client.get(CHECKIN)

    box = _help_box(response)
    for line in ["Kors på halsen 800 33 321", "Mental Helse 116 123", "113"]:
        assert line in box
    html = section(response.content, "help")
    for tel in ['href="tel:80033321"', 'href="tel:116123"', 'href="tel:113"']:
        assert tel in html
    assert "116 111" not in box
    assert "90101" not in box


def test_the_helplines_are_there_without_a_checkin_window(cast, client):
    lonely = StudentFactory(school=cast.school_a)  # in no group, so no check-in this week
    client.force_login(lonely)
    response = client.get(CHECKIN)
    box = _help_box(response)
    assert "BRIS 116 111" in box
    assert ASK_BUTTON in box
    assert f'action="{ASK}"' in section(response.content, "help")  # no check-in form: the button asks alone


def test_the_help_button_saves_what_was_typed_with_the_request(cast, client):
    as_viewer(client, cast, "private")
    words = "Jag vill prata med någon om hemma"
    response = client.post(CHECKIN, {"mood": "2", "reflection": words, "ask_contact": "1"}, follow=True)
    assert response.redirect_chain == [(CHECKIN, 302)]
    assert "Your check-in is saved and your request is sent." in text(response.content)
    [request] = HelpRequest.objects.all()
    checkin = request.checkin
    assert (checkin.student, checkin.mood, checkin.reflection, checkin.contact_request) == (
        cast.private,
        2,
        words,
        True,
    )
    assert request.asked and "Your request to student health: Sent" in _help_box(response)


def test_the_help_button_with_an_unfinished_checkin_sends_the_request_and_keeps_the_words(cast, client):
    as_viewer(client, cast, "private")
    words = "I'd like to talk to someone"
    response = client.post(CHECKIN, {"reflection": words, "energy": "2", "ask_contact": "1"})  # no mood
    assert response.status_code == 200
    page = text(response.content)
    assert "Your request is sent" in page and "Your check-in is not saved yet" in page
    assert words in response.content.decode().replace("&#x27;", "'")  # still in the text box
    assert 'name="energy" value="2" id="id_energy_1" checked' in response.content.decode()
    [request] = HelpRequest.objects.all()
    assert (request.student, request.checkin, request.asked) == (cast.private, None, True)
    from surveys.models import Checkin

    assert not Checkin.objects.exists()
    # Saving the check-in afterwards links nothing twice: the open request stays the one request.
    client.post(CHECKIN, {"mood": "2", "reflection": words, "contact_request": "on"})
    assert HelpRequest.objects.count() == 1 and Checkin.objects.get().contact_request


def test_a_student_asks_with_the_button_and_sees_it_is_sent(cast, client):
    as_viewer(client, cast, "private")

    response = client.post(ASK, follow=True)

    assert response.redirect_chain == [(CHECKIN, 302)]
    assert "Your request is sent." in text(response.content)
    [request] = HelpRequest.objects.all()
    assert (request.student, request.checkin, request.status) == (cast.private, None, Status.NEW)
    box = _help_box(response)
    assert "Your request to student health: Sent" in box
    assert ASK_BUTTON not in box
    assert "BRIS 116 111" in box  # the helplines stay


def test_asking_twice_makes_one_request(cast, client):
    as_viewer(client, cast, "private")
    client.post(ASK)
    response = client.post(ASK, follow=True)
    assert "You have already asked." in text(response.content)
    assert HelpRequest.objects.count() == 1


def test_ticking_the_box_in_the_checkin_form_makes_a_request(cast, client):
    response = as_viewer(client, cast, "private").post(CHECKIN, {"mood": "1", "contact_request": "on"}, follow=True)
    [request] = HelpRequest.objects.all()
    assert request.checkin.student == cast.private
    assert "Your request to student health: Sent" in _help_box(response)


@pytest.mark.parametrize(
    ("steps", "shown"),
    [
        ([Status.SEEN], "Seen by student health"),
        ([Status.SEEN, Status.CONTACT_PLANNED], "Someone will contact you"),
    ],
)
def test_the_student_follows_the_status(cast, client, asked, steps, shown):
    for status in steps:
        help_request_set_status(request=asked, actor=cast.health, status=status)
    box = _help_box(as_viewer(client, cast, "private").get(CHECKIN))
    assert f"Your request to student health: {shown}" in box
    assert ASK_BUTTON not in box


def test_after_closing_the_student_can_ask_again(cast, client, asked):
    help_request_set_status(request=asked, actor=cast.health, status=Status.CLOSED)
    box = _help_box(as_viewer(client, cast, "private").get(CHECKIN))
    assert ASK_BUTTON in box
    assert "Your request to student health" not in box


@pytest.mark.parametrize("viewer", STAFF)
def test_staff_cannot_ask_for_a_student(cast, client, viewer):
    assert as_viewer(client, cast, viewer).post(ASK).status_code == 404
    assert not HelpRequest.objects.exists()


def test_asking_needs_a_login_and_a_post(cast, client):
    assert_login_redirect(client.post(ASK), ASK)
    assert as_viewer(client, cast, "private").get(ASK).status_code == 405
    assert not HelpRequest.objects.exists()


# Student health's queue


@pytest.mark.parametrize("viewer", [*STUDENTS, *STAFF, None])
def test_the_queue_is_only_for_health_staff_and_shows_their_schools_requests(cast, client, asked, viewer):
    response = as_viewer(client, cast, viewer).get(QUEUE)

    if viewer is None:
        assert_login_redirect(response, QUEUE)
        return
    if viewer not in {"health", "health_other_school"}:
        assert response.status_code == 404
        assert b"Petra Private" not in response.content
        assert not AccessLog.objects.exists()
        return
    assert response.status_code == 200
    page = text(response.content)
    assert "Safety comes before consent" in page
    if viewer == "health_other_school":
        assert "Petra Private" not in page
        assert "No open help requests." in page
        return
    assert "Petra Private 8A · Skola A" in page
    assert "Status: Sent" in page
    assert "Mark as seen" in page
    assert f'action="{_status_url(asked)}"' in response.content.decode()


def test_the_queue_lists_open_requests_newest_first(cast, client, asked):
    other = StudentFactory(school=cast.school_a, first_name="Nils", last_name="Newer")
    MembershipFactory(group=cast.group_b, user=other)
    help_request_create(student=other, checkin=None)
    gone = StudentFactory(school=cast.school_a, first_name="Carl", last_name="Closed")
    help_request_set_status(
        request=help_request_create(student=gone, checkin=None), actor=cast.health, status=Status.CLOSED
    )

    page = text(as_viewer(client, cast, "health").get(QUEUE).content)

    assert page.index("Nils Newer 8B") < page.index("Petra Private 8A")
    assert "Carl Closed" not in page


def test_opening_the_queue_is_written_to_the_students_access_log(cast, client, asked):
    as_viewer(client, cast, "health").get(QUEUE)
    [entry] = AccessLog.objects.all()
    assert (entry.viewer, entry.student, entry.what) == (cast.health, cast.private, AccessLog.What.HELP)


def test_health_staff_move_a_request_on_and_the_queue_says_who(cast, client, asked):
    as_viewer(client, cast, "health")

    response = client.post(_status_url(asked), {"status": "seen"}, follow=True)

    assert response.redirect_chain == [(QUEUE, 302)]
    page = text(response.content)
    assert "The request is now “Seen by student health”." in page
    assert "Status: Seen by student health" in page
    assert f"Last changed by {cast.health.display_name}" in page
    assert "Contact is planned" in page
    event = HelpRequestEvent.objects.latest("id")
    assert (event.actor, event.from_status, event.to_status) == (cast.health, "sent", "seen")

    client.post(_status_url(asked), {"status": "contact_planned"})
    client.post(_status_url(asked), {"status": "closed"})
    assert HelpRequest.objects.get().status == Status.CLOSED
    assert "Petra Private" not in text(client.get(QUEUE).content)


OUTSIDERS = ["sharer", "private", "teacher", "teacher_other_school", "health_other_school", "admin"]


@pytest.mark.parametrize("viewer", OUTSIDERS)
def test_outsiders_cannot_change_a_request(cast, client, asked, viewer):
    response = as_viewer(client, cast, viewer).post(_status_url(asked), {"status": "seen"})
    assert response.status_code == 404
    assert HelpRequest.objects.get().status == Status.NEW


def test_changing_a_request_needs_a_login(cast, client, asked):
    url = _status_url(asked)
    assert_login_redirect(client.post(url, {"status": "seen"}), url)
    assert HelpRequest.objects.get().status == Status.NEW


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"status": "archived"}, "Choose one of the given statuses."),
        ({}, "Choose what to change the request to."),
        ({"status": "contact_planned"}, "cannot be changed to “Someone will contact you”"),
    ],
)
def test_bad_input_gets_a_friendly_message_and_changes_nothing(cast, client, asked, data, message):
    response = as_viewer(client, cast, "health").post(_status_url(asked), data)

    assert response.status_code == 400
    page = text(response.content)
    assert message in page
    assert "Nothing was changed." in page
    assert HelpRequest.objects.get().status == Status.NEW
    assert HelpRequestEvent.objects.count() == 1


def test_a_request_that_does_not_exist_is_404_and_get_is_405(cast, client, asked):
    as_viewer(client, cast, "health")
    missing = reverse("frontend:help_request_status", args=[asked.pk + 1000])
    assert client.post(missing, {"status": "seen"}).status_code == 404
    assert client.get(_status_url(asked)).status_code == 405


def test_health_staff_get_a_nav_link_to_the_queue(cast, client):
    groups = reverse("frontend:group_list")
    assert f'href="{QUEUE}"' in as_viewer(client, cast, "health").get(groups).content.decode()
    assert f'href="{QUEUE}"' not in as_viewer(client, cast, "teacher").get(groups).content.decode()


def test_a_reflection_of_concern_is_in_the_queue_first_with_its_level_and_categories_but_not_its_words(
    cast, client, asked
):
    from analytics.services import checkin_score

    from ..factories import CheckinFactory

    cast.classmate.first_name, cast.classmate.last_name = "Clara", "Classmate"
    cast.classmate.save(update_fields=["first_name", "last_name"])
    words = "I have decided to kill myself tonight, I have the pills ready"
    checkin_score(checkin_id=CheckinFactory(student=cast.classmate, reflection=words).pk)
    page = text(as_viewer(client, cast, "health").get(QUEUE).content)
    assert page.index("Clara Classmate") < page.index("Petra Private")  # emergency before an older plain ask
    assert "Emergency: Plan or intent to die" in page
    assert "Raised" in page
    assert "pills" not in page and "kill myself" not in page
    # The student who was raised does not see a request they did not make as their own.
    box = _help_box(as_viewer(client, cast, "classmate").get(CHECKIN))
    assert "Your request to student health" not in box
