"""Help requests: asked for by a student, or raised by the analysis of a reflection of concern."""

import logging

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext

from surveys.models import Checkin
from wellbeing import policy
from wellbeing.models import User
from wellbeing.services import ApplicationError

from ..models import ConcernLevel, HelpRequest, HelpRequestEvent
from ..nlp.concern import level_rank
from .notifications import notifications_create

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
            # Raised by a reflection of concern; now the student asks too, and staff are told so.
            now = timezone.now()
            HelpRequest.objects.filter(pk=existing.pk).update(asked=True, updated_at=now)
            existing.asked = True
            event = HelpRequestEvent.objects.create(
                request=existing,
                actor=student,
                from_status=existing.status,
                to_status=existing.status,
                asked=True,
                at=now,
            )
            notifications_create(request=existing, event=event, asked=True, level=existing.concern_level)
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
    event = HelpRequestEvent.objects.create(
        request=request, actor=student, to_status=request.status, asked=True, at=now
    )
    notifications_create(request=request, event=event, asked=True, level=request.concern_level)
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


# Levels at which student-health staff are told at once, by email, besides the queue. A contact request is
# always told; a concern (and an unanalysable check-in) waits in the queue for the working day.
NOTIFY_LEVELS = {ConcernLevel.URGENT, ConcernLevel.EMERGENCY}


def _open_request_locked(student_id: int) -> HelpRequest | None:
    return (
        HelpRequest.objects.select_for_update()
        .filter(student_id=student_id)
        .exclude(status=HelpRequest.Status.CLOSED)
        .first()
    )


def help_request_raise(*, checkin: Checkin, level: str, categories, sources=()) -> HelpRequest:
    """Put a student whose reflection is of concern in student health's queue; called by the scoring worker.

    Safety overrides consent: the school's student-health staff see who it is,
    whatever the student shares (students are told so before they write). An
    open case of the student's gains the new categories and the higher level,
    and staff are told again; with no open case (none yet, or the last one
    closed) a new one is opened. Only codes are stored, never the words:
    the level, the categories and what found them (`sources`).
    """
    now = timezone.now()
    categories = sorted(set(categories))
    request = _open_request_locked(checkin.student_id)
    created = False
    if request is None:
        try:
            with transaction.atomic():
                request = HelpRequest.objects.create(
                    student_id=checkin.student_id,
                    school_id=checkin.school_id,
                    checkin=checkin,
                    asked=False,
                    concern_level=level,
                    concern_categories=categories,
                    created_at=now,
                    updated_at=now,
                )
            created = True
        except IntegrityError:
            request = _open_request_locked(checkin.student_id)  # the student asked at this very moment
            if request is None:
                raise
    added = categories
    if not created:
        added = sorted(set(categories) - set(request.concern_categories))
        if not added and level_rank(level) <= level_rank(request.concern_level):
            return request  # the open case already holds all of it
        if level_rank(level) > level_rank(request.concern_level):
            request.concern_level = level
        request.concern_categories = sorted({*request.concern_categories, *categories})
        request.updated_at = now
        request.save(update_fields=["concern_level", "concern_categories", "updated_at"])
    event = HelpRequestEvent.objects.create(
        request=request,
        actor=None,
        to_status=request.status,
        concern_level=level,
        concern_categories=added,
        concern_sources=sorted(sources),
        at=now,
    )
    logger.info("help request %s raised by the analysis (%s)", request.pk, level)
    if level in NOTIFY_LEVELS:
        notifications_create(request=request, event=event, asked=False, level=level)
    return request
