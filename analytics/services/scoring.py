"""Scoring: check-ins in; scores and alerts out. Run by workers, never in a request.

The path of a check-in: its transaction commits, its id joins the pending
queue (analytics.pending) and a drain task is asked for. A drain claims ids in
batches and analyses each batch in one transaction: one query for the
check-ins, one for the students' earlier weeks, one bulk upsert of scores, the
alerts. The per-task cost of Celery is paid once per batch, not once per
check-in. Aggregates are published apart, when a week's check-in closes
(services/aggregation.py).

Every step is idempotent. A score is keyed by check-in and holds the revision
and analyser version it read; a batch skips what is current. Alerts are raised
only for a level or category a check-in has not alerted for. So a redelivered
task, a second drain on the same ids or a re-score after a worker was killed
changes nothing twice.
"""

import logging
import time
import traceback
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from surveys.models import Checkin
from wellbeing.fields import decrypt_text

from .. import pending
from ..models import CheckinScore
from ..nlp.concern import NONE, level_rank
from ..text import ANALYSER_VERSION, UNANALYSABLE, TextAnalysis, analyse
from ..trends import INDEX_SCALE, ITEM_SCALE, LOOKBACK_WEEKS, SCALE_ITEMS, trend, wellbeing_index
from .help_requests import help_request_raise

logger = logging.getLogger(__name__)

# A drain works this long, then hands what is left to a fresh task, so tasks
# stay far below the time limits and a killed worker loses little.
DRAIN_BUDGET_SECONDS = 20
# How far back the trend looks for a student's baseline.
TREND_LOOKBACK_WEEKS = LOOKBACK_WEEKS
# The sweep looks this far back; older history is re-scored by `manage.py rescore`.
SWEEP_WEEKS = 5
# A re-score of an old check-in (after an analyser update) does not page anyone:
# alerts are raised only for check-ins changed within this many days.
ALERT_WITHIN_DAYS = 14

_SCORE_FIELDS = [
    "checkin_revision",
    "analyser_version",
    "language",
    "polarity",
    "subjectivity",
    "themes",
    "concern_level",
    "concern_categories",
    "concern_sources",
    "alerted_level",
    "alerted_categories",
    "analysis_failed",
    "wellbeing_index",
    "index_baseline",
    "index_deviation",
    "mood_baseline",
    "mood_deviation",
    "trend_direction",
    "sustained_decline",
    "scored_at",
]


def checkins_enqueue(checkin_ids) -> None:
    """Queue check-ins for analysis and make sure a drain is on its way. Ids only cross to Redis."""
    # Imported here: tasks import this module.
    from ..tasks import checkins_analyse_pending_task

    pending.add(checkin_ids)
    if pending.drain_wanted(seconds=settings.ANALYSIS_LEASE_SECONDS):
        checkins_analyse_pending_task.delay()


def checkins_analyse_pending(*, budget_seconds: float = DRAIN_BUDGET_SECONDS) -> int:
    """Drain the pending queue in batches; returns how many check-ins were scored."""
    from ..tasks import checkins_analyse_pending_task

    pending.drain_started()
    started = time.monotonic()
    scored = 0
    batch_size = settings.ANALYSIS_BATCH_SIZE
    while True:
        claim = pending.claim(batch_size, lease_seconds=settings.ANALYSIS_LEASE_SECONDS)
        if not claim.ids:
            return scored
        if len(claim.ids) == batch_size and pending.fanout_wanted(seconds=1):
            checkins_analyse_pending_task.delay()  # a backlog: let another worker process help
        scored += checkins_analyse(claim.ids)
        pending.finish(claim)
        if time.monotonic() - started > budget_seconds:
            if pending.ready():
                checkins_analyse_pending_task.delay()
            return scored


def _is_current(score: CheckinScore | None, checkin: Checkin) -> bool:
    return (
        score is not None and score.analyser_version == ANALYSER_VERSION and score.checkin_revision >= checkin.revision
    )


def _items(values) -> dict:
    return dict(zip(SCALE_ITEMS, values, strict=True))


def _histories(checkins: list[Checkin]) -> dict[int, list[tuple[date, dict]]]:
    """Each student's scale answers from TREND_LOOKBACK_WEEKS before their earliest check-in in the batch on."""
    since = min(c.week for c in checkins) - timedelta(weeks=TREND_LOOKBACK_WEEKS)
    until = max(c.week for c in checkins)
    rows = Checkin.objects.filter(
        student_id__in={c.student_id for c in checkins}, week__gte=since, week__lte=until
    ).values_list("student_id", "week", *SCALE_ITEMS)
    histories = defaultdict(list)
    for student_id, week, *values in rows:
        histories[student_id].append((week, _items(values)))
    return histories


