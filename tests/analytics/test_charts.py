"""The student's history chart: the pure drawing and summary, the cached
service and selector, and the task that draws it after scoring.

A real drawing costs about 200 ms, so only a handful of tests draw; the
cache tests count drawings with a stand-in renderer instead.
"""

import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.utils import translation

from analytics import services
from analytics.charts import (
    DESC_ID,
    TITLE_ID,
    TREND_DOWN,
    TREND_STEADY,
    TREND_UP,
    ChartWeek,
    SeriesAverage,
    chart_fingerprint,
    history_summary,
    history_svg,
)
from analytics.selectors import (
    chart_pending_key,
    chart_pointer_key,
    chart_svg_key,
    student_chart_for_viewer,
    student_chart_weeks,
)
from analytics.tasks import checkins_analyse_task, student_chart_render_task, student_charts_render_task
from surveys.models import Checkin
from wellbeing.celery import app

from ..factories import CheckinFactory

SVG = "{http://www.w3.org/2000/svg}"
LABELS = {
    "mood": "Mood",
    "energy": "Energy",
    "stress": "Stress",
    "sleep": "Sleep",
    "belonging": "Adult to talk to",
    "week": "Week",
    "scale": "1 = low, 5 = high",
    "description": "Answers from week 2 to week 27.",
}
MONDAY = date(2025, 1, 6)  # ISO week 2


def weeks_of(*moods, start=MONDAY, **others) -> list[ChartWeek]:
    """ChartWeeks in consecutive weeks; None in `moods` skips that week."""
    return [
        ChartWeek(start + timedelta(weeks=i), mood, **{key: values[i] for key, values in others.items()})
        for i, mood in enumerate(moods)
        if mood is not None
    ]


def series_drawn(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.get("id").removeprefix("series-") for g in root.iter(f"{SVG}g") if g.get("id", "").startswith("series-")]


# The drawing: pure, no database.


@pytest.fixture(scope="module")
def half_year() -> tuple[list[ChartWeek], str]:
    """26 weeks with a skipped week, and stress and sleep answered only some weeks; drawn once for the module."""
    moods = [1 + i % 5 for i in range(26)]
    moods[7] = None
    weeks = weeks_of(
        *moods,
        energy=[3] * 26,
        stress=[None if i % 2 else 4 for i in range(26)],
        sleep=[2 if i == 20 else None for i in range(26)],
        belonging=[None] * 26,
    )
    return weeks, history_svg(weeks, labels=LABELS, title="My check-ins week by week")


def test_it_draws_an_svg_document_that_parses_as_xml(half_year):
    _weeks, svg = half_year
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert svg.startswith("<svg")  # no XML prolog or doctype: it goes inline in HTML as it is


def test_it_scales_to_its_container_instead_of_a_fixed_size(half_year):
    root = ET.fromstring(half_year[1])
    assert root.get("width") is None and root.get("height") is None
    x, y, width, height = (float(n) for n in root.get("viewBox").split())
    assert (x, y) == (0, 0)
    assert width <= 360 and height < width  # drawn for a phone; text stays readable when scaled to 360 px


def test_it_names_itself_for_screen_readers(half_year):
    root = ET.fromstring(half_year[1])
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == TITLE_ID
    assert root.get("aria-describedby") == DESC_ID
    assert root.find(f"{SVG}title").text == "My check-ins week by week"
    assert root.find(f"{SVG}desc").text == "Answers from week 2 to week 27."


def test_it_draws_one_line_per_series_that_has_answers(half_year):
    # Sleep was answered once: still drawn (as a marker); belonging never: not drawn.
    assert series_drawn(half_year[1]) == ["mood", "energy", "stress", "sleep"]
    legend = "".join(ET.fromstring(half_year[1]).itertext())
    assert "Adult to talk to" not in legend
    assert all(name in legend for name in ("Mood", "Energy", "Stress", "Sleep", "Week", "1 = low, 5 = high"))


def test_it_leaves_gaps_for_missing_answers_and_writes_no_nan(half_year):
    assert "nan" not in half_year[1].lower()


def test_it_carries_no_date_or_creator_metadata(half_year):
    assert "<metadata" not in half_year[1]
    assert "matplotlib.org" not in half_year[1] and "2025-" not in half_year[1]


def test_it_is_deterministic_for_the_same_input(half_year):
    weeks, svg = half_year
    assert history_svg(list(reversed(weeks)), labels=LABELS, title="My check-ins week by week") == svg


def test_it_draws_a_single_week(half_year):
    svg = history_svg(weeks_of(4, energy=[2]), labels=LABELS, title="One week")
    assert series_drawn(svg) == ["mood", "energy"]
    tick_labels = [t.text for t in ET.fromstring(svg).iter(f"{SVG}text")]
    assert "2" in tick_labels  # the ISO week number of the one week
    assert svg != half_year[1]


def test_it_draws_empty_axes_for_no_weeks():
    svg = history_svg([], labels={"mood": "Mood"}, title="Nothing yet")
    assert series_drawn(svg) == []
    assert ET.fromstring(svg).find(f"{SVG}title").text == "Nothing yet"
    assert ET.fromstring(svg).find(f"{SVG}desc") is None


