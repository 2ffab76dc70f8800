from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from surveys.models import Checkin
from wellbeing.models import Group, School


class ConcernLevel(models.TextChoices):
    # The codes are analytics.nlp.concern's levels, in rising order.
    NONE = "none", _("None")
    CONCERN = "concern", _("Concern")
    URGENT = "urgent", _("Urgent")
    EMERGENCY = "emergency", _("Emergency")


class CheckinScore(models.Model):
    """What the worker derived from one check-in: numbers and codes, never text.

    Keyed by the check-in; `checkin_revision` and `analyser_version` say which
    answer and which analysis it holds, so a score is current exactly when both
    match, and a redelivered task or a re-score finds nothing to do.
    """

    checkin = models.OneToOneField(Checkin, on_delete=models.CASCADE, primary_key=True, related_name="score")
    checkin_revision = models.PositiveIntegerField()
    analyser_version = models.PositiveIntegerField()
    # Of the reflection: "" when there is none, else sv, nb, en or other.
    language = models.CharField(max_length=5, blank=True)
    polarity = models.FloatField(null=True)
    subjectivity = models.FloatField(null=True)
    themes = models.JSONField(default=list)
    concern_level = models.CharField(max_length=10, choices=ConcernLevel.choices, default=ConcernLevel.NONE)
    concern_categories = models.JSONField(default=list)
    # The highest level an alert was raised for; a re-score alerts again only above it.
    alerted_level = models.CharField(max_length=10, choices=ConcernLevel.choices, default=ConcernLevel.NONE)
    # The five scale items as one 0-100 index, and both it and mood against
    # the student's own baseline (see analytics.trends).
    wellbeing_index = models.FloatField(null=True)
    index_baseline = models.FloatField(null=True)
    index_deviation = models.FloatField(null=True)
    mood_baseline = models.FloatField(null=True)
    mood_deviation = models.FloatField(null=True)
    trend_direction = models.CharField(max_length=6, blank=True)
    sustained_decline = models.BooleanField(default=False)
    scored_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["concern_level"], condition=~Q(concern_level="none"), name="score_concerning")]

    def __str__(self) -> str:
        return f"score of check-in {self.checkin_id}"


class WeekAggregate(models.Model):
    """One cell of a school's week: a group, a grade or the whole school.

    Counts, means and distributions only: no student ids, no text. A cell under
    the school's minimum (or one from which a hidden cell could be recovered by
    subtraction) stores no statistics at all, so nothing can leak from it.
    """

    class Scope(models.TextChoices):
        GROUP = "group", _("group")
        GRADE = "grade", _("grade")
        SCHOOL = "school", _("school")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="week_aggregates")
    week = models.DateField()
    scope = models.CharField(max_length=6, choices=Scope.choices)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="week_aggregates")
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    member_count = models.PositiveIntegerField()
    response_count = models.PositiveIntegerField()
    suppressed = models.BooleanField()
    suppressed_reason = models.CharField(max_length=12, blank=True)
    text_count = models.PositiveIntegerField()
    text_suppressed = models.BooleanField()
    text_suppressed_reason = models.CharField(max_length=12, blank=True)
    # analytics.aggregates.CellAggregate.stats: every part None when suppressed.
    stats = models.JSONField()
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "week"], condition=Q(scope="group"), name="aggregate_one_per_group"
            ),
            models.UniqueConstraint(
                fields=["school", "grade", "week"], condition=Q(scope="grade"), name="aggregate_one_per_grade"
            ),
            models.UniqueConstraint(
                fields=["school", "week"], condition=Q(scope="school"), name="aggregate_one_per_school"
            ),
            models.CheckConstraint(
                condition=Q(scope="group", group__isnull=False, grade__isnull=True)
                | Q(scope="grade", group__isnull=True, grade__isnull=False)
                | Q(scope="school", group__isnull=True, grade__isnull=True),
                name="aggregate_scope_fields",
            ),
        ]
        indexes = [models.Index(fields=["school", "week", "scope"])]

    def __str__(self) -> str:
        return f"{self.scope} aggregate week {self.week}"

    @property
    def participation_rate(self) -> float | None:
        return round(100 * self.response_count / self.member_count, 1) if self.member_count else None

    @property
    def mean_mood(self) -> float | None:
        items = self.stats.get("items")
        return items["mood"]["mean"] if items else None


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
    # True when the student asked; False when the request was raised because a
    # reflection was of concern (asking later, while it is open, sets it).
    asked = models.BooleanField(default=True)
    # The highest concern level of the student's reflections while the request
    # is open, and the categories (codes, never text) that raised it.
    concern_level = models.CharField(max_length=10, choices=ConcernLevel.choices, default=ConcernLevel.NONE)
    concern_categories = models.JSONField(default=list, blank=True)
    # When student-health staff were told by email; set once, by a conditional UPDATE.
    notified_at = models.DateTimeField(null=True, blank=True)
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
    # Set on the events that record the analysis raising the request's concern level.
    concern_level = models.CharField(max_length=10, choices=ConcernLevel.choices, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status} at {self.at:%Y-%m-%d %H:%M}"
