import logging
from datetime import date

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from surveys.instruments import Instrument
from surveys.models import Checkin, InstrumentResponse
from surveys.weeks import iso_label
from wellbeing import policy
from wellbeing.models import Group, Membership, User
from wellbeing.services import ApplicationError

from .aggregates import mood_aggregate
from .charts import ChartWeek, chart_fingerprint, history_svg
from .instruments import score_swemwbs, score_who5
from .models import CheckinScore, GroupWeekAggregate, HelpRequest, HelpRequestEvent
from .selectors import chart_language, chart_pending_key, chart_pointer_key, chart_svg_key, student_chart_weeks
from .text import ANALYSER_VERSION, sentiment

logger = logging.getLogger(__name__)


def checkin_score(*, checkin_id: int) -> bool:
    """Score one check-in; True if a score was written, False if already current or gone."""
    checkin = Checkin.objects.filter(pk=checkin_id).first()
    if checkin is None:
        return False  # erased before its task ran
    current = CheckinScore.objects.filter(
        checkin_id=checkin_id, checkin_revision__gte=checkin.revision, analyser_version=ANALYSER_VERSION
    ).exists()
    if current:
        return False
    result = sentiment(checkin.reflection)
    with transaction.atomic():
        # A conditional upsert: a slower worker holding an older revision
        # never overwrites a newer score.
        score, created = CheckinScore.objects.select_for_update().get_or_create(
            checkin_id=checkin_id,
            defaults=_score_fields(checkin.revision, result),
        )
        if not created:
            if score.checkin_revision > checkin.revision or (
                score.checkin_revision == checkin.revision and score.analyser_version == ANALYSER_VERSION
            ):
                return False
            for name, value in _score_fields(checkin.revision, result).items():
                setattr(score, name, value)
            score.save()
    logger.info("scored check-in %s revision %s", checkin_id, checkin.revision)
    return True


def _score_fields(revision: int, result) -> dict:
    return {
        "checkin_revision": revision,
        "analyser_version": ANALYSER_VERSION,
        "polarity": result.polarity if result else None,
        "subjectivity": result.subjectivity if result else None,
        "scored_at": timezone.now(),
    }


def group_ids_for_checkin(checkin_id: int) -> tuple[list[int], date | None]:
    checkin = Checkin.objects.filter(pk=checkin_id).values("student_id", "week").first()
    if checkin is None:
        return [], None
    group_ids = list(
        Membership.objects.filter(user_id=checkin["student_id"], role=Membership.Role.STUDENT).values_list(
            "group_id", flat=True
        )
    )
    return group_ids, checkin["week"]


def group_week_aggregate_recompute(*, group_id: int, week: date) -> GroupWeekAggregate | None:
    """Recompute one group's week from the check-ins; an upsert, safe to repeat."""
    group = Group.objects.select_related("school").filter(pk=group_id).first()
    if group is None:
        return None
    student_ids = Membership.objects.filter(group=group, role=Membership.Role.STUDENT).values("user_id")
    moods = list(Checkin.objects.filter(student_id__in=student_ids, week=week).values_list("mood", flat=True))
    result = mood_aggregate(moods, min_group_size=group.school.min_group_size)
    aggregate, _ = GroupWeekAggregate.objects.update_or_create(
        group=group,
        week=week,
        defaults={
            "member_count": Membership.objects.filter(group=group, role=Membership.Role.STUDENT).count(),
            "response_count": result.response_count,
            "mean_mood": result.mean_mood,
            "suppressed": result.suppressed,
            "computed_at": timezone.now(),
        },
    )
    return aggregate


def checkins_unscored(limit: int) -> list[int]:
    stale = (
        Q(score__isnull=True)
        | Q(score__checkin_revision__lt=F("revision"))
        | ~Q(score__analyser_version=ANALYSER_VERSION)
    )
    return list(Checkin.objects.filter(stale).order_by("id").values_list("id", flat=True)[:limit])


def checkins_score_sweep(*, limit: int = 500) -> int:
    """Score what a lost message left behind; returns how many were scored."""
    scored = 0
    touched: set[tuple[int, date]] = set()
    for checkin_id in checkins_unscored(limit):
        if checkin_score(checkin_id=checkin_id):
            scored += 1
            group_ids, week = group_ids_for_checkin(checkin_id)
            touched.update((group_id, week) for group_id in group_ids)
    for group_id, week in sorted(touched):
        group_week_aggregate_recompute(group_id=group_id, week=week)
    if scored:
        logger.info("sweep scored %s check-ins", scored)
    return scored


