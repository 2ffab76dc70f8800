from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Country(models.TextChoices):
    SWEDEN = "SE", _("Sweden")
    NORWAY = "NO", _("Norway")


class Language(models.TextChoices):
    SWEDISH = "sv", "Svenska"
    NORWEGIAN = "nb", "Norsk bokmål"
    ENGLISH = "en", "English"


class School(models.Model):
    name = models.CharField(_("name"), max_length=200)
    country = models.CharField(_("country"), max_length=2, choices=Country.choices, default=Country.SWEDEN)
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Stockholm")
    default_language = models.CharField(
        _("default language"), max_length=5, choices=Language.choices, default=Language.SWEDISH
    )
    # Aggregates over fewer responses than this are suppressed. The database
    # refuses anything below 5, the floor the privacy model promises.
    min_group_size = models.PositiveSmallIntegerField(_("minimum group size"), default=5)
    # The same for anything derived from free text (themes, sentiment): words
    # identify a writer more easily than numbers, so the floor is 10.
    min_text_group_size = models.PositiveSmallIntegerField(_("minimum group size for text-derived figures"), default=10)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(min_group_size__gte=5), name="school_min_group_size_gte_5"),
            models.CheckConstraint(
                condition=Q(min_text_group_size__gte=10) & Q(min_text_group_size__gte=models.F("min_group_size")),
                name="school_min_text_group_size_gte_10",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Group(models.Model):
    """A class or a teaching group within a school."""

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="groups")
    name = models.CharField(_("name"), max_length=100)
    subject = models.CharField(_("subject"), max_length=100, blank=True)
    grade = models.PositiveSmallIntegerField(_("grade"), null=True, blank=True)

    class Meta:
        ordering = ["school__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["school", "name"], name="group_unique_name_per_school"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.school})"


class User(AbstractUser):
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="people", verbose_name=_("school")
    )
    is_student = models.BooleanField(_("student"), default=False)
    language = models.CharField(_("language"), max_length=5, choices=Language.choices, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(is_student=False) | Q(school__isnull=False), name="user_student_has_school"
            ),
        ]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    class Role(models.TextChoices):
        STUDENT = "student", _("student")
        TEACHER = "teacher", _("teacher")

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="membership_unique_user_per_group"),
        ]
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        return f"{self.user} in {self.group} as {self.role}"


class SchoolRole(models.Model):
    class Role(models.TextChoices):
        HEALTH = "health", _("student-health staff")
        ADMIN = "admin", _("school admin")

    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="school_roles")
    role = models.CharField(max_length=10, choices=Role.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["school", "user", "role"], name="schoolrole_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.role} at {self.school}"


class ConsentScope(models.TextChoices):
    SCORES_TO_TEACHERS = "scores_to_teachers", _("Share my check-in scores with my teachers")
    TEXT_TO_TEACHERS = "text_to_teachers", _("Share my reflections with my teachers")
    TRENDS_TO_HEALTH = "trends_to_health", _("Share my trends with student health")


class Consent(models.Model):
    """The current state of one scope for one student; absent means off.

    Consent looks forward: turning a scope on shares the check-ins submitted from that moment
    (`granted_at`). The check-ins from before are shared only when the student also chooses so
    (`include_earlier`), a separate and explicit choice.
    """

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents")
    scope = models.CharField(max_length=32, choices=ConsentScope.choices)
    granted = models.BooleanField(default=False)
    # When the scope was last turned on; None while it is off.
    granted_at = models.DateTimeField(null=True, blank=True)
    include_earlier = models.BooleanField(default=False)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["student", "scope"], name="consent_unique_scope"),
        ]

    def __str__(self) -> str:
        return f"{self.scope}={self.granted}"


class ConsentEvent(models.Model):
    """Append-only history of consent changes: who changed what, when."""

    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consent_events")
    scope = models.CharField(max_length=32, choices=ConsentScope.choices)
    granted = models.BooleanField()
    include_earlier = models.BooleanField(default=False)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    changed_at = models.DateTimeField()

    class Meta:
        ordering = ["changed_at", "id"]
        indexes = [models.Index(fields=["student", "scope", "changed_at"])]

    def __str__(self) -> str:
        return f"{self.scope}={self.granted} at {self.changed_at:%Y-%m-%d %H:%M}"


class AccessLog(models.Model):
    """One row each time staff open an individual student's data."""

    class What(models.TextChoices):
        SCORES = "scores", _("check-in scores")
        TEXT = "text", _("reflection text")
        TRENDS = "trends", _("trends")
        HELP = "help", _("request for contact")

    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    student = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="access_log")
    what = models.CharField(max_length=10, choices=What.choices)
    context = models.CharField(max_length=100, blank=True)
    at = models.DateTimeField(db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["student", "-at"])]

    def __str__(self) -> str:
        return f"{self.what} viewed at {self.at:%Y-%m-%d %H:%M}"
