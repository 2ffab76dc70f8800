from analytics import services
from analytics.models import CheckinScore, GroupWeekAggregate
from analytics.tasks import checkin_score_task, checkins_score_sweep_task
from wellbeing.celery import app

from ..factories import CheckinFactory, MembershipFactory, StudentFactory, submit


def test_it_scores_a_checkin_once(cast):
    checkin = CheckinFactory(student=cast.private, reflection="What a wonderful, happy week")
    assert services.checkin_score(checkin_id=checkin.pk) is True
    first = CheckinScore.objects.get(pk=checkin.pk)
    assert first.polarity > 0
    assert services.checkin_score(checkin_id=checkin.pk) is False
    again = CheckinScore.objects.get(pk=checkin.pk)
    assert (again.scored_at, again.polarity) == (first.scored_at, first.polarity)


def test_it_rescores_after_an_edit(cast):
    checkin = submit(cast.private, mood=4, reflection="A wonderful week")
    services.checkin_score(checkin_id=checkin.pk)
    submit(cast.private, mood=1, reflection="A terrible, awful week")
    assert services.checkin_score(checkin_id=checkin.pk) is True
    score = CheckinScore.objects.get(pk=checkin.pk)
    assert score.checkin_revision == 2
    assert score.polarity < 0


def test_it_never_lets_an_old_revision_overwrite_a_newer_score(cast):
    checkin = CheckinFactory(student=cast.private, reflection="fine", revision=3)
    services.checkin_score(checkin_id=checkin.pk)
    CheckinScore.objects.filter(pk=checkin.pk).update(checkin_revision=4)
    assert services.checkin_score(checkin_id=checkin.pk) is False
    assert CheckinScore.objects.get(pk=checkin.pk).checkin_revision == 4


def test_it_stores_no_sentiment_for_an_empty_reflection(cast):
    checkin = CheckinFactory(student=cast.private, reflection="")
    services.checkin_score(checkin_id=checkin.pk)
    score = CheckinScore.objects.get(pk=checkin.pk)
    assert score.polarity is None and score.subjectivity is None


def test_it_ignores_a_checkin_that_no_longer_exists(db):
    assert services.checkin_score(checkin_id=987654) is False
    assert not CheckinScore.objects.exists()


def test_it_enqueues_scoring_on_commit_with_the_id_only(cast, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(checkin_score_task, "delay", lambda *args, **kwargs: sent.append((args, kwargs)))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        checkin = submit(cast.private, mood=3, reflection="private words")
    assert sent == []  # nothing leaves before the commit
    for callback in callbacks:
        callback()
    assert sent == [((checkin.pk,), {})]


def test_the_task_scores_and_aggregates_when_run_eagerly(cast, settings):
    students = [cast.sharer, cast.private, cast.classmate]
    students += [StudentFactory(school=cast.school_a) for _ in range(2)]
    for student in students[3:]:
        MembershipFactory(group=cast.group_a, user=student)
    checkins = [CheckinFactory(student=s, mood=m) for s, m in zip(students, [1, 2, 3, 4, 5], strict=True)]
    app.conf.task_always_eager = True
    try:
        for checkin in checkins:
            checkin_score_task.delay(checkin.pk)
    finally:
        app.conf.task_always_eager = False
    assert CheckinScore.objects.count() == 5
    aggregate = GroupWeekAggregate.objects.get(group=cast.group_a, week=checkins[0].week)
    assert (aggregate.response_count, aggregate.mean_mood, aggregate.suppressed) == (5, 3.0, False)
    assert aggregate.member_count == 5


def test_the_sweep_scores_what_a_lost_message_left_behind(cast):
    lost = [CheckinFactory(student=s, reflection="nice") for s in (cast.sharer, cast.private, cast.classmate)]
    scored = CheckinFactory(student=cast.student_b)
    services.checkin_score(checkin_id=scored.pk)
    checkins_score_sweep_task.apply()
    assert set(CheckinScore.objects.values_list("pk", flat=True)) == {c.pk for c in lost} | {scored.pk}
    assert services.checkins_score_sweep() == 0
    aggregate = GroupWeekAggregate.objects.get(group=cast.group_a, week=lost[0].week)
    assert aggregate.suppressed and aggregate.mean_mood is None and aggregate.response_count == 3


def test_the_beat_schedule_runs_the_sweep():
    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "analytics.tasks.checkins_score_sweep_task" in tasks
    assert "analytics.tasks.checkins_score_sweep_task" in app.tasks


def test_aggregate_recompute_is_an_upsert(cast):
    week = CheckinFactory(student=cast.private).week
    services.group_week_aggregate_recompute(group_id=cast.group_a.pk, week=week)
    services.group_week_aggregate_recompute(group_id=cast.group_a.pk, week=week)
    assert GroupWeekAggregate.objects.filter(group=cast.group_a, week=week).count() == 1


def test_aggregate_tables_hold_no_student_ids_or_text():
    for model in (GroupWeekAggregate, CheckinScore):
        names = {f.name for f in model._meta.get_fields()}
        assert not names & {"student", "student_id", "reflection", "text", "user"}
