from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wellbeing.fields import EncryptedTextField
from wellbeing.models import Language, School

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


class Checkin(models.Model):
    """One student's answer for one ISO week (`week` is that week's Monday)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    # The school at the time of the check-in, so school aggregates and
    # retention do not follow a student who moves.
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="checkins")
    week = models.DateField(_("week"))
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
