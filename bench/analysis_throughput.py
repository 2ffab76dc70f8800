"""Text analysis throughput: the scoring pipeline through real Celery workers, beside a
plain in-process loop over the same analysis functions, in one run.

0. the concern classifier alone: milliseconds per text on one core (CPU time), on the held-out corpus and on
   reflections at the 2,000-character limit.
1. loop: `analytics.text.analyse()` over N reflections in this process (one core).
2. the workers' batch function in this process, without Celery: the analysis
   plus its database work (fetch and decrypt, history, upsert, alerts).
3. pipeline: N check-ins written to the database (as a whole municipality
   submitting at once), their ids queued as a submission queues them, and real
   `celery worker` processes (prefork, --concurrency, default 2: this machine's
   cores) drain the queue in batches: fetch and lock, analyse, trends, one bulk
   upsert, alerts. Timed from the first id queued to the last score written.
4. the same pipeline with ANALYSIS_BATCH_SIZE=1: one check-in per claim, which is
   roughly what one Celery task per check-in would cost.

    .venv/bin/python bench/analysis_throughput.py [--texts 4000] [--concurrency 2]

Uses the database named by BENCH_DATABASE_URL (default: a wellbeing_bench
database on the local PostgreSQL, created and migrated here) and Redis database
14; the bench's own schools are deleted and the Redis database purged afterwards.
"""

import argparse
import os
import random
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

from common import setup_django

ROOT = Path(__file__).resolve().parent.parent
SCHOOLS = 20
BENCH_PREFIX = "Bench analysis school"


def corpus(n: int) -> list[tuple[str, str]]:
    """N (text, UI language) pairs: the demo's invented reflections, recombined so texts vary."""
    from analytics.demo.reflections import REFLECTIONS

    pool = [(text, language) for language, bands in REFLECTIONS.items() for texts in bands.values() for text in texts]
    rng = random.Random(2026)
    out = []
    for _ in range(n):
        first, language = rng.choice(pool)
        second = rng.choice([t for t, lang in pool if lang == language])
        out.append((first if rng.random() < 0.6 else f"{first}. {second}", language))
    return out


