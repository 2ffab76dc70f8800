from datetime import timedelta

import pytest

from ..factories import CheckinFactory, MembershipFactory, StudentFactory, UserFactory, publish


def _rename(user, first: str, last: str) -> None:
    # Distinct names, so "is this student on the page" cannot match another student's name by accident.
    user.first_name, user.last_name = first, last
    user.save(update_fields=["first_name", "last_name"])


@pytest.fixture
def no_role(db):
    """Signed in, but neither a student nor linked to any school or group."""
    return UserFactory(username="nobody")


@pytest.fixture
def weeks_of_group_a(cast):
    """group_a: this week five check-ins (shown), last week two (suppressed)."""
    _rename(cast.sharer, "Sanna", "Sharer")
    _rename(cast.private, "Petra", "Private")
    _rename(cast.classmate, "Klara", "Classmate")
    extra = [StudentFactory(school=cast.school_a) for _ in range(2)]
    for student in extra:
        MembershipFactory(group=cast.group_a, user=student)
    students = [cast.sharer, cast.private, cast.classmate, *extra]
    this_week = [
        CheckinFactory(student=s, mood=m, reflection=f"reflection of {s.username}")
        for s, m in zip(students, [2, 3, 4, 4, 5], strict=True)
    ]
    week = this_week[0].week
    last_week = week - timedelta(weeks=1)
    CheckinFactory(student=cast.sharer, week=last_week, mood=1, reflection="older reflection of sharer")
    CheckinFactory(student=cast.private, week=last_week, mood=5, reflection="older reflection of private")
    publish(school_id=cast.school_a.pk, week=week)
    publish(school_id=cast.school_a.pk, week=last_week)
    return week, last_week
