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
    # Why: "pattern", "model" or both (analytics.nlp.concern), "failure" for an unanalysable check-in.
    concern_sources = models.JSONField(default=list)
    # What alerts were raised for: the highest level and every category. A re-score or an edit alerts again
    # only for a higher level or a category not alerted yet.
    alerted_level = models.CharField(max_length=10, choices=ConcernLevel.choices, default=ConcernLevel.NONE)
    alerted_categories = models.JSONField(default=list)
    # The analysis raised on this check-in: no language, sentiment or themes, and student health is asked to
    # read it with the student (category "unanalysable" at the level of a concern).
    analysis_failed = models.BooleanField(default=False)
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
        indexes = [
            models.Index(fields=["concern_level"], condition=~Q(concern_level="none"), name="score_concerning"),
            models.Index(fields=["scored_at"], condition=Q(analysis_failed=True), name="score_analysis_failed"),
        ]

    def __str__(self) -> str:
        return f"score of check-in {self.checkin_id}"


class WeekAggregate(models.Model):
    """One cell of a school's published week, for one audience: a group, a grade or the whole school.

    Counts, means and distributions only: no text. A cell under the school's minimum (or one from which a
    hidden cell could be recovered by subtraction) stores no statistics at all, so nothing can leak from it.
    Published once the week's check-in has closed, never while it is open (services/aggregation.py), and
    per audience: the figures a viewer sees leave out the students that viewer sees individually
    (analytics/aggregates.py says why).
    """

    class Scope(models.TextChoices):
        GROUP = "group", _("group")
        GRADE = "grade", _("grade")
        SCHOOL = "school", _("school")

    class Audience(models.TextChoices):
        # Who reads the figures, by whom they see individually (wellbeing.policy.aggregate_audience).
        ALL = "all", _("viewers who see nobody individually")
        TEACHERS = "teachers", _("teachers")
        HEALTH = "health", _("student health")
        BOTH = "both", _("teachers who are also student health")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="week_aggregates")
    week = models.DateField()
    scope = models.CharField(max_length=6, choices=Scope.choices)
    audience = models.CharField(max_length=8, choices=Audience.choices, default=Audience.ALL)
    group = models.ForeignKey(Group, on_delete=models.CASCADE, null=True, blank=True, related_name="week_aggregates")
    grade = models.PositiveSmallIntegerField(null=True, blank=True)
    member_count = models.PositiveIntegerField()
    response_count = models.PositiveIntegerField()
    suppressed = models.BooleanField()
    suppressed_reason = models.CharField(max_length=12, blank=True)
    text_count = models.PositiveIntegerField()
    text_suppressed = models.BooleanField()
    text_suppressed_reason = models.CharField(max_length=12, blank=True)
    # How many responses and texts the statistics describe, for this audience.
    described_count = models.PositiveIntegerField(default=0)
    text_described_count = models.PositiveIntegerField(default=0)
    # analytics.aggregates.CellAggregate.stats: every part None when suppressed.
    stats = models.JSONField()
    # What the figures were computed from: {check-in id: revision and analyser version}. Only for counting
    # changes at a republication; never shown, never serialised.
    basis = models.JSONField(default=dict)
    # When these figures were published (first, or again at a republication).
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["-week"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "week", "audience"], condition=Q(scope="group"), name="aggregate_one_per_group"
            ),
            models.UniqueConstraint(
                fields=["school", "grade", "week", "audience"],
                condition=Q(scope="grade"),
                name="aggregate_one_per_grade",
            ),
            models.UniqueConstraint(
                fields=["school", "week", "audience"], condition=Q(scope="school"), name="aggregate_one_per_school"
            ),
            models.CheckConstraint(
                condition=Q(scope="group", group__isnull=False, grade__isnull=True)
                | Q(scope="grade", group__isnull=True, grade__isnull=False)
                | Q(scope="school", group__isnull=True, grade__isnull=True),
                name="aggregate_scope_fields",
            ),
        ]
        indexes = [models.Index(fields=["school", "week", "audience", "scope"])]

    def __str__(self) -> str:
        return f"{self.scope} aggregate week {self.week}"

    @property
    def participation_rate(self) -> float | None:
        return round(100 * self.response_count / self.member_count, 1) if self.member_count else None

    @property
    def mean_mood(self) -> float | None:
        items = self.stats.get("items")
        return items["mood"]["mean"] if items else None


