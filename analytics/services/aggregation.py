"""Weekly aggregates per group, grade and school: published by workers once a week's check-in has closed.

Figures are never computed for viewers while a week is open (only participation counts are live), so
reading a group before and after one student answers tells nothing. A week is published when its last
check-in window closes, for each audience apart (analytics/aggregates.py: what a viewer sees leaves out the
students they see individually), and republished on a schedule only where enough has changed.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from surveys.models import Checkin, CheckinWindow
from wellbeing import policy
from wellbeing.models import Consent, ConsentScope, Group, Membership, School

from ..aggregates import (
    REASON_CHANGED,
    SCALE_ITEMS,
    Cell,
    CellAggregate,
    ResponseRow,
    suppressed_stats,
    week_aggregates,
)
from ..models import WeekAggregate, WeekPublication


def _cells(school_id: int, respondents: set[int]) -> list[Cell]:
    """The school's cells: every group, every grade and the school.

    A student's home group is their class (a group without a subject) before
    any teaching group, oldest first, as for check-in windows. A class whose
    students all have it as their home group partitions its grade (or the
    school, if it has no grade); teaching groups overlap classes and have no
    parent, so only the nested-differencing rule applies to them.
    """
    groups = {g.pk: g for g in Group.objects.filter(school_id=school_id).only("pk", "subject", "grade")}
    members = defaultdict(set)
    home: dict[int, int] = {}
    rows = Membership.objects.filter(group__school_id=school_id, role=Membership.Role.STUDENT).values_list(
        "user_id", "group_id"
    )
    for user_id, group_id in sorted(rows, key=lambda row: (groups[row[1]].subject != "", row[1])):
        members[group_id].add(user_id)
        home.setdefault(user_id, group_id)
    school_key = ("school", school_id)
    grades = defaultdict(set)
    for user_id, group_id in home.items():
        if groups[group_id].grade is not None:
            grades[groups[group_id].grade].add(user_id)
    cells = [Cell(key=school_key, members=frozenset(set(home) | respondents))]
    cells += [Cell(key=("grade", grade), members=frozenset(ids), parent=school_key) for grade, ids in grades.items()]
    for group_id, ids in members.items():
        group = groups[group_id]
        parent = None
        if group.subject == "" and all(home[user_id] == group_id for user_id in ids):
            parent = ("grade", group.grade) if group.grade is not None else school_key
        cells.append(Cell(key=("group", group_id), members=frozenset(ids), parent=parent))
    return cells


@dataclass(frozen=True)
class _Week:
    rows: list[ResponseRow]
    checkins: dict[int, tuple[int, str]]  # student -> (check-in id, fingerprint of what the figures read)
    shared: dict[str, frozenset[int]]  # consent scope -> students whose consent covers this week's check-in


def _week(school_id: int, week: date) -> _Week:
    """The week's answers with what the analysis derived, and whose answers staff see individually.

    The text itself is never read here. Who is seen individually is the policy's rule, check-in by check-in
    (consent looks forward), so each audience's figures leave out exactly those students.
    """
    rows = (
        Checkin.objects.filter(school_id=school_id, week=week)
        .annotate(**{f"covers_{scope.value}": policy.consent_covers(scope) for scope in ConsentScope})
        .values(
            "pk",
            "student_id",
            "revision",
            *SCALE_ITEMS,
            "workload",
            "hardest_subject",
            "help_wanted",
            "score__language",
            "score__themes",
            "score__polarity",
            "score__analyser_version",
            *(f"covers_{scope.value}" for scope in ConsentScope),
        )
    )
    responses, checkins, shared = [], {}, {scope.value: set() for scope in ConsentScope}
    for row in rows:
        student = row["student_id"]
        responses.append(
            ResponseRow(
                student=student,
                **{name: row[name] for name in SCALE_ITEMS},
                workload=row["workload"],
                hardest_subject=row["hardest_subject"],
                help_wanted=tuple(row["help_wanted"] or ()),
                has_text=bool(row["score__language"]),
                themes=tuple(row["score__themes"] or ()),
                polarity=row["score__polarity"],
            )
        )
        checkins[student] = (row["pk"], f"{row['revision']}:{row['score__analyser_version'] or 0}")
        for scope in ConsentScope:
            if row[f"covers_{scope.value}"]:
                shared[scope.value].add(student)
    return _Week(responses, checkins, {scope: frozenset(ids) for scope, ids in shared.items()})


def _hidden(audience: str, shared: dict[str, frozenset[int]]) -> tuple[frozenset[int], frozenset[int]]:
    """(students seen individually with their scores, with their reflections) by an audience."""
    teachers = audience in (WeekAggregate.Audience.TEACHERS, WeekAggregate.Audience.BOTH)
    health = audience in (WeekAggregate.Audience.HEALTH, WeekAggregate.Audience.BOTH)
    scores = (shared[ConsentScope.SCORES_TO_TEACHERS] if teachers else frozenset()) | (
        shared[ConsentScope.TRENDS_TO_HEALTH] if health else frozenset()
    )
    text = shared[ConsentScope.TEXT_TO_TEACHERS] if teachers else frozenset()
    return scores, text


def school_week_aggregates_compute(
    *, school: School, week: date, audience: str = WeekAggregate.Audience.ALL
) -> dict[tuple, CellAggregate]:
    """Every cell of one school's week for one audience, computed from the database; stores nothing."""
    data = _week(school.pk, week)
    return _compute(school, data, audience)


