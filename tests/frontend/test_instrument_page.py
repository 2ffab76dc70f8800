import pytest
from django.urls import reverse

from surveys.models import InstrumentResponse, SchoolInstrument

from .pages import as_viewer, text


@pytest.fixture
def who5(cast):
    SchoolInstrument.objects.create(school=cast.school_a, instrument="who5")
    return reverse("frontend:instrument", args=["who5"])


def test_the_checkin_page_offers_the_monthly_questionnaire(cast, client, who5):
    page = text(as_viewer(client, cast, "private").get(reverse("frontend:checkin")).content)
    assert "This month your school also asks a short questionnaire (WHO-5)." in page


def test_a_student_answers_who5_in_their_language(cast, client, who5):
    page = as_viewer(client, cast, "private")
    form = page.get(who5, HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Jag har känt mig glad och på gott humör" in form and "Större delen av tiden" in form
    response = page.post(who5, {f"item_{n}": "3" for n in range(1, 6)})
    assert response.status_code == 302
    assert InstrumentResponse.objects.get(student=cast.private).answers == [3, 3, 3, 3, 3]


def test_a_missing_answer_is_refused_with_a_friendly_message(cast, client, who5):
    response = as_viewer(client, cast, "private").post(who5, {"item_1": "3", "item_2": "9"})
    assert response.status_code == 400
    assert "Please answer this statement." in text(response.content)
    assert not InstrumentResponse.objects.exists()


def test_swemwbs_shows_its_copyright_and_registration_note(cast, client):
    SchoolInstrument.objects.create(school=cast.school_a, instrument="swemwbs", registered_with_owner=True)
    page = text(as_viewer(client, cast, "private").get(reverse("frontend:instrument", args=["swemwbs"])).content)
    assert "© University of Warwick" in page and "must register" in page


@pytest.mark.parametrize("viewer", ["teacher", "health", "admin"])
def test_staff_and_unused_instruments_get_404(cast, client, who5, viewer):
    assert as_viewer(client, cast, viewer).get(who5).status_code == 404


def test_an_instrument_the_school_does_not_use_is_404(cast, client, who5):
    assert as_viewer(client, cast, "student_b").get(who5).status_code == 200  # same school
    assert as_viewer(client, cast, "private").get(reverse("frontend:instrument", args=["swemwbs"])).status_code == 404
