"""End to end through the real scheduler: Celery beat sends the deployment's own
beat schedule to the real Redis, a real worker runs the tasks against the real
database, and the week's window and reminders appear."""

import time
from datetime import datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

import pytest
from celery.beat import EmbeddedService
from celery.contrib.testing.worker import start_worker
from django.utils import timezone

from surveys.models import CheckinWindow, Reminder, Schedule
from wellbeing.celery import app

from ..factories import GroupFactory, MembershipFactory, SchoolFactory, StudentFactory, submit

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

REMINDER_AFTER = timedelta(seconds=6)  # time for beat to open the window and one student to answer first


def wait_until(predicate, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def _time_zone_away_from_midnight(now: datetime) -> str:
    """A school time zone where this test's minute cannot cross midnight into
    another day or week; one of two zones an hour or more apart always fits."""
    for name in ("Europe/Stockholm", "UTC"):
        local = now.astimezone(ZoneInfo(name))
        if clock(0, 1) <= local.time() <= clock(23, 58):
            return name
    raise AssertionError("unreachable: the two zones are at least an hour apart")


@pytest.fixture
def fast_beat_schedule():
    """The deployment's beat schedule, every entry due each second."""
    saved = app.conf.beat_schedule
    app.conf.beat_schedule = {name: {**entry, "schedule": 1.0} for name, entry in saved.items()}
    yield app.conf.beat_schedule
    app.conf.beat_schedule = saved


@pytest.fixture
def worker():
    app.control.purge()  # leftovers of earlier runs must not reach this worker
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10, queues=["celery", "bulk"]
    ) as w:
        yield w
    app.control.purge()  # nor what beat sent after the test looked


@pytest.fixture
def beat(fast_beat_schedule, worker, tmp_path):
    service = EmbeddedService(app, thread=True, schedule_filename=str(tmp_path / "celerybeat-schedule"))
    service.start()
    yield service
    service.stop()  # waits until beat has left its loop (it sleeps at most a second)
    service.join(timeout=5)
    assert not service.is_alive(), "beat did not stop"


def test_beat_opens_the_window_and_reminds_those_who_have_not_answered(mailoutbox, fast_beat_schedule, request):
    now = timezone.now()
    school = SchoolFactory(timezone=_time_zone_away_from_midnight(now))
    group = GroupFactory(school=school)
    reminder_at = (now + REMINDER_AFTER).astimezone(ZoneInfo(school.timezone)).replace(microsecond=0)
    Schedule.objects.create(
        group=group,
        opens_weekday=0,
        opens_time=clock(0, 0),
        closes_weekday=6,
        closes_time=clock.max,
        reminder_weekday=reminder_at.weekday(),
        reminder_time=reminder_at.time(),
    )
    answers = StudentFactory(school=school, email="answers@example.org")
    forgets = StudentFactory(school=school, email="forgets@example.org")
    no_email = StudentFactory(school=school, email="")
    for student in (answers, forgets, no_email):
        MembershipFactory(group=group, user=student)
    CheckinWindow.objects.all().delete()
    assert set(app.conf.beat_schedule) == {
        "windows-sync",
        "reminders",
        "score-sweep",
        "notifications-sweep",
        "aggregates-republish",
        "tokens-purge",
    }

    request.getfixturevalue("beat")  # worker first, then beat: nothing is sent before anyone listens

    # Nothing but beat creates the window: no request or test code asks for it.
    assert wait_until(lambda: CheckinWindow.objects.filter(group=group).exists()), "beat opened no window"
    window = CheckinWindow.objects.get(group=group)
    assert window.reminder_at == reminder_at
    submit(answers, mood=4)
    assert timezone.now() < reminder_at, "beat took too long to open the window for this test to mean anything"
    assert not Reminder.objects.exists()

    assert wait_until(lambda: Reminder.objects.filter(window=window).count() == 2), "no reminders in time"
    reminders = {r.student: r.emailed for r in Reminder.objects.filter(window=window)}
    assert reminders == {forgets: True, no_email: False}
    assert [message.to for message in mailoutbox] == [["forgets@example.org"]]
    window.refresh_from_db()
    assert window.reminded_at is not None and window.reminded_at >= reminder_at
    time.sleep(1.5)  # another beat tick or two: the claim holds, nobody is reminded twice
    assert Reminder.objects.count() == 2 and len(mailoutbox) == 1
