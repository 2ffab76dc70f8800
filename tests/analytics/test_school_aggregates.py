"""Aggregates per group, grade and school from the database, and who reads them."""

from datetime import timedelta

import pytest
from django.urls import reverse

from analytics import services
from analytics.models import WeekAggregate
from wellbeing.models import Group

from ..conftest import login
from ..factories import CheckinFactory, GroupFactory, MembershipFactory, StudentFactory, publish

VIEWERS = [
    "sharer",
    "teacher",
    "teacher_other_school",
    "health",
    "health_other_school",
    "admin",
    None,
]
STATUS = {"health": 200, "admin": 200, None: 401}


def _class_of(school, name, size, *, grade=8, mood=4, reflection=""):
    group = GroupFactory(school=school, name=name, grade=grade)
    students = [StudentFactory(school=school) for _ in range(size)]
    for student in students:
        MembershipFactory(group=group, user=student)
    checkins = [CheckinFactory(student=s, mood=mood, reflection=reflection) for s in students]
    return group, students, checkins


def _cells(school, week, audience="all") -> dict:
    """The published cells for one audience (by default: viewers who see nobody one by one)."""
    cells = WeekAggregate.objects.filter(school=school, week=week, audience=audience)
    return {(a.scope, a.group_id or a.grade): a for a in cells}


@pytest.fixture
def school(cast):
    """Skola A with its cast classes emptied of students: 8A and 8B only as the cast left them."""
    return cast.school_a


def test_grades_and_the_school_are_computed_beside_the_groups(school):
    big, _, checkins = _class_of(school, "9A", 12, grade=9, mood=5)
    other, _, _ = _class_of(school, "9B", 6, grade=9, mood=3)
    week = checkins[0].week
    publish(school_id=school.pk, week=week)
    cells = _cells(school, week)
    assert cells["grade", 9].response_count == 18
    assert cells["grade", 9].mean_mood == round((12 * 5 + 6 * 3) / 18, 2)
    assert cells["school", None].response_count == 18
    assert cells["grade", 9].stats["items"]["mood"]["distribution"] == {"1": 0, "2": 0, "3": 6, "4": 0, "5": 12}
    # Each class answered as one: its mean would tell every student's mood (the homogeneity rule).
    for group in (big, other):
        assert cells["group", group.pk].stats["items"]["mood"] == {
            "mean": None,
            "distribution": None,
            "coarsened": True,
        }


def test_a_small_class_is_hidden_and_so_is_the_class_that_would_reveal_it_by_subtraction(school):
    # 9A (12) and 9B (3) make up grade 9 and the school: grade 9 minus 9A would be 9B.
    big, _, checkins = _class_of(school, "9A", 12, grade=9)
    small, _, _ = _class_of(school, "9B", 3, grade=9, mood=1)
    week = checkins[0].week
    publish(school_id=school.pk, week=week)
    cells = _cells(school, week)
    assert (cells["group", small.pk].suppressed, cells["group", small.pk].suppressed_reason) == (True, "small")
    assert (cells["group", big.pk].suppressed, cells["group", big.pk].suppressed_reason) == (True, "differencing")
    assert cells["group", big.pk].stats["items"] is None
    assert not cells["grade", 9].suppressed
    # The published numbers no longer give 9B's mood away.
    published = [a for a in cells.values() if not a.suppressed]
    assert all(a.response_count in (15,) for a in published)


def test_text_derived_figures_need_ten_writers(school):
    group, _, checkins = _class_of(school, "9A", 9, grade=9, reflection="Matteprovet var svårt")
    _, _, extra = _class_of(school, "9B", 5, grade=9)
    extra[0].reflection = "Matteprovet var svårt"
    extra[0].save()
    week = checkins[0].week
    services.checkins_analyse([c.pk for c in checkins + extra])
    publish(school_id=school.pk, week=week)
    cell = _cells(school, week)["group", group.pk]
    assert not cell.suppressed and cell.stats["items"] is not None
    assert (cell.text_count, cell.text_suppressed, cell.stats["text"]) == (9, True, None)
    grade = _cells(school, week)["grade", 9]
    assert grade.text_count == 10 and not grade.text_suppressed
    # All ten wrote about the test: "almost everyone", not a count that says what each one wrote.
    assert grade.stats["text"]["themes"]["exams"] is None


