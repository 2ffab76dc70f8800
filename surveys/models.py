from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wellbeing.fields import EncryptedTextField
from wellbeing.models import Group, Language, School

REFLECTION_MAX_LENGTH = 2000
SCALE_ITEMS = ("mood", "energy", "stress", "sleep", "belonging")
NO_SUBJECT = "none"  # the answer "none of them" to "which subject felt hardest"


class Workload(models.TextChoices):
    TOO_EASY = "too_easy", _("Too easy")
    ABOUT_RIGHT = "about_right", _("About right")
    TOO_HARD = "too_hard", _("Too hard")


class HelpChoice(models.TextChoices):
    EXPLANATION = "explanation", _("More explanation")
    CHALLENGE = "challenge", _("More challenge")
    ALONE = "alone", _("Working alone")
    TOGETHER = "together", _("Working with others")
    TIME = "time", _("More time")
    BREAKS = "breaks", _("Breaks")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class Schedule(models.Model):
    """When a group's weekly check-in window is open, in the school's time zone.

    A group without a schedule uses the defaults: Monday 08:00 to Friday 16:00,
    with a reminder on Thursday at 12:00 to those who have not answered.
    """

    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="schedule")
    opens_weekday = models.PositiveSmallIntegerField(_("opens on"), choices=Weekday.choices, default=Weekday.MONDAY)
    opens_time = models.TimeField(_("opens at"), default=time(8, 0))
    closes_weekday = models.PositiveSmallIntegerField(_("closes on"), choices=Weekday.choices, default=Weekday.FRIDAY)
    closes_time = models.TimeField(_("closes at"), default=time(16, 0))
    reminder_weekday = models.PositiveSmallIntegerField(
        _("reminder on"), choices=Weekday.choices, default=Weekday.THURSDAY
    )
    reminder_time = models.TimeField(_("reminder at"), default=time(12, 0))
    reminders_enabled = models.BooleanField(_("send reminders"), default=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_weekday__lte=6, closes_weekday__lte=6, reminder_weekday__lte=6),
                name="schedule_weekdays_valid",
            ),
            # The window opens before it closes, within one Monday-to-Sunday week.
            models.CheckConstraint(
                condition=Q(opens_weekday__lt=models.F("closes_weekday"))
                | Q(opens_weekday=models.F("closes_weekday"), opens_time__lt=models.F("closes_time")),
                name="schedule_opens_before_closes",
            ),
        ]

    def __str__(self) -> str:
        return f"schedule of {self.group}"


class CheckinWindow(models.Model):
    """One group's check-in window in one week; beat creates and closes them."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="windows")
    week = models.DateField()
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()
    reminder_at = models.DateTimeField(null=True, blank=True)
    # Set once by the task that claims the reminder run, so it happens once.
    reminded_at = models.DateTimeField(null=True, blank=True)
    # Set once by the task that does the closing work.
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["group", "week"], name="window_one_per_group_week"),
            models.CheckConstraint(condition=Q(opens_at__lt=models.F("closes_at")), name="window_opens_before_closes"),
        ]
        indexes = [models.Index(fields=["closes_at"]), models.Index(fields=["reminder_at"])]

    def __str__(self) -> str:
        return f"window of group {self.group_id} week {self.week}"

    def is_open(self, now) -> bool:
        return self.opens_at <= now < self.closes_at


class Reminder(models.Model):
    """A reminder a student got for a window: at most one, by constraint."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders")
    window = models.ForeignKey(CheckinWindow, on_delete=models.CASCADE, related_name="reminders")
    sent_at = models.DateTimeField()
    emailed = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "window"], name="reminder_once_per_window"),
        ]

    def __str__(self) -> str:
        return f"reminder for window {self.window_id}"


class Checkin(models.Model):
    """One student's answer for one ISO week (`week` is that week's Monday)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    # The school at the time of the check-in, so school aggregates and
    # retention do not follow a student who moves.
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="checkins")
    week = models.DateField(_("week"))
    # The window of the student's home group this answer belongs to.
    window = models.ForeignKey(CheckinWindow, on_delete=models.PROTECT, related_name="checkins")
    mood = models.PositiveSmallIntegerField(_("mood"))
    energy = models.PositiveSmallIntegerField(_("energy"), null=True, blank=True)
    stress = models.PositiveSmallIntegerField(_("stress"), null=True, blank=True)
    sleep = models.PositiveSmallIntegerField(_("sleep"), null=True, blank=True)
    belonging = models.PositiveSmallIntegerField(_("belonging"), null=True, blank=True)
    workload = models.CharField(_("how school work felt"), max_length=12, choices=Workload.choices, blank=True)
    hardest_subject = models.CharField(_("hardest subject"), max_length=100, blank=True)
    # Keys of HelpChoice; several allowed.
    help_wanted = models.JSONField(_("what would help"), default=list, blank=True)
    contact_request = models.BooleanField(_("asks student health for contact"), default=False)
    reflection = EncryptedTextField(_("reflection"), blank=True, default="")
    language = models.CharField(max_length=5, choices=Language.choices, blank=True)
    # Bumped on every edit; a score is current only for the revision it read.
    revision = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["student", "week"], name="checkin_one_per_student_per_week"),
            models.UniqueConstraint(fields=["student", "window"], name="checkin_one_per_student_per_window"),
            models.CheckConstraint(condition=Q(mood__gte=1, mood__lte=5), name="checkin_mood_1_to_5"),
            *(
                models.CheckConstraint(
                    condition=Q(**{f"{name}__isnull": True}) | Q(**{f"{name}__gte": 1, f"{name}__lte": 5}),
                    name=f"checkin_{name}_1_to_5",
                )
                for name in ("energy", "stress", "sleep", "belonging")
            ),
        ]
        indexes = [models.Index(fields=["school", "week"])]

    def __str__(self) -> str:
        return f"check-in {self.pk} week {self.week}"
