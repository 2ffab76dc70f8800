"""The student's privacy page: consent switches, their history and the access log."""

import re

import pytest
from django.urls import reverse

from wellbeing.models import ConsentEvent, ConsentScope
from wellbeing.selectors import consent_state
from wellbeing.services import consent_set

from .pages import STAFF, as_viewer, assert_login_redirect, text

URL = reverse("frontend:privacy")
ALL_OFF = {scope.value: False for scope in ConsentScope}
ALL_ON = {scope.value: True for scope in ConsentScope}


def _checked(html: bytes, name: str = "scopes") -> set[str]:
    boxes = [b for b in re.findall(r'<input type="checkbox"[^>]*>', html.decode(), re.S) if f'name="{name}"' in b]
    assert len(boxes) == 3
    return {re.search(r'value="(\w+)"', box).group(1) for box in boxes if re.search(r"\schecked", box)}


def test_it_shows_every_switch_off_by_default_with_plain_explanations(cast, client):
    response = as_viewer(client, cast, "private").get(URL)
    assert response.status_code == 200
    assert _checked(response.content) == set()
    page = text(response.content)
    for label in ConsentScope.labels:
        assert str(label) in page
    assert "Your teachers see your name next to your answers" in page
    assert "Your teachers can read what you write in the reflection box" in page
    assert "Student health staff at your school" in page
    assert "You have not changed any choice yet. Everything is off." in page
    assert "Nobody has looked at your individual answers." in page


def test_it_shows_the_switches_a_student_turned_on(cast, client):
    response = as_viewer(client, cast, "sharer").get(URL)
    assert _checked(response.content) == set(ALL_ON)


def test_it_saves_only_the_changed_switches_and_records_them(cast, client):
    as_viewer(client, cast, "private")
    response = client.post(URL, {"scopes": [ConsentScope.SCORES_TO_TEACHERS]}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert consent_state(cast.private) == ALL_OFF | {"scores_to_teachers": True}
    [event] = ConsentEvent.objects.filter(student=cast.private)
    assert (event.scope, event.granted, event.changed_by) == ("scores_to_teachers", True, cast.private)
    page = text(response.content)
    assert "Your choices are saved." in page
    assert "Share my check-in scores with my teachers On Not shared You" in page
    assert _checked(response.content) == {"scores_to_teachers"}


def test_it_turns_everything_off_when_nothing_is_ticked(cast, client):
    events_before = ConsentEvent.objects.filter(student=cast.sharer).count()
    response = as_viewer(client, cast, "sharer").post(URL, {})
    assert response.status_code == 302
    assert consent_state(cast.sharer) == ALL_OFF
    assert ConsentEvent.objects.filter(student=cast.sharer).count() == events_before + 3


def test_it_records_nothing_when_nothing_changed(cast, client):
    events_before = ConsentEvent.objects.count()
    response = as_viewer(client, cast, "sharer").post(URL, {"scopes": list(ALL_ON)}, follow=True)
    assert "Nothing was changed." in text(response.content)
    assert ConsentEvent.objects.count() == events_before
    assert consent_state(cast.sharer) == ALL_ON


@pytest.mark.parametrize(
    "scopes",
    [["everything"], ["scores_to_teachers", "sell_my_data"], [""]],
)
def test_it_rejects_an_unknown_choice_and_changes_nothing(cast, client, scopes):
    events_before = ConsentEvent.objects.count()
    response = as_viewer(client, cast, "private").post(URL, {"scopes": scopes})
    assert response.status_code == 400
    assert "That is not one of the choices on this page. Nothing was changed." in text(response.content)
    assert consent_state(cast.private) == ALL_OFF
    assert ConsentEvent.objects.count() == events_before


def test_it_lists_who_viewed_my_data(cast, client, weeks_of_group_a):
    as_viewer(client, cast, "teacher").get(reverse("frontend:group_detail", args=[cast.group_a.pk]))
    as_viewer(client, cast, "sharer")
    page = text(client.get(URL).content)
    assert f"{cast.teacher.display_name} Reflection text" in page
    assert f"{cast.teacher.display_name} Check-in scores" in page
    assert "Nobody has looked at your individual answers." not in page
    # The private student was on the same page, but nothing of theirs was shown.
    as_viewer(client, cast, "private")
    page = text(client.get(URL).content)
    assert "Nobody has looked at your individual answers." in page
    assert cast.teacher.display_name not in page


def test_it_shows_changes_made_by_someone_else(cast, client):
    consent_set(student=cast.private, scope=ConsentScope.TRENDS_TO_HEALTH, granted=True, changed_by=cast.admin)
    page = text(as_viewer(client, cast, "private").get(URL).content)
    assert f"Share my trends with student health On Not shared {cast.admin.display_name}" in page


def test_it_sends_anonymous_visitors_to_login(db, client):
    assert_login_redirect(client.get(URL), URL)
    assert_login_redirect(client.post(URL, {"scopes": ["scores_to_teachers"]}), URL)
    assert not ConsentEvent.objects.exists()


@pytest.mark.parametrize("viewer", STAFF)
def test_it_is_not_found_for_staff(cast, client, viewer):
    events_before = ConsentEvent.objects.count()
    as_viewer(client, cast, viewer)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"scopes": ["scores_to_teachers"]}).status_code == 404
    assert ConsentEvent.objects.count() == events_before


def test_it_is_not_found_for_a_user_without_a_role(no_role, client):
    client.force_login(no_role)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {}).status_code == 404


def test_turning_a_switch_on_shares_from_now_on_and_earlier_check_ins_only_when_chosen(cast, client):
    from wellbeing.selectors import consent_details

    as_viewer(client, cast, "private")
    client.post(URL, {"scopes": ["scores_to_teachers"]})
    detail = consent_details(cast.private)["scores_to_teachers"]
    assert (detail.granted, detail.include_earlier) == (True, False) and detail.granted_at is not None
    page = text(client.get(URL).content)
    assert "the ones from before are not" in page
    client.post(URL, {"scopes": ["scores_to_teachers"], "earlier": ["scores_to_teachers"]})
    detail = consent_details(cast.private)["scores_to_teachers"]
    assert (detail.granted, detail.include_earlier) == (True, True)
    assert "earlier check-ins included" in text(client.get(URL).content)
    assert _checked(client.get(URL).content, "earlier") == {"scores_to_teachers"}
    # "Earlier too" on a switch that is off shares nothing.
    client.post(URL, {"earlier": ["text_to_teachers"]})
    assert consent_details(cast.private)["text_to_teachers"].granted is False
    assert consent_details(cast.private)["scores_to_teachers"].granted is False  # turned off in that save
