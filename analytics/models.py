from django.db import models

from surveys.models import Checkin
from wellbeing.models import Group


class CheckinScore(models.Model):
    """What the worker derived from one check-in. Holds no text."""

    checkin = models.OneToOneField(Checkin, on_delete=models.CASCADE, primary_key=True, related_name="score")
    checkin_revision = models.PositiveIntegerField()
    analyser_version = models.PositiveIntegerField()
    polarity = models.FloatField(null=True)
    subjectivity = models.FloatField(null=True)
    scored_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"score of check-in {self.checkin_id}"


class GroupWeekAggregate(models.Model):
    """A group's week in numbers. No student ids, no text; small cells suppressed."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="week_aggregates")
    week = models.DateField()
    member_count = models.PositiveIntegerField()
    response_count = models.PositiveIntegerField()
    # Null when suppressed: a value below the school's minimum group size is
    # never computed into this table, so it cannot leak from it.
    mean_mood = models.FloatField(null=True)
    suppressed = models.BooleanField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(fields=["group", "week"], name="aggregate_one_per_group_week"),
        ]

    def __str__(self) -> str:
        return f"group {self.group_id} week {self.week}"

    @property
    def participation_rate(self) -> float | None:
        return round(100 * self.response_count / self.member_count, 1) if self.member_count else None
