"""Help requests: asked for by a student, or raised by the analysis of a reflection of concern."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext

from surveys.models import Checkin
from wellbeing import policy
from wellbeing.models import SchoolRole, User
from wellbeing.services import ApplicationError

from ..models import ConcernLevel, HelpRequest, HelpRequestEvent
from ..nlp.concern import level_rank

logger = logging.getLogger(__name__)

# Help requests are made in the request, never by a worker: a student who asks
# is in the queue the moment their check-in commits, even with no worker running.
HELP_TRANSITIONS: dict[str, set[str]] = {
    HelpRequest.Status.NEW: {HelpRequest.Status.SEEN, HelpRequest.Status.CLOSED},
    HelpRequest.Status.SEEN: {HelpRequest.Status.CONTACT_PLANNED, HelpRequest.Status.CLOSED},
    HelpRequest.Status.CONTACT_PLANNED: {HelpRequest.Status.CLOSED},
    HelpRequest.Status.CLOSED: set(),
}


def _help_request_existing(student: User, checkin: Checkin | None) -> HelpRequest | None:
    """The student's open request, else the one this check-in made already."""
    found = Q(student=student) & ~Q(status=HelpRequest.Status.CLOSED)
    if checkin is not None:
        found |= Q(checkin=checkin)
    return min(HelpRequest.objects.filter(found), key=lambda r: not r.is_open, default=None)


@transaction.atomic
def help_request_create(*, student: User, checkin: Checkin | None = None) -> HelpRequest:
    """Ask student health for contact. Idempotent: while a request is open, asking again returns it."""
    if not student.is_student or student.school_id is None:
        raise ApplicationError(gettext("Only students can ask student health for contact."))
    if checkin is not None and checkin.student_id != student.pk:
        raise ApplicationError(gettext("That check-in is not yours."))
    existing = _help_request_existing(student, checkin)
    if existing is not None and (existing.is_open or existing.asked):
        if not existing.asked:
            # Raised by a reflection of concern; now the student asks too.
            HelpRequest.objects.filter(pk=existing.pk).update(asked=True)
            existing.asked = True
        return existing
    if existing is not None:
        checkin = None  # a closed alert already came from this check-in; the new ask stands on its own
    now = timezone.now()
    try:
        with transaction.atomic():
            request = HelpRequest.objects.create(
                student=student, school_id=student.school_id, checkin=checkin, created_at=now, updated_at=now
            )
    except IntegrityError:
        # A concurrent ask of the same student won; the constraints are the idempotency keys.
        existing = _help_request_existing(student, checkin)
        if existing is None:
            raise
        return existing
    HelpRequestEvent.objects.create(request=request, actor=student, to_status=request.status, at=now)
    logger.info("help request %s made", request.pk)
    return request


def help_request_for_checkin(*, checkin_id: int) -> HelpRequest | None:
    """Called on checkin_saved, inside the check-in's transaction: the request commits with the check-in."""
    checkin = Checkin.objects.select_related("student").filter(pk=checkin_id, contact_request=True).first()
    if checkin is None:
        return None
    return help_request_create(student=checkin.student, checkin=checkin)


@transaction.atomic
def help_request_set_status(*, request: HelpRequest, actor: User, status: str) -> HelpRequest:
    """Move a request along sent -> seen -> contact planned -> closed (or close it from any open status)."""
    if status not in HelpRequest.Status.values:
        raise ApplicationError(gettext("Choose one of the given statuses."), field="status")
    if not policy.may_handle_help_requests(actor, request.school_id):
        raise ApplicationError(gettext("Only student-health staff of the student's school can change this request."))
    locked = HelpRequest.objects.select_for_update().get(pk=request.pk)
    current = locked.status
    if status == current:
        return locked  # a second click of the same button changes nothing
    if status not in HELP_TRANSITIONS[current]:
        raise ApplicationError(
            gettext("A request that is “%(current)s” cannot be changed to “%(wanted)s”.")
            % {"current": HelpRequest.Status(current).label, "wanted": HelpRequest.Status(status).label},
            field="status",
        )
    now = timezone.now()
    locked.status = status
    locked.updated_at = now
    locked.save(update_fields=["status", "updated_at"])
    HelpRequestEvent.objects.create(request=locked, actor=actor, from_status=current, to_status=status, at=now)
    logger.info("help request %s moved from %s to %s", locked.pk, current, status)
    return locked


