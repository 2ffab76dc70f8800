"""The wellbeing index and a student's trend against their own baseline: pure maths, no database."""

import random
from datetime import date, timedelta

import pytest

from analytics.trends import (
    INDEX_SCALE,
    ITEM_SCALE,
    Trend,
    trend,
    wellbeing_index,
)

WEEK = date(2025, 3, 3)  # a Monday


def weeks_before(*values, end=WEEK):
    """(monday, value) pairs for consecutive weeks ending at `end`; None is a week without a check-in."""
    count = len(values)
    return [(end - timedelta(weeks=count - 1 - i), v) for i, v in enumerate(values) if v is not None]


# Eight ordinary weeks around 70 (mean 70, sample sd about 1.20), then the recent window.
STEADY = (70, 72, 68, 70, 71, 69, 70, 70)


def with_recent(*recent):
    """The steady baseline, then two ordinary weeks and `recent` ending at WEEK (a five-week recent window)."""
    padding = (70,) * (5 - len(recent))
    return weeks_before(*STEADY, *padding, *recent)


# --- wellbeing_index -------------------------------------------------------


def test_it_puts_the_middle_answer_at_fifty():
    assert wellbeing_index(mood=3, energy=3, stress=3, sleep=3, belonging=3) == 50.0


def test_it_reverses_stress_so_the_best_answers_score_a_hundred():
    assert wellbeing_index(mood=5, energy=5, stress=1, sleep=5, belonging=5) == 100.0
    assert wellbeing_index(mood=1, energy=1, stress=5, sleep=1, belonging=1) == 0.0


def test_it_weights_the_items_equally():
    better_mood = wellbeing_index(mood=4, energy=3, stress=3, sleep=3, belonging=3)
    less_stress = wellbeing_index(mood=3, energy=3, stress=2, sleep=3, belonging=3)
    more_stress = wellbeing_index(mood=3, energy=3, stress=4, sleep=3, belonging=3)
    assert better_mood == less_stress == 55.0
    assert more_stress == 45.0


@pytest.mark.parametrize("item", ["mood", "energy", "stress", "sleep", "belonging"])
@pytest.mark.parametrize("value", [0, 6])
def test_it_refuses_answers_outside_one_to_five(item, value):
    answers = dict(mood=3, energy=3, stress=3, sleep=3, belonging=3) | {item: value}
    with pytest.raises(ValueError, match=item):
        wellbeing_index(**answers)


def test_it_averages_over_the_items_answered_only_mood_being_required():
    assert wellbeing_index(mood=5, energy=None, stress=None, sleep=None, belonging=None) == 100.0
    assert wellbeing_index(mood=1, energy=None, stress=1, sleep=None, belonging=None) == 50.0
    with pytest.raises(ValueError, match="mood"):
        wellbeing_index(mood=None, energy=3, stress=3, sleep=3, belonging=3)


# --- trend: baseline -------------------------------------------------------


def test_it_gives_no_baseline_with_too_few_earlier_checkins():
    history = weeks_before(70, 71, 69, None, None, None, None, 40)
    result = trend(history, WEEK)
    assert result == Trend(
        baseline_weeks=3,
        baseline_mean=None,
        baseline_sd=None,
        deviation=None,
        z=None,
        direction="",
        sustained_decline=False,
    )


def test_it_gives_no_baseline_for_an_empty_history():
    assert trend([], WEEK).direction == ""
    assert trend([], WEEK).baseline_weeks == 0


def test_it_keeps_the_recent_window_out_of_the_baseline():
    result = trend(with_recent(40, 40, 40), WEEK)
    assert result.baseline_weeks == 8
    assert result.baseline_mean == pytest.approx(70.0)
    assert result.baseline_sd == pytest.approx(1.1952, abs=1e-4)


def test_it_uses_only_the_latest_eight_earlier_checkins():
    history = weeks_before(10, 10, 10, *STEADY, 70, 70, 70, 70, 70)
    result = trend(history, WEEK)
    assert result.baseline_weeks == 8
    assert result.baseline_mean == pytest.approx(70.0)


def test_it_ignores_checkins_older_than_the_lookback():
    # Sixteen weeks of look-back before the five-week window: the 10s are 21-24 weeks old.
    history = weeks_before(10, 10, 10, 10, *([None] * 12), 70, 70, 70, 70, 70, 70, 70, 70, 70)
    result = trend(history, WEEK)
    assert result.baseline_weeks == 4
    assert result.baseline_mean == pytest.approx(70.0)


def test_it_reports_no_direction_without_a_recent_checkin():
    history = weeks_before(*STEADY, None, None, None, None, None)
    result = trend(history, WEEK)
    assert result.baseline_mean == pytest.approx(70.0)
    assert (result.deviation, result.z, result.direction, result.sustained_decline) == (None, None, "", False)


# --- trend: direction and decline ------------------------------------------


def test_it_calls_a_steady_student_steady():
    result = trend(with_recent(71, 69, 70), WEEK)
    assert result.direction == "steady"
    assert result.deviation == pytest.approx(0.0)
    assert not result.sustained_decline


def test_one_bad_week_points_down_but_is_no_sustained_decline():
    result = trend(with_recent(70, 70, 45), WEEK)
    assert result.direction == "down"
    assert result.deviation == pytest.approx(-25.0)
    assert not result.sustained_decline


