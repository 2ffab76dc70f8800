"""One check-in the analysis cannot take never holds back another's score or alert, and is read by a person."""

import logging

from django.db import connection

from analytics import services
from analytics.models import CheckinScore, HelpRequest
from analytics.services import scoring
from analytics.text import analyse
from surveys.models import Checkin

from ..factories import CheckinFactory, MembershipFactory, StudentFactory

CRISIS = "I have decided to kill myself tonight, I have the pills ready"
POISON = "ett helt vanligt meddelande med ordet giftpil"


def _students(cast, count):
    students = [StudentFactory(school=cast.school_a) for _ in range(count)]
    for student in students:
        MembershipFactory(group=cast.group_a, user=student)
    return students


def _seal_with_another_key(checkin: Checkin, settings) -> None:
    """Store the reflection encrypted with a key this deployment does not have, as after a lost key."""
    original = settings.ENCRYPTION_KEY
    settings.ENCRYPTION_KEY = "a key that is gone"
    try:
        sealed = Checkin._meta.get_field("reflection").get_prep_value(checkin.reflection)
    finally:
        settings.ENCRYPTION_KEY = original
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Checkin._meta.db_table} SET reflection = %s WHERE id = %s", [sealed, checkin.pk])


def test_a_reflection_that_cannot_be_opened_is_unanalysable_and_the_rest_of_the_batch_is_scored(cast, settings, caplog):
    students = _students(cast, 4)
    checkins = [
        CheckinFactory(student=students[0], reflection="Bra vecka"),
        CheckinFactory(student=students[1], reflection=CRISIS),
        CheckinFactory(student=students[2], reflection="jeg er sliten"),
        CheckinFactory(student=students[3], reflection="the secret I wrote"),
    ]
    _seal_with_another_key(checkins[3], settings)
    with caplog.at_level(logging.INFO):
        assert services.checkins_analyse([c.pk for c in checkins]) == 4
    scores = {s.checkin_id: s for s in CheckinScore.objects.all()}
    assert [scores[c.pk].analysis_failed for c in checkins] == [False, False, False, True]
    assert scores[checkins[0].pk].polarity > 0 and scores[checkins[1].pk].concern_level == "emergency"
    bad = scores[checkins[3].pk]
    assert (bad.concern_level, bad.concern_categories, bad.language, bad.themes) == (
        "concern",
        ["unanalysable"],
        "",
        [],
    )
    assert bad.wellbeing_index is not None  # the scale answers are still scored
    alerts = {r.student_id: r for r in HelpRequest.objects.all()}
    assert alerts[students[1].pk].concern_level == "emergency"
    assert (alerts[students[3].pk].concern_level, alerts[students[3].pk].concern_categories) == (
        "concern",
        ["unanalysable"],
    )
    assert f"check-in {checkins[3].pk} could not be analysed (ValueError" in caplog.text
    assert "secret" not in caplog.text and "pills" not in caplog.text


def test_an_analysis_that_raises_fails_alone(cast, monkeypatch, caplog):
    students = _students(cast, 3)
    checkins = [
        CheckinFactory(student=students[0], reflection=CRISIS),
        CheckinFactory(student=students[1], reflection=POISON),
        CheckinFactory(student=students[2], reflection="Tired but ok"),
    ]

    def analyse_or_raise(text, hint=None, **kwargs):
        if "giftpil" in text:
            raise KeyError("giftpil")  # an analyser bug whose message quotes the text
        return analyse(text, hint, **kwargs)

    monkeypatch.setattr(scoring, "analyse", analyse_or_raise)
    assert services.checkins_analyse([c.pk for c in checkins]) == 3
    failed = CheckinScore.objects.get(pk=checkins[1].pk)
    assert failed.analysis_failed and failed.concern_categories == ["unanalysable"]
    assert HelpRequest.objects.get(student=students[0]).concern_level == "emergency"
    assert HelpRequest.objects.get(student=students[1]).concern_categories == ["unanalysable"]
    assert "giftpil" not in caplog.text
    # Scored: a sweep does not take it again and again.
    assert services.checkins_stale_ids() == []


def test_a_batch_that_fails_outside_the_analysis_is_scored_one_at_a_time(cast, monkeypatch, caplog):
    students = _students(cast, 3)
    checkins = [
        CheckinFactory(student=s, reflection=text) for s, text in zip(students, ["a", CRISIS, "b"], strict=True)
    ]
    real_raise = scoring.help_request_raise
    calls = []

    def raise_once(**kwargs):
        calls.append(kwargs["checkin"].pk)
        if len(calls) == 1:
            raise RuntimeError("a bug in the alert path")
        return real_raise(**kwargs)

    monkeypatch.setattr(scoring, "help_request_raise", raise_once)
    assert services.checkins_analyse([c.pk for c in checkins]) == 3
    assert "scoring them one at a time" in caplog.text
    assert CheckinScore.objects.filter(analysis_failed=False).count() == 3
    assert HelpRequest.objects.get(student=students[1]).concern_level == "emergency"


def test_a_database_failure_is_left_for_a_retry_not_recorded_as_unanalysable(cast, monkeypatch):
    from django.db import OperationalError

    checkin = CheckinFactory(student=cast.private, reflection="a week")

    def database_gone(ids, **kwargs):
        raise OperationalError("server closed the connection")

    monkeypatch.setattr(scoring, "_analyse_batch", database_gone)
    try:
        services.checkins_analyse([checkin.pk])
    except OperationalError:
        pass
    else:
        raise AssertionError("a transient failure must reach the task, so its lease and the sweep retry it")
    assert not CheckinScore.objects.exists() and not HelpRequest.objects.exists()
