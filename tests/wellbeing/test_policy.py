"""The access policy as a full matrix: roles x data x consent states."""

import pytest

from wellbeing import policy
from wellbeing.models import ConsentScope
from wellbeing.services import consent_set

from ..factories import MembershipFactory, StudentFactory
from ..matrix import (
    ALLOWED_WITH_CONSENT,
    AUDIENCE,
    CONSENT,
    DOORS,
    GROUP_AGGREGATE_VIEWERS,
    ROLES,
    viewer_for,
)


@pytest.fixture
def subject_for(cast):
    """A group_a student whose three scopes are all in the given state."""

    def make(state: str):
        student = StudentFactory(school=cast.school_a, username=f"subject_{state}")
        MembershipFactory(group=cast.group_a, user=student)
        for scope in ConsentScope:
            if state in ("on", "revoked"):
                consent_set(student=student, scope=scope, granted=True, changed_by=student)
            if state == "revoked":
                consent_set(student=student, scope=scope, granted=False, changed_by=student)
        return student

    return make


@pytest.mark.parametrize("consent", CONSENT)
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("level", list(policy.Level))
def test_it_decides_individual_access(cast, subject_for, role, level, consent):
    subject = subject_for(consent)
    viewer = viewer_for(cast, role, subject)
    expected = role in ALLOWED_WITH_CONSENT[level] if consent == "on" else role == "self"
    assert policy.may_view_student(viewer, subject, level) is expected
    listed = policy.students_visible(viewer, level).filter(pk=subject.pk).exists()
    # The list rule never includes the viewer themself; self-access is separate.
    assert listed is (expected and role != "self")


@pytest.mark.parametrize("consent", CONSENT)
@pytest.mark.parametrize("role", ROLES)
def test_it_decides_group_aggregate_access_regardless_of_consent(cast, subject_for, role, consent):
    subject = subject_for(consent)
    viewer = viewer_for(cast, role, subject)
    assert policy.may_view_group(viewer, cast.group_a) is (role in GROUP_AGGREGATE_VIEWERS)


def test_it_keeps_scopes_apart(cast):
    student = StudentFactory(school=cast.school_a)
    MembershipFactory(group=cast.group_a, user=student)
    consent_set(student=student, scope=ConsentScope.SCORES_TO_TEACHERS, granted=True, changed_by=student)
    assert policy.may_view_student(cast.teacher, student, policy.Level.SCORES)
    assert not policy.may_view_student(cast.teacher, student, policy.Level.TEXT)
    assert not policy.may_view_student(cast.health, student, policy.Level.SCORES)
    assert not policy.may_view_student(cast.health, student, policy.Level.TRENDS)

    consent_set(student=student, scope=ConsentScope.TRENDS_TO_HEALTH, granted=True, changed_by=student)
    assert policy.may_view_student(cast.health, student, policy.Level.TRENDS)
    assert not policy.may_view_student(cast.health, student, policy.Level.TEXT)


def test_it_denies_inactive_staff(cast):
    cast.teacher.is_active = False
    cast.teacher.save()
    assert not policy.may_view_student(cast.teacher, cast.sharer, policy.Level.SCORES)
    assert not policy.may_view_group(cast.teacher, cast.group_a)


def test_it_never_lets_a_student_see_another_student_even_when_teaching_role_data_exists(cast):
    # A student who is somehow also listed as a group's teacher still sees no one:
    # students are never staff viewers.
    from wellbeing.models import Membership

    Membership.objects.create(group=cast.group_b, user=cast.classmate, role=Membership.Role.TEACHER)
    assert not policy.may_view_student(cast.classmate, cast.student_b, policy.Level.SCORES)
    assert not policy.may_view_group(cast.classmate, cast.group_b)


@pytest.mark.parametrize("role", ROLES)
def test_the_door_predicates_follow_the_matrix(cast, role):
    from wellbeing import gates

    viewer = viewer_for(cast, role)
    predicates = {
        "student": gates.STUDENT,
        "staff": gates.STAFF,
        "health": gates.HEALTH,
        "admin_site": gates.ADMIN_SITE,
    }
    for door, members in DOORS.items():
        assert predicates[door](viewer) is (role in members), door


@pytest.mark.parametrize("role", sorted(AUDIENCE))
def test_each_viewer_reads_the_figures_of_their_audience(cast, role):
    assert policy.aggregate_audience(viewer_for(cast, role), cast.school_a.pk) == AUDIENCE[role]
