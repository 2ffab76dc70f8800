from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from surveys.windows import WeeklySchedule, window_times

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_the_default_window_is_monday_8_to_friday_16_with_a_thursday_reminder():
    times = window_times(date(2026, 11, 16), "Europe/Stockholm")
    assert times.opens_at == datetime(2026, 11, 16, 8, 0, tzinfo=STOCKHOLM)
    assert times.closes_at == datetime(2026, 11, 20, 16, 0, tzinfo=STOCKHOLM)
    assert times.reminder_at == datetime(2026, 11, 19, 12, 0, tzinfo=STOCKHOLM)


def test_it_keeps_wall_clock_times_across_summer_time():
    # Sweden leaves summer time on Sunday 25 October 2026.
    before = window_times(date(2026, 10, 19), "Europe/Stockholm")
    after = window_times(date(2026, 10, 26), "Europe/Stockholm")
    assert before.opens_at.utcoffset().total_seconds() == 7200
    assert after.opens_at.utcoffset().total_seconds() == 3600
    assert before.opens_at.astimezone(STOCKHOLM).time() == after.opens_at.astimezone(STOCKHOLM).time() == time(8)


def test_it_uses_the_schools_own_time_zone():
    oslo = window_times(date(2026, 11, 16), "Europe/Oslo")
    assert oslo.opens_at.tzinfo == ZoneInfo("Europe/Oslo")


def test_a_reminder_outside_the_window_is_dropped():
    schedule = WeeklySchedule(reminder_weekday=5)  # Saturday, after Friday's close
    assert window_times(date(2026, 11, 16), "Europe/Stockholm", schedule).reminder_at is None
    quiet = WeeklySchedule(reminders_enabled=False)
    assert window_times(date(2026, 11, 16), "Europe/Stockholm", quiet).reminder_at is None


def test_it_refuses_a_window_that_closes_before_it_opens_or_a_week_not_starting_monday():
    with pytest.raises(ValueError):
        window_times(date(2026, 11, 16), "Europe/Stockholm", WeeklySchedule(opens_weekday=4, closes_weekday=0))
    with pytest.raises(ValueError):
        window_times(date(2026, 11, 17), "Europe/Stockholm")
