"""Weekly aggregates per group, grade and school, recomputed by workers from the database."""

from collections import defaultdict
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from surveys.models import Checkin
from wellbeing.models import Group, Membership, School

from .. import pending
from ..aggregates import SCALE_ITEMS, Cell, ResponseRow, week_aggregates
from ..models import WeekAggregate


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


def _rows(school_id: int, week: date) -> list[ResponseRow]:
    """The week's answers with what the analysis derived; the text itself is never read here."""
    rows = Checkin.objects.filter(school_id=school_id, week=week).values(
        "student_id",
        *SCALE_ITEMS,
        "workload",
        "hardest_subject",
        "help_wanted",
        "score__language",
        "score__themes",
        "score__polarity",
    )
    return [
        ResponseRow(
            student=row["student_id"],
            **{name: row[name] for name in SCALE_ITEMS},
            workload=row["workload"],
            hardest_subject=row["hardest_subject"],
            help_wanted=tuple(row["help_wanted"] or ()),
            has_text=bool(row["score__language"]),
            themes=tuple(row["score__themes"] or ()),
            polarity=row["score__polarity"],
        )
        for row in rows
    ]


def school_week_aggregates_compute(*, school: School, week: date) -> dict[tuple, object]:
    """Every cell of one school's week, computed from the database; stores nothing."""
    rows = _rows(school.pk, week)
    cells = _cells(school.pk, {row.student for row in rows})
    return week_aggregates(
        rows, cells, min_responses=school.min_group_size, min_text_responses=school.min_text_group_size
    )


@transaction.atomic
def school_week_aggregates_recompute(*, school_id: int, week: date) -> int:
    """Replace one school's week of aggregates with a fresh computation; returns the number of cells.

    The whole school-week at once, because suppression links its cells: hiding
    one group can require hiding another or the grade. Locking the school row
    serialises two workers recomputing the same school-week.
    """
    school = School.objects.select_for_update().filter(pk=school_id).first()
    if school is None:
        return 0
    computed = school_week_aggregates_compute(school=school, week=week)
    now = timezone.now()
    aggregates = []
    for (scope, key), cell in computed.items():
        aggregates.append(
            WeekAggregate(
                school=school,
                week=week,
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
                stats=cell.stats,
                computed_at=now,
            )
        )
    WeekAggregate.objects.filter(school=school, week=week).delete()
    WeekAggregate.objects.bulk_create(aggregates)
    return len(aggregates)


# A scoring batch marks the school-weeks it touched; one drain recomputes them
# this many seconds later. A school submitting at once is recomputed every few
# seconds, not once per batch, and the pages are at most this much behind.
AGGREGATE_DELAY_SECONDS = 2


def school_weeks_mark(keys) -> None:
    """Queue school-weeks for a recompute and make sure a (delayed) drain is on its way."""
    from ..tasks import school_weeks_recompute_pending_task

    pending.AGGREGATES.add(f"{school_id}:{week.isoformat()}" for school_id, week in keys)
    if pending.AGGREGATES.drain_wanted(seconds=AGGREGATE_DELAY_SECONDS + settings.ANALYSIS_LEASE_SECONDS):
        school_weeks_recompute_pending_task.apply_async(countdown=AGGREGATE_DELAY_SECONDS)


def school_weeks_recompute_pending() -> int:
    """Recompute every marked school-week once; returns how many."""
    pending.AGGREGATES.drain_started()
    done = 0
    while True:
        claim = pending.AGGREGATES.claim(50, lease_seconds=settings.ANALYSIS_LEASE_SECONDS)
        if not claim.ids:
            return done
        for school_id, week in claim.ids:
            school_week_aggregates_recompute(school_id=school_id, week=week)
        pending.AGGREGATES.finish(claim)
        done += len(claim.ids)
