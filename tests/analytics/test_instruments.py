import itertools

import pytest

from analytics.instruments import InstrumentError, score_swemwbs, score_who5

# The published SWEMWBS conversion, written out once more by hand from the
# scoring guidance so the test does not read the table it checks.
PUBLISHED_SWEMWBS = """
7 7.00 | 8 9.51 | 9 11.25 | 10 12.40 | 11 13.33 | 12 14.08 | 13 14.75 | 14 15.32 | 15 15.84 | 16 16.36
17 16.88 | 18 17.43 | 19 17.98 | 20 18.59 | 21 19.25 | 22 19.98 | 23 20.73 | 24 21.54 | 25 22.35
26 23.21 | 27 24.11 | 28 25.03 | 29 26.02 | 30 27.03 | 31 28.13 | 32 29.31 | 33 30.70 | 34 32.55 | 35 35.00
"""
EXPECTED_METRIC = {
    int(raw): float(metric)
    for raw, metric in (pair.split() for pair in PUBLISHED_SWEMWBS.replace("\n", "|").split("|") if pair.strip())
}


def test_who5_scores_every_possible_answer_set_exactly():
    seen_raw = set()
    for answers in itertools.product(range(6), repeat=5):
        score = score_who5(list(answers))
        assert score.raw == sum(answers)
        assert score.percentage == 4 * sum(answers)
        assert score.poor_wellbeing is (4 * sum(answers) <= 50)
        seen_raw.add(score.raw)
    assert seen_raw == set(range(26))


@pytest.mark.parametrize("raw, poor", [(12, True), (13, False), (0, True), (25, False)])
def test_who5_cut_off_is_50_percent_inclusive(raw, poor):
    answers = [5] * (raw // 5) + ([raw % 5] if raw % 5 else [])
    answers += [0] * (5 - len(answers))
    assert score_who5(answers).poor_wellbeing is poor


def test_swemwbs_converts_every_raw_score_with_the_published_table():
    assert sorted(EXPECTED_METRIC) == list(range(7, 36))
    for raw in range(7, 36):
        answers = [1] * 7
        remaining = raw - 7
        for i in range(7):
            step = min(4, remaining)
            answers[i] += step
            remaining -= step
        score = score_swemwbs(answers)
        assert (score.raw, score.metric) == (raw, EXPECTED_METRIC[raw])


def test_swemwbs_is_not_a_plain_sum():
    assert score_swemwbs([3] * 7).metric == 19.25  # raw 21
    assert score_swemwbs([3] * 7).metric != 21


@pytest.mark.parametrize(
    "scorer, answers",
    [
        (score_who5, [1, 2, 3, 4]),
        (score_who5, [1, 2, 3, 4, 6]),
        (score_who5, [1, 2, 3, 4, -1]),
        (score_who5, [1, 2, 3, 4, "5"]),
        (score_who5, [1, 2, 3, 4, True]),
        (score_swemwbs, [3] * 6),
        (score_swemwbs, [0, 3, 3, 3, 3, 3, 3]),
        (score_swemwbs, [3, 3, 3, 3, 3, 3, 2.5]),
    ],
)
def test_it_refuses_answers_outside_the_rules(scorer, answers):
    with pytest.raises(InstrumentError):
        scorer(answers)
