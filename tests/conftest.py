"""The named cast every test can use.

school_a has group_a (class 8A) and group_b (class 8B); school_b is another
school in the same municipality.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

from wellbeing.models import ConsentScope, Membership, SchoolRole, User
from wellbeing.services import consent_set

from .factories import (
    GroupFactory,
    MembershipFactory,
    SchoolFactory,
    SchoolRoleFactory,
    StudentFactory,
    UserFactory,
    always_open,
)

# Property-based tests draw the same examples on every run (a failure found once is found again, never by luck),
# and keep no example database in the checkout.
hypothesis_settings.register_profile("suite", derandomize=True, database=None)
hypothesis_settings.load_profile("suite")


@dataclass
class Cast:
    school_a: object
    school_b: object
    group_a: object
    group_b: object
    group_other_school: object
    sharer: User  # group_a student who shares scores and text with teachers and trends with health
    private: User  # group_a student who shares nothing
    classmate: User  # another group_a student, shares nothing
    student_b: User  # group_b student who shares everything
    teacher: User  # teaches group_a
    teacher_b: User  # teaches group_b in the same school
    teacher_other_school: User
    health: User  # student health at school_a
    health_other_school: User
    admin: User  # school admin at school_a


def _teacher(group, **kwargs) -> User:
    user = UserFactory(**kwargs)
    MembershipFactory(group=group, user=user, role=Membership.Role.TEACHER)
    return user


def _student(group, *, shares: bool, **kwargs) -> User:
    student = StudentFactory(school=group.school, **kwargs)
    MembershipFactory(group=group, user=student, role=Membership.Role.STUDENT)
    if shares:
        for scope in ConsentScope:
            consent_set(student=student, scope=scope, granted=True, changed_by=student)
    return student


@pytest.fixture
def cast(db) -> Cast:
    school_a = SchoolFactory(name="Skola A")
    school_b = SchoolFactory(name="Skule B", country="NO", timezone="Europe/Oslo", default_language="nb")
    group_a = GroupFactory(school=school_a, name="8A")
    group_b = GroupFactory(school=school_a, name="8B")
    group_other = GroupFactory(school=school_b, name="9C")
    health = UserFactory(username="health")
    SchoolRoleFactory(school=school_a, user=health, role=SchoolRole.Role.HEALTH)
    health_other = UserFactory(username="health_other")
    SchoolRoleFactory(school=school_b, user=health_other, role=SchoolRole.Role.HEALTH)
    for group in (group_a, group_b, group_other):
        # Open all week, so tests that submit at the real time pass on any day;
        # tests of windows set their own schedules and times.
        always_open(group)
    admin = UserFactory(username="schooladmin")
    SchoolRoleFactory(school=school_a, user=admin, role=SchoolRole.Role.ADMIN)
    return Cast(
        school_a=school_a,
        school_b=school_b,
        group_a=group_a,
        group_b=group_b,
        group_other_school=group_other,
        sharer=_student(group_a, shares=True, username="sharer"),
        private=_student(group_a, shares=False, username="private"),
        classmate=_student(group_a, shares=False, username="classmate"),
        student_b=_student(group_b, shares=True, username="student_b"),
        teacher=_teacher(group_a, username="teacher"),
        teacher_b=_teacher(group_b, username="teacher_b"),
        teacher_other_school=_teacher(group_other, username="teacher_other"),
        health=health,
        health_other_school=health_other,
        admin=admin,
    )


# The suite's assertions are written in English, so its clients ask for English
# as a browser would; tests of language choice send their own header or cookie.
BROWSER_LANGUAGE = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def client() -> Client:
    return Client(**BROWSER_LANGUAGE)


@pytest.fixture
def api() -> APIClient:
    return APIClient(**BROWSER_LANGUAGE)


def login(client, user: User | None):
    """Authenticate a test client (API or page) as `user`; None stays anonymous."""
    if user is not None:
        client.force_login(user)
    return client


def _delete_cache_keys(pattern: str) -> None:
    import redis
    from django.conf import settings

    client = redis.Redis.from_url(settings.REDIS_URL)
    keys = list(client.scan_iter(match=pattern))
    if keys:
        client.delete(*keys)
    client.close()


@pytest.fixture
def chart_cache(settings):
    """The real Redis cache under a key prefix of this test's own, emptied afterwards.

    Test runs share one Redis database, and database ids repeat between runs,
    so a shared prefix could show one run's chart to another run's student.
    """
    import uuid

    from django.core.cache import cache

    prefix = f"wellbeing-test-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {**settings.CACHES["default"], "KEY_PREFIX": prefix}}
    yield cache
    _delete_cache_keys(f"{prefix}:*")


@pytest.fixture(autouse=True, scope="session")
def _no_charts_left_behind():
    """Tests that score or open the history page without chart_cache still draw charts
    (kept 14 days); delete them after the run. Only chart keys, which no test shares."""
    yield
    from django.conf import settings

    _delete_cache_keys(f"{settings.CACHES['default']['KEY_PREFIX']}:*:chart:*")
