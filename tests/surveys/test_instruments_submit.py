from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from analytics.services import instrument_response_score
from surveys.models import InstrumentResponse, SchoolInstrument
from surveys.services import instrument_submit, instruments_due
from wellbeing.services import ApplicationError

from ..conftest import login

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOV = datetime(2026, 11, 18, 10, tzinfo=STOCKHOLM)
DEC = datetime(2026, 12, 2, 10, tzinfo=STOCKHOLM)


@pytest.fixture
def who5(cast):
    return SchoolInstrument.objects.create(school=cast.school_a, instrument="who5")


def test_it_saves_one_response_a_month_and_lets_the_student_edit_it(cast, who5):
    first = instrument_submit(student=cast.private, instrument="who5", answers=[1, 2, 3, 4, 5], now=NOV)
    again = instrument_submit(student=cast.private, instrument="who5", answers=[0, 0, 0, 0, 0], now=NOV)
    assert again.pk == first.pk and again.revision == 2
    december = instrument_submit(student=cast.private, instrument="who5", answers=[5] * 5, now=DEC)
    assert december.pk != first.pk
    assert InstrumentResponse.objects.filter(student=cast.private).count() == 2


def test_the_worker_scores_by_the_published_rule_once_per_revision(cast, who5):
    response = instrument_submit(student=cast.private, instrument="who5", answers=[2, 2, 3, 2, 3], now=NOV)
    assert instrument_response_score(response_id=response.pk) is True
    assert instrument_response_score(response_id=response.pk) is False
    response.refresh_from_db()
    assert (response.score_raw, response.score, response.poor_wellbeing) == (12, 48, True)


def test_swemwbs_is_scored_with_the_conversion_table(cast):
    SchoolInstrument.objects.create(school=cast.school_a, instrument="swemwbs", registered_with_owner=True)
    response = instrument_submit(student=cast.private, instrument="swemwbs", answers=[3] * 7, now=NOV)
    instrument_response_score(response_id=response.pk)
    response.refresh_from_db()
    assert (response.score_raw, response.score) == (21, 19.25)


def test_swemwbs_cannot_be_enabled_without_registration(cast):
    with pytest.raises(IntegrityError), transaction.atomic():
        SchoolInstrument.objects.create(school=cast.school_a, instrument="swemwbs")


@pytest.mark.parametrize(
    "instrument, answers, field",
    [
        ("who5", [1, 2, 3, 4], "answers"),
        ("who5", [1, 2, 3, 4, 6], "answers"),
        ("who5", [1, 2, 3, 4, "5"], "answers"),
        ("who5", "12345", "answers"),
        ("swemwbs", [3] * 7, "instrument"),  # the school does not use it
        ("phq9", [1] * 9, "instrument"),
    ],
)
def test_it_refuses_bad_answers_and_saves_nothing(cast, who5, instrument, answers, field):
    with pytest.raises(ApplicationError) as error:
        instrument_submit(student=cast.private, instrument=instrument, answers=answers, now=NOV)
    assert error.value.field == field
    assert not InstrumentResponse.objects.exists()


def test_it_lists_what_is_due_this_month(cast, who5):
    assert instruments_due(cast.private, now=NOV) == ["who5"]
    instrument_submit(student=cast.private, instrument="who5", answers=[3] * 5, now=NOV)
    assert instruments_due(cast.private, now=NOV) == []
    assert instruments_due(cast.private, now=DEC) == ["who5"]
    assert instruments_due(cast.student_b, now=NOV) == ["who5"]
    assert instruments_due(cast.teacher, now=NOV) == []


def test_the_api_lists_and_accepts_an_instrument(cast, who5, api):
    login(api, cast.private)
    listed = api.get(reverse("api-instruments")).json()
    assert [i["instrument"] for i in listed] == ["who5"]
    assert len(listed[0]["items"]) == 5 and listed[0]["due"] is True
    url = reverse("api-instrument-submit", args=["who5"])
    assert api.post(url, {"answers": [5, 5, 4, 4, 3]}, format="json").status_code == 201
    assert api.post(url, {"answers": [9, 5, 4, 4, 3]}, format="json").status_code == 400
    assert api.post(reverse("api-instrument-submit", args=["nope"]), {"answers": []}, format="json").status_code == 400
    assert InstrumentResponse.objects.get().answers == [5, 5, 4, 4, 3]


def test_the_instrument_api_is_for_students(cast, who5, api):
    login(api, cast.teacher)
    assert api.get(reverse("api-instruments")).status_code == 404
    api.logout()
    assert api.get(reverse("api-instruments")).status_code == 401
