"""Aggregate publication time for 100,000 and 1,000,000 responses.

Two measurements per size:
- compute: `analytics.aggregates.week_aggregates` (cells, statistics and
  disclosure control) over every school-week, on rows already in memory, for
  one audience;
- database: `school_week_publish` for every school-week, the worker's real
  path when a week closes (read the week's answers, who shares what and the
  school's memberships, compute the four audiences' figures, store them), with
  the responses in PostgreSQL;
and, at each size, one school-week's scheduled republication when nothing
changed (what the six-hourly run pays per week), which does not grow with the
table.

    .venv/bin/python bench/aggregate_recompute.py [--sizes 100000,1000000] [--db-sizes 100000,1000000]

Each school has 500 students in 20 classes of 25 across three grades, plus 10
teaching groups of 25 that overlap the classes; every student answers every
week. Uses BENCH_DATABASE_URL (default: the wellbeing_bench database on the
local PostgreSQL); the bench's own schools are deleted afterwards.
"""

import argparse
import random
import time
from datetime import date, timedelta

from common import setup_django

STUDENTS = 500
CLASS = 25
PREFIX = "Bench aggregate school"


def school_cells(school: int, student_ids: list[int]):
    from analytics.aggregates import Cell

    school_key = ("school", school)
    cells = [Cell(key=school_key, members=frozenset(student_ids))]
    grades: dict[int, set] = {}
    for n in range(0, len(student_ids), CLASS):
        members = frozenset(student_ids[n : n + CLASS])
        grade = 7 + (n // CLASS) % 3
        grades.setdefault(grade, set()).update(members)
        cells.append(Cell(key=("group", school * 1000 + n // CLASS), members=members, parent=("grade", grade)))
    cells += [Cell(key=("grade", g), members=frozenset(m), parent=school_key) for g, m in grades.items()]
    rng = random.Random(school)
    for t in range(10):
        cells.append(Cell(key=("group", school * 1000 + 500 + t), members=frozenset(rng.sample(student_ids, CLASS))))
    return cells


def compute_only(size: int) -> float:
    from analytics.aggregates import ResponseRow, week_aggregates

    rng = random.Random(size)
    weeks = size // STUDENTS
    started_total = 0.0
    for w in range(weeks):
        school = w % 40
        ids = list(range(school * 10_000, school * 10_000 + STUDENTS))
        rows = [
            ResponseRow(
                student=i,
                mood=rng.randint(1, 5),
                energy=rng.randint(1, 5),
                stress=rng.randint(1, 5),
                sleep=rng.randint(1, 5),
                belonging=rng.randint(1, 5),
                workload=rng.choice(["", "too_easy", "about_right", "too_hard"]),
                hardest_subject=rng.choice(["", "none", "Matte", "Engelska"]),
                help_wanted=tuple(rng.sample(["explanation", "time", "breaks"], rng.randint(0, 2))),
                has_text=rng.random() < 0.6,
                themes=tuple(rng.sample(["schoolwork", "exams", "sleep", "friends"], rng.randint(0, 2))),
                polarity=rng.uniform(-1, 1),
            )
            for i in ids
        ]
        cells = school_cells(school, ids)
        started = time.perf_counter()
        week_aggregates(rows, cells, min_responses=5, min_text_responses=10)
        started_total += time.perf_counter() - started
    return started_total


def seed(size: int) -> list[tuple[int, date]]:
    from django.utils import timezone

    from surveys.models import Checkin, CheckinWindow
    from wellbeing.models import Group, Membership, School, User

    cleanup()
    weeks = max(1, size // (STUDENTS * 20))
    schools = size // (STUDENTS * weeks)
    first = date(2025, 1, 6)
    now = timezone.now()
    rng = random.Random(size)
    keys = []
    for s in range(schools):
        school = School.objects.create(name=f"{PREFIX} {s}")
        students = User.objects.bulk_create(
            User(username=f"bench-agg-{s}-{n}", is_student=True, school=school) for n in range(STUDENTS)
        )
        classes = [
            Group.objects.create(school=school, name=f"{7 + n % 3}{chr(65 + n // 3)}", grade=7 + n % 3)
            for n in range(STUDENTS // CLASS)
        ]
        teaching = [Group.objects.create(school=school, name=f"T{t}", subject="Spanska") for t in range(10)]
        Membership.objects.bulk_create(
            [Membership(group=classes[n // CLASS], user=u, role="student") for n, u in enumerate(students)]
            + [Membership(group=g, user=u, role="student") for g in teaching for u in rng.sample(students, CLASS)]
        )
        for w in range(weeks):
            week = first + timedelta(weeks=w)
            windows = CheckinWindow.objects.bulk_create(
                CheckinWindow(group=g, week=week, opens_at=now, closes_at=now + timedelta(days=1)) for g in classes
            )
            Checkin.objects.bulk_create(
                (
                    Checkin(
                        student=u,
                        school=school,
                        week=week,
                        window=windows[n // CLASS],
                        mood=rng.randint(1, 5),
                        energy=rng.randint(1, 5),
                        stress=rng.randint(1, 5),
                        sleep=rng.randint(1, 5),
                        belonging=rng.randint(1, 5),
                        workload=rng.choice(["", "too_easy", "about_right", "too_hard"]),
                        submitted_at=now,
                        updated_at=now,
                    )
                    for n, u in enumerate(students)
                ),
                batch_size=5000,
            )
            keys.append((school.pk, week))
    return keys


def cleanup() -> None:
    """Delete the bench's schools and everything under them without Django's collector, which would load every row."""
    from analytics.models import CheckinScore, HelpRequest, WeekAggregate, WeekPublication
    from surveys.models import Checkin, CheckinWindow
    from wellbeing.models import Group, Membership, School, User

    schools = School.objects.filter(name__startswith=PREFIX)
    for rows in (
        CheckinScore.objects.filter(checkin__school__in=schools),
        HelpRequest.objects.filter(school__in=schools),
        Checkin.objects.filter(school__in=schools),
        WeekAggregate.objects.filter(school__in=schools),
        WeekPublication.objects.filter(school__in=schools),
        CheckinWindow.objects.filter(group__school__in=schools),
        Membership.objects.filter(group__school__in=schools),
        Group.objects.filter(school__in=schools),
    ):
        rows._raw_delete(rows.db)  # no signals or cascades to run: the rows under them are gone first
    User.objects.filter(username__startswith="bench-agg-").delete()
    schools.delete()


def database(size: int) -> tuple[float, float, int]:
    from django.utils import timezone

    from analytics.services import school_week_publish

    print(f"  seeding {size:,} responses ...", flush=True)
    keys = seed(size)
    closed = timezone.now() + timedelta(days=400)  # every bench week's check-in has closed by then
    try:
        started = time.perf_counter()
        for school_id, week in keys:
            school_week_publish(school_id=school_id, week=week, now=closed)
        total = time.perf_counter() - started
        one = []
        for school_id, week in keys[:: max(1, len(keys) // 20)]:
            started = time.perf_counter()
            school_week_publish(school_id=school_id, week=week, now=closed)
            one.append(time.perf_counter() - started)
        return total, sorted(one)[len(one) // 2], len(keys)
    finally:
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000,1000000")
    parser.add_argument("--db-sizes", default="100000,1000000")
    args = parser.parse_args()
    setup_django(LOG_LEVEL="WARNING")
    for size in [int(s) for s in args.sizes.split(",") if s]:
        seconds = compute_only(size)
        print(
            f"compute, {size:>9,} responses ({size // STUDENTS:,} school-weeks): {seconds:7.2f} s"
            f"  = {size / seconds:,.0f} responses/s"
        )
    for size in [int(s) for s in args.db_sizes.split(",") if s]:
        total, one, weeks = database(size)
        print(
            f"database, {size:>9,} responses ({weeks:,} school-weeks): {total:7.2f} s in all"
            f"  = {size / total:,.0f} responses/s, four audiences each;"
            f" republishing one unchanged school-week {one * 1000:.0f} ms (median)"
        )


if __name__ == "__main__":
    main()
