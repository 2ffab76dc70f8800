import pytest

from analytics.aggregates import mood_aggregate


def test_it_computes_the_mean_at_the_minimum_size():
    result = mood_aggregate([1, 2, 3, 4, 5], min_group_size=5)
    assert (result.response_count, result.mean_mood, result.suppressed) == (5, 3.0, False)


@pytest.mark.parametrize("moods", [[], [5], [1, 2, 3, 4]])
def test_it_suppresses_below_the_minimum_and_computes_no_mean(moods):
    result = mood_aggregate(moods, min_group_size=5)
    assert result.suppressed
    assert result.mean_mood is None


def test_it_honours_a_larger_school_minimum():
    assert mood_aggregate([3] * 7, min_group_size=8).suppressed
    assert not mood_aggregate([3] * 8, min_group_size=8).suppressed