def test_it_escapes_the_title_and_labels():
    svg = history_svg(
        weeks_of(3), labels={"mood": "<b>Mood</b>", "description": 'a "quote" & <tag>'}, title="<script>x</script>"
    )
    root = ET.fromstring(svg)  # would fail on unescaped markup
    assert root.find(f"{SVG}title").text == "<script>x</script>"
    assert root.find(f"{SVG}desc").text == 'a "quote" & <tag>'
    assert "<script>" not in svg and "<b>" not in svg


# The summary behind the text alternative: pure, no drawing.


def test_it_summarises_latest_average_and_trend():
    summary = history_summary(weeks_of(2, 2, 3, 4, None, 5, energy=[1, 2, 3, 4, None, None]))
    assert (summary.count, summary.first_week, summary.last_week) == (5, MONDAY, MONDAY + timedelta(weeks=5))
    assert (summary.latest_mood, summary.average_mood) == (5, 3.2)
    assert summary.trend == TREND_UP  # the last two (4, 5) against the two before (2, 3)
    assert summary.averages == (SeriesAverage("mood", 3.2, 5), SeriesAverage("energy", 2.5, 4))


@pytest.mark.parametrize(
    ("moods", "trend"),
    [
        ((5, 5, 5, 2, 2, 2), TREND_DOWN),
        ((3, 4, 3, 3, 4, 3), TREND_STEADY),
        ((1, 1, 1, 1, 1, 5, 4, 5), TREND_UP),  # the latest three against the three before; older weeks ignored
        ((2, 3), TREND_UP),
        ((3, 3, 3, 4), TREND_UP),  # half a point is a change
        ((3, 3, 3, 4, 3, 3), TREND_STEADY),  # a third of a point is not
        ((4,), None),
    ],
)
def test_it_tells_the_trend_from_the_latest_checkins(moods, trend):
    assert history_summary(weeks_of(*moods)).trend == trend


def test_it_summarises_nothing_for_no_weeks():
    summary = history_summary([])
    assert (summary.count, summary.latest_mood, summary.average_mood, summary.trend, summary.averages) == (
        0,
        None,
        None,
        None,
        (),
    )


def test_the_fingerprint_changes_with_the_data_and_the_language_only():
    weeks = weeks_of(3, 4, energy=[2, None])
    fingerprint = chart_fingerprint(weeks, language="sv")
    assert chart_fingerprint(list(reversed(weeks)), language="sv") == fingerprint
    assert chart_fingerprint(weeks_of(3, 5, energy=[2, None]), language="sv") != fingerprint
    assert chart_fingerprint(weeks_of(3, 4, energy=[2, 1]), language="sv") != fingerprint
    assert chart_fingerprint(weeks, language="nb") != fingerprint


# The service, the selector and the cache: the real Redis under a prefix of the test's own.


@pytest.fixture
def drawings(monkeypatch):
    """Stand in for the renderer, recording what it was asked to draw and in which language."""
    calls = []

    def fake_history_svg(weeks, *, labels, title):
        calls.append({"weeks": weeks, "language": translation.get_language(), "labels": labels})
        return f"<svg><title>{len(calls)}</title></svg>"

    monkeypatch.setattr(services.charts, "history_svg", fake_history_svg)
    return calls


def checkins_for(student, moods):
    first = CheckinFactory(student=student, mood=moods[-1])
    for weeks_ago, mood in enumerate(reversed(moods[:-1]), start=1):
        CheckinFactory(student=student, mood=mood, week=first.week - timedelta(weeks=weeks_ago))
    return first


def test_it_draws_the_chart_into_the_cache_for_the_selector(cast, chart_cache):
    checkins_for(cast.private, [2, 4])
    Checkin.objects.filter(student=cast.private).update(reflection="words only I should read", energy=3)
    assert student_chart_for_viewer(cast.private) is None
    assert services.student_chart_render(student_id=cast.private.pk) is True
    svg = student_chart_for_viewer(cast.private)
    assert series_drawn(svg) == ["mood", "energy"]
    assert "words only I should read" not in svg
    assert chart_cache.get(chart_pointer_key(cast.private.pk))
    assert student_chart_for_viewer(cast.classmate) is None


def test_the_chart_sits_in_redis_sealed_never_as_a_readable_series(cast, chart_cache):
    checkins_for(cast.private, [2, 4])
    services.student_chart_render(student_id=cast.private.pk)
    fingerprint = chart_cache.get(chart_pointer_key(cast.private.pk))
    stored = chart_cache.get(chart_svg_key(cast.private.pk, fingerprint))
    assert stored and "<svg" not in stored and "mood" not in stored.lower()
    assert "<svg" in student_chart_for_viewer(cast.private)  # opened for the student it belongs to


def test_drawing_again_with_the_same_data_draws_nothing(cast, chart_cache, drawings):
    checkins_for(cast.private, [3])
    assert services.student_chart_render(student_id=cast.private.pk) is True
    assert services.student_chart_render(student_id=cast.private.pk) is False
    assert len(drawings) == 1


