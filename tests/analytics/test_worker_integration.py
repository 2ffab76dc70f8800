"""End to end through the real broker: a real Celery worker, the real Redis and
the real database (PostgreSQL or SQLite, whichever the run uses)."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import timedelta

import pytest
from celery.contrib.testing.worker import start_worker
from celery.signals import after_task_publish
from django.conf import settings
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from analytics import pending, services
from analytics.models import CheckinScore, HelpRequest, HelpRequestEvent, Notification, WeekAggregate
from analytics.tasks import (
    checkins_analyse_task,
    checkins_score_sweep_task,
    notifications_send_task,
    school_week_publish_task,
)
from analytics.text import ANALYSER_VERSION
from surveys.models import Checkin
from surveys.weeks import week_start
from wellbeing.celery import app
from wellbeing.models import Membership

from ..conftest import login
from ..factories import CheckinFactory, MembershipFactory, StudentFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_until(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def worker():
    app.control.purge()  # leftovers of earlier runs must not reach this worker
    pending.clear()
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10, queues=["celery", "bulk"]
    ) as w:
        yield w


def test_a_submitted_checkin_is_scored_by_a_real_worker_and_no_figures_move_while_the_week_is_open(cast, api, worker):
    from analytics.tasks import checkins_analyse_pending_task

    classmates = [StudentFactory(school=cast.school_a) for _ in range(4)]
    for student in classmates:
        MembershipFactory(group=cast.group_a, user=student)
    with published(checkins_analyse_pending_task) as drains:
        for student, mood in zip([cast.private, *classmates], [2, 3, 4, 5, 1], strict=True):
            api.force_authenticate(user=None)
            login(api, student)
            response = api.post(
                reverse("api-checkins"), {"mood": mood, "reflection": "A really lovely week"}, format="json"
            )
            assert response.status_code == 201, response.content
            api.logout()
        assert drains
        scored = sum(results(drains))
    assert scored == 5 == CheckinScore.objects.count()
    assert all(score.polarity > 0 for score in CheckinScore.objects.all())
    # The week is open: nothing is published that a before-and-after read could subtract.
    assert not WeekAggregate.objects.exists()


def test_an_edit_is_rescored_by_the_worker(cast, api, worker):
    login(api, cast.private)
    api.post(reverse("api-checkins"), {"mood": 4, "reflection": "A wonderful week"}, format="json")
    assert wait_until(lambda: CheckinScore.objects.filter(checkin_revision=1).exists())
    api.post(reverse("api-checkins"), {"mood": 1, "reflection": "An awful, terrible week"}, format="json")
    assert wait_until(lambda: CheckinScore.objects.filter(checkin_revision=2, polarity__lt=0).exists())
    assert CheckinScore.objects.count() == 1


def test_healthz_sees_the_worker(client, worker):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["worker"] == "ok"


CRISIS = "I have decided to kill myself tonight, I have the pills ready"


@contextmanager
def published(*tasks):
    """The ids of the given tasks as they are sent, so a test waits on those tasks' own results."""
    names = {task.name for task in tasks}
    ids = []

    def collect(sender=None, headers=None, **kwargs):
        if sender in names:
            ids.append(headers["id"])

    after_task_publish.connect(collect, weak=False)
    try:
        yield ids
    finally:
        after_task_publish.disconnect(collect)


def results(ids, timeout=60):
    return [app.AsyncResult(task_id).get(timeout=timeout) for task_id in ids]


def test_a_crisis_reaches_student_health_and_is_emailed_within_a_minute(cast, api, worker):
    from analytics.tasks import checkins_analyse_pending_task

    cast.health.email = "halsa@example.org"
    cast.health.save()
    login(api, cast.private)
    started = time.monotonic()
    with published(checkins_analyse_pending_task, notifications_send_task) as sent:
        response = api.post(reverse("api-checkins"), {"mood": 1, "reflection": CRISIS}, format="json")
        assert response.status_code == 201, response.content
        assert sum(results(sent[:1])) == 1  # the drain the submission asked for scored it
        assert results(sent[1:]) == [1]  # the alert's email, asked for when the alert committed
    assert time.monotonic() - started < 60
    api.logout()
    login(api, cast.health)
    [row] = api.get(reverse("api-help-requests")).json()
    assert (row["student_name"], row["concern_level"], row["asked"]) == (cast.private.display_name, "emergency", False)
    assert row["email_status"] == "sent"
    assert Notification.objects.get().recipient == cast.health


