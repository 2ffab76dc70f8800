"""The chart on the student's history page, and the chart on its own as SVG."""

from datetime import timedelta

import pytest
from django.urls import reverse

from analytics import services
from analytics.tasks import student_chart_render_task
from surveys.weeks import iso_label

from ..factories import CheckinFactory
from .pages import STAFF, as_viewer, assert_login_redirect, section, text

PAGE = reverse("frontend:history")
SVG_URL = reverse("frontend:history_chart")
PENDING = "Your chart is being drawn; reload in a moment."
FAKE_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" role="img"><title>stand-in</title></svg>'


@pytest.fixture
def enqueued(monkeypatch):
    sent = []
    monkeypatch.setattr(student_chart_render_task, "delay", lambda *args, **kwargs: sent.append(args))
    return sent


@pytest.fixture
def three_weeks(cast):
    """private's last three weeks: moods 1, 3, 5."""
    latest = CheckinFactory(student=cast.private, mood=5, energy=4, reflection="my own words")
    CheckinFactory(student=cast.private, mood=3, week=latest.week - timedelta(weeks=1))
    CheckinFactory(student=cast.private, mood=1, stress=5, week=latest.week - timedelta(weeks=2))
    return latest.week - timedelta(weeks=2), latest.week


@pytest.fixture
def drawn(cast, three_weeks, chart_cache, monkeypatch):
    """private's chart is in the cache, drawn by a stand-in renderer (a real drawing costs 200 ms)."""
    monkeypatch.setattr(services.charts, "history_svg", lambda weeks, *, labels, title: FAKE_SVG)
    assert services.student_chart_render(student_id=cast.private.pk)
    return FAKE_SVG


def test_it_shows_the_chart_inline_when_it_is_drawn(cast, client, three_weeks, chart_cache, enqueued):
    services.student_chart_render(student_id=cast.private.pk)  # the real renderer, once
    response = as_viewer(client, cast, "private").get(PAGE)
    assert response.status_code == 200
    chart = section(response.content, "chart")
    assert '<svg xmlns:xlink="http://www.w3.org/1999/xlink"' in chart  # inline, not escaped
    assert 'role="img" aria-labelledby="history-chart-title"' in chart
    assert f'href="{SVG_URL}"' in chart
    assert "my own words" not in chart
    assert PENDING not in text(response.content)
    assert enqueued == []


def test_it_shows_the_chart_in_words_beside_it(cast, client, drawn, three_weeks):
    first, last = three_weeks
    words = text(section(as_viewer(client, cast, "private").get(PAGE).content, "chart"))
    assert f"3 check-ins, from week {iso_label(first)} to week {iso_label(last)}." in words
    assert "Latest mood: Very good (5 of 5)." in words
    assert "Your mood has gone up lately, compared with the check-ins before." in words
    # Decimals in the page's language (the test client asks for English).
    assert "Mood: on average 3.0 of 5." in words
    assert "Energy: on average 4.0 of 5." in words
    assert "Stress: on average 5.0 of 5 (5 is very stressed)." in words
    assert "Sleep" not in words and "Adult to talk to" not in words


def test_it_says_the_chart_is_coming_and_asks_for_it_once(
    cast, client, three_weeks, chart_cache, enqueued, django_capture_on_commit_callbacks
):
    as_viewer(client, cast, "private")
    with django_capture_on_commit_callbacks(execute=True):
        first = client.get(PAGE)
        second = client.get(PAGE)
    for response in (first, second):
        assert response.status_code == 200
        chart = section(response.content, "chart")
        assert PENDING in text(chart)
        assert "<svg" not in chart
        assert "Latest mood: Very good (5 of 5)." in text(chart)  # the words do not wait for the drawing
    assert enqueued == [(cast.private.pk,)]  # once, with the id only, however often the page loads
    assert "Very good (5 of 5) my own words" in text(first.content)  # the list is still there


def test_it_shows_no_chart_and_asks_for_none_before_the_first_checkin(cast, client, chart_cache, enqueued):
    response = as_viewer(client, cast, "private").get(PAGE)
    assert b'id="chart"' not in response.content
    assert enqueued == []


def test_it_serves_my_chart_as_an_svg_image(cast, client, drawn):
    response = as_viewer(client, cast, "private").get(SVG_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert "private" in response["Cache-Control"] and "public" not in response["Cache-Control"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response.content.decode() == drawn


def test_the_svg_is_not_found_before_it_is_drawn(cast, client, three_weeks, chart_cache, enqueued):
    assert as_viewer(client, cast, "private").get(SVG_URL).status_code == 404


def test_the_svg_is_not_found_for_another_student(cast, client, drawn):
    CheckinFactory(student=cast.classmate, mood=2)
    response = as_viewer(client, cast, "classmate").get(SVG_URL)
    assert response.status_code == 404
    assert b"stand-in" not in response.content


@pytest.mark.parametrize("viewer", STAFF)
def test_the_svg_is_not_found_for_staff(cast, client, drawn, viewer):
    response = as_viewer(client, cast, viewer).get(SVG_URL)
    assert response.status_code == 404
    assert b"stand-in" not in response.content


def test_the_svg_is_not_found_for_a_user_without_a_role(no_role, client, chart_cache):
    client.force_login(no_role)
    assert client.get(SVG_URL).status_code == 404


def test_the_svg_sends_anonymous_visitors_to_login(db, client):
    assert_login_redirect(client.get(SVG_URL), SVG_URL)


def test_the_svg_refuses_other_methods(cast, client, drawn):
    assert as_viewer(client, cast, "private").post(SVG_URL).status_code == 405
