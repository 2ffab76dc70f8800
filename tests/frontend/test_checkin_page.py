"""The student's weekly check-in page."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from surveys.models import Checkin
from wellbeing.models import ConsentScope
from wellbeing.services import ApplicationError, consent_set

from ..factories import CheckinFactory
from .pages import STAFF, as_viewer, assert_login_redirect, text

URL = reverse("frontend:checkin")
PRIVATE_NOTE = "Only you can read this. Your teachers cannot see it."
SHARED_NOTE = "Your teachers can read this because you chose to share your reflections."
SAFETY_NOTE = "If what you write suggests that you may be in danger or need support"
THANKS = "Thank you, your check-in is saved."


def _checked_moods(html: bytes) -> list[str]:
    inputs = re.findall(r'<input type="radio" name="mood"[^>]*>', html.decode())
    assert len(inputs) == 5
    return [re.search(r'value="(\d)"', tag).group(1) for tag in inputs if " checked" in tag]


def test_it_shows_this_weeks_empty_form(cast, client):
    response = as_viewer(client, cast, "private").get(URL)
    assert response.status_code == 200
    page = text(response.content)
    assert "How are you feeling this week?" in page
    for face_and_word in ["😞 Very bad", "🙁 Bad", "😐 Okay", "🙂 Good", "😄 Very good"]:
        assert face_and_word in page
    assert _checked_moods(response.content) == []
    assert b"<legend>How are you feeling this week?</legend>" in response.content
    assert b'maxlength="2000"' in response.content
    assert b'name="csrfmiddlewaretoken"' in response.content
    assert SAFETY_NOTE in page
    assert "Save my check-in" in page


def test_it_saves_a_checkin_and_thanks_the_student(cast, client):
    response = as_viewer(client, cast, "private").post(URL, {"mood": "4", "reflection": "  A good week  "}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert THANKS in text(response.content)
    [checkin] = Checkin.objects.all()
    assert (checkin.student, checkin.mood, checkin.reflection) == (cast.private, 4, "A good week")
    assert checkin.language == "en"  # the language the page was shown in


def test_it_saves_with_the_students_ui_language(cast, client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nb"
    response = as_viewer(client, cast, "private").post(URL, {"mood": "3", "reflection": "Helt greit"})
    assert response.status_code == 302
    assert Checkin.objects.get().language == "nb"


def test_it_edits_the_same_checkin_when_submitting_twice_in_a_week(cast, client):
    as_viewer(client, cast, "private")
    client.post(URL, {"mood": "5", "reflection": "First thoughts"})
    response = client.post(URL, {"mood": "2", "reflection": "Second thoughts"})
    assert response.status_code == 302
    [checkin] = Checkin.objects.all()
    assert (checkin.mood, checkin.reflection, checkin.revision) == (2, "Second thoughts", 2)


def test_it_prefills_the_form_with_this_weeks_checkin(cast, client):
    CheckinFactory(student=cast.private, mood=2, reflection="Tired & <busy>")
    response = as_viewer(client, cast, "private").get(URL)
    assert _checked_moods(response.content) == ["2"]
    assert b"Tired &amp; &lt;busy&gt;</textarea>" in response.content
    page = text(response.content)
    assert "You have already checked in this week." in page
    assert "Update my check-in" in page


def test_it_does_not_prefill_from_an_earlier_week(cast, client):
    old = CheckinFactory(student=cast.private, mood=1, reflection="last week")
    Checkin.objects.filter(pk=old.pk).update(week=old.week - timedelta(weeks=1))
    response = as_viewer(client, cast, "private").get(URL)
    assert _checked_moods(response.content) == []
    assert b"last week</textarea>" not in response.content


def test_it_tells_who_may_read_the_reflection_from_the_real_consent(cast, client):
    as_viewer(client, cast, "private")
    page = text(client.get(URL).content)
    assert PRIVATE_NOTE in page and SHARED_NOTE not in page

    consent_set(student=cast.private, scope=ConsentScope.TEXT_TO_TEACHERS, granted=True, changed_by=cast.private)
    page = text(client.get(URL).content)
    assert SHARED_NOTE in page and PRIVATE_NOTE not in page

    consent_set(student=cast.private, scope=ConsentScope.TEXT_TO_TEACHERS, granted=False, changed_by=cast.private)
    page = text(client.get(URL).content)
    assert PRIVATE_NOTE in page and SHARED_NOTE not in page


def test_it_tells_a_sharing_student_that_teachers_can_read(cast, client):
    page = text(as_viewer(client, cast, "sharer").get(URL).content)
    assert SHARED_NOTE in page and PRIVATE_NOTE not in page
    # Sharing scores or trends alone does not make the reflection readable.
    consent_set(student=cast.sharer, scope=ConsentScope.TEXT_TO_TEACHERS, granted=False, changed_by=cast.sharer)
    page = text(client.get(URL).content)
    assert PRIVATE_NOTE in page and SHARED_NOTE not in page


BAD_INPUT = [
    ({}, "Please choose how you are feeling."),
    ({"mood": ""}, "Please choose how you are feeling."),
    ({"mood": "0"}, "Please choose one of the five answers."),
    ({"mood": "6"}, "Please choose one of the five answers."),
    ({"mood": "-1"}, "Please choose one of the five answers."),
    ({"mood": "great"}, "Please choose one of the five answers."),
    ({"mood": "3.5"}, "Please choose one of the five answers."),
    (
        {"mood": "3", "reflection": "x" * 2001},
        "Please keep your reflection to 2000 characters or fewer. It is 2001 now.",
    ),
    ({"mood": "3", "reflection": "null\x00byte"}, "Your reflection contains a character that cannot be saved."),
]


@pytest.mark.parametrize("data, message", BAD_INPUT)
def test_it_rejects_bad_input_with_a_friendly_message_and_saves_nothing(cast, client, data, message):
    response = as_viewer(client, cast, "private").post(URL, data)
    assert response.status_code == 400
    page = text(response.content)
    assert message in page
    assert "Please check the answers marked below." in page
    assert b'aria-invalid="true"' in response.content
    assert THANKS not in page
    assert not Checkin.objects.exists()


@pytest.mark.parametrize("data, message", BAD_INPUT)
def test_it_leaves_this_weeks_checkin_alone_on_bad_input(cast, client, data, message):
    checkin = CheckinFactory(student=cast.private, mood=4, reflection="keep me")
    before = Checkin.objects.values().get(pk=checkin.pk)
    response = as_viewer(client, cast, "private").post(URL, data)
    assert response.status_code == 400
    assert message in text(response.content)
    assert Checkin.objects.values().get(pk=checkin.pk) == before
    assert Checkin.objects.count() == 1


def test_it_sends_anonymous_visitors_to_login(db, client):
    assert_login_redirect(client.get(URL), URL)
    assert_login_redirect(client.post(URL, {"mood": "3"}), URL)
    assert not Checkin.objects.exists()


@pytest.mark.parametrize("viewer", STAFF)
def test_it_is_not_found_for_staff(cast, client, viewer):
    as_viewer(client, cast, viewer)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"mood": "3"}).status_code == 404
    assert not Checkin.objects.exists()


def test_it_is_not_found_for_a_user_without_a_role(no_role, client):
    client.force_login(no_role)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"mood": "3"}).status_code == 404
    assert not Checkin.objects.exists()


@pytest.mark.parametrize("field", ["mood", None])
def test_it_shows_a_refusal_from_the_service_as_a_form_error(cast, client, monkeypatch, field):
    def refuse(**kwargs):
        raise ApplicationError("The service said no.", field=field)

    monkeypatch.setattr("frontend.views.checkin_submit", refuse)
    response = as_viewer(client, cast, "private").post(URL, {"mood": "3"})
    assert response.status_code == 400
    assert "The service said no." in text(response.content)
    assert THANKS not in text(response.content)
    assert not Checkin.objects.exists()


def test_it_asks_every_weekly_item_and_saves_the_answers(cast, client):
    cast.group_a.subject = "Matematik"
    cast.group_a.save()
    page = as_viewer(client, cast, "private")
    form = text(page.get(URL).content)
    for question in (
        "How are you feeling this week?",
        "How much energy have you had?",
        "How stressed have you felt?",
        "How have you slept?",
        "There is an adult at school I can talk to",
        "How did school work feel this week?",
        "Which subject felt hardest?",
        "What would help you learn this week?",
        "I would like someone from student health to contact me",
    ):
        assert question in form
    data = {
        "mood": "2",
        "stress": "5",
        "workload": "too_hard",
        "hardest_subject": "Matematik",
        "help_wanted": ["explanation", "time"],
        "reflection": "Jobbig vecka",
    }
    response = page.post(URL, data)
    assert response.status_code == 302
    stored = Checkin.objects.get(student=cast.private)
    assert (stored.mood, stored.stress, stored.energy, stored.workload) == (2, 5, None, "too_hard")
    assert (stored.hardest_subject, stored.help_wanted) == ("Matematik", ["explanation", "time"])
    # Editing shows the saved answers again.
    again = page.get(URL).content.decode()
    checked = re.findall(r'<input type="(?:radio|checkbox)" name="(\w+)" value="(\w+)"[^>]*\bchecked\b', again)
    assert set(checked) == {
        ("mood", "2"),
        ("stress", "5"),
        ("workload", "too_hard"),
        ("hardest_subject", "Matematik"),
        ("help_wanted", "explanation"),
        ("help_wanted", "time"),
    }


def test_it_refuses_a_subject_the_student_does_not_have(cast, client):
    cast.group_a.subject = "Matematik"
    cast.group_a.save()
    response = as_viewer(client, cast, "private").post(URL, {"mood": "3", "hardest_subject": "Latin"})
    assert response.status_code == 400
    assert not Checkin.objects.exists()


def test_it_says_when_the_window_is_closed_and_shows_no_form(cast, client):
    from surveys.models import Schedule

    # A one-minute window on Monday at midnight: closed at any other moment.
    Schedule.objects.filter(group=cast.group_a).update(
        opens_weekday=0, opens_time="00:00", closes_weekday=0, closes_time="00:01"
    )
    from surveys.models import CheckinWindow

    CheckinWindow.objects.all().delete()
    response = as_viewer(client, cast, "private").get(URL)
    page = text(response.content)
    assert "It is closed right now." in page
    assert 'name="mood"' not in response.content.decode()
    posted = client.post(URL, {"mood": "3"})
    assert posted.status_code == 400
    assert "closed" in text(posted.content)
    assert not Checkin.objects.exists()


def test_it_shows_the_reminder_banner_until_the_student_answers(cast, client):
    from django.utils import timezone

    from surveys.models import Reminder
    from surveys.schedules import window_for_student

    window = window_for_student(cast.private, timezone.now())
    Reminder.objects.create(student=cast.private, window=window, sent_at=timezone.now())
    page = as_viewer(client, cast, "private")
    assert "Reminder: you have not done this week" in text(page.get(URL).content)
    page.post(URL, {"mood": "4"})
    assert "Reminder: you have not done this week" not in text(page.get(URL).content)