# How long a drawn chart stays in the cache. It is health data about a minor:
# kept no longer than useful, deleted when superseded, redrawn on demand after.
CHART_CACHE_SECONDS = 14 * 24 * 3600
# A page view asks for a drawing at most once per this many seconds per student.
CHART_PENDING_SECONDS = 60


def student_id_for_checkin(checkin_id: int) -> int | None:
    return Checkin.objects.filter(pk=checkin_id).values_list("student_id", flat=True).first()


def _chart_labels(weeks: list[ChartWeek]) -> tuple[str, dict]:
    """The chart's title and labels in the active language: our own strings and numbers, never student text."""
    labels = {
        "mood": gettext("Mood"),
        "energy": gettext("Energy"),
        "stress": gettext("Stress"),
        "sleep": gettext("Sleep"),
        "belonging": gettext("Adult to talk to"),
        "week": gettext("Week"),
        "scale": gettext("1 = low, 5 = high"),
        "description": ngettext(
            "Your answers on a scale from 1 to 5, in %(count)d check-in from week %(first)s to week %(last)s.",
            "Your answers on a scale from 1 to 5, in %(count)d check-ins from week %(first)s to week %(last)s.",
            len(weeks),
        )
        % {"count": len(weeks), "first": iso_label(weeks[0].week), "last": iso_label(weeks[-1].week)},
    }
    return gettext("My check-ins week by week"), labels


def student_chart_render(*, student_id: int) -> bool:
    """Draw the student's history chart into the cache; True if drawn, False if already current or nothing to draw.

    Idempotent: the chart's key is the fingerprint of the data it shows, so a
    repeat finds it current and draws nothing.
    """
    student = User.objects.select_related("school").filter(pk=student_id, is_student=True).first()
    if student is None:
        student_chart_delete(student_id=student_id)  # erased before its task ran
        return False
    weeks = student_chart_weeks(student)
    if not weeks:
        student_chart_delete(student_id=student_id)
        return False
    language = chart_language(student)
    fingerprint = chart_fingerprint(weeks, language=language)
    key = chart_svg_key(student_id, fingerprint)
    pointer = chart_pointer_key(student_id)
    previous = cache.get(pointer)
    if previous == fingerprint and cache.has_key(key):
        return False
    with translation.override(language):
        title, labels = _chart_labels(weeks)
        svg = history_svg(weeks, labels=labels, title=title)
    cache.set_many({key: svg, pointer: fingerprint}, timeout=CHART_CACHE_SECONDS)
    if previous and previous != fingerprint:
        cache.delete(chart_svg_key(student_id, previous))
    logger.info("drew the history chart of student %s", student_id)
    return True


def student_chart_delete(*, student_id: int) -> None:
    """Remove the student's cached chart, for erasure and when nothing is left to draw."""
    pointer = chart_pointer_key(student_id)
    fingerprint = cache.get(pointer)
    keys = [pointer, chart_pending_key(student_id)]
    if fingerprint:
        keys.append(chart_svg_key(student_id, fingerprint))
    cache.delete_many(keys)


def student_chart_request(*, student_id: int) -> bool:
    """Ask a worker to draw the student's chart, at most once per CHART_PENDING_SECONDS; True if asked."""
    # Imported here: tasks import this module.
    from .tasks import student_chart_render_task

    if not cache.add(chart_pending_key(student_id), 1, timeout=CHART_PENDING_SECONDS):
        return False
    student_chart_render_task.delay_on_commit(student_id)
    return True


def instrument_response_score(*, response_id: int) -> bool:
    """Score one instrument response by its published rules; a conditional
    UPDATE keyed by revision, so a redelivered task changes nothing."""
    response = InstrumentResponse.objects.filter(pk=response_id).first()
    if response is None or response.scored_revision >= response.revision:
        return False
    if response.instrument == Instrument.WHO5:
        who5 = score_who5(response.answers)
        fields = {"score_raw": who5.raw, "score": who5.percentage, "poor_wellbeing": who5.poor_wellbeing}
    else:
        swemwbs = score_swemwbs(response.answers)
        fields = {"score_raw": swemwbs.raw, "score": swemwbs.metric, "poor_wellbeing": None}
    updated = InstrumentResponse.objects.filter(pk=response_id, revision=response.revision).update(
        scored_revision=response.revision, **fields
    )
    return bool(updated)


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
    if existing is not None:
        return existing
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
