from datetime import date, datetime

from django.db.models import QuerySet
from django.utils import timezone

from wellbeing.models import User

from .models import Checkin
from .weeks import week_start


def checkin_list_for_student(student: User) -> QuerySet[Checkin]:
    """The student's own check-ins, newest first. Only ever called with request.user."""
    return Checkin.objects.filter(student=student).order_by("-week")


def checkin_current_week(student: User, now: datetime | None = None) -> Checkin | None:
    if student.school_id is None:
        return None
    week = current_week(student, now)
    return Checkin.objects.filter(student=student, week=week).first()


def current_week(student: User, now: datetime | None = None) -> date:
    return week_start(now or timezone.now(), student.school.timezone)
