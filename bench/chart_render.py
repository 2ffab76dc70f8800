"""What the history chart costs to draw, against what it costs to serve from the cache.

Draws the charts of --charts students (26 weeks of all five items each) with
the worker's service, then reads each back with the page's selector, and
prints the median milliseconds per chart of both and their ratio (reads
are repeated a few times, as they are cheap and noisy). The drawing is
also timed alone (matplotlib only, no database or cache).

    .venv/bin/python bench/chart_render.py [--charts 50]

Uses the database named by BENCH_DATABASE_URL (default: a wellbeing_bench
database on the local PostgreSQL, created and migrated here) and Redis
database 14 under a key prefix of its own, whose keys it deletes afterwards.
"""

import argparse
import statistics
import time
import uuid
from datetime import timedelta

from common import setup_django

SCHOOL = "Chart bench school"
READ_PASSES = 3  # reads are cheap and noisy: each chart is read this many times


def cleanup() -> None:
    from surveys.models import Checkin, CheckinWindow
    from wellbeing.models import Group, School, User

    Checkin.objects.filter(school__name=SCHOOL).delete()
    CheckinWindow.objects.filter(group__school__name=SCHOOL).delete()
    User.objects.filter(username__startswith="chartbench-").delete()
    Group.objects.filter(school__name=SCHOOL).delete()
    School.objects.filter(name=SCHOOL).delete()


def seed(count: int) -> list:
    from django.utils import timezone

    from surveys.models import Checkin, CheckinWindow
    from surveys.weeks import week_start
    from wellbeing.models import Group, School, User

    school = School.objects.create(name=SCHOOL)
    group = Group.objects.create(school=school, name="Bench")
    now = timezone.now()
    this_week = week_start(now, school.timezone)
    weeks = [this_week - timedelta(weeks=n) for n in range(26)]
    windows = CheckinWindow.objects.bulk_create(
        CheckinWindow(group=group, week=week, opens_at=now - timedelta(days=1), closes_at=now + timedelta(days=1))
        for week in weeks
    )
    students = User.objects.bulk_create(
        User(username=f"chartbench-{i}", is_student=True, school=school, password="!") for i in range(count)
    )
    Checkin.objects.bulk_create(
        Checkin(
            student=student,
            school=school,
            week=window.week,
            window=window,
            mood=1 + (i + n) % 5,
            energy=1 + (i * 2 + n) % 5,
            stress=1 + (i + 2 * n) % 5,
            sleep=1 + (i + 3 * n) % 5,
            belonging=1 + (i * 3 + n) % 5,
            submitted_at=now,
            updated_at=now,
        )
        for i, student in enumerate(students)
        for n, window in enumerate(windows)
        if (i + n) % 9  # a few skipped weeks, as real students have
    )
    return students


def per_chart_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--charts", type=int, default=50)
    args = parser.parse_args()
    setup_django(CACHE_KEY_PREFIX=f"wellbeing-bench-chart-{uuid.uuid4().hex[:8]}")
    import redis
    from django.conf import settings
    from django.db import connection

    from analytics.charts import history_svg
    from analytics.selectors import student_chart_for_viewer, student_chart_weeks
    from analytics.services import student_chart_render

    cleanup()
    students = seed(args.charts)
    try:
        labels = {key: key.capitalize() for key in ("mood", "energy", "stress", "sleep", "belonging")}
        history_svg(student_chart_weeks(students[0]), labels=labels, title="warm-up")  # imports, font cache

        drawing, rendering, reading, sizes = [], [], [], []
        for student in students:
            weeks = student_chart_weeks(student)
            start = time.perf_counter()
            history_svg(weeks, labels=labels, title="Bench")
            drawing.append(time.perf_counter() - start)
        for student in students:
            start = time.perf_counter()
            assert student_chart_render(student_id=student.pk)
            rendering.append(time.perf_counter() - start)
        for student in students:
            student.refresh_from_db()
            student.school  # noqa: B018  as a page has it: request.user's school is read before the chart
        for _ in range(READ_PASSES):
            for student in students:
                start = time.perf_counter()
                svg = student_chart_for_viewer(student)
                reading.append(time.perf_counter() - start)
                assert svg is not None
                sizes.append(len(svg.encode()))

        render_ms, read_ms = per_chart_ms(rendering), per_chart_ms(reading)
        print(f"history chart, {args.charts} students x 26 weeks x 5 items, {connection.vendor}, median per chart:")
        print(f"  draw only (matplotlib to SVG):                      {per_chart_ms(drawing):8.1f} ms")
        print(f"  render (worker: read + draw + cache set):           {render_ms:8.1f} ms")
        print(f"  cached read (page: read + fingerprint + cache get): {read_ms:8.2f} ms")
        print(f"  ratio render / cached read: {render_ms / read_ms:.0f}x")
        print(f"  SVG size: {statistics.median(sizes) / 1024:.1f} KiB")
    finally:
        cleanup()
        client = redis.Redis.from_url(settings.REDIS_URL)
        keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
        if keys:
            client.delete(*keys)


if __name__ == "__main__":
    main()
