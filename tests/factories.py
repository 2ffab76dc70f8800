from datetime import datetime, time

import factory
from django.utils import timezone

from surveys.models import Checkin
from surveys.weeks import week_start
from wellbeing.models import Group, Membership, School, SchoolRole, User


class SchoolFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"School {n}")
    country = "SE"
    timezone = "Europe/Stockholm"
    default_language = "sv"


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    school = factory.SubFactory(SchoolFactory)
    name = factory.Sequence(lambda n: f"Group {n}")
    grade = 8


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    password = factory.django.Password("pw-for-tests-1")


class StudentFactory(UserFactory):
    is_student = True
    school = factory.SubFactory(SchoolFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory(StudentFactory)
    role = Membership.Role.STUDENT


class SchoolRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SchoolRole

    school = factory.SubFactory(SchoolFactory)
    user = factory.SubFactory(UserFactory)
    role = SchoolRole.Role.HEALTH


def window_for(student, week):
    """The window of the student's home group for the week, giving the student a group if they have none."""
    from surveys.schedules import home_group, window_get_or_create

    group = home_group(student)
    if group is None:
        group = GroupFactory(school=student.school)
        MembershipFactory(group=group, user=student)
    return window_get_or_create(group=group, week=week)


def always_open(group) -> None:
    """A schedule open the whole week, for tests that submit at the real current time."""
    from surveys.models import Schedule

    Schedule.objects.update_or_create(
        group=group,
        defaults={"opens_weekday": 0, "opens_time": time(0, 0), "closes_weekday": 6, "closes_time": time.max},
    )


class CheckinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkin

    student = factory.SubFactory(StudentFactory)
    school = factory.LazyAttribute(lambda o: o.student.school)
    week = factory.LazyAttribute(lambda o: week_start(timezone.now(), o.school.timezone))
    window = factory.LazyAttribute(lambda o: window_for(o.student, o.week))
    mood = 3
    reflection = ""
    submitted_at = factory.LazyFunction(timezone.now)
    updated_at = factory.LazyFunction(timezone.now)


def submit(student, *, language: str = "", now=None, **answers):
    """Submit a check-in through the real service: `submit(student, mood=3, reflection="...")`."""
    from surveys.services import CheckinAnswers, checkin_submit

    return checkin_submit(student=student, answers=CheckinAnswers(**answers), language=language, now=now)


def publish(*, school_id: int, week):
    """Publish a school's week as the workers do when its check-in has closed: a moment after its last window.

    Figures are never published for an open week, so a test that reads them closes the week first.
    """
    from datetime import timedelta

    from django.db.models import Max

    from analytics.services import school_week_publish
    from surveys.models import CheckinWindow

    closes = CheckinWindow.objects.filter(group__school_id=school_id, week=week).aggregate(last=Max("closes_at"))[
        "last"
    ]
    after = (closes or timezone.make_aware(datetime.combine(week + timedelta(days=7), time()))) + timedelta(seconds=1)
    return school_week_publish(school_id=school_id, week=week, now=after)