def _trend_fields(checkin: Checkin, history: list[tuple[date, dict]]) -> dict:
    lookback = checkin.week - timedelta(weeks=TREND_LOOKBACK_WEEKS)
    recent = [(week, items) for week, items in history if lookback <= week <= checkin.week]
    index_history = [(week, wellbeing_index(**items)) for week, items in recent]
    mood_history = [(week, items["mood"]) for week, items in recent]
    index_trend = trend(index_history, checkin.week, scale=INDEX_SCALE)
    mood_trend = trend(mood_history, checkin.week, scale=ITEM_SCALE)
    return {
        "wellbeing_index": wellbeing_index(**_items(getattr(checkin, name) for name in SCALE_ITEMS)),
        "index_baseline": index_trend.baseline_mean,
        "index_deviation": index_trend.deviation,
        "mood_baseline": mood_trend.baseline_mean,
        "mood_deviation": mood_trend.deviation,
        "trend_direction": index_trend.direction,
        "sustained_decline": index_trend.sustained_decline or mood_trend.sustained_decline,
    }


def checkins_analyse(checkin_ids) -> int:
    """Analyse and score a batch of check-ins; returns how many scores were written.

    Aggregates are not touched: they are published when a week's check-in closes and republished on a
    schedule (services/aggregation.py), never recomputed while students answer.

    One check-in never holds back another: a batch that fails for a reason other than the database or the
    network is scored again one check-in at a time, and a check-in that still fails is recorded as
    unanalysable, which puts it in student health's queue to be read with the student.
    """
    scored = _analyse_isolated(sorted(set(checkin_ids)))
    _charts_request({student_id for _school_id, _week, student_id in scored})
    if scored:
        logger.info("scored %s check-ins", len(scored))
    return len(scored)


# The database or the network failed, not the batch's data: the batch is left to be retried whole (its lease
# runs out and a drain claims it again), never recorded as unanalysable.
_TRANSIENT = (OperationalError, InterfaceError)

Scored = tuple[int, date, int]  # (school id, week, student id) of a check-in given a score


def _failure(exc: BaseException) -> str:
    """The kind and place of a failure, for the log: never its message, which may quote a student's words."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" at {Path(frames[-1].filename).name}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{where}"


def _analyse_isolated(ids: list[int]) -> list[Scored]:
    try:
        return _analyse_batch(ids)
    except _TRANSIENT:
        raise
    except Exception as exc:  # noqa: BLE001 - isolated below, recorded and shown; never swallowed
        if len(ids) > 1:
            logger.error("a batch of %s check-ins failed (%s); scoring them one at a time", len(ids), _failure(exc))
            return [scored for checkin_id in ids for scored in _analyse_isolated([checkin_id])]
        logger.error("check-in %s could not be scored (%s); recording it as unanalysable", ids[0], _failure(exc))
    try:
        return _analyse_batch(ids, unanalysable=True)
    except _TRANSIENT:
        raise
    except Exception as exc:  # noqa: BLE001 - left queued for the sweep, and said so
        logger.critical("check-in %s could not even be recorded as unanalysable (%s)", ids[0], _failure(exc))
        return []


def _analysis(checkin: Checkin) -> tuple[TextAnalysis, bool]:
    """The check-in's text analysis, and whether it failed; a failure is unanalysable, not an exception."""
    try:
        sealed = checkin.sealed_reflection
        return analyse(decrypt_text(sealed) if sealed else "", checkin.language or None), False
    except Exception as exc:  # noqa: BLE001 - a child's words the analyser cannot take are read by a person
        logger.error("check-in %s could not be analysed (%s); student health will read it", checkin.pk, _failure(exc))
        return UNANALYSABLE, True


def _trends_or_none(checkin: Checkin, history: list[tuple[date, dict]]) -> dict:
    try:
        return _trend_fields(checkin, history)
    except Exception as exc:  # noqa: BLE001 - the text's alert matters more than the trend
        logger.error("check-in %s: its trend could not be computed (%s)", checkin.pk, _failure(exc))
        return dict.fromkeys(_TREND_FIELDS) | {"trend_direction": "", "sustained_decline": False}


_TREND_FIELDS = ("wellbeing_index", "index_baseline", "index_deviation", "mood_baseline", "mood_deviation")


def _alert_due(text: TextAnalysis, prior: CheckinScore | None) -> bool:
    """A level above what this check-in alerted at, or a category it has not alerted for."""
    if text.concern == NONE:
        return False
    alerted_level = prior.alerted_level if prior else NONE
    alerted_categories = set(prior.alerted_categories) if prior else set()
    return level_rank(text.concern) > level_rank(alerted_level) or bool(
        set(text.concern_categories) - alerted_categories
    )