def test_three_bad_weeks_are_a_sustained_decline():
    result = trend(with_recent(50, 48, 52), WEEK)
    assert result.direction == "down"
    assert result.sustained_decline


def test_small_dips_below_the_minimum_change_are_no_decline():
    # Each 6 points below: several sd of a very steady student, but less than two item-points.
    result = trend(with_recent(64, 64, 64), WEEK)
    assert result.direction == "steady"
    assert not result.sustained_decline
    assert result.z == pytest.approx(-6 / 5.0)  # the sd floor (5 index points), not the tiny sd, divides


def test_a_steady_fall_is_a_sustained_decline():
    # Only the latest week is clearly below, but each week is lower than the one before.
    result = trend(with_recent(66, 62, 58), WEEK)
    assert result.sustained_decline


def test_a_zigzag_ending_low_is_no_steady_fall():
    # The latest is clearly below and the first is below, but 56 -> 59 is a rise, not a fall.
    result = trend(with_recent(66, 56, 59), WEEK)
    assert result.direction == "down"
    assert not result.sustained_decline


def test_recovering_this_week_ends_the_decline():
    result = trend(with_recent(50, 48, 71), WEEK)
    assert result.direction == "steady"
    assert not result.sustained_decline


def test_a_clear_rise_points_up():
    result = trend(with_recent(70, 70, 90), WEEK)
    assert result.direction == "up"
    assert result.z > 0


def test_a_student_who_swings_a_lot_must_fall_further():
    # Baseline sd about 15: a 12-point dip is within their ordinary range.
    swinging = weeks_before(50, 90, 60, 80, 55, 85, 65, 75, 70, 70, 58, 58, 58)
    result = trend(swinging, WEEK)
    assert result.baseline_sd > 12
    assert result.direction == "steady"
    assert not result.sustained_decline


# --- trend: gaps, ordering, later weeks ------------------------------------


def test_holiday_weeks_in_the_baseline_do_not_matter():
    with_holiday = weeks_before(70, 72, None, None, 68, 70, 71, None, 69, 70, 70, 70, 70, 50, 48, 52)
    result = trend(with_holiday, WEEK)
    assert result.baseline_weeks == 8
    assert result.sustained_decline


def test_skipped_weeks_inside_the_recent_window_do_not_hide_a_decline():
    result = trend(weeks_before(*STEADY, 50, None, 48, None, 52), WEEK)
    assert result.sustained_decline


def test_a_decline_needs_its_checkins_within_the_recent_window():
    # Three low check-ins, but the first is six weeks back: only two fall in the window.
    history = weeks_before(*STEADY, 50, None, None, None, 48, 52)
    result = trend(history, WEEK)
    assert not result.sustained_decline


def test_a_student_who_skipped_this_week_is_judged_on_their_latest_checkin():
    result = trend(weeks_before(*STEADY, 70, 50, 48, 52, None), WEEK)
    assert result.deviation == pytest.approx(52 - 70)
    assert result.sustained_decline


def test_it_ignores_weeks_after_the_one_asked_about():
    history = with_recent(70, 70, 70)
    later = [(WEEK + timedelta(weeks=1), 10), (WEEK + timedelta(weeks=2), 10)]
    assert trend(history + later, WEEK) == trend(history, WEEK)
    assert trend(history + later, WEEK).direction == "steady"


def test_it_accepts_the_history_in_any_order():
    history = with_recent(50, 48, 52)
    shuffled = history[:]
    random.Random(4).shuffle(shuffled)
    assert shuffled != history
    assert trend(shuffled, WEEK) == trend(history, WEEK)


def test_a_constant_history_has_sd_zero_and_the_floor_keeps_z_finite():
    history = weeks_before(*([70] * 10), 60, 60, 55)
    result = trend(history, WEEK)
    assert result.baseline_sd == 0.0
    assert result.z == pytest.approx(-15 / 5.0)
    assert result.direction == "down"
    assert result.sustained_decline


def test_a_constant_history_and_one_point_less_is_steady():
    result = trend(weeks_before(*([70] * 13), 65), WEEK)
    assert result.baseline_sd == 0.0
    assert result.z == pytest.approx(-1.0)
    assert result.direction == "steady"


# --- trend on a single 1-5 item --------------------------------------------


def test_it_finds_a_decline_in_mood_with_the_item_scale():
    moods = weeks_before(4, 4, 5, 4, 3, 4, 4, 4, 4, 4, 3, 3, 2)
    result = trend(moods, WEEK, scale=ITEM_SCALE)
    assert result.baseline_mean == pytest.approx(4.0)
    assert result.sustained_decline


def test_one_point_of_mood_below_a_wavering_baseline_is_not_clear():
    # Baseline 3.5 with sd about 0.53: answers of 3 are half a point below, within the student's range.
    moods = weeks_before(3, 4, 3, 4, 3, 4, 3, 4, 4, 4, 3, 3, 3)
    result = trend(moods, WEEK, scale=ITEM_SCALE)
    assert result.direction == "steady"
    assert not result.sustained_decline


def test_the_index_scale_would_miss_what_the_item_scale_sees():
    moods = weeks_before(4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 3, 3, 3)
    assert trend(moods, WEEK, scale=ITEM_SCALE).sustained_decline
    assert not trend(moods, WEEK, scale=INDEX_SCALE).sustained_decline
