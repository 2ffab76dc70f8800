from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wellbeing.fields import EncryptedTextField
from wellbeing.models import Group, Language, School

from .instruments import Instrument

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
        # (week): the scoring sweep looks at recent weeks of every school.
        indexes = [models.Index(fields=["school", "week"]), models.Index(fields=["week"], name="checkin_week")]

    def __str__(self) -> str:
        return f"check-in {self.pk} week {self.week}"


class SchoolInstrument(models.Model):
    """A validated instrument a school asks its students, once a month."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="instruments")
    instrument = models.CharField(_("instrument"), max_length=10, choices=Instrument.choices)
    enabled = models.BooleanField(_("enabled"), default=True)
    # SWEMWBS may only be used by schools registered with its owner.
    registered_with_owner = models.BooleanField(
        _("the school has registered with the instrument's owner"), default=False
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "instrument"], name="school_instrument_once"),
            models.CheckConstraint(
                condition=~Q(instrument="swemwbs", enabled=True, registered_with_owner=False),
                name="swemwbs_needs_registration",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_instrument_display()} at {self.school}"


class InstrumentResponse(models.Model):
    """A student's answers to one instrument for one month (`period` is its first day)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instrument_responses")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="+")
    instrument = models.CharField(max_length=10, choices=Instrument.choices)
    period = models.DateField()
    answers = models.JSONField()
    revision = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # Written by the worker from the published scoring rules; current when
    # scored_revision equals revision.
    score_raw = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.FloatField(null=True, blank=True)  # WHO-5 percentage or SWEMWBS metric score
    poor_wellbeing = models.BooleanField(null=True, blank=True)  # WHO-5 only
    scored_revision = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-period"]
        constraints = [
            models.UniqueConstraint(fields=["student", "instrument", "period"], name="instrument_once_per_month"),
        ]

    def __str__(self) -> str:
        return f"{self.instrument} response {self.pk}"


class CustomItem(models.Model):
    """A question a school adds to its weekly check-in, in each of the three languages."""

    class Kind(models.TextChoices):
        SCALE = "scale", _("Scale from 1 to 5")
        SINGLE = "single", _("One choice")
        MULTIPLE = "multiple", _("Several choices")
        TEXT = "text", _("Short text")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="custom_items")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    question_sv = models.CharField(_("question in Swedish"), max_length=300)
    question_nb = models.CharField(_("question in Norwegian"), max_length=300)
    question_en = models.CharField(_("question in English"), max_length=300)
    # For one and several choices: one choice a line, written "Swedish | Norwegian | English".
    choices_text = models.TextField(
        _("choices"),
        blank=True,
        help_text=_('For choice questions: one choice a line, as "Swedish | Norwegian | English".'),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=100)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["school", "order", "pk"]

    def __str__(self) -> str:
        return self.question_en

    def question(self, language: str) -> str:
        return getattr(self, f"question_{language}", "") or self.question_en

    def choices(self, language: str) -> list[tuple[str, str]]:
        """(value, label) pairs; the value is the choice's position, stable while the list is."""
        index = {"sv": 0, "nb": 1, "en": 2}.get(language, 2)
        result = []
        for number, line in enumerate(row for row in self.choices_text.splitlines() if row.strip()):
            parts = [p.strip() for p in line.split("|")]
            label = parts[index] if len(parts) > index and parts[index] else parts[-1]
            result.append((str(number + 1), label))
        return result


class CustomAnswer(models.Model):
    """A student's answer to a school's own item. Text answers are encrypted like reflections."""

    checkin = models.ForeignKey(Checkin, on_delete=models.CASCADE, related_name="custom_answers")
    item = models.ForeignKey(CustomItem, on_delete=models.CASCADE, related_name="answers")
    value = models.JSONField(null=True, blank=True)  # int for scales, choice value(s) for choices
    text = EncryptedTextField(blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["checkin", "item"], name="custom_answer_once_per_checkin"),
        ]

    def __str__(self) -> str:
        return f"answer to item {self.item_id}"