class WeekPublication(models.Model):
    """That a school's week is published, and when its figures were last (re)computed.

    A week is published once its check-in windows have closed; until then only participation counts are
    shown. Scheduled republications fold in late changes (services/aggregation.py).
    """

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="week_publications")
    week = models.DateField()
    published_at = models.DateTimeField()
    republished_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["school", "week"], name="week_publication_unique")]
        indexes = [models.Index(fields=["week"])]

    def __str__(self) -> str:
        return f"week {self.week} of school {self.school_id} published"


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

    @property
    def email_status(self) -> str:
        """How the emails about this request fared: "" (none due), "sent", "pending" or "undelivered".

        Undelivered wins: one email that could not be sent is what staff must see. Reads the prefetched
        notifications when there are any.
        """
        statuses = {n.delivery_status for n in self.notifications.all()}
        for status in ("undelivered", "pending", "sent"):
            if status in statuses:
                return status
        return ""


class HelpRequestEvent(models.Model):
    """Append-only history of a help request: who moved it from which status to which, when."""

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    # Blank for the event that records the request being made.
    from_status = models.CharField(max_length=16, choices=HelpRequest.Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=HelpRequest.Status.choices)
    # Set on the events that record an alert of the analysis: the level it found, the categories it added and
    # what found them ("pattern", "model", "failure"), so staff see why without seeing the words.
    concern_level = models.CharField(max_length=10, choices=ConcernLevel.choices, blank=True)
    concern_categories = models.JSONField(default=list, blank=True)
    concern_sources = models.JSONField(default=list, blank=True)
    # Set on the events that record the student asking for contact.
    asked = models.BooleanField(default=False)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status} at {self.at:%Y-%m-%d %H:%M}"


class Notification(models.Model):
    """One email to one member of student-health staff that a help request needs them: the outbox.

    Written in the transaction that makes or raises the request, so what is due is in the database before any
    message reaches the broker; Redis only rings the bell, and the sweep rings it again. A worker claims a row
    with a conditional UPDATE, sends, and only then records the outcome: sent, or another attempt later with
    backoff. Holds no name and no words; the email says how urgent and links to the queue behind the login.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be sent")
        SENT = "sent", _("sent")
        FAILED = "failed", _("not delivered")  # every attempt failed; nothing retries it any more

    request = models.ForeignKey(HelpRequest, on_delete=models.CASCADE, related_name="notifications")
    event = models.ForeignKey(HelpRequestEvent, on_delete=models.CASCADE, related_name="notifications")
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    # What the email says: a contact request, or the level the analysis found.
    asked = models.BooleanField()
    level = models.CharField(max_length=10, choices=ConcernLevel.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    # A sender's lease: while it lasts no other worker takes the row; a killed sender's row is taken after it.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The kind of the last failure (an exception's class), never its message: it may hold an address.
    last_error = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            # One email per recipient per event: the idempotency key of raising and of the sweep.
            models.UniqueConstraint(fields=["event", "recipient"], name="notification_one_per_event_recipient"),
            models.CheckConstraint(condition=Q(status__in=["pending", "sent", "failed"]), name="notification_status"),
        ]
        indexes = [
            models.Index(fields=["next_attempt_at"], condition=Q(status="pending"), name="notification_due"),
            models.Index(fields=["created_at"], condition=~Q(status="sent"), name="notification_unsent"),
        ]

    def __str__(self) -> str:
        return f"notification {self.pk} ({self.status})"

    @property
    def delivery_status(self) -> str:
        """sent, pending (not tried yet, or being sent), or undelivered (an attempt failed, or all did)."""
        if self.status == self.Status.SENT:
            return "sent"
        if self.status == self.Status.FAILED or self.attempts and self.last_error:
            return "undelivered"
        return "pending"
