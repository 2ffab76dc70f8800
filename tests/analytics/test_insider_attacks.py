"""A curious insider against the published figures, through the API as staff read them.

Each test is an attack that worked when figures were computed live for everyone alike: read, let one
student act, read again and subtract; subtract the students one sees individually; read answers that are
all alike; read a week before and after a student shares it. Each must now leave nothing to learn.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from analytics import services
from analytics.models import WeekAggregate
from surveys.weeks import week_start
from wellbeing.models import ConsentScope
from wellbeing.services import consent_set

from ..conftest import login
from ..factories import CheckinFactory, MembershipFactory, StudentFactory, publish, submit


def _group(cast, size):
    students = [StudentFactory(school=cast.school_a) for _ in range(size)]
    for student in students:
        MembershipFactory(group=cast.group_b, user=student)
    return students


def _figures(api, cast, viewer):
    login(api, viewer)
    response = api.get(reverse("api-group-aggregates", args=[cast.group_b.pk]))
    assert response.status_code == 200
    return response.json()


def _school(api, cast):
    login(api, cast.health)
    return api.get(reverse("api-school-aggregates", args=[cast.school_a.pk])).json()


def test_tracker_one_student_answering_in_an_open_week_moves_no_figure(cast, api):
    students = _group(cast, 8)
    for n, student in enumerate(students[:7]):
        submit(student, mood=1 + n % 5, reflection="Matteprovet")
    services.checkins_analyse(list(students[0].checkins.values_list("pk", flat=True)))
    before = {"teacher": _figures(api, cast, cast.teacher_b), "school": _school(api, cast)}
    submit(students[7], mood=1, reflection="jag mår inte bra", contact_request=True)  # the one to isolate
    after = {"teacher": _figures(api, cast, cast.teacher_b), "school": _school(api, cast)}
    # Nothing of the open week is published, before or after: only how many have answered moves.
    assert before["teacher"]["weeks"] == after["teacher"]["weeks"] == []
    assert before["school"]["cells"] == after["school"]["cells"] == []
    assert (before["teacher"]["this_week"]["answered"], after["teacher"]["this_week"]["answered"]) == (7, 8)
    assert not WeekAggregate.objects.exists()


def _closed_week(cast):
    return week_start(timezone.now(), cast.school_a.timezone) - timedelta(weeks=1)


def test_tracker_a_late_change_after_publication_is_held_back_until_enough_changed(cast, api):
    week = _closed_week(cast)
    students = _group(cast, 12)
    checkins = [CheckinFactory(student=s, week=week, mood=1 + n % 5) for n, s in enumerate(students)]
    publish(school_id=cast.school_a.pk, week=week)
    before = _figures(api, cast, cast.teacher_b)["weeks"]
    # One student's answer changes after publication (here: a late edit; in life a late analysis or a move).
    type(checkins[0]).objects.filter(pk=checkins[0].pk).update(mood=5, revision=2)
    publish(school_id=cast.school_a.pk, week=week)  # the scheduled republication
    assert _figures(api, cast, cast.teacher_b)["weeks"] == before  # one change could be read off: held back
    # Once at least the minimum of the group's answers changed, no single one can be isolated: republished.
    for checkin in checkins[1:5]:
        type(checkin).objects.filter(pk=checkin.pk).update(mood=5, revision=2)
    publish(school_id=cast.school_a.pk, week=week)
    after = _figures(api, cast, cast.teacher_b)["weeks"]
    assert after != before and after[0]["stats"]["items"]["mood"]["mean"] > before[0]["stats"]["items"]["mood"]["mean"]


def test_subtraction_a_teacher_who_sees_five_of_six_learns_nothing_about_the_sixth(cast, api):
    week = _closed_week(cast)
    students = _group(cast, 6)
    for student in students[:5]:
        consent_set(student=student, scope=ConsentScope.SCORES_TO_TEACHERS, granted=True, changed_by=student)
        consent_set(student=student, scope=ConsentScope.TEXT_TO_TEACHERS, granted=True, changed_by=student)
    for n, student in enumerate(students):
        CheckinFactory(student=student, week=week, mood=1 + n % 5, submitted_at=timezone.now())
    publish(school_id=cast.school_a.pk, week=week)
    [figure] = _figures(api, cast, cast.teacher_b)["weeks"]
    assert (figure["response_count"], figure["described_count"], figure["suppressed"]) == (6, 1, True)
    assert figure["stats"]["items"] is None and figure["mean_mood"] is None
    shown = {row["name"] for row in api.get(reverse("api-group-students", args=[cast.group_b.pk])).json()}
    # The five are shown one by one, the sixth is not, and the group figure cannot be reduced to the sixth.
    assert {s.display_name for s in students[:5]} <= shown and students[5].display_name not in shown
    # The school admin sees nobody one by one: six together are safe to show to them.
    [for_admin] = _figures(api, cast, cast.admin)["weeks"]
    assert (for_admin["described_count"], for_admin["suppressed"]) == (6, False)


def test_homogeneity_nine_of_nine_alike_shows_neither_shares_nor_mean(cast, api):
    week = _closed_week(cast)
    for n, student in enumerate(_group(cast, 9)):
        CheckinFactory(student=student, week=week, mood=1 + n % 5, energy=3)
    publish(school_id=cast.school_a.pk, week=week)
    [figure] = _figures(api, cast, cast.admin)["weeks"]
    assert figure["stats"]["items"]["energy"] == {"mean": None, "distribution": None, "coarsened": True}
    # Moods spread 2+2+2+2+1: no value holds all but fewer than five of them, so the shares are shown.
    assert figure["stats"]["items"]["mood"]["distribution"] == {"1": 2, "2": 2, "3": 2, "4": 2, "5": 1}


def test_sharing_earlier_weeks_hides_the_old_figure_until_it_is_published_without_the_student(cast, api):
    week = _closed_week(cast)
    students = _group(cast, 7)
    for n, student in enumerate(students):
        CheckinFactory(student=student, week=week, mood=1 + n % 5, submitted_at=timezone.now() - timedelta(days=8))
    publish(school_id=cast.school_a.pk, week=week)
    [figure] = _figures(api, cast, cast.teacher_b)["weeks"]
    assert (figure["described_count"], figure["suppressed"]) == (7, False)
    # One student now shares their scores, earlier weeks too: the teacher would see them one by one and could
    # subtract them from the old figure. Until the week is republished, the old figure is not shown.
    consent_set(
        student=students[0],
        scope=ConsentScope.SCORES_TO_TEACHERS,
        granted=True,
        include_earlier=True,
        changed_by=students[0],
    )
    [stale] = _figures(api, cast, cast.teacher_b)["weeks"]
    assert (stale["suppressed"], stale["suppressed_reason"], stale["stats"]["items"]) == (True, "changed", None)
    assert services.school_weeks_republish(stale_only=True) == 1  # what windows-sync does every few minutes
    [fresh] = _figures(api, cast, cast.teacher_b)["weeks"]
    assert (fresh["described_count"], fresh["suppressed"]) == (6, False)


@pytest.mark.parametrize("include_earlier", [False, True])
def test_consent_looks_forward_unless_the_student_chooses_otherwise(cast, api, include_earlier):
    week = _closed_week(cast)
    CheckinFactory(student=cast.private, week=week, mood=2, submitted_at=timezone.now() - timedelta(days=8))
    consent_set(
        student=cast.private,
        scope=ConsentScope.SCORES_TO_TEACHERS,
        granted=True,
        include_earlier=include_earlier,
        changed_by=cast.private,
    )
    login(api, cast.teacher)
    rows = {r["name"]: r for r in api.get(reverse("api-group-students", args=[cast.group_a.pk])).json()}
    weeks = rows[cast.private.display_name]["weeks"]
    assert [w["mood"] for w in weeks] == ([2] if include_earlier else [])
