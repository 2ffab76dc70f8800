"""How long an urgent check-in waits for its alert when it arrives right behind other work.

Timed from the moment the urgent check-in is queued to its case in student health's queue (the scoring
drain committed the alert) and to its email being sent (the outbox row marked sent), with real `celery
worker` processes:

1. alone: the urgent check-in with nothing else queued (the floor);
2. behind bulk work (N check-ins of history re-scored in batches, each batch recomputing aggregates and
   asking for its students' charts), one worker serving every queue: the old layout, where charts and
   re-scoring could hold back alerts;
3. behind the same bulk work, the layout `bin/run` starts: a fast lane (`-Q celery`: scoring, alerts,
   emails) and a bulk lane (`-Q bulk`, under `nice`: charts, aggregates, re-scoring);
4. behind a burst of N new check-ins (a municipality checking in at once), the same lanes: the urgent one
   waits for the scoring backlog ahead of it, which is the analysis throughput, not bulk work.

    .venv/bin/python bench/alert_latency.py [--load 4000] [--concurrency 2]

Uses the bench database (see common.py) and Redis database 14; everything it made is deleted afterwards.
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from common import setup_django

ROOT = Path(__file__).resolve().parent.parent
URGENT = "I have saved my mum's pills in a box and I'm going to take them all on friday"


def start(queues: str, concurrency: int, name: str, nice: int = 0) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wellbeing.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    command = ["nice", "-n", str(nice)] if nice else []
    command += [sys.executable, "-m", "celery", "-A", "wellbeing", "worker", "-Q", queues, "-n", f"{name}@bench"]
    command += ["--concurrency", str(concurrency), "--loglevel", "WARNING", "--without-gossip", "--without-mingle"]
    # A fixed command of our own: no outside input reaches it.
    return subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL)  # noqa: S603


def wait_for_workers(count: int) -> None:
    from wellbeing.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=0.5) or []) >= count:
            return
    raise SystemExit("the workers did not start")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        process.wait(timeout=120)


def urgent_checkin(ids: list[int]) -> int:
    """One more check-in, urgent, in the first school of the burst, whose student-health staff have an address."""
    from surveys.models import Checkin
    from wellbeing.models import SchoolRole, User

    template = Checkin.objects.get(pk=ids[0])
    student = User.objects.create(username="bench-analysis-urgent", is_student=True, school_id=template.school_id)
    health = User.objects.create(username="bench-analysis-health", email="halsa@example.org")
    SchoolRole.objects.create(school_id=template.school_id, user=health, role=SchoolRole.Role.HEALTH)
    checkin = Checkin.objects.create(
        student=student,
        school_id=template.school_id,
        week=template.week,
        window=template.window,
        mood=1,
        reflection=URGENT,
        language="en",
        submitted_at=template.submitted_at,
        updated_at=template.updated_at,
    )
    return checkin.pk


def measure(layout: list[tuple[str, int, str, int]], load: str, count: int) -> tuple[float, float]:
    """Seconds from queueing the urgent check-in to its case, and to its email sent."""
    from analysis_throughput import cleanup, corpus, seed

    from analytics import pending
    from analytics.models import HelpRequest, Notification
    from analytics.services import checkins_enqueue
    from analytics.tasks import checkins_analyse_task, student_charts_render_task
    from surveys.models import Checkin
    from wellbeing.celery import app

    ids = seed(corpus(max(count, 1)))  # one at least: the urgent check-in joins its school and week
    urgent = urgent_checkin(ids)
    students = list(Checkin.objects.filter(pk__in=ids).order_by("pk").values_list("student_id", flat=True))
    pending.clear()
    app.control.purge()
    workers = [start(queues, concurrency, name, nice) for queues, concurrency, name, nice in layout]
    try:
        wait_for_workers(len(layout))
        time.sleep(2.0)  # the workers are consuming, not just answering pings
        if load == "bulk":
            for start_at in range(0, len(ids), 200):  # what `manage.py rescore` sends, and the charts it asks for
                checkins_analyse_task.delay(ids[start_at : start_at + 200])
                student_charts_render_task.delay(students[start_at : start_at + 200])
            time.sleep(1.0)  # the bulk work is under way
        elif load == "burst":
            checkins_enqueue(ids)  # the municipality, all at once
            time.sleep(0.2)  # the burst's first batches are under way
        queued = time.perf_counter()
        checkins_enqueue([urgent])
        while not HelpRequest.objects.filter(checkin_id=urgent).exists():
            time.sleep(0.005)
        alerted = time.perf_counter() - queued
        while not Notification.objects.filter(request__checkin_id=urgent, status="sent").exists():
            time.sleep(0.005)
        emailed = time.perf_counter() - queued
    finally:
        stop(workers)
        app.control.purge()
        pending.clear()
        cleanup()
    return alerted, emailed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--load", type=int, default=4000, help="check-ins of bulk work, and of the burst")
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    setup_django(LOG_LEVEL="WARNING")
    c, n = args.concurrency, args.load
    lanes = [("celery", c, "fast", 0), ("bulk", 1, "bulk", 10)]  # as bin/run starts them
    runs = [
        ("alone (the floor)", lanes, "none"),
        (f"behind re-scoring {n}, one worker for every queue", [("celery,bulk", c, "all", 0)], "bulk"),
        (f"behind re-scoring {n}, fast and bulk lanes", lanes, "bulk"),
        (f"behind {n} new check-ins, fast and bulk lanes", lanes, "burst"),
    ]
    results = []
    for label, layout, load in runs:
        alerted, emailed = measure(layout, load, n)
        results.append(alerted)
        print(f"{label:<52} case in the queue {alerted:6.2f} s   email sent {emailed:6.2f} s")
    print(
        f"behind bulk work, the lanes alert {results[1] / results[2]:.0f}x sooner than one worker for every queue,"
        f" {results[2] / results[0]:.1f}x the floor"
    )


if __name__ == "__main__":
    main()
