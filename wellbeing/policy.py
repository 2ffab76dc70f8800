"""The access policy: who may see what about which student.

Everything that reads individual or group data asks this module. Each rule is
written once, as a queryset filter, so the list views and the single-object
checks cannot disagree. Callers turn "not visible" into 404, never 403, so an
id never tells an outsider whether a thing exists.
"""

from enum import StrEnum

from django.db.models import Exists, OuterRef, Q, QuerySet

from .models import Consent, ConsentScope, Group, Membership, SchoolRole, User


class Level(StrEnum):
    SCORES = "scores"  # identifiable check-in scores
    TEXT = "text"  # reflection text
    TRENDS = "trends"  # a student's trend over time, for student health


def _is_staff_viewer(viewer) -> bool:
    return bool(viewer and viewer.is_authenticated and viewer.is_active and not viewer.is_student)


def _consented(scope: ConsentScope) -> Exists:
    return Exists(Consent.objects.filter(student=OuterRef("pk"), scope=scope, granted=True))


def _taught_by(viewer) -> Exists:
    teacher_groups = Membership.objects.filter(user=viewer, role=Membership.Role.TEACHER).values("group")
    return Exists(
        Membership.objects.filter(user=OuterRef("pk"), role=Membership.Role.STUDENT, group__in=teacher_groups)
    )


def _in_health_school_of(viewer) -> Q:
    health_schools = SchoolRole.objects.filter(user=viewer, role=SchoolRole.Role.HEALTH).values("school")
    return Q(school__in=health_schools)


def students_visible(viewer, level: Level) -> QuerySet[User]:
    """Students (other than the viewer) whose data at `level` the viewer may see."""
    if not _is_staff_viewer(viewer):
        return User.objects.none()
    if level == Level.SCORES:
        rule = (_taught_by(viewer) & _consented(ConsentScope.SCORES_TO_TEACHERS)) | (
            _in_health_school_of(viewer) & _consented(ConsentScope.TRENDS_TO_HEALTH)
        )
    elif level == Level.TEXT:
        rule = _taught_by(viewer) & _consented(ConsentScope.TEXT_TO_TEACHERS)
    elif level == Level.TRENDS:
        rule = _in_health_school_of(viewer) & _consented(ConsentScope.TRENDS_TO_HEALTH)
    else:  # pragma: no cover - Level is closed
        raise ValueError(f"unknown level {level!r}")
    return User.objects.filter(rule, is_student=True, is_active=True)


def consent_covers(scope: ConsentScope) -> Exists:
    """For a queryset of check-ins: the student's consent to `scope` covers this check-in.

    Consent looks forward: it covers what was submitted from the moment it was turned on, and the check-ins
    from before only when the student chose to share them too.
    """
    return Exists(
        Consent.objects.filter(student=OuterRef("student_id"), scope=scope, granted=True).filter(
            Q(include_earlier=True) | Q(granted_at__lte=OuterRef("submitted_at"))
        )
    )


def checkins_visible(viewer, level: Level) -> Q:
    """A filter for a queryset of check-ins: those whose individual data at `level` the viewer may see.

    The same rule as `students_visible`, down to the check-in: the student is taught by the viewer (or is in
    the viewer's school, for student health) and the student's consent covers that check-in.
    """
    if not _is_staff_viewer(viewer):
        return Q(pk__in=[])
    taught = Q(student__in=User.objects.filter(_taught_by(viewer)))
    health = Q(student__in=User.objects.filter(_in_health_school_of(viewer), is_student=True))
    if level == Level.SCORES:
        rule = (taught & consent_covers(ConsentScope.SCORES_TO_TEACHERS)) | (
            health & consent_covers(ConsentScope.TRENDS_TO_HEALTH)
        )
    elif level == Level.TEXT:
        rule = taught & consent_covers(ConsentScope.TEXT_TO_TEACHERS)
    elif level == Level.TRENDS:
        rule = health & consent_covers(ConsentScope.TRENDS_TO_HEALTH)
    else:  # pragma: no cover - Level is closed
        raise ValueError(f"unknown level {level!r}")
    return rule & Q(student__is_active=True, student__is_student=True)


def may_view_student(viewer, student: User, level: Level) -> bool:
    if not (viewer and viewer.is_authenticated and viewer.is_active):
        return False
    if viewer.pk == student.pk:
        return True
    return students_visible(viewer, level).filter(pk=student.pk).exists()


def groups_visible(viewer) -> QuerySet[Group]:
    """Groups whose (suppressed) aggregates the viewer may see."""
    if not _is_staff_viewer(viewer):
        return Group.objects.none()
    taught = Membership.objects.filter(user=viewer, role=Membership.Role.TEACHER).values("group")
    school_staff = SchoolRole.objects.filter(user=viewer).values("school")
    return Group.objects.filter(Q(pk__in=taught) | Q(school__in=school_staff))


def may_view_group(viewer, group: Group) -> bool:
    return groups_visible(viewer).filter(pk=group.pk).exists()


def is_student(viewer) -> bool:
    return bool(viewer and viewer.is_authenticated and viewer.is_active and viewer.is_student)


def is_staff_member(viewer) -> bool:
    """Signed in, active and not a student: teachers, student health, school admins. What each sees inside
    is decided object by object."""
    return _is_staff_viewer(viewer)


def handles_help_requests(viewer) -> bool:
    """Student-health staff of at least one school."""
    return bool(health_school_ids(viewer))


def may_use_admin_site(viewer) -> bool:
    """Django staff, and school admins (for their own school's settings, as SchoolScopedAdmin decides)."""
    if not (viewer and viewer.is_authenticated and viewer.is_active):
        return False
    return viewer.is_staff or bool(admin_school_ids(viewer))


def admin_school_ids(viewer) -> set[int]:
    """Schools whose settings (schedules, own items, instruments) the viewer administers."""
    if not _is_staff_viewer(viewer):
        return set()
    return set(SchoolRole.objects.filter(user=viewer, role=SchoolRole.Role.ADMIN).values_list("school_id", flat=True))


def health_school_ids(viewer) -> set[int]:
    """Schools whose help requests the viewer handles: student-health staff only.

    Safety overrides consent: a help request shows the student's identity to
    these staff whatever the student shares, and students are told so before
    they ask.
    """
    if not _is_staff_viewer(viewer):
        return set()
    return set(SchoolRole.objects.filter(user=viewer, role=SchoolRole.Role.HEALTH).values_list("school_id", flat=True))


def may_handle_help_requests(viewer, school_id: int) -> bool:
    return school_id in health_school_ids(viewer)


def aggregate_audience(viewer, school_id: int) -> str:
    """Which published figures of a school the viewer reads (analytics.models.WeekAggregate.Audience).

    The figures a viewer sees must leave out every student the viewer sees individually: a teacher of the
    school sees students who share with their teachers, student health those who share their trends.
    """
    if not _is_staff_viewer(viewer):
        return "all"
    teaches = Membership.objects.filter(user=viewer, role=Membership.Role.TEACHER, group__school_id=school_id).exists()
    health = school_id in health_school_ids(viewer)
    if teaches and health:
        return "both"
    return "teachers" if teaches else "health" if health else "all"