def test_running_each_task_twice_changes_nothing_the_second_time(cast, worker):
    cast.health.email = "halsa@example.org"
    cast.health.save()
    last_week = week_start(timezone.now(), cast.school_a.timezone) - timedelta(weeks=1)
    checkins = [
        # Last week's, whose check-in has closed, so it can be published; changed within the alert window.
        CheckinFactory(student=s, mood=m, reflection=text, week=last_week)
        for s, m, text in zip(
            [cast.sharer, cast.private, cast.classmate], [2, 3, 4], ["Fun week", CRISIS, "Matteprovet"], strict=True
        )
    ]
    ids = [c.pk for c in checkins]
    week = checkins[0].week
    with published(notifications_send_task) as rung:
        assert checkins_analyse_task.delay(ids).get(timeout=60) == 3
    assert results(rung) == [1]  # the alert's email, rung when the alert committed
    first = {s.pk: (s.scored_at, s.concern_level) for s in CheckinScore.objects.all()}
    assert school_week_publish_task.delay(cast.school_a.pk, week.isoformat()).get(timeout=60) > 0
    aggregates = _aggregate_rows(cast.school_a, week)
    for _ in range(2):
        assert checkins_analyse_task.delay(ids).get(timeout=60) == 0
        assert school_week_publish_task.delay(cast.school_a.pk, week.isoformat()).get(timeout=60) == 0
        assert notifications_send_task.delay().get(timeout=60) == 0
        assert checkins_score_sweep_task.delay().get(timeout=60) == 0
    assert {s.pk: (s.scored_at, s.concern_level) for s in CheckinScore.objects.all()} == first
    assert HelpRequest.objects.count() == 1 and HelpRequestEvent.objects.count() == 1
    assert Notification.objects.filter(status="sent").count() == Notification.objects.count() == 1
    assert _aggregate_rows(cast.school_a, week) == aggregates == _fresh_rows(cast.school_a, week)


def _aggregate_rows(school, week) -> dict:
    return {
        (a.audience, a.scope, a.group_id or a.grade or school.pk): (
            a.member_count,
            a.response_count,
            a.suppressed,
            a.stats,
        )
        for a in WeekAggregate.objects.filter(school=school, week=week)
    }


def _fresh_rows(school, week) -> dict:
    rows = {}
    for audience in WeekAggregate.Audience.values:
        fresh = services.school_week_aggregates_compute(school=school, week=week, audience=audience)
        rows |= {
            (audience, *key): (c.member_count, c.response_count, c.suppressed, c.stats) for key, c in fresh.items()
        }
    return rows


