"""Calendar helpers: check-ins are keyed by the Monday of their ISO week."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo


def week_start(moment: datetime, tz_name: str) -> date:
    local = moment.astimezone(ZoneInfo(tz_name)).date()
    return local - timedelta(days=local.weekday())


def iso_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"