def _compute(school: School, data: _Week, audience: str) -> dict[tuple, CellAggregate]:
    hidden_scores, hidden_text = _hidden(audience, data.shared)
    return week_aggregates(
        data.rows,
        _cells(school.pk, {row.student for row in data.rows}),
        min_responses=school.min_group_size,
        min_text_responses=school.min_text_group_size,
        hidden_scores=hidden_scores,
        hidden_text=hidden_text,
    )


def school_week_closed(school: School, week: date, now: datetime) -> bool:
    """Whether every check-in window of the school's week has closed (a week without windows: when it is over)."""
    windows = CheckinWindow.objects.filter(group__school=school, week=week)
    if windows.filter(closes_at__gt=now).exists():
        return False
    return windows.exists() or timezone.localdate(now, ZoneInfo(school.timezone)) >= week + timedelta(days=7)


# What one cell does at a republication (see `school_week_publish`).
_KEEP, _PUBLISH, _SUPPRESS = "keep", "publish", "suppress"


def _decide(old: WeekAggregate | None, fresh: CellAggregate, basis: dict[str, str], hidden: set[str], minimum: int):
    if old is None:
        return _PUBLISH
    gone = old.basis.keys() - basis.keys()
    now_seen = gone & hidden  # left the figures because the audience now sees them individually
    changes = len(gone - now_seen) + len(basis.keys() - old.basis.keys())
    changes += sum(old.basis[key] != fp for key, fp in basis.items() if key in old.basis)
    if changes == 0 and not now_seen:
        return _KEEP  # nothing changed
    if old.suppressed or fresh.suppressed:
        return _PUBLISH  # nothing was shown to subtract from, or nothing will be
    if changes >= minimum or (changes == 0 and now_seen):
        # Enough changed that no single one can be isolated; or only students the audience now sees
        # individually left, whose answers it can read anyway.
        return _PUBLISH
    if now_seen:
        return _SUPPRESS  # the old figures include someone the audience now sees: subtracting would expose them
    return _KEEP  # a small change waits until enough has changed