def _database_url() -> str:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _worker_process() -> subprocess.Popen:
    """A real worker in its own process, so it can be killed like a crashed machine."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.REDIS_URL,
        "ANALYSIS_BATCH_SIZE": "20",
        "ANALYSIS_LEASE_SECONDS": "3",
    }
    command = [sys.executable, "-m", "celery", "-A", "wellbeing", "worker", "--pool", "solo", "-Q", "celery,bulk"]
    command += ["--loglevel", "WARNING", "--without-heartbeat", "--without-mingle", "--without-gossip"]
    return subprocess.Popen(command, env=env, cwd=settings.BASE_DIR, start_new_session=True, stdout=subprocess.DEVNULL)


def _kill(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def test_a_worker_killed_mid_batch_leaves_every_response_scored_once_after_a_restart(cast):
    app.control.purge()
    pending.clear()
    students = [StudentFactory(school=cast.school_a) for _ in range(400)]
    Membership.objects.bulk_create(
        Membership(group=(cast.group_a, cast.group_b)[n % 2], user=s, role=Membership.Role.STUDENT)
        for n, s in enumerate(students)
    )
    texts = ["Bra vecka, kul på idrotten", "Jeg er så sliten etter prøven", "Tired but ok", CRISIS]
    checkins = [CheckinFactory(student=s, mood=1 + n % 5, reflection=texts[n % 4]) for n, s in enumerate(students)]
    crisis_students = {c.student_id for c in checkins if c.reflection == CRISIS}
    first = _worker_process()
    try:
        services.checkins_enqueue([c.pk for c in checkins])
        assert wait_until(lambda: CheckinScore.objects.exists(), timeout=60), "the first worker scored nothing"
        _kill(first)
        scored_when_killed = CheckinScore.objects.count()
        assert scored_when_killed < len(checkins), "the worker finished before it could be killed mid-way"
        assert pending.size() > 0  # the dead worker's claim and what it never reached
        second = _worker_process()
        try:
            checkins_score_sweep_task.delay()  # what beat sends every minute
            assert wait_until(lambda: CheckinScore.objects.count() == len(checkins), timeout=120)
            # Ids the dead worker had scored but not yet finished wait out their lease, then a
            # sweep (beat sends one a minute; here one a second) has them drained and dropped.
            deadline = time.monotonic() + 30
            while pending.size() and time.monotonic() < deadline:
                checkins_score_sweep_task.delay()
                time.sleep(1)
            assert pending.size() == 0
        finally:
            _kill(second)
    finally:
        _kill(first)
    current = CheckinScore.objects.filter(analyser_version=ANALYSER_VERSION, checkin_revision=1)
    assert current.count() == len(checkins) == Checkin.objects.count()
    assert set(HelpRequest.objects.values_list("student_id", flat=True)) == crisis_students
    assert HelpRequestEvent.objects.count() == len(crisis_students)  # each alert raised exactly once


# The safety net, with a real worker: each test waits on its task's own result.


def test_a_checkin_the_analysis_cannot_take_never_holds_back_its_batch(cast, worker, settings):
    from analytics.tasks import checkins_analyse_pending_task

    from .test_scoring_isolation import _seal_with_another_key

    students = [StudentFactory(school=cast.school_a) for _ in range(5)]
    for student in students:
        MembershipFactory(group=cast.group_a, user=student)
    texts = ["Bra vecka", CRISIS, "the words nobody can read now", "jeg er sliten", "Tired but ok"]
    checkins = [CheckinFactory(student=s, reflection=t) for s, t in zip(students, texts, strict=True)]
    _seal_with_another_key(checkins[2], settings)
    pending.add([c.pk for c in checkins])
    assert checkins_analyse_pending_task.delay().get(timeout=60) == 5  # one batch, every check-in scored
    scores = {s.checkin_id: s for s in CheckinScore.objects.all()}
    assert [scores[c.pk].analysis_failed for c in checkins] == [False, False, True, False, False]
    assert scores[checkins[1].pk].concern_level == "emergency"
    cases = {r.student_id: r for r in HelpRequest.objects.all()}
    assert set(cases) == {students[1].pk, students[2].pk}
    assert cases[students[1].pk].concern_level == "emergency"
    assert (cases[students[2].pk].concern_level, cases[students[2].pk].concern_categories) == (
        "concern",
        ["unanalysable"],
    )
    assert pending.size() == 0  # nothing left to fail again and again
    from analytics.selectors import safety_health_counts

    assert safety_health_counts()["checkins_unanalysable"] == 1


def test_a_refusing_mail_server_leaves_the_alert_undelivered_and_retried_never_sent(cast, worker, settings):
    from .test_alert_delivery import _closed_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", _closed_port(), 2
    cast.health.email = "halsa@example.org"
    cast.health.save()
    services.help_request_create(student=cast.private)  # committed: the outbox row is due now
    assert notifications_send_task.delay().get(timeout=60) == 0
    due = Notification.objects.get()
    assert (due.status, due.attempts, due.last_error, due.sent_at) == ("pending", 1, "ConnectionRefusedError", None)
    assert due.delivery_status == "undelivered"
    assert notifications_send_task.delay().get(timeout=60) == 0  # not due again before its backoff
    assert Notification.objects.get().attempts == 1
    Notification.objects.update(next_attempt_at=due.created_at)  # the backoff has passed
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the mail server is back
    assert notifications_send_task.delay().get(timeout=60) == 1
    assert Notification.objects.get().status == "sent"