def test_a_teaching_group_that_differs_from_a_class_by_one_student_is_hidden(school):
    klass, students, checkins = _class_of(school, "9A", 6, grade=9)
    spanish = GroupFactory(school=school, name="Spanska 9", subject="Spanska", grade=9)
    for student in students[:5]:
        MembershipFactory(group=spanish, user=student)
    week = checkins[0].week
    publish(school_id=school.pk, week=week)
    cells = _cells(school, week)
    # 9A minus Spanska 9 would be one student's answers.
    assert cells["group", spanish.pk].suppressed ^ cells["group", klass.pk].suppressed
    assert cells["group", spanish.pk].suppressed_reason == "differencing"


def test_a_week_nobody_answered_still_shows_participation(school):
    group, _, checkins = _class_of(school, "9A", 6, grade=9)
    week = checkins[0].week
    for checkin in checkins:
        checkin.delete()
    publish(school_id=school.pk, week=week)
    cell = _cells(school, week)["group", group.pk]
    assert (cell.member_count, cell.response_count, cell.suppressed) == (6, 0, True)


def test_a_deleted_group_leaves_no_stale_cell(school):
    _, students, checkins = _class_of(school, "9A", 6, grade=9)
    spanish = GroupFactory(school=school, name="Spanska 9", subject="Spanska", grade=9)
    for student in students:
        MembershipFactory(group=spanish, user=student)
    week = checkins[0].week
    publish(school_id=school.pk, week=week)
    assert WeekAggregate.objects.filter(scope="group", group=spanish).exists()
    Group.objects.filter(pk=spanish.pk).delete()
    publish(school_id=school.pk, week=week)
    assert not WeekAggregate.objects.filter(scope="group", group_id=spanish.pk).exists()


@pytest.mark.parametrize("viewer", VIEWERS)
def test_school_aggregates_by_role(cast, api, viewer):
    _, _, checkins = _class_of(cast.school_a, "9A", 6, grade=9)
    publish(school_id=cast.school_a.pk, week=checkins[0].week)
    login(api, getattr(cast, viewer) if viewer else None)
    response = api.get(reverse("api-school-aggregates", args=[cast.school_a.pk]))
    assert response.status_code == STATUS.get(viewer, 404)
    if response.status_code == 200:
        body = response.json()
        assert body["week"] == checkins[0].week.isoformat()
        assert (body["min_group_size"], body["min_text_group_size"]) == (5, 10)
        scopes = [cell["scope"] for cell in body["cells"]]
        assert scopes[0] == "school" and "grade" in scopes and "group" in scopes


def test_school_aggregates_of_another_school_do_not_exist_for_staff(cast, api):
    login(api, cast.health)
    assert api.get(reverse("api-school-aggregates", args=[cast.school_b.pk])).status_code == 404
    assert api.get(reverse("api-school-aggregates", args=[987654])).status_code == 404


def test_a_week_in_the_query_picks_that_week_and_a_bad_one_is_a_field_error(cast, api):
    _, _, checkins = _class_of(cast.school_a, "9A", 6, grade=9)
    week = checkins[0].week
    publish(school_id=cast.school_a.pk, week=week)
    login(api, cast.health)
    url = reverse("api-school-aggregates", args=[cast.school_a.pk])
    response = api.get(url, {"week": (week + timedelta(days=2)).isoformat()})  # any day names its week
    assert response.status_code == 200 and response.json()["week"] == week.isoformat()
    empty = api.get(url, {"week": "2001-01-01"})
    assert empty.status_code == 200 and empty.json() == {
        "school": cast.school_a.pk,
        "week": None,
        "min_group_size": 5,
        "min_text_group_size": 10,
        "cells": [],
    }
    bad = api.get(url, {"week": "next tuesday"})
    assert bad.status_code == 400 and "week" in bad.json()
    unknown = api.get(url, {"weke": "2026-01-05"})
    assert unknown.status_code == 400
