"""Alerts that cannot be lost: the outbox of emails to student health, its retries, and alerts on edited check-ins.

A mail server that refuses is a real one: SMTP to a port where nothing listens. Tasks run eagerly here; the
real worker's part is in test_worker_integration.py.
"""

import socket
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from analytics import services
from analytics.models import HelpRequest, HelpRequestEvent, Notification
from analytics.services import notifications
from analytics.services.help_requests import help_request_set_status
from surveys.models import Checkin

from ..factories import CheckinFactory, SchoolRoleFactory, UserFactory, submit

CRISIS = "I have decided to kill myself tonight, I have the pills ready"
ABUSE = "dad hits me when he is drunk and I am scared to go home"
BULLIED = "They keep bullying me at school every day"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]  # closed again when the block ends: nothing listens there


@pytest.fixture
def refusing_mail_server(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2


@pytest.fixture
def health_email(cast):
    cast.health.email = "halsa@example.org"
    cast.health.language = "en"  # the email is in the recipient's language
    cast.health.save()
    return cast.health


def _later(seconds: float):
    """Move every due time back, as if `seconds` had passed: the service reads the real clock."""
    Notification.objects.update(
        next_attempt_at=timezone.now() - timedelta(seconds=1),
        created_at=timezone.now() - timedelta(seconds=seconds),
    )


def test_a_contact_request_emails_student_health_without_a_name(cast, health_email, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        request = services.help_request_create(student=cast.private)
    [due] = Notification.objects.filter(request=request)
    assert (due.recipient, due.asked, due.status) == (cast.health, True, "pending")
    assert services.notifications_send_due() == 1
    [email] = mail.outbox
    assert email.to == ["halsa@example.org"]
    assert "asked" in email.subject.lower() or "contact" in email.subject.lower()
    body = email.subject + email.body
    assert cast.private.username not in body and cast.private.display_name not in body
    assert "/health/requests/" in body
    due.refresh_from_db()
    assert (due.status, due.attempts, due.sent_at is not None) == ("sent", 1, True)
    assert services.notifications_send_due() == 0 and len(mail.outbox) == 1  # sent once


def test_staff_without_an_address_or_inactive_get_no_email_and_the_request_is_still_made(cast):
    inactive = UserFactory(email="gone@example.org", is_active=False)
    SchoolRoleFactory(school=cast.school_a, user=inactive, role="health")
    request = services.help_request_create(student=cast.private)
    assert request.pk and not Notification.objects.exists()


def test_a_failed_email_is_retried_with_backoff_and_shown_as_undelivered_never_sent(
    cast, health_email, refusing_mail_server, client
):
    request = services.help_request_create(student=cast.private)
    assert services.notifications_send_due() == 0
    due = Notification.objects.get(request=request)
    assert (due.status, due.attempts, due.last_error) == ("pending", 1, "ConnectionRefusedError")
    assert due.next_attempt_at > timezone.now() + timedelta(seconds=notifications.BACKOFF_SECONDS[0] - 5)
    assert due.sent_at is None
    assert services.notifications_send_due() == 0  # not due again before its backoff
    assert Notification.objects.get().attempts == 1
    # Visible where staff and operators look.
    request = HelpRequest.objects.prefetch_related("notifications").get()
    assert request.email_status == "undelivered"
    client.force_login(cast.health)
    assert "not delivered" in client.get("/health/requests/").content.decode()
    health = client.get("/healthz").json()
    assert health["alert_emails_undelivered"] == 1 and health["status"] != "ok"


def test_an_email_is_given_up_only_after_every_attempt_and_stays_undelivered(cast, health_email, refusing_mail_server):
    services.help_request_create(student=cast.private)
    for attempt in range(1, notifications.MAX_ATTEMPTS + 1):
        _later(60)
        services.notifications_send_due()
        assert Notification.objects.get().attempts == attempt
    due = Notification.objects.get()
    assert (due.status, due.delivery_status) == ("failed", "undelivered")
    _later(60)
    assert services.notifications_send_due() == 0 and Notification.objects.get().attempts == notifications.MAX_ATTEMPTS


def test_a_retry_that_gets_through_marks_it_sent(cast, health_email, refusing_mail_server, settings):
    services.help_request_create(student=cast.private)
    services.notifications_send_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    _later(60)
    assert services.notifications_send_due() == 1
    due = Notification.objects.get()
    assert (due.status, due.attempts, due.last_error, due.delivery_status) == ("sent", 2, "", "sent")
    assert len(mail.outbox) == 1


def test_a_claimed_email_is_not_sent_twice_and_a_dead_senders_claim_runs_out(cast, health_email):
    services.help_request_create(student=cast.private)
    due = Notification.objects.get()
    Notification.objects.filter(pk=due.pk).update(claimed_until=timezone.now() + timedelta(seconds=60), attempts=1)
    assert services.notification_send(notification_id=due.pk) is False  # another sender holds it
    Notification.objects.filter(pk=due.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert services.notification_send(notification_id=due.pk) is True  # that sender died; its lease ran out
    assert len(mail.outbox) == 1


# Alerts on edited check-ins.


def _edit(checkin: Checkin, reflection: str) -> Checkin:
    return submit(checkin.student, mood=checkin.mood, reflection=reflection)


def test_a_new_category_in_an_edited_checkin_opens_a_new_case_after_the_first_was_closed(cast, health_email):
    checkin = submit(cast.private, mood=2, reflection=BULLIED)
    services.checkin_score(checkin_id=checkin.pk)
    first = HelpRequest.objects.get(student=cast.private)
    assert first.concern_categories == ["bullying"]
    help_request_set_status(request=first, actor=cast.health, status="closed")
    checkin = _edit(checkin, BULLIED + ". And " + ABUSE)
    services.checkin_score(checkin_id=checkin.pk)
    second = HelpRequest.objects.get(student=cast.private, status="sent")
    assert second.pk != first.pk and second.checkin_id == checkin.pk
    assert "abuse" in second.concern_categories and second.concern_level == "urgent"
    assert [n.level for n in second.notifications.all()] == ["urgent"]


def test_a_new_category_at_the_same_level_is_added_to_the_open_case_and_staff_are_told_again(cast, health_email):
    checkin = submit(cast.private, mood=2, reflection=ABUSE)
    services.checkin_score(checkin_id=checkin.pk)
    case = HelpRequest.objects.get(student=cast.private)
    assert case.concern_level == "urgent" and Notification.objects.count() == 1
    help_request_set_status(request=case, actor=cast.health, status="seen")
    checkin = _edit(checkin, ABUSE + ". I cut my arms again last night")
    services.checkin_score(checkin_id=checkin.pk)
    case.refresh_from_db()
    assert HelpRequest.objects.filter(student=cast.private).count() == 1
    assert {"abuse", "self_harm"} <= set(case.concern_categories) and case.status == "seen"
    last = HelpRequestEvent.objects.filter(request=case).last()
    assert (last.concern_level, last.concern_categories) == ("urgent", ["self_harm"])
    assert Notification.objects.count() == 2


def test_the_same_words_saved_again_raise_nothing_new(cast, health_email):
    checkin = submit(cast.private, mood=2, reflection=ABUSE)
    services.checkin_score(checkin_id=checkin.pk)
    checkin = _edit(checkin, ABUSE + "!")
    services.checkin_score(checkin_id=checkin.pk)
    assert HelpRequestEvent.objects.filter(request__student=cast.private).count() == 1
    assert Notification.objects.count() == 1


def test_a_raise_while_the_student_has_asked_keeps_one_case(cast, health_email):
    checkin = submit(cast.private, mood=1, reflection=CRISIS, contact_request=True)
    case = HelpRequest.objects.get(student=cast.private)
    assert case.asked and Notification.objects.filter(asked=True).count() == 1
    services.checkin_score(checkin_id=checkin.pk)
    case.refresh_from_db()
    assert HelpRequest.objects.filter(student=cast.private).count() == 1
    assert case.concern_level == "emergency" and case.asked
    assert sorted(Notification.objects.values_list("asked", "level")) == [(False, "emergency"), (True, "none")]


def test_asking_after_an_alert_tells_staff_that_the_student_asked(cast, health_email):
    checkin = CheckinFactory(student=cast.private, reflection=BULLIED)
    services.checkin_score(checkin_id=checkin.pk)
    assert not Notification.objects.exists()  # a concern waits in the queue
    services.help_request_create(student=cast.private)
    case = HelpRequest.objects.get(student=cast.private)
    assert case.asked
    [due] = Notification.objects.all()
    assert due.asked and due.event.asked and due.event.actor == cast.private


def test_the_queue_says_why_and_whether_the_email_went_and_never_the_words(cast, health_email, api, client):
    from django.urls import reverse

    from ..conftest import login

    checkin = submit(cast.private, mood=1, reflection=CRISIS)
    services.checkin_score(checkin_id=checkin.pk)
    services.notifications_send_due()
    login(api, cast.health)
    response = api.get(reverse("api-help-requests"))
    [row] = response.json()
    assert (row["concern_level"], row["email_status"]) == ("emergency", "sent")
    raised = row["history"][-1]
    assert raised["concern_level"] == "emergency" and "suicide_plan" in raised["concern_categories"]
    assert raised["concern_sources"] and set(raised["concern_sources"]) <= {"pattern", "model"}
    assert "pills" not in response.content.decode()
    client.force_login(cast.health)
    page = client.get("/health/requests/").content.decode()
    assert "Found by:" in page and "pills" not in page
