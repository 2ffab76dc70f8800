"""Services for check-in windows and reminders; called by beat-scheduled tasks
and by the check-in service."""

import logging
from datetime import date, datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Case, Exists, OuterRef, Value, When
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wellbeing.models import Group, Membership, User

from .models import Checkin, CheckinWindow, Reminder, Schedule
from .weeks import week_start
from .windows import DEFAULT_SCHEDULE, WeeklySchedule, window_times

logger = logging.getLogger(__name__)


def home_group(student: User) -> Group | None:
    """The group whose window a student checks in through: their class (a
    group without a subject) before any teaching group, oldest first."""
    groups = Group.objects.filter(memberships__user=student, memberships__role=Membership.Role.STUDENT)
    is_teaching_group = Case(When(subject="", then=Value(0)), default=Value(1))
    return groups.order_by(is_teaching_group, "pk").select_related("school").first()


def _schedule_of(group: Group) -> WeeklySchedule:
    schedule = Schedule.objects.filter(group=group).first()
    if schedule is None:
        return DEFAULT_SCHEDULE
    return WeeklySchedule(
        opens_weekday=schedule.opens_weekday,
        opens_time=schedule.opens_time,
        closes_weekday=schedule.closes_weekday,
        closes_time=schedule.closes_time,
        reminder_weekday=schedule.reminder_weekday,
        reminder_time=schedule.reminder_time,
        reminders_enabled=schedule.reminders_enabled,
    )


def window_get_or_create(*, group: Group, week: date) -> CheckinWindow:
    """The group's window for the week; an upsert on (group, week), safe to race."""
    window = CheckinWindow.objects.filter(group=group, week=week).first()
    if window is not None:
        return window
    times = window_times(week, group.school.timezone, _schedule_of(group))
    try:
        with transaction.atomic():
            return CheckinWindow.objects.create(
                group=group,
                week=week,
                opens_at=times.opens_at,
                closes_at=times.closes_at,
                reminder_at=times.reminder_at,
            )
    except IntegrityError:
        return CheckinWindow.objects.get(group=group, week=week)


def window_for_student(student: User, now: datetime) -> CheckinWindow | None:
    group = home_group(student)
    if group is None:
        return None
    return window_get_or_create(group=group, week=week_start(now, group.school.timezone))


def windows_open(*, now: datetime | None = None) -> int:
    """Create this week's window for every group that has none yet."""
    now = now or timezone.now()
    groups = list(Group.objects.select_related("school"))
    weeks = {week_start(now, tz) for tz in {group.school.timezone for group in groups}}
    existing = set(CheckinWindow.objects.filter(week__in=weeks).values_list("group_id", "week"))
    created = 0
    for group in groups:
        week = week_start(now, group.school.timezone)
        if (group.pk, week) not in existing:
            window_get_or_create(group=group, week=week)
            created += 1
    return created


def windows_close(*, now: datetime | None = None) -> list[tuple[int, date]]:
    """Claim every window that has closed and not been closed yet; returns their (group, week)."""
    now = now or timezone.now()
    closed = []
    for window in CheckinWindow.objects.filter(closes_at__lte=now, closed_at__isnull=True).only("pk", "group", "week"):
        # The conditional UPDATE is the claim: of two workers, only one gets 1.
        if CheckinWindow.objects.filter(pk=window.pk, closed_at__isnull=True).update(closed_at=now):
            closed.append((window.group_id, window.week))
    return closed


def students_without_checkin(window: CheckinWindow):
    members = User.objects.filter(
        memberships__group_id=window.group_id,
        memberships__role=Membership.Role.STUDENT,
        is_student=True,
        is_active=True,
    )
    answered = Checkin.objects.filter(student=OuterRef("pk"), week=window.week)
    return [s for s in members.exclude(Exists(answered)) if (g := home_group(s)) and g.pk == window.group_id]


def reminders_send(*, now: datetime | None = None) -> int:
    """Remind, once, every student who has not answered a window whose reminder time has come."""
    now = now or timezone.now()
    sent = 0
    due = CheckinWindow.objects.filter(reminder_at__lte=now, closes_at__gt=now, reminded_at__isnull=True)
    for window in due.select_related("group__school"):
        if not CheckinWindow.objects.filter(pk=window.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue  # another worker claimed it
        for student in students_without_checkin(window):
            sent += _remind(student, window, now)
    if sent:
        logger.info("sent %s check-in reminders", sent)
    return sent


def _remind(student: User, window: CheckinWindow, now: datetime) -> int:
    try:
        with transaction.atomic():
            reminder = Reminder.objects.create(student=student, window=window, sent_at=now)
    except IntegrityError:
        return 0  # already reminded for this window
    if student.email:
        language = student.language or window.group.school.default_language
        with translation.override(language):
            send_mail(
                subject=_("Your weekly check-in is open"),
                message=_(
                    "Hi! You have not done this week's check-in yet. It takes less than a minute: %(url)s\n\n"
                    "If you need to talk to someone, you can always ask student health for contact in the check-in."
                )
                % {"url": f"{settings.SITE_URL}/checkin/"},
                from_email=None,
                recipient_list=[student.email],
                fail_silently=True,
            )
        Reminder.objects.filter(pk=reminder.pk).update(emailed=True)
    return 1


def reminder_banner_for(student: User, now: datetime | None = None) -> CheckinWindow | None:
    """The open window the student was reminded of and has still not answered, if any."""
    now = now or timezone.now()
    reminded = Reminder.objects.filter(
        student=student, window__opens_at__lte=now, window__closes_at__gt=now
    ).select_related("window")
    for reminder in reminded:
        if not Checkin.objects.filter(student=student, week=reminder.window.week).exists():
            return reminder.window
    return None
