"""The student's own history page."""

from datetime import timedelta

import pytest
from django.urls import reverse

from surveys.weeks import iso_label

from ..factories import CheckinFactory
from .pages import STAFF, as_viewer, assert_login_redirect, text

URL = reverse("frontend:history")


def test_it_shows_my_checkins_newest_first(cast, client):
    this_week = CheckinFactory(student=cast.private, mood=5, reflection="Best week so far")
    last_week = CheckinFactory(student=cast.private, mood=1, reflection="", week=this_week.week - timedelta(weeks=1))
    response = as_viewer(client, cast, "private").get(URL)
    assert response.status_code == 200
    page = text(response.content)
    newest = f"{iso_label(this_week.week)} 😄 Very good (5 of 5) Best week so far"
    oldest = f"{iso_label(last_week.week)} 😞 Very bad (1 of 5) No reflection"
    assert newest in page and oldest in page
    assert page.index(newest) < page.index(oldest)
    # The bars are decoration; the words next to them are the text alternative.
    assert b'<span class="bar bar-5" aria-hidden="true"></span>' in response.content
    assert b'<span class="bar bar-1" aria-hidden="true"></span>' in response.content


def test_it_shows_only_my_own_checkins(cast, client):
    CheckinFactory(student=cast.classmate, mood=2, reflection="secret of classmate")
    CheckinFactory(student=cast.private, mood=4, reflection="mine")
    page = text(as_viewer(client, cast, "private").get(URL).content)
    assert "mine" in page
    assert "secret of classmate" not in page
    assert "🙁 Bad" not in page


def test_it_escapes_my_reflection(cast, client):
    CheckinFactory(student=cast.private, reflection="<b>bold</b>")
    response = as_viewer(client, cast, "private").get(URL)
    assert b"&lt;b&gt;bold&lt;/b&gt;" in response.content
    assert b"<b>bold</b>" not in response.content


def test_it_says_so_when_i_have_not_checked_in(cast, client):
    response = as_viewer(client, cast, "private").get(URL)
    assert response.status_code == 200
    assert "You have not checked in yet." in text(response.content)


def test_it_sends_anonymous_visitors_to_login(db, client):
    assert_login_redirect(client.get(URL), URL)


@pytest.mark.parametrize("viewer", STAFF)
def test_it_is_not_found_for_staff(cast, client, viewer):
    CheckinFactory(student=cast.sharer, reflection="reflection of sharer")
    response = as_viewer(client, cast, viewer).get(URL)
    assert response.status_code == 404
    assert b"reflection of sharer" not in response.content


def test_it_is_not_found_for_a_user_without_a_role(no_role, client):
    client.force_login(no_role)
    assert client.get(URL).status_code == 404
