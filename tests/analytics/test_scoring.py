"""The scoring pipeline in one process, against the real database and Redis."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from analytics import pending, services
from analytics.models import CheckinScore, HelpRequest, HelpRequestEvent, WeekAggregate
from analytics.services import scoring
from analytics.tasks import (
    checkins_analyse_pending_task,
    checkins_score_sweep_task,
)
from analytics.text import ANALYSER_VERSION
from surveys.models import Checkin
from wellbeing.celery import app

from ..factories import CheckinFactory, MembershipFactory, StudentFactory, publish, submit

CRISIS = "I have decided to kill myself tonight, I have the pills ready"
BULLIED = "They keep bullying me at school every day"


@pytest.fixture(autouse=True)
def empty_queue():
    pending.clear()
    yield
    pending.clear()


def _score(checkin) -> CheckinScore:
    return CheckinScore.objects.get(pk=checkin.pk)


def test_it_scores_a_checkin_once(cast):
    checkin = CheckinFactory(student=cast.private, reflection="What a wonderful, happy week")
    assert services.checkin_score(checkin_id=checkin.pk) is True
    first = _score(checkin)
    assert first.polarity > 0
    assert (first.language, first.analyser_version, first.checkin_revision) == ("en", ANALYSER_VERSION, 1)
    assert services.checkin_score(checkin_id=checkin.pk) is False
    again = _score(checkin)
    assert (again.scored_at, again.polarity) == (first.scored_at, first.polarity)


@pytest.mark.parametrize(
    ("text", "language", "sign"),
    [
        ("Jag är så trött och ensam, orkar inte med skolan", "sv", -1),
        ("Det har vært en kjempebra uke, gøy med venner", "nb", 1),
        ("I feel lonely sometimes. Not the best week honestly.", "en", -1),
    ],
)
def test_it_detects_the_language_and_scores_sentiment_in_each_language(cast, text, language, sign):
    checkin = CheckinFactory(student=cast.private, reflection=text)
    services.checkin_score(checkin_id=checkin.pk)
    score = _score(checkin)
    assert score.language == language
    assert score.polarity * sign > 0


def test_it_stores_themes_and_concern_as_codes(cast):
    checkin = CheckinFactory(student=cast.private, reflection="Matteprovet var jättesvårt och jag sov dåligt")
    services.checkin_score(checkin_id=checkin.pk)
    score = _score(checkin)
    assert {"exams", "subject_math", "sleep"} <= set(score.themes)
    assert score.concern_level == "none" and score.concern_categories == []


def test_it_rescores_after_an_edit(cast):
    checkin = submit(cast.private, mood=4, reflection="A wonderful week")
    services.checkin_score(checkin_id=checkin.pk)
    submit(cast.private, mood=1, reflection="A terrible, awful week")
    assert services.checkin_score(checkin_id=checkin.pk) is True
    score = _score(checkin)
    assert score.checkin_revision == 2
    assert score.polarity < 0


def test_it_never_lets_an_old_revision_overwrite_a_newer_score(cast):
    checkin = CheckinFactory(student=cast.private, reflection="fine", revision=3)
    services.checkin_score(checkin_id=checkin.pk)
    CheckinScore.objects.filter(pk=checkin.pk).update(checkin_revision=4)
    assert services.checkin_score(checkin_id=checkin.pk) is False
    assert _score(checkin).checkin_revision == 4


def test_it_stores_no_text_derived_values_for_an_empty_reflection(cast):
    checkin = CheckinFactory(student=cast.private, reflection="")
    services.checkin_score(checkin_id=checkin.pk)
    score = _score(checkin)
    assert (score.language, score.polarity, score.subjectivity, score.themes) == ("", None, None, [])


def test_it_ignores_a_checkin_that_no_longer_exists(db):
    assert services.checkin_score(checkin_id=987654) is False
    assert not CheckinScore.objects.exists()


def test_a_batch_scores_each_checkin_once_with_a_fixed_number_of_queries(cast, django_assert_max_num_queries):
    students = [StudentFactory(school=cast.school_a) for _ in range(30)]
    for student in students:
        MembershipFactory(group=cast.group_a, user=student)
    ids = [CheckinFactory(student=s, reflection="Good week, fun in PE").pk for s in students]
    # Fetch and lock, existing scores, histories, one upsert, then one school-week recompute;
    # the count does not grow with the batch.
    with django_assert_max_num_queries(20):
        assert services.checkins_analyse(ids) == 30
    assert CheckinScore.objects.filter(pk__in=ids).count() == 30
    assert services.checkins_analyse(ids) == 0


def test_the_trend_marks_a_sustained_decline_against_the_students_own_baseline(cast):
    monday = CheckinFactory(student=cast.private, mood=5, energy=5, stress=1, sleep=5, belonging=5).week
    Checkin.objects.filter(student=cast.private).delete()
    weeks = [monday - timedelta(weeks=n) for n in range(9, -1, -1)]
    moods = [5, 5, 4, 5, 5, 4, 5, 2, 1, 1]
    checkins = [
        CheckinFactory(
            student=cast.private, week=week, mood=mood, energy=mood, stress=6 - mood, sleep=mood, belonging=mood
        )
        for week, mood in zip(weeks, moods, strict=True)
    ]
    services.checkins_analyse([c.pk for c in checkins])
    steady, latest = _score(checkins[6]), _score(checkins[-1])
    assert not steady.sustained_decline
    assert latest.sustained_decline
    assert latest.trend_direction == "down"
    assert latest.mood_baseline > 4 and latest.mood_deviation < -2
    assert latest.index_deviation < 0 and latest.wellbeing_index < latest.index_baseline


def test_a_new_student_has_no_baseline_yet(cast):
    checkin = CheckinFactory(student=cast.private, mood=2)
    services.checkin_score(checkin_id=checkin.pk)
    score = _score(checkin)
    assert (score.mood_baseline, score.index_baseline, score.sustained_decline) == (None, None, False)
    assert score.wellbeing_index is not None


# Alerts.


def test_a_crisis_raises_an_emergency_alert_and_emails_student_health_without_words(
    cast, django_capture_on_commit_callbacks
):
    cast.health.email = "halsa@example.org"
    cast.health.save()
    checkin = CheckinFactory(student=cast.private, reflection=CRISIS)
    app.conf.task_always_eager = True
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.checkin_score(checkin_id=checkin.pk)
    finally:
        app.conf.task_always_eager = False
    request = HelpRequest.objects.get(student=cast.private)
    assert (request.asked, request.concern_level, request.status) == (False, "emergency", "sent")
    assert "suicide_plan" in request.concern_categories
    assert [n.status for n in request.notifications.all()] == ["sent"]
    assert _score(checkin).alerted_level == "emergency"
    [email] = mail.outbox
    assert email.to == ["halsa@example.org"]
    body = email.subject + email.body
    assert "pills" not in body and cast.private.username not in body and "/health/requests/" in body


def test_an_alert_is_raised_once_however_often_the_checkin_is_scored(cast, monkeypatch):
    checkin = CheckinFactory(student=cast.private, reflection=CRISIS)
    services.checkin_score(checkin_id=checkin.pk)
    monkeypatch.setattr(scoring, "ANALYSER_VERSION", ANALYSER_VERSION + 1)  # a later analyser re-scores it
    assert services.checkin_score(checkin_id=checkin.pk) is True
    assert HelpRequest.objects.filter(student=cast.private).count() == 1
    assert HelpRequestEvent.objects.filter(request__student=cast.private).count() == 1


def test_a_higher_level_raises_the_students_open_request(cast):
    cast.health.email = "halsa@example.org"
    cast.health.save()
    week = CheckinFactory(student=cast.private, reflection=BULLIED).week
    earlier = Checkin.objects.get(student=cast.private, week=week)
    services.checkin_score(checkin_id=earlier.pk)
    request = HelpRequest.objects.get(student=cast.private)
    assert request.concern_level == "concern" and not request.notifications.exists()  # a concern waits in the queue
    later = CheckinFactory(student=cast.private, week=week + timedelta(weeks=1), reflection=CRISIS)
    services.checkin_score(checkin_id=later.pk)
    request.refresh_from_db()
    assert request.concern_level == "emergency"
    assert {"bullying", "suicide_plan"} <= set(request.concern_categories)
    assert HelpRequest.objects.filter(student=cast.private).count() == 1
    assert list(request.events.values_list("concern_level", flat=True)) == ["concern", "emergency"]
    assert request.notifications.get().level == "emergency"


def test_an_old_checkin_rescored_later_raises_no_alert(cast):
    checkin = CheckinFactory(
        student=cast.private,
        reflection=CRISIS,
        updated_at=timezone.now() - timedelta(days=scoring.ALERT_WITHIN_DAYS + 1),
    )
    services.checkin_score(checkin_id=checkin.pk)
    assert _score(checkin).concern_level == "emergency"
    assert not HelpRequest.objects.exists()


def test_ordinary_school_complaints_raise_nothing(cast):
    for text in ("The homework is killing me", "Läxorna tar livet av mig", "Jeg døde av latter i timen"):
        Checkin.objects.filter(student=cast.private).delete()
        checkin = CheckinFactory(student=cast.private, reflection=text)
        services.checkin_score(checkin_id=checkin.pk)
        assert _score(checkin).concern_level == "none", text
    assert not HelpRequest.objects.exists()


def test_asking_while_an_alert_is_open_marks_it_asked(cast):
    checkin = CheckinFactory(student=cast.private, reflection=BULLIED)
    services.checkin_score(checkin_id=checkin.pk)
    asked = services.help_request_create(student=cast.private)
    assert asked == HelpRequest.objects.get()
    assert asked.asked is True


# The queue and the drain.


def test_submitting_queues_the_id_on_commit_and_asks_for_one_drain(
    cast, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr(checkins_analyse_pending_task, "delay", lambda *args, **kwargs: sent.append(args))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = submit(cast.private, mood=3, reflection="private words")
        second = submit(cast.sharer, mood=4)
    assert pending.size() == 0 and sent == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert pending.size() == 2
    assert sent == [()]  # one drain for both
    claim = pending.claim(10, lease_seconds=60)
    assert sorted(claim.ids) == sorted([first.pk, second.pk])


def test_a_drain_scores_everything_queued_and_empties_the_queue(cast):
    checkins = [CheckinFactory(student=s, reflection="nice") for s in (cast.sharer, cast.private, cast.classmate)]
    pending.add(c.pk for c in checkins)
    assert services.checkins_analyse_pending() == 3
    assert CheckinScore.objects.count() == 3
    assert pending.size() == 0
    assert services.checkins_analyse_pending() == 0
    # Scoring never touches the figures: they are published when the week's check-in closes.
    assert not WeekAggregate.objects.exists()


def test_the_sweep_queues_what_a_lost_message_left_behind(cast, monkeypatch):
    lost = [CheckinFactory(student=s, reflection="nice") for s in (cast.sharer, cast.private, cast.classmate)]
    scored = CheckinFactory(student=cast.student_b)
    services.checkin_score(checkin_id=scored.pk)
    drains = []
    monkeypatch.setattr(checkins_analyse_pending_task, "delay", lambda *args, **kwargs: drains.append(args))
    checkins_score_sweep_task.apply()
    assert drains == [()]
    assert sorted(pending.claim(10, lease_seconds=1).ids) == sorted(c.pk for c in lost)


def test_the_sweep_leaves_history_to_the_rescore_command(cast):
    old = CheckinFactory(student=cast.private, week=CheckinFactory(student=cast.sharer).week - timedelta(weeks=10))
    assert old.pk not in services.checkins_stale_ids(since=timezone.localdate() - timedelta(weeks=scoring.SWEEP_WEEKS))
    assert old.pk in services.checkins_stale_ids()


def test_the_beat_schedule_runs_the_sweep_every_minute():
    sweep = next(e for e in app.conf.beat_schedule.values() if e["task"].endswith("checkins_score_sweep_task"))
    assert sweep["task"] in app.tasks
    assert sweep["schedule"] <= 60


# Aggregates.


def test_a_published_week_matches_a_fresh_computation_for_every_audience(cast):
    students = [cast.sharer, cast.private, cast.classmate]
    students += [StudentFactory(school=cast.school_a) for _ in range(2)]
    for student in students[3:]:
        MembershipFactory(group=cast.group_a, user=student)
    checkins = [CheckinFactory(student=s, mood=m) for s, m in zip(students, [1, 2, 3, 4, 5], strict=True)]
    services.checkins_analyse([c.pk for c in checkins])
    assert not WeekAggregate.objects.exists()
    publish(school_id=cast.school_a.pk, week=checkins[0].week)
    group = WeekAggregate.objects.get(scope="group", group=cast.group_a, week=checkins[0].week, audience="all")
    assert (group.response_count, group.mean_mood, group.suppressed, group.member_count) == (5, 3.0, False, 5)
    for audience in WeekAggregate.Audience.values:
        fresh = services.school_week_aggregates_compute(school=cast.school_a, week=checkins[0].week, audience=audience)
        stored = {
            (a.scope, a.group_id or a.grade or a.school_id): (a.response_count, a.suppressed, a.stats)
            for a in WeekAggregate.objects.filter(school=cast.school_a, week=checkins[0].week, audience=audience)
        }
        assert stored == {key: (c.response_count, c.suppressed, c.stats) for key, c in fresh.items()}
    # The teachers' figures leave out the sharer, whom a teacher of the group sees one by one.
    teachers = WeekAggregate.objects.get(scope="group", group=cast.group_a, audience="teachers")
    assert (teachers.response_count, teachers.described_count, teachers.suppressed) == (5, 4, True)


def test_publishing_again_replaces_rather_than_adds(cast):
    week = CheckinFactory(student=cast.private).week
    publish(school_id=cast.school_a.pk, week=week)
    first = sorted(WeekAggregate.objects.values_list("scope", "audience", "group_id", "grade", "response_count"))
    publish(school_id=cast.school_a.pk, week=week)
    assert (
        sorted(WeekAggregate.objects.values_list("scope", "audience", "group_id", "grade", "response_count")) == first
    )
    assert WeekAggregate.objects.filter(scope="group", group=cast.group_a, week=week, audience="all").count() == 1


def test_analytics_tables_hold_no_student_ids_or_text():
    for model in (WeekAggregate, CheckinScore):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"student", "student_id", "reflection", "text", "user"}


def test_aggregates_hold_no_student_id_anywhere_in_their_statistics(cast):
    students = [StudentFactory(school=cast.school_a, username=f"pupil-{n}") for n in range(12)]
    for student in students:
        MembershipFactory(group=cast.group_b, user=student)
    checkins = [
        CheckinFactory(student=s, mood=4, hardest_subject="Maths", reflection="Math test was hard, tired")
        for s in students
    ]
    services.checkins_analyse([c.pk for c in checkins])
    publish(school_id=cast.school_a.pk, week=checkins[0].week)
    student_ids = {str(s.pk) for s in students}
    for aggregate in WeekAggregate.objects.all():
        dumped = str(aggregate.stats)
        assert not any(f"pupil-{n}" in dumped for n in range(12))
        assert "Math test" not in dumped
        assert not set(aggregate.basis) & student_ids - {str(c.pk) for c in checkins}  # check-in ids only
    group = WeekAggregate.objects.get(scope="group", group=cast.group_b, audience="all")
    assert group.stats["text"]["themes"]["exams"] is None  # all twelve: "almost everyone", not a count


def test_with_redis_down_the_checkin_is_still_saved_and_left_to_the_sweep(
    cast, api, monkeypatch, caplog, django_capture_on_commit_callbacks
):
    import redis
    from django.urls import reverse

    from ..conftest import login

    def down(ids):
        raise redis.ConnectionError("Connection refused")

    monkeypatch.setattr(pending, "add", down)
    login(api, cast.private)
    with caplog.at_level("WARNING"), django_capture_on_commit_callbacks(execute=True):
        response = api.post(reverse("api-checkins"), {"mood": 2, "reflection": "secret words"}, format="json")
    assert response.status_code == 201, response.content
    checkin = Checkin.objects.get(student=cast.private)
    assert checkin.pk in services.checkins_stale_ids()
    assert f"could not queue check-in {checkin.pk}" in caplog.text
    assert "secret words" not in caplog.text
