"""Check-in window times from a weekly schedule. Pure functions: no ORM."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class WeeklySchedule:
    opens_weekday: int = 0
    opens_time: time = time(8, 0)
    closes_weekday: int = 4
    closes_time: time = time(16, 0)
    reminder_weekday: int = 3
    reminder_time: time = time(12, 0)
    reminders_enabled: bool = True


DEFAULT_SCHEDULE = WeeklySchedule()


@dataclass(frozen=True)
class WindowTimes:
    opens_at: datetime
    closes_at: datetime
    reminder_at: datetime | None


def _at(week: date, weekday: int, clock: time, tz: ZoneInfo) -> datetime:
    # Wall-clock time in the school's zone, so 08:00 stays 08:00 across the
    # change to and from summer time.
    return datetime.combine(week + timedelta(days=weekday), clock, tzinfo=tz)


def window_times(week: date, tz_name: str, schedule: WeeklySchedule = DEFAULT_SCHEDULE) -> WindowTimes:
    """The window of the ISO week starting on Monday `week`, as aware datetimes."""
    if week.weekday() != 0:
        raise ValueError("week must be a Monday")
    tz = ZoneInfo(tz_name)
    opens_at = _at(week, schedule.opens_weekday, schedule.opens_time, tz)
    closes_at = _at(week, schedule.closes_weekday, schedule.closes_time, tz)
    if closes_at <= opens_at:
        raise ValueError("a window must open before it closes")
    reminder_at = None
    if schedule.reminders_enabled:
        candidate = _at(week, schedule.reminder_weekday, schedule.reminder_time, tz)
        # A reminder outside the window would nag about a closed check-in.
        if opens_at <= candidate < closes_at:
            reminder_at = candidate
    return WindowTimes(opens_at=opens_at, closes_at=closes_at, reminder_at=reminder_at)