@transaction.atomic
def school_week_publish(*, school_id: int, week: date, now: datetime | None = None) -> int:
    """Publish a school's week once its check-in has closed, or fold in late changes; returns cells written.

    The first publication writes every cell for every audience. Later ones (scheduled, see
    `school_weeks_republish`) replace a cell only when at least the school's minimum of its responses changed
    since its figures were published (a late analysis, a student moved, an erasure), so no single edit can
    be read by comparing two publications. Locking the school row serialises two workers on one school-week.
    """
    school = School.objects.select_for_update().filter(pk=school_id).first()
    now = now or timezone.now()
    if school is None or not school_week_closed(school, week, now):
        return 0
    data = _week(school.pk, week)
    existing = {(a.audience, a.scope, _cell_key(a)): a for a in WeekAggregate.objects.filter(school=school, week=week)}
    written, fresh_rows = 0, []
    for audience in WeekAggregate.Audience.values:
        hidden_scores, hidden_text = _hidden(audience, data.shared)
        hidden = {str(data.checkins[s][0]) for s in hidden_scores | hidden_text if s in data.checkins}
        for (scope, key), cell in _compute(school, data, audience).items():
            basis = {str(data.checkins[s][0]): data.checkins[s][1] for s in cell.population}
            old = existing.pop((audience, scope, key), None)
            decision = _decide(old, cell, basis, hidden, school.min_group_size)
            if decision == _KEEP:
                continue
            if decision == _SUPPRESS:
                WeekAggregate.objects.filter(pk=old.pk).update(
                    suppressed=True,
                    suppressed_reason=REASON_CHANGED,
                    text_suppressed=True,
                    text_suppressed_reason=REASON_CHANGED,
                    stats=suppressed_stats(),
                    computed_at=now,
                )
                written += 1
                continue
            if old is not None:
                old.delete()
            fresh_rows.append(_row(school, week, audience, scope, key, cell, basis, now))
    WeekAggregate.objects.bulk_create(fresh_rows)
    # Cells that are gone (a group deleted) are gone from the figures too.
    WeekAggregate.objects.filter(pk__in=[a.pk for a in existing.values()]).delete()
    WeekPublication.objects.update_or_create(
        school=school,
        week=week,
        defaults={"republished_at": now},
        create_defaults={"published_at": now, "republished_at": now},
    )
    return written + len(fresh_rows)


def _cell_key(aggregate: WeekAggregate) -> int:
    """The key of a stored row's cell, as analytics.aggregates names it: a group id, a grade or the school id."""
    if aggregate.scope == WeekAggregate.Scope.GROUP:
        return aggregate.group_id
    return aggregate.grade if aggregate.scope == WeekAggregate.Scope.GRADE else aggregate.school_id


def _row(school, week, audience, scope, key, cell: CellAggregate, basis: dict, now: datetime) -> WeekAggregate:
    return WeekAggregate(
        school=school,
        week=week,
        audience=audience,
        scope=scope,
        group_id=key if scope == WeekAggregate.Scope.GROUP else None,
        grade=key if scope == WeekAggregate.Scope.GRADE else None,
        member_count=cell.member_count,
        response_count=cell.response_count,
        suppressed=cell.suppressed,
        suppressed_reason=cell.suppressed_reason,
        text_count=cell.text_count,
        text_suppressed=cell.text_suppressed,
        text_suppressed_reason=cell.text_suppressed_reason,
        described_count=cell.described_count,
        text_described_count=cell.text_described_count,
        stats=cell.stats,
        basis=basis,
        computed_at=now,
    )


# A scheduled republication looks this far back; older weeks keep their figures (`rescore --aggregates`
# republishes any week).
REPUBLISH_WEEKS = 5


def school_weeks_publish_due(*, now: datetime | None = None) -> int:
    """Publish every school-week whose check-in has closed and that is not published yet (after an upgrade:
    all of history, once)."""
    now = now or timezone.now()
    published = set(WeekPublication.objects.values_list("school_id", "week"))
    candidates = set(Checkin.objects.values_list("school_id", "week").distinct())
    done = 0
    for school_id, week in sorted(candidates - published):
        done += bool(school_week_publish(school_id=school_id, week=week, now=now))
    return done


def school_weeks_republish(*, now: datetime | None = None, stale_only: bool = False) -> int:
    """Republish the recent published weeks: all of them (the scheduled run), or only those a student's
    "share my earlier check-ins too" has made stale since (`stale_only`, run every few minutes)."""
    now = now or timezone.now()
    since = timezone.localdate(now) - timedelta(weeks=REPUBLISH_WEEKS)
    publications = WeekPublication.objects.filter(week__gte=since)
    if stale_only:
        publications = publications.filter(_stale_by_consent())
    done = 0
    for school_id, week in sorted(publications.values_list("school_id", "week")):
        school_week_publish(school_id=school_id, week=week, now=now)
        done += 1
    return done


def _stale_by_consent() -> Exists:
    """For WeekPublication rows: a student of the school chose to share earlier check-ins after the week's figures
    were last computed, so an audience may now see individually someone its figures still count."""
    return Exists(
        Consent.objects.filter(
            student__school_id=OuterRef("school_id"),
            granted=True,
            include_earlier=True,
            updated_at__gt=OuterRef("republished_at"),
        )
    )
