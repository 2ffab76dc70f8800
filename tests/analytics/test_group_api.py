"""The staff endpoints, as a matrix of roles x data x consent."""

import pytest
from django.urls import reverse

from analytics import services
from wellbeing.models import AccessLog, ConsentScope
from wellbeing.services import consent_set

from ..conftest import login
from ..factories import CheckinFactory, MembershipFactory, StudentFactory, publish

VIEWERS = [
    "sharer",
    "private",
    "teacher",
    "teacher_b",
    "teacher_other_school",
    "health",
    "health_other_school",
    "admin",
    None,
]


@pytest.fixture
def week_of_group_a(cast):
    """A full, closed week in group_a: six check-ins, of which the sharer's is shared with teachers and health."""
    extra = [StudentFactory(school=cast.school_a) for _ in range(3)]
    for student in extra:
        MembershipFactory(group=cast.group_a, user=student)
    students = [cast.sharer, cast.private, cast.classmate, *extra]
    checkins = [
        CheckinFactory(student=s, mood=m, reflection=f"reflection of {s.username}")
        for s, m in zip(students, [1, 2, 3, 4, 4, 5], strict=True)
    ]
    publish(school_id=cast.school_a.pk, week=checkins[0].week)
    return checkins


def _get(api, cast, viewer, name):
    login(api, getattr(cast, viewer) if viewer else None)
    return api.get(reverse(name, args=[cast.group_a.pk]))


AGGREGATE_STATUS = {"teacher": 200, "health": 200, "admin": 200, None: 401}
# What each viewer's figures describe: the teacher and student health see the sharer one by one, so their
# figures leave the sharer out (five of six answers, mean 3.6); the admin sees nobody one by one (six, 3.17).
DESCRIBED = {"teacher": (5, 3.6), "health": (5, 3.6), "admin": (6, 3.17)}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_group_aggregates_by_role(cast, api, week_of_group_a, viewer):
    response = _get(api, cast, viewer, "api-group-aggregates")
    assert response.status_code == AGGREGATE_STATUS.get(viewer, 404)
    if response.status_code == 200:
        [week] = response.json()["weeks"]
        assert (week["response_count"], week["suppressed"]) == (6, False)
        assert (week["described_count"], week["mean_mood"]) == DESCRIBED[viewer]


def test_group_aggregates_hide_a_small_week(cast, api):
    checkin = CheckinFactory(student=cast.sharer, mood=1)
    publish(school_id=cast.school_a.pk, week=checkin.week)
    [week] = _get(api, cast, "teacher", "api-group-aggregates").json()["weeks"]
    assert week == {
        "week": checkin.week.isoformat(),
        "iso_week": week["iso_week"],
        "suppressed": True,
        "response_count": 1,
        "member_count": 3,
        "participation_rate": 33.3,
        "mean_mood": None,
        "suppressed_reason": "small",
        "text_count": 0,
        "text_suppressed": True,
        "described_count": 0,  # the teacher sees the sharer one by one: the figures leave her out
        "text_described_count": 0,
        "stats": {"items": None, "workload": None, "hardest_subject": None, "help_wanted": None, "text": None},
    }


# Who sees the sharer's individual scores and text in group_a's student list.
SEES_SCORES = {"teacher", "health"}
SEES_TEXT = {"teacher"}


@pytest.mark.parametrize("viewer", VIEWERS)
def test_group_students_by_role(cast, api, week_of_group_a, viewer):
    response = _get(api, cast, viewer, "api-group-students")
    if viewer is None:
        assert response.status_code == 401
        return
    if viewer not in AGGREGATE_STATUS:
        assert response.status_code == 404
        assert not AccessLog.objects.exists()
        return
    assert response.status_code == 200
    rows = {row["name"]: row for row in response.json()}
    sharer = cast.sharer.display_name
    assert (sharer in rows) is (viewer in SEES_SCORES)
    assert cast.private.display_name not in rows and cast.classmate.display_name not in rows
    if viewer in SEES_SCORES:
        [week] = rows[sharer]["weeks"]
        assert week["mood"] == 1
        assert week["reflection"] == ("reflection of sharer" if viewer in SEES_TEXT else None)
    logged = set(AccessLog.objects.filter(viewer=getattr(cast, viewer)).values_list("student__username", "what"))
    expected = set()
    if viewer in SEES_SCORES:
        expected.add(("sharer", "scores"))
    if viewer in SEES_TEXT:
        expected.add(("sharer", "text"))
    assert logged == expected


