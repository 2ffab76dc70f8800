"""The staff pages: the group list and the group page, as a matrix of viewers x data x consent."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from analytics import services
from surveys.models import Checkin
from surveys.weeks import iso_label
from wellbeing.models import AccessLog, ConsentScope
from wellbeing.services import consent_set

from ..factories import CheckinFactory, MembershipFactory, StudentFactory, publish
from .pages import STAFF, STUDENTS, as_viewer, assert_login_redirect, section, text

GROUP_LIST = reverse("frontend:group_list")

# Who opens group_a's page at all; everyone else signed in gets 404.
SEES_GROUP = {"teacher", "health", "admin"}
# Who sees the sharer's individual scores: the teacher by the scores consent,
# student health by the trends consent. The admin sees aggregates only.
SEES_SHARER_SCORES = {"teacher", "health"}
SEES_SHARER_TEXT = {"teacher"}


def _group_url(group) -> str:
    return reverse("frontend:group_detail", args=[group.pk])


@pytest.mark.parametrize("viewer", [*STUDENTS, *STAFF, None])
def test_it_shows_the_group_page_only_to_whom_the_policy_allows(cast, client, weeks_of_group_a, viewer):
    url = _group_url(cast.group_a)
    response = as_viewer(client, cast, viewer).get(url)

    if viewer is None:
        assert_login_redirect(response, url)
        assert not AccessLog.objects.exists()
        return
    if viewer not in SEES_GROUP:
        assert response.status_code == 404
        assert b"Sanna Sharer" not in response.content
        assert not AccessLog.objects.exists()
        return

    assert response.status_code == 200
    page = text(response.content)
    individuals = text(section(response.content, "individuals"))
    this_week, _last_week = weeks_of_group_a
    # The sharer: name and scores, then reflection text, each only where consent allows.
    assert ("Sanna Sharer" in page) is (viewer in SEES_SHARER_SCORES)
    assert (f"{iso_label(this_week)} 🙁 Bad" in individuals) is (viewer in SEES_SHARER_SCORES)
    assert ("reflection of sharer" in page) is (viewer in SEES_SHARER_TEXT)
    assert ("older reflection of sharer" in page) is (viewer in SEES_SHARER_TEXT)
    # Students who share nothing never appear, to anyone.
    for never in ["Petra Private", "reflection of private", "Klara Classmate", "reflection of classmate"]:
        assert never not in page
    # Nor do their moods (3 and 5 for private, 4 for the classmate; the sharer answered 2 and 1).
    for their_mood in ["😐 Okay", "🙂 Good", "😄 Very good"]:
        assert their_mood not in individuals
    if viewer not in SEES_SHARER_SCORES:
        assert "No student in this group has chosen to share their check-ins with you." in individuals

    logged = set(AccessLog.objects.values_list("viewer__username", "student__username", "what"))
    expected = set()
    if viewer in SEES_SHARER_SCORES:
        expected.add((getattr(cast, viewer).username, "sharer", AccessLog.What.SCORES))
    if viewer in SEES_SHARER_TEXT:
        expected.add((getattr(cast, viewer).username, "sharer", AccessLog.What.TEXT))
    assert logged == expected


def test_it_shows_weekly_aggregates_and_hides_small_weeks(cast, client, weeks_of_group_a):
    this_week, last_week = weeks_of_group_a
    response = as_viewer(client, cast, "admin").get(_group_url(cast.group_a))
    assert response.status_code == 200
    table = section(response.content, "aggregates")
    rows = [text(row) for row in re.findall(r"<tr>(.*?)</tr>", table, re.S) if 'scope="row"' in row]
    # The test client asks for English, so the mean uses a decimal point.
    # Participation shows every week; the mean only for weeks with enough answers.
    assert rows == [
        f"{iso_label(this_week)} 5 of 5 (100 %) 3.6",
        f"{iso_label(last_week)} 2 of 5 (40 %) Fewer than 5 responses, hidden to protect privacy",
    ]


def test_it_names_the_schools_own_minimum_when_hiding_a_week(cast, client, weeks_of_group_a):
    cast.school_a.min_group_size = 6
    cast.school_a.save(update_fields=["min_group_size"])
    _this_week, last_week = weeks_of_group_a
    response = as_viewer(client, cast, "teacher").get(_group_url(cast.group_a))
    assert f"{iso_label(last_week)} 2 of 5 (40 %) Fewer than 6 responses, hidden to protect privacy" in text(
        response.content
    )


def test_it_says_so_when_there_are_no_results_yet(cast, client):
    response = as_viewer(client, cast, "teacher").get(_group_url(cast.group_a))
    assert response.status_code == 200
    assert "There are no results for the last weeks yet." in text(response.content)
    # The sharer opted in, so they are listed, with nothing to show yet.
    assert f"{cast.sharer.display_name} No check-ins in the last weeks." in text(
        section(response.content, "individuals")
    )


def test_it_says_so_when_nobody_in_the_group_shares(cast, client):
    response = as_viewer(client, cast, "teacher_b").get(_group_url(cast.group_b))
    assert response.status_code == 200
    assert cast.student_b.display_name in text(response.content)
    for scope in (ConsentScope.SCORES_TO_TEACHERS, ConsentScope.TEXT_TO_TEACHERS):
        consent_set(student=cast.student_b, scope=scope, granted=False, changed_by=cast.student_b)
    individuals = text(section(client.get(_group_url(cast.group_b)).content, "individuals"))
    assert individuals.endswith("No student in this group has chosen to share their check-ins with you.")
    assert cast.student_b.display_name not in individuals


@pytest.mark.parametrize("scope", list(ConsentScope))
def test_it_stops_showing_a_student_as_soon_as_consent_is_revoked(cast, client, weeks_of_group_a, scope):
    url = _group_url(cast.group_a)
    teacher = as_viewer(client, cast, "teacher")
    assert "reflection of sharer" in text(teacher.get(url).content)
    logged_before = AccessLog.objects.filter(viewer=cast.teacher).count()

    consent_set(student=cast.sharer, scope=scope, granted=False, changed_by=cast.sharer)
    response = teacher.get(url)
    page = text(response.content)

    # Scores and reflections are separate consents: revoking one leaves the other.
    sees_scores = scope != ConsentScope.SCORES_TO_TEACHERS
    sees_text = scope != ConsentScope.TEXT_TO_TEACHERS
    individuals = text(section(response.content, "individuals"))
    assert "Sanna Sharer" in page
    assert ("reflection of sharer" in page) is sees_text
    # The sharer's moods this week and last week are 2 (Bad) and 1 (Very bad).
    assert ("Very bad" in individuals) is sees_scores
    logged_now = AccessLog.objects.filter(viewer=cast.teacher).count() - logged_before
    assert logged_now == int(sees_scores) + int(sees_text)


def test_it_stops_showing_a_student_to_health_when_trends_are_revoked(cast, client, weeks_of_group_a):
    consent_set(student=cast.sharer, scope=ConsentScope.TRENDS_TO_HEALTH, granted=False, changed_by=cast.sharer)
    response = as_viewer(client, cast, "health").get(_group_url(cast.group_a))
    assert response.status_code == 200
    assert "Sanna Sharer" not in text(response.content)
    assert not AccessLog.objects.exists()


def test_it_reads_individuals_in_a_constant_number_of_queries(cast, client, weeks_of_group_a):
    url = _group_url(cast.group_a)
    as_viewer(client, cast, "teacher")
    with CaptureQueriesContext(connection) as one_sharer:
        client.get(url)
    for _ in range(3):
        student = StudentFactory(school=cast.school_a)
        MembershipFactory(group=cast.group_a, user=student)
        for scope in ConsentScope:
            consent_set(student=student, scope=scope, granted=True, changed_by=student)
        CheckinFactory(student=student, mood=4, reflection="another sharer")
    with CaptureQueriesContext(connection) as four_sharers:
        response = client.get(url)
    assert text(section(response.content, "individuals")).count("another sharer") == 3
    assert len(four_sharers) == len(one_sharer)


def test_it_answers_an_unknown_group_like_a_forbidden_one(cast, client):
    as_viewer(client, cast, "teacher")
    assert client.get(reverse("frontend:group_detail", args=[999999])).status_code == 404
    assert client.get(_group_url(cast.group_b)).status_code == 404


def test_it_escapes_reflection_text(cast, client, weeks_of_group_a):
    this_week, _ = weeks_of_group_a
    checkin = Checkin.objects.get(student=cast.sharer, week=this_week)
    checkin.reflection = "<script>alert('x')</script>"
    checkin.save(update_fields=["reflection"])
    response = as_viewer(client, cast, "teacher").get(_group_url(cast.group_a))
    assert b"<script>alert" not in response.content
    assert b"&lt;script&gt;alert" in response.content


def test_it_refuses_to_change_anything_with_post(cast, client, weeks_of_group_a):
    response = as_viewer(client, cast, "teacher").post(_group_url(cast.group_a))
    assert response.status_code == 405
    assert not AccessLog.objects.exists()


# The group list: which groups each viewer finds there.
GROUPS_LISTED = {
    "teacher": ["8A"],
    "teacher_b": ["8B"],
    "teacher_other_school": ["9C"],
    "health": ["8A", "8B"],
    "health_other_school": ["9C"],
    "admin": ["8A", "8B"],
}


@pytest.mark.parametrize("viewer", STAFF)
def test_it_lists_the_groups_a_staff_member_may_see(cast, client, viewer):
    response = as_viewer(client, cast, viewer).get(GROUP_LIST)
    assert response.status_code == 200
    groups = {"8A": cast.group_a, "8B": cast.group_b, "9C": cast.group_other_school}
    for name, group in groups.items():
        assert (_group_url(group).encode() in response.content) is (name in GROUPS_LISTED[viewer])
    assert [g.name for g in response.context["groups"]] == GROUPS_LISTED[viewer]


@pytest.mark.parametrize("viewer", STUDENTS)
def test_it_hides_the_group_list_from_students(cast, client, viewer):
    assert as_viewer(client, cast, viewer).get(GROUP_LIST).status_code == 404


def test_it_sends_anonymous_visitors_of_the_group_list_to_login(client):
    assert_login_redirect(client.get(GROUP_LIST), GROUP_LIST)


def test_it_tells_a_user_without_groups_that_there_are_none(no_role, client):
    client.force_login(no_role)
    response = client.get(GROUP_LIST)
    assert response.status_code == 200
    assert "You do not have any groups yet." in text(response.content)


@pytest.mark.parametrize("writers", [9, 10])
def test_it_shows_the_latest_week_in_detail_with_themes_only_from_ten_writers(cast, client, writers):
    students = [StudentFactory(school=cast.school_a) for _ in range(12)]
    for student in students:
        MembershipFactory(group=cast.group_b, user=student)
    checkins = [
        CheckinFactory(
            student=s,
            mood=1 + n % 5,
            energy=None,
            workload="too_hard" if n < 7 else "about_right",
            help_wanted=["time"] if n < 7 else [],
            reflection="Matteprovet var svårt" if n < writers else "",
        )
        for n, s in enumerate(students)
    ]
    services.checkins_analyse([c.pk for c in checkins])
    publish(school_id=cast.school_a.pk, week=checkins[0].week)
    page = section(as_viewer(client, cast, "teacher_b").get(_group_url(cast.group_b)).content, "week-detail")
    shown = text(page)
    assert f"Week {iso_label(checkins[0].week)} in detail" in shown
    assert "From 12 responses" in shown
    assert "Mood 2.8" in shown and "Energy –" in shown
    assert "Too hard: 7" in shown and "About right: 5" in shown and "More time: 7" in shown
    if writers < 10:
        assert "Themes are shown from 10 written reflections on" in shown and "Maths:" not in shown
    else:
        # Every writer wrote about the maths test: a count would say what each one wrote.
        assert "Tests, exams and grades: almost everyone" in shown and "Maths: almost everyone" in shown


def test_answers_too_alike_are_not_shown_as_a_distribution(cast, client):
    students = [StudentFactory(school=cast.school_a) for _ in range(9)]
    for student in students:
        MembershipFactory(group=cast.group_b, user=student)
    checkins = [CheckinFactory(student=s, mood=1 + n % 5, energy=3) for n, s in enumerate(students)]
    publish(school_id=cast.school_a.pk, week=checkins[0].week)
    page = text(section(as_viewer(client, cast, "teacher_b").get(_group_url(cast.group_b)).content, "week-detail"))
    # Nine of nine said energy 3: neither the shares nor the mean, which would say it as well.
    assert "Energy – The answers were too alike to show without telling what each student said." in page
    assert "Okay 100 %" not in page