def _analyse_batch(ids: list[int], *, unanalysable: bool = False) -> list[Scored]:
    """Score a batch in one transaction.

    The check-in rows are locked for the batch, so a concurrent drain holding
    the same ids (an edit queued while its older revision was in flight) waits
    and then finds the score current, and an older revision can never
    overwrite a newer one. The reflection is read sealed and opened per
    check-in, so one that cannot be decrypted fails alone.
    """
    now = timezone.now()
    alert_after = now - timedelta(days=ALERT_WITHIN_DAYS)
    with transaction.atomic():
        checkins = list(
            Checkin.objects.select_for_update()
            .filter(pk__in=ids)
            .defer("reflection")
            .annotate(sealed_reflection=Cast("reflection", TextField()))
            .order_by("pk")
        )
        existing = {s.checkin_id: s for s in CheckinScore.objects.filter(checkin_id__in=[c.pk for c in checkins])}
        todo = [c for c in checkins if not _is_current(existing.get(c.pk), c)]
        if not todo:
            return []
        histories = {} if unanalysable else _histories(todo)
        scores, alerts = [], []
        for checkin in todo:
            text, failed = (UNANALYSABLE, True) if unanalysable else _analysis(checkin)
            prior = existing.get(checkin.pk)
            alerted_level = prior.alerted_level if prior else NONE
            alerted_categories = set(prior.alerted_categories) if prior else set()
            if checkin.updated_at >= alert_after and _alert_due(text, prior):
                alerts.append((checkin, text))
                alerted_level = max(alerted_level, text.concern, key=level_rank)
                alerted_categories |= set(text.concern_categories)
            trends = (
                _trends_or_none(checkin, [])
                if unanalysable
                else _trends_or_none(checkin, histories[checkin.student_id])
            )
            scores.append(
                CheckinScore(
                    checkin_id=checkin.pk,
                    checkin_revision=checkin.revision,
                    analyser_version=ANALYSER_VERSION,
                    language=text.language,
                    polarity=text.polarity,
                    subjectivity=text.subjectivity,
                    themes=list(text.themes),
                    concern_level=text.concern,
                    concern_categories=list(text.concern_categories),
                    concern_sources=list(text.concern_sources),
                    alerted_level=alerted_level,
                    alerted_categories=sorted(alerted_categories),
                    analysis_failed=failed,
                    scored_at=now,
                    **trends,
                )
            )
        CheckinScore.objects.bulk_create(
            scores, update_conflicts=True, unique_fields=["checkin"], update_fields=_SCORE_FIELDS
        )
        for checkin, text in alerts:
            help_request_raise(
                checkin=checkin, level=text.concern, categories=text.concern_categories, sources=text.concern_sources
            )
    return [(c.school_id, c.week, c.student_id) for c in todo]


def _charts_request(student_ids) -> None:
    """One message for the batch's charts, on the charts queue: a message per student costs more than its analysis."""
    from ..tasks import student_charts_render_task

    if student_ids:
        student_charts_render_task.delay(sorted(student_ids))


def checkin_score(*, checkin_id: int) -> bool:
    """Score one check-in now; True if a score was written, False if it was current or is gone."""
    return checkins_analyse([checkin_id]) == 1


def _stale() -> Q:
    return (
        Q(score__isnull=True)
        | Q(score__checkin_revision__lt=F("revision"))
        | ~Q(score__analyser_version=ANALYSER_VERSION)
    )


def checkins_stale_ids(*, since: date | None = None, after_id: int = 0, limit: int = 10_000) -> list[int]:
    """Ids of check-ins with no current score, in id order, from `after_id` on."""
    checkins = Checkin.objects.filter(_stale(), pk__gt=after_id)
    if since is not None:
        checkins = checkins.filter(week__gte=since)
    return list(checkins.order_by("pk").values_list("pk", flat=True)[:limit])


def checkins_score_sweep(*, limit: int = 5_000) -> int:
    """Queue what a lost message left behind in recent weeks; returns how many were queued.

    Also asks for a drain when claimed ids sit in their queue with the lease run
    out (their worker died), so nothing waits for the next submission.
    """
    since = timezone.localdate() - timedelta(weeks=SWEEP_WEEKS)
    stale = checkins_stale_ids(since=since, limit=limit)
    if stale or pending.ready():
        checkins_enqueue(stale)
    if stale:
        logger.info("sweep queued %s check-ins", len(stale))
    return len(stale)
