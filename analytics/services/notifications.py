"""Emails to student-health staff about help requests: an outbox in the database, sent by workers.

What is due is written in the transaction that makes or raises the request (`notifications_create`), so a
lost broker message, a flushed Redis or a killed worker delays an email by at most one sweep and never loses
it. A sender claims a row with a conditional UPDATE, sends, and only then records the outcome; a failure is
recorded with its kind, retried with backoff, and shown on the queue and in /healthz as "not delivered"
until an attempt succeeds. The emails name no student and quote nothing.
"""

import logging
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from kombu.exceptions import OperationalError as BrokerError
from redis.exceptions import RedisError

from wellbeing.models import SchoolRole, User

from ..models import ConcernLevel, HelpRequest, HelpRequestEvent, Notification

logger = logging.getLogger(__name__)

# Seconds to wait after the n-th failed attempt; after the last, the row is given up as not delivered (and
# stays visible until someone acts). About a day in all, so a mail server down overnight is ridden out.
BACKOFF_SECONDS = (30, 60, 120, 300, 600, 1800, 3600, 3 * 3600, 6 * 3600, 12 * 3600)
MAX_ATTEMPTS = len(BACKOFF_SECONDS) + 1
# How long a sender holds a claimed row; a sender killed mid-send frees it after this.
SEND_LEASE_SECONDS = 120


def _recipients(school_id: int) -> list[User]:
    return list(
        User.objects.filter(
            school_roles__school_id=school_id, school_roles__role=SchoolRole.Role.HEALTH, is_active=True
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def notifications_create(*, request: HelpRequest, event: HelpRequestEvent, asked: bool, level: str) -> int:
    """Make the emails this event owes the school's student-health staff due now; returns how many.

    Called inside the transaction that records the event, so they commit together. Idempotent: one row per
    event and recipient.
    """
    now = timezone.now()
    rows = [
        Notification(
            request=request,
            event=event,
            recipient=user,
            asked=asked,
            level=level,
            next_attempt_at=now,
            created_at=now,
        )
        for user in _recipients(request.school_id)
    ]
    if not rows:
        # Still in the queue; but nobody gets an email. Said in the log so an operator can add an address.
        logger.warning("help request %s: no student-health staff with an email address to tell", request.pk)
        return 0
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    transaction.on_commit(notifications_ring)
    return len(rows)


def notifications_ring() -> None:
    """Ask a worker to send what is due. Only a doorbell: with the broker down, the sweep sends it."""
    from ..tasks import notifications_send_task  # tasks import this module

    try:
        notifications_send_task.delay()
    except (RedisError, BrokerError):
        logger.warning("could not ask a worker to send notifications; the sweep will", exc_info=True)


def _due(now: datetime) -> Q:
    return Q(status=Notification.Status.PENDING, next_attempt_at__lte=now) & (
        Q(claimed_until__isnull=True) | Q(claimed_until__lt=now)
    )


def notifications_send_due(*, limit: int = 200) -> int:
    """Send every email that is due; returns how many were sent. Safe to run in several workers at once."""
    now = timezone.now()
    ids = list(Notification.objects.filter(_due(now)).order_by("next_attempt_at", "pk").values_list("pk", flat=True))
    sent = 0
    for notification_id in ids[:limit]:
        sent += notification_send(notification_id=notification_id)
    if len(ids) > limit:
        notifications_ring()  # more than one run's worth: hand the rest on rather than run for long
    return sent


def notification_send(*, notification_id: int) -> bool:
    """Claim one due email, send it, then record what happened; True if it was sent now."""
    now = timezone.now()
    claimed = Notification.objects.filter(_due(now), pk=notification_id).update(
        claimed_until=now + timedelta(seconds=SEND_LEASE_SECONDS), attempts=F("attempts") + 1
    )
    if not claimed:
        return False  # sent already, not due, or another worker has it
    notification = Notification.objects.select_related("request__school", "recipient").get(pk=notification_id)
    try:
        _send(notification)
    except Exception as exc:  # noqa: BLE001 - every way a send can fail is recorded, retried and shown
        _record_failure(notification, exc)
        return False
    Notification.objects.filter(pk=notification_id).update(
        status=Notification.Status.SENT, sent_at=timezone.now(), claimed_until=None, last_error=""
    )
    return True


def _record_failure(notification: Notification, exc: Exception) -> None:
    attempts = notification.attempts
    given_up = attempts >= MAX_ATTEMPTS
    Notification.objects.filter(pk=notification.pk).update(
        status=Notification.Status.FAILED if given_up else Notification.Status.PENDING,
        next_attempt_at=timezone.now() + timedelta(seconds=BACKOFF_SECONDS[min(attempts, MAX_ATTEMPTS - 1) - 1]),
        claimed_until=None,
        last_error=type(exc).__name__[:100],
    )
    # The kind only: the message of a mail error can hold an address.
    logger.error(
        "email %s about help request %s not delivered (attempt %s of %s, %s)%s",
        notification.pk,
        notification.request_id,
        attempts,
        MAX_ATTEMPTS,
        type(exc).__name__,
        "; giving up" if given_up else "; will retry",
    )


def _send(notification: Notification) -> None:
    request, user = notification.request, notification.recipient
    school = request.school
    url = f"{settings.SITE_URL}/health/requests/"
    with translation.override(user.language or school.default_language):
        if notification.asked:
            subject = gettext("Student health: a student asked for contact")
            body = gettext(
                "A student at %(school)s asked someone from student health to contact them. "
                "Open the queue to see who it is and follow up: %(url)s"
            ) % {"school": school.name, "url": url}
        else:
            level = ConcernLevel(notification.level).label
            subject = gettext("Student health: a check-in needs your attention (%(level)s)") % {"level": level}
            body = gettext(
                "A student's check-in at %(school)s was marked %(level)s by the analysis. "
                "Open the queue to see who it is and follow up: %(url)s"
            ) % {"school": school.name, "level": level, "url": url}
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email], fail_silently=False)
