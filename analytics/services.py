import logging
from datetime import date

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from surveys.models import Checkin
from wellbeing.models import Group, Membership

from .aggregates import mood_aggregate
from .models import CheckinScore, GroupWeekAggregate
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
