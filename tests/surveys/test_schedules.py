"""Windows and reminders, with controlled time."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core import mail

from analytics.models import WeekAggregate
from analytics.tasks import windows_sync_task
from surveys.models import Checkin, CheckinWindow, Reminder, Schedule
from surveys.schedules import home_group, reminder_banner_for, reminders_send, windows_close, windows_open
from wellbeing.celery import app
from wellbeing.services import ApplicationError

from ..factories import GroupFactory, MembershipFactory, StudentFactory, submit

STOCKHOLM = ZoneInfo("Europe/Stockholm")
MONDAY_0700 = datetime(2026, 11, 16, 7, 0, tzinfo=STOCKHOLM)
MONDAY_0800 = datetime(2026, 11, 16, 8, 0, tzinfo=STOCKHOLM)
THURSDAY_1200 = datetime(2026, 11, 19, 12, 0, tzinfo=STOCKHOLM)
FRIDAY_1559 = datetime(2026, 11, 20, 15, 59, tzinfo=STOCKHOLM)
FRIDAY_1600 = datetime(2026, 11, 20, 16, 0, tzinfo=STOCKHOLM)


@pytest.fixture
def school_days(cast):
    """group_a with the default Monday 08:00 - Friday 16:00 schedule."""
    Schedule.objects.filter(group=cast.group_a).delete()
    cast.private.email = "private@example.org"
    cast.private.save()
    return cast


def test_a_checkin_belongs_to_the_window_of_the_students_class(school_days):
    checkin = submit(school_days.private, mood=3, now=MONDAY_0800)
    assert checkin.window.group == school_days.group_a
    assert checkin.window.opens_at == MONDAY_0800
    assert checkin.window.closes_at == FRIDAY_1600


def test_a_class_wins_over_a_teaching_group(cast):
    maths = GroupFactory(school=cast.school_a, name="Ma2", subject="Matematik")
    MembershipFactory(group=maths, user=cast.private)
    assert home_group(cast.private) == cast.group_a


@pytest.mark.parametrize("moment", [MONDAY_0700, FRIDAY_1600])
def test_it_refuses_a_checkin_outside_the_window_and_saves_nothing(school_days, moment):
    with pytest.raises(ApplicationError) as error:
        submit(school_days.private, mood=3, now=moment)
    assert error.value.field == "window"
    assert not Checkin.objects.exists()


def test_a_checkin_is_editable_until_the_window_closes(school_days):
    first = submit(school_days.private, mood=2, now=MONDAY_0800)
    edited = submit(school_days.private, mood=4, now=FRIDAY_1559)
    assert edited.pk == first.pk and edited.mood == 4
    with pytest.raises(ApplicationError):
        submit(school_days.private, mood=1, now=FRIDAY_1600)
    assert Checkin.objects.get(pk=first.pk).mood == 4


def test_beat_opens_windows_for_every_group_once(cast):
    assert windows_open(now=MONDAY_0800) == 3
    assert windows_open(now=MONDAY_0800) == 0
    assert CheckinWindow.objects.count() == 3


def test_closing_is_claimed_once_and_publishes_the_week(school_days):
    students = [school_days.sharer, school_days.private, school_days.classmate]
    students += [StudentFactory(school=school_days.school_a) for _ in range(2)]
    for student in students[3:]:
        MembershipFactory(group=school_days.group_a, user=student)
    for student, mood in zip(students, [1, 2, 3, 4, 5], strict=True):
        submit(student, mood=mood, now=MONDAY_0800)
    assert windows_close(now=FRIDAY_1559) == []
    app.conf.task_always_eager = True
    try:
        windows_sync_task.apply(kwargs={})  # real time: these windows closed long ago
    finally:
        app.conf.task_always_eager = False
    week = MONDAY_0800.date()
    assert CheckinWindow.objects.get(group=school_days.group_a, week=week).closed_at is not None
    group = WeekAggregate.objects.get(scope="group", group=school_days.group_a, week=week, audience="all")
    assert group.mean_mood == 3.0
    assert windows_close() == []  # a second run finds nothing to do


def test_reminders_go_once_to_those_who_have_not_answered(school_days):
    submit(school_days.sharer, mood=3, now=MONDAY_0800)
    windows_open(now=MONDAY_0800)
    assert reminders_send(now=MONDAY_0800) == 0  # not due yet
    sent = reminders_send(now=THURSDAY_1200)
    reminded = set(Reminder.objects.values_list("student__username", flat=True))
    # group_b's window is open all week, so its student is reminded too.
    assert reminded == {"private", "classmate", "student_b"}
    assert sent == 3
    assert [m.to for m in mail.outbox] == [["private@example.org"]]  # only one has an email address
    # In the school's language (Swedish), since the student chose none.
    assert "incheckning" in mail.outbox[0].body and "ledsen" not in mail.outbox[0].body
    assert reminders_send(now=THURSDAY_1200) == 0
    assert Reminder.objects.count() == 3


def test_no_reminder_after_the_window_closed_or_when_turned_off(school_days):
    windows_open(now=MONDAY_0800)
    reminders_send(now=FRIDAY_1600)
    assert not Reminder.objects.filter(window__group=school_days.group_a).exists()
    quiet = GroupFactory(school=school_days.school_a, name="7Q")
    Schedule.objects.create(group=quiet, reminders_enabled=False)
    windows_open(now=MONDAY_0800)
    assert CheckinWindow.objects.get(group=quiet).reminder_at is None


def test_the_banner_shows_until_the_student_answers(school_days):
    windows_open(now=MONDAY_0800)
    reminders_send(now=THURSDAY_1200)
    assert reminder_banner_for(school_days.private, now=THURSDAY_1200) is not None
    submit(school_days.private, mood=3, now=THURSDAY_1200)
    assert reminder_banner_for(school_days.private, now=THURSDAY_1200) is None
    assert reminder_banner_for(school_days.classmate, now=FRIDAY_1600) is None  # window closed


def test_the_database_refuses_a_schedule_that_closes_before_it_opens(cast):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(group=cast.group_b, opens_weekday=4, closes_weekday=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Schedule.objects.create(
            group=cast.group_b, opens_weekday=2, opens_time=time(10), closes_weekday=2, closes_time=time(9)
        )


def test_beat_runs_the_window_and_reminder_tasks():
    app.loader.import_default_modules()  # what a worker does at start: autodiscover every tasks module
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert {"analytics.tasks.windows_sync_task", "surveys.tasks.reminders_send_task"} <= tasks
    assert tasks <= set(app.tasks)