# Levels at which student-health staff are told at once, by email, besides the queue.
NOTIFY_LEVELS = {ConcernLevel.URGENT, ConcernLevel.EMERGENCY}


def _open_request_locked(student_id: int) -> HelpRequest | None:
    return (
        HelpRequest.objects.select_for_update()
        .filter(student_id=student_id)
        .exclude(status=HelpRequest.Status.CLOSED)
        .first()
    )


def help_request_raise(*, checkin: Checkin, level: str, categories) -> HelpRequest:
    """Put a student whose reflection is of concern in student health's queue; called by the scoring worker.

    Safety overrides consent: the school's student-health staff see who it is,
    whatever the student shares (students are told so before they write). The
    student's open request, if any, is raised to the higher level instead of a
    second one being made. Only codes are stored, never the words.
    """
    now = timezone.now()
    request = _open_request_locked(checkin.student_id)
    created = False
    if request is None:
        linked = None if HelpRequest.objects.filter(checkin=checkin).exists() else checkin
        try:
            with transaction.atomic():
                request = HelpRequest.objects.create(
                    student_id=checkin.student_id,
                    school_id=checkin.school_id,
                    checkin=linked,
                    asked=False,
                    concern_level=level,
                    concern_categories=sorted(categories),
                    created_at=now,
                    updated_at=now,
                )
            created = True
        except IntegrityError:
            request = _open_request_locked(checkin.student_id)  # the student asked at this very moment
            if request is None:
                raise
    if not created:
        if level_rank(level) <= level_rank(request.concern_level):
            return request
        request.concern_level = level
        request.concern_categories = sorted(set(request.concern_categories) | set(categories))
        request.updated_at = now
        request.notified_at = None if level in NOTIFY_LEVELS else request.notified_at
        request.save(update_fields=["concern_level", "concern_categories", "updated_at", "notified_at"])
    HelpRequestEvent.objects.create(request=request, actor=None, to_status=request.status, concern_level=level, at=now)
    logger.info("help request %s raised to %s by the analysis", request.pk, level)
    if level in NOTIFY_LEVELS:
        from ..tasks import help_request_notify_task

        help_request_notify_task.delay_on_commit(request.pk)
    return request


def help_request_notify(*, request_id: int) -> int:
    """Email the school's student-health staff that a request needs them now; returns how many were told.

    Once per raise: a conditional UPDATE claims the notification, so a
    redelivered task sends nothing. The email names no student and quotes
    nothing: it says how urgent, and links to the queue behind the login.
    """
    request = HelpRequest.objects.select_related("school").filter(pk=request_id).first()
    if request is None or request.notified_at is not None:
        return 0
    if not HelpRequest.objects.filter(pk=request_id, notified_at__isnull=True).update(notified_at=timezone.now()):
        return 0
    staff = SchoolRole.objects.filter(school_id=request.school_id, role=SchoolRole.Role.HEALTH).select_related("user")
    told = 0
    for role in staff:
        user = role.user
        if not user.email or not user.is_active:
            continue
        with translation.override(user.language or request.school.default_language):
            send_mail(
                subject=gettext("Student health: a check-in needs your attention (%(level)s)")
                % {"level": ConcernLevel(request.concern_level).label},
                message=gettext(
                    "A student's check-in at %(school)s was marked %(level)s by the analysis. "
                    "Open the queue to see who it is and follow up: %(url)s"
                )
                % {
                    "school": request.school.name,
                    "level": ConcernLevel(request.concern_level).label,
                    "url": f"{settings.SITE_URL}/health/requests/",
                },
                from_email=None,
                recipient_list=[user.email],
                fail_silently=True,
            )
        told += 1
    logger.info("told %s student-health staff about help request %s", told, request_id)
    return told