def test_a_new_checkin_makes_the_cached_chart_stale(cast, chart_cache, drawings):
    latest = checkins_for(cast.private, [2, 3])
    services.student_chart_render(student_id=cast.private.pk)
    old_fingerprint = chart_cache.get(chart_pointer_key(cast.private.pk))
    assert student_chart_for_viewer(cast.private) == "<svg><title>1</title></svg>"

    Checkin.objects.filter(pk=latest.pk).update(mood=5)  # an edit of this week's answer
    assert student_chart_for_viewer(cast.private) is None
    assert services.student_chart_render(student_id=cast.private.pk) is True
    assert student_chart_for_viewer(cast.private) == "<svg><title>2</title></svg>"
    # The superseded drawing is deleted, not left to expire.
    assert chart_cache.get(chart_svg_key(cast.private.pk, old_fingerprint)) is None
    assert [w.mood for w in drawings[-1]["weeks"]] == [2, 5]


def test_it_draws_the_last_26_weeks_oldest_first(cast, chart_cache):
    latest = CheckinFactory(student=cast.private, mood=4)
    CheckinFactory(student=cast.private, mood=2, week=latest.week - timedelta(weeks=25))
    CheckinFactory(student=cast.private, mood=1, week=latest.week - timedelta(weeks=26))
    assert [(w.week, w.mood) for w in student_chart_weeks(cast.private)] == [
        (latest.week - timedelta(weeks=25), 2),
        (latest.week, 4),
    ]


def test_it_labels_the_chart_in_the_students_language(cast, chart_cache, drawings):
    checkins_for(cast.private, [3])
    with translation.override("en"):
        services.student_chart_render(student_id=cast.private.pk)
        assert drawings[-1]["language"] == "sv"  # the school's default, not the worker's
        cast.private.language = "nb"
        cast.private.save(update_fields=["language"])
        assert student_chart_for_viewer(cast.private) is None  # other words, another drawing
        services.student_chart_render(student_id=cast.private.pk)
    assert drawings[-1]["language"] == "nb"
    assert student_chart_for_viewer(cast.private) == "<svg><title>2</title></svg>"
    assert set(drawings[-1]["labels"]) >= {"mood", "energy", "stress", "sleep", "belonging", "week", "scale"}


def test_it_removes_the_chart_when_nothing_is_left_to_draw(cast, chart_cache, drawings):
    checkins_for(cast.private, [3])
    services.student_chart_render(student_id=cast.private.pk)
    Checkin.objects.filter(student=cast.private).delete()
    assert services.student_chart_render(student_id=cast.private.pk) is False
    assert chart_cache.get(chart_pointer_key(cast.private.pk)) is None
    assert len(drawings) == 1


def test_it_draws_nothing_for_someone_who_is_not_a_student(cast, chart_cache, drawings):
    assert services.student_chart_render(student_id=cast.teacher.pk) is False
    assert services.student_chart_render(student_id=987654) is False
    assert drawings == []


def test_a_page_view_asks_for_a_drawing_at_most_once_a_minute(
    cast, chart_cache, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(student_chart_render_task, "delay", lambda *args: sent.append(args))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.student_chart_request(student_id=cast.private.pk) is True
        assert services.student_chart_request(student_id=cast.private.pk) is False
    assert sent == [(cast.private.pk,)]  # on commit, with the id only
    chart_cache.delete(chart_pending_key(cast.private.pk))  # as when the minute is over
    with django_capture_on_commit_callbacks(execute=True):
        assert services.student_chart_request(student_id=cast.private.pk) is True
    assert len(sent) == 2


# The task.


def test_a_scored_batch_enqueues_one_chart_message_with_the_student_ids(cast, monkeypatch):
    checkins = [CheckinFactory(student=s) for s in (cast.private, cast.sharer)]
    sent = []
    monkeypatch.setattr(student_charts_render_task, "delay", lambda *args, **kwargs: sent.append((args, kwargs)))
    checkins_analyse_task([c.pk for c in checkins])
    assert sent == [((sorted([cast.private.pk, cast.sharer.pk]),), {})]


def test_the_score_task_enqueues_nothing_for_a_checkin_that_is_gone(db, monkeypatch):
    sent = []
    monkeypatch.setattr(student_charts_render_task, "delay", lambda *args, **kwargs: sent.append(args))
    checkins_analyse_task([987654])
    assert sent == []


def test_batch_charts_go_to_the_charts_queue():
    assert app.amqp.router.route({}, student_charts_render_task.name)["queue"].name == "bulk"


def test_the_score_task_draws_the_chart_when_run_eagerly(cast, chart_cache):
    checkin = CheckinFactory(student=cast.private, mood=4, sleep=2)
    app.conf.task_always_eager = True
    try:
        checkins_analyse_task.delay([checkin.pk])
    finally:
        app.conf.task_always_eager = False
    assert series_drawn(student_chart_for_viewer(cast.private)) == ["mood", "sleep"]
