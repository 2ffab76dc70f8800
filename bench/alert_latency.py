"""How long an urgent check-in waits for its alert when it arrives right behind a burst.

A municipality checks in at once (N check-ins, each batch of which asks for its students' charts and a
recompute of the aggregates), and one student writes something urgent just after. Timed from the moment the
urgent check-in is queued to its case in student health's queue (the scoring drain committed the alert) and
to its email being sent (the outbox row marked sent), with real `celery worker` processes:

1. alone: the urgent check-in with nothing else queued (the floor);
2. after the burst, one worker serving every queue (the layout where charts could hold back alerts);
3. after the burst, the layout `bin/run` starts: a fast lane (`-Q celery`: scoring, alerts, emails) and a
   bulk lane (`-Q bulk`: charts, aggregates, re-scoring) in separate worker processes.

    .venv/bin/python bench/alert_latency.py [--burst 4000] [--concurrency 2]

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


def start(queues: str, concurrency: int, name: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "wellbeing.settings",
        "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
    }
    command = [sys.executable, "-m", "celery", "-A", "wellbeing", "worker", "-Q", queues, "-n", f"{name}@bench"]
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


def measure(layout: list[tuple[str, int, str]], burst: int) -> tuple[float, float]:
    """Seconds from queueing the urgent check-in to its case, and to its email sent."""
    from analysis_throughput import cleanup, corpus, seed

    from analytics import pending
    from analytics.models import HelpRequest, Notification
    from analytics.services import checkins_enqueue
    from wellbeing.celery import app

    ids = seed(corpus(max(burst, 1)))  # one at least: the urgent check-in joins its school and week
    urgent = urgent_checkin(ids)
    pending.clear()
    app.control.purge()
    workers = [start(queues, concurrency, name) for queues, concurrency, name in layout]
    try:
        wait_for_workers(len(layout))
        if burst:
            checkins_enqueue(ids)  # the municipality, all at once
            time.sleep(0.2)  # the burst's first batches are under way, and their charts queued
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
    parser.add_argument("--burst", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=2)
    args = parser.parse_args()
    setup_django(LOG_LEVEL="WARNING")
    c = args.concurrency
    runs = [
        ("alone, fast and bulk lanes", [("celery", c, "fast"), ("bulk", 1, "bulk")], 0),
        (f"after {args.burst}, one worker for every queue", [("celery,bulk", c, "all")], args.burst),
        (
            f"after {args.burst}, fast and bulk lanes (bin/run)",
            [("celery", c, "fast"), ("bulk", 1, "bulk")],
            args.burst,
        ),
    ]
    results = {}
    for label, layout, burst in runs:
        results[label] = measure(layout, burst)
        alerted, emailed = results[label]
        print(f"{label:<48} case in the queue {alerted:6.2f} s   email sent {emailed:6.2f} s")
    floor = results[runs[0][0]][0]
    mixed, lanes = results[runs[1][0]][0], results[runs[2][0]][0]
    print(f"lanes against one worker: the alert {mixed / lanes:.1f}x sooner; {lanes / floor:.1f}x the floor")


if __name__ == "__main__":
    main()