@pytest.mark.parametrize("scope", list(ConsentScope))
def test_revoking_consent_hides_the_student_at_once(cast, api, week_of_group_a, scope):
    consent_set(student=cast.sharer, scope=scope, granted=False, changed_by=cast.sharer)
    teacher_rows = {r["name"]: r for r in _get(api, cast, "teacher", "api-group-students").json()}
    health_rows = {r["name"]: r for r in _get(api, cast, "health", "api-group-students").json()}
    name = cast.sharer.display_name
    [week] = teacher_rows[name]["weeks"]  # still shares at least one of scores and text
    assert (week["mood"] is None) is (scope == ConsentScope.SCORES_TO_TEACHERS)
    assert (week["reflection"] is None) is (scope == ConsentScope.TEXT_TO_TEACHERS)
    assert (name in health_rows) is (scope != ConsentScope.TRENDS_TO_HEALTH)


def test_an_unknown_group_is_404_like_a_forbidden_one(cast, api):
    login(api, cast.teacher)
    assert api.get(reverse("api-group-students", args=[999999])).status_code == 404
    assert api.get(reverse("api-group-aggregates", args=[999999])).status_code == 404


@pytest.mark.parametrize("viewer, expected", [("teacher", {"8A"}), ("health", {"8A", "8B"})])
def test_group_list_by_role(cast, api, viewer, expected):
    login(api, getattr(cast, viewer))
    assert {g["name"] for g in api.get(reverse("api-groups")).json()} == expected


def test_the_group_list_does_not_exist_for_a_student(cast, api):
    login(api, cast.sharer)
    assert api.get(reverse("api-groups")).status_code == 404


def test_group_list_requires_login(api):
    assert api.get(reverse("api-groups")).status_code == 401


def test_an_id_beyond_the_database_range_is_404_not_500(cast, api):
    login(api, cast.teacher)
    assert api.get(reverse("api-group-students", args=[10**30])).status_code == 404


def test_the_student_list_costs_the_same_queries_for_many_students(cast, api, django_assert_max_num_queries):
    from wellbeing.models import ConsentScope as Scope

    for _ in range(30):
        student = StudentFactory(school=cast.school_a)
        MembershipFactory(group=cast.group_a, user=student)
        consent_set(student=student, scope=Scope.SCORES_TO_TEACHERS, granted=True, changed_by=student)
        CheckinFactory(student=student, mood=4, reflection="fine")
    login(api, cast.teacher)
    with django_assert_max_num_queries(12):
        response = api.get(reverse("api-group-students", args=[cast.group_a.pk]))
    assert len(response.json()) == 31  # the 30 above and the cast's sharer


def test_consent_shares_from_now_on_and_earlier_check_ins_only_when_asked(cast, api, week_of_group_a):
    consent_set(student=cast.private, scope=ConsentScope.TEXT_TO_TEACHERS, granted=True, changed_by=cast.private)
    rows = {r["name"]: r for r in _get(api, cast, "teacher", "api-group-students").json()}
    assert rows[cast.private.display_name]["weeks"] == []  # this week's check-in was made before: not shared
    assert not AccessLog.objects.filter(student=cast.private).exists()
    consent_set(
        student=cast.private,
        scope=ConsentScope.TEXT_TO_TEACHERS,
        granted=True,
        include_earlier=True,
        changed_by=cast.private,
    )
    rows = {r["name"]: r for r in _get(api, cast, "teacher", "api-group-students").json()}
    [week] = rows[cast.private.display_name]["weeks"]
    assert (week["mood"], week["polarity"], week["reflection"]) == (None, None, "reflection of private")
    logged = set(AccessLog.objects.filter(student=cast.private).values_list("what", flat=True))
    assert logged == {"text"}


def _score_sharer_week(cast):
    checkin = CheckinFactory(student=cast.sharer, mood=2, reflection="Matteprovet var jobbigt")
    services.checkin_score(checkin_id=checkin.pk)


@pytest.mark.parametrize("scope", list(ConsentScope))
def test_what_the_words_gave_is_shown_only_with_text_consent_and_the_trend_only_with_score_consent(cast, api, scope):
    _score_sharer_week(cast)
    consent_set(student=cast.sharer, scope=scope, granted=False, changed_by=cast.sharer)
    rows = {r["name"]: r for r in _get(api, cast, "teacher", "api-group-students").json()}
    [week] = rows[cast.sharer.display_name]["weeks"]
    shares_text = scope != ConsentScope.TEXT_TO_TEACHERS
    shares_scores = scope != ConsentScope.SCORES_TO_TEACHERS
    assert (week["themes"] is not None) is shares_text
    assert (week["polarity"] is not None) is shares_text
    if shares_text:
        assert {"exams", "subject_math"} <= set(week["themes"]) and week["polarity"] < 0
    assert (week["wellbeing_index"] is not None) is shares_scores
    assert (week["sustained_decline"] is not None) is shares_scores
