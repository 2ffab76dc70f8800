"""`manage.py rescore`: history analysed again in batches after an analyser update."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from analytics import services
from analytics.models import CheckinScore, HelpRequest, WeekAggregate
from analytics.services import scoring
from analytics.tasks import checkins_analyse_task
from analytics.text import ANALYSER_VERSION

from ..factories import CheckinFactory


@pytest.fixture
def history(cast):
    week = CheckinFactory(student=cast.sharer, reflection="A good week").week
    for n in range(3, 8):  # three weeks old and more: beyond ALERT_WITHIN_DAYS
        written = timezone.now() - timedelta(weeks=n)
        CheckinFactory(
            student=cast.sharer,
            week=week - timedelta(weeks=n),
            reflection="I want to kill myself",
            submitted_at=written,
            updated_at=written,
        )
    CheckinFactory(student=cast.private, reflection="Tired")
    return week


def _rescore(*args) -> str:
    out = io.StringIO()
    call_command("rescore", *args, stdout=out)
    return out.getvalue()


def test_a_version_bump_rescores_all_history_in_batches_without_alerting_for_old_weeks(history, monkeypatch):
    assert "7 check-in(s) in 3 batch(es) analysed" in _rescore("--inline", "--batch-size", "3")
    assert set(CheckinScore.objects.values_list("analyser_version", flat=True)) == {ANALYSER_VERSION}
    assert "0 check-in(s)" in _rescore("--inline")
    monkeypatch.setattr(scoring, "ANALYSER_VERSION", ANALYSER_VERSION + 1)
    assert "7 check-in(s)" in _rescore("--inline")
    assert set(CheckinScore.objects.values_list("analyser_version", flat=True)) == {ANALYSER_VERSION + 1}
    # The old weeks were of concern, but re-scoring history pages nobody.
    assert not HelpRequest.objects.exists()


def test_without_inline_it_queues_batches_of_ids_for_the_workers(history, monkeypatch):
    sent = []
    monkeypatch.setattr(checkins_analyse_task, "delay", lambda ids: sent.append(ids))
    assert "7 check-in(s) in 2 batch(es) queued" in _rescore("--batch-size", "5")
    assert [len(ids) for ids in sent] == [5, 2]
    assert all(isinstance(pk, int) for ids in sent for pk in ids)
    assert not CheckinScore.objects.exists()


def test_it_can_republish_every_school_week_but_the_open_one(history):
    assert "Aggregates of 6 school-week(s) republished" in _rescore("--inline", "--aggregates")
    # This week's check-in is still open: its figures are not published yet, for any audience.
    assert WeekAggregate.objects.filter(scope="school", audience="all").count() == 5
    assert WeekAggregate.objects.filter(scope="school").count() == 5 * len(WeekAggregate.Audience.values)


def test_a_bad_batch_size_is_refused(db):
    with pytest.raises(CommandError, match="batch-size"):
        _rescore("--batch-size", "0")
    assert services.checkins_stale_ids() == []