def classifier_cost() -> tuple[float, float, float]:
    """Milliseconds the concern classifier adds per text on one core: mean and 99th percentile over the
    held-out corpus (real lengths), and the mean over reflections at the 2,000-character limit."""
    import json

    from analytics.nlp.classifier import classify

    texts = [
        json.loads(line)["text"]
        for path in sorted((ROOT / "corpora" / "concern" / "holdout").glob("*.jsonl"))
        for line in path.open(encoding="utf-8")
        if line.strip()
    ]
    classify(texts[0])  # the model is read once per process, before the first check-in
    times = []
    for text in texts:
        started = time.process_time()
        classify(text)
        times.append(time.process_time() - started)
    times.sort()
    long_texts = [(text + " ") * (2000 // (len(text) + 1) + 1) for text in texts[:200]]
    started = time.process_time()
    for text in long_texts:
        classify(text[:2000])
    long_mean = (time.process_time() - started) / len(long_texts)
    return 1000 * sum(times) / len(times), 1000 * times[int(0.99 * len(times))], 1000 * long_mean


def loop(texts: list[tuple[str, str]]) -> float:
    from analytics.text import analyse

    started = time.perf_counter()
    for text, language in texts:
        analyse(text, language)
    return len(texts) / (time.perf_counter() - started)


def seed(texts: list[tuple[str, str]]) -> list[int]:
    """One school-week per school, students in classes of 25; returns the check-in ids."""
    from django.utils import timezone

    from surveys.models import Checkin, CheckinWindow
    from surveys.weeks import week_start
    from wellbeing.models import Group, Membership, School, User

    cleanup()
    now = timezone.now()
    per_school = -(-len(texts) // SCHOOLS)
    ids = []
    rng = random.Random(7)
    for s in range(SCHOOLS):
        school = School.objects.create(name=f"{BENCH_PREFIX} {s}")
        week = week_start(now, school.timezone)
        chunk = texts[s * per_school : (s + 1) * per_school]
        students = User.objects.bulk_create(
            User(username=f"bench-analysis-{s}-{n}", is_student=True, school=school) for n in range(len(chunk))
        )
        groups = [
            Group.objects.create(school=school, name=f"{7 + n % 3}{'ABCDEFGH'[n // 3]}", grade=7 + n % 3)
            for n in range(-(-len(chunk) // 25))
        ]
        Membership.objects.bulk_create(
            Membership(group=groups[n // 25], user=student, role=Membership.Role.STUDENT)
            for n, student in enumerate(students)
        )
        windows = {
            g.pk: CheckinWindow.objects.create(group=g, week=week, opens_at=now, closes_at=now + timedelta(days=1))
            for g in groups
        }
        checkins = Checkin.objects.bulk_create(
            Checkin(
                student=student,
                school=school,
                week=week,
                window=windows[groups[n // 25].pk],
                mood=rng.randint(1, 5),
                energy=rng.randint(1, 5),
                stress=rng.randint(1, 5),
                sleep=rng.randint(1, 5),
                belonging=rng.randint(1, 5),
                reflection=text,
                language=language,
                submitted_at=now,
                updated_at=now,
            )
            for n, (student, (text, language)) in enumerate(zip(students, chunk, strict=True))
        )
        ids += [c.pk for c in checkins]
    return ids


def cleanup() -> None:
    from wellbeing.models import School, User

    User.objects.filter(username__startswith="bench-analysis-").delete()
    School.objects.filter(name__startswith=BENCH_PREFIX).delete()


def in_process(texts: list[tuple[str, str]], *, batch_size: int) -> float:
    """The workers' batch function called in this process: the analysis plus its database work, no Celery."""
    from analytics import pending
    from analytics.services import checkins_analyse
    from wellbeing.celery import app

    ids = seed(texts)
    try:
        started = time.perf_counter()
        for start in range(0, len(ids), batch_size):
            checkins_analyse(ids[start : start + batch_size])
        elapsed = time.perf_counter() - started
    finally:
        app.control.purge()  # the chart messages the batches sent
        pending.clear()
        cleanup()
    return len(ids) / elapsed


def start_workers(concurrency: int, batch_size: int) -> subprocess.Popen:
    env = {**os.environ, "ANALYSIS_BATCH_SIZE": str(batch_size), "DJANGO_SETTINGS_MODULE": "wellbeing.settings"}
    command = [sys.executable, "-m", "celery", "-A", "wellbeing", "worker", "-Q", "celery,bulk"]
    command += ["--concurrency", str(concurrency), "--loglevel", "WARNING", "--without-gossip", "--without-mingle"]
    # A fixed command of our own: no outside input reaches it.
    process = subprocess.Popen(command, env=env, cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL)  # noqa: S603
    from wellbeing.celery import app

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        replies = app.control.ping(timeout=0.5) or []
        if len(replies) >= 1:
            return process
    raise SystemExit("the workers did not start")


def stop_workers(process: subprocess.Popen) -> None:
    process.terminate()  # a warm shutdown: the main process stops its pool
    process.wait(timeout=60)


def pipeline(texts: list[tuple[str, str]], *, concurrency: int, batch_size: int) -> float:
    from analytics import pending
    from analytics.models import CheckinScore
    from analytics.services import checkins_enqueue
    from wellbeing.celery import app

    ids = seed(texts)
    pending.clear()
    app.control.purge()
    workers = start_workers(concurrency, batch_size)
    try:
        started = time.perf_counter()
        # A whole municipality submits at once: every id queued, one drain asked for.
        checkins_enqueue(ids)
        while CheckinScore.objects.filter(checkin_id__in=ids).count() < len(ids):
            time.sleep(0.02)
        elapsed = time.perf_counter() - started
    finally:
        stop_workers(workers)
        app.control.purge()
        pending.clear()
        cleanup()
    return len(ids) / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--texts", type=int, default=4000)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=200)
    args = parser.parse_args()
    setup_django(LOG_LEVEL="WARNING")
    from django.db import connection

    texts = corpus(args.texts)
    print(f"{len(texts)} reflections (sv, nb, en), {SCHOOLS} schools, database {connection.vendor}")
    mean, p99, long_mean = classifier_cost()
    print(
        f"concern classifier, 1 core: {mean:.2f} ms per text (99th percentile {p99:.2f} ms) on the held-out corpus;"
        f" {long_mean:.2f} ms at 2,000 characters"
    )
    plain = loop(texts)
    print(f"plain loop, 1 process:                  {plain:8.0f} texts/s")
    local = in_process(texts, batch_size=args.batch_size)
    print(
        f"batches in this process, no Celery:    {local:8.0f} texts/s   ({local / plain:.2f}x the loop: "
        "the database work of each batch)"
    )
    batched = pipeline(texts, concurrency=args.concurrency, batch_size=args.batch_size)
    print(
        f"pipeline, {args.concurrency} worker processes, batch {args.batch_size}: {batched:8.0f} texts/s"
        f"   ({batched / plain:.2f}x the loop, {batched / local:.2f}x the batches in one process)"
    )
    single = pipeline(texts[: max(200, len(texts) // 10)], concurrency=args.concurrency, batch_size=1)
    print(
        f"pipeline, {args.concurrency} worker processes, batch 1:   {single:8.0f} texts/s"
        f"   ({single / plain:.2f}x the loop; batching gains {batched / single:.1f}x)"
    )


if __name__ == "__main__":
    main()
