from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models import Checkin
from wellbeing.models import Group, School


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


class HelpRequest(models.Model):
    """A student's "I would like someone from student health to contact me".

    Holds no text: who asked, at which school, from which check-in, and where
    the request stands. Safety overrides consent here: student-health staff of
    the school see the student's identity whatever the student shares.
    """

    class Status(models.TextChoices):
        # The labels are what the student reads about their own request.
        NEW = "sent", _("Sent")
        SEEN = "seen", _("Seen by student health")
        CONTACT_PLANNED = "contact_planned", _("Someone will contact you")
        CLOSED = "closed", _("Closed")

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="help_requests")
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="help_requests")
    # Kept when retention purges the check-in: the request outlives its origin.
    checkin = models.ForeignKey(Checkin, on_delete=models.SET_NULL, null=True, blank=True, related_name="help_requests")
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    created_at = models.DateTimeField(_("asked at"))
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The idempotency key of help_request_create: asking again while a
            # request is open finds that request instead of adding another.
            models.UniqueConstraint(
                fields=["student"], condition=~Q(status="closed"), name="help_request_one_open_per_student"
            ),
            # A check-in asks once, so editing it after the request closed does not reopen it.
            models.UniqueConstraint(fields=["checkin"], name="help_request_one_per_checkin"),
            models.CheckConstraint(
                condition=Q(status__in=["sent", "seen", "contact_planned", "closed"]), name="help_request_status_valid"
            ),
        ]
        indexes = [models.Index(fields=["school", "status", "-created_at"])]

    def __str__(self) -> str:
        return f"help request {self.pk} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED


class HelpRequestEvent(models.Model):
    """Append-only history of a help request: who moved it from which status to which, when."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Blank for the event that records the request being made.
    from_status = models.CharField(max_length=16, choices=HelpRequest.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=HelpRequest.Status.choices)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status} at {self.at:%Y-%m-%d %H:%M}"
