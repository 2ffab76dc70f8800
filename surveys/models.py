from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wellbeing.fields import EncryptedTextField
from wellbeing.models import Language, School

REFLECTION_MAX_LENGTH = 2000


class Checkin(models.Model):
    """One student's answer for one ISO week (`week` is that week's Monday)."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="checkins")
    # The school at the time of the check-in, so school aggregates and
    # retention do not follow a student who moves.
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="checkins")
    week = models.DateField(_("week"))
    mood = models.PositiveSmallIntegerField(_("mood"))
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
        ]
        indexes = [models.Index(fields=["school", "week"])]

    def __str__(self) -> str:
        return f"check-in {self.pk} week {self.week}"
