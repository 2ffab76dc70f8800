from analytics.text import sentiment


def test_it_scores_positive_and_negative_english():
    assert sentiment("This was a great and happy week").polarity > 0.3
    assert sentiment("Terrible week, I feel awful and sad").polarity < -0.3


def test_it_returns_none_for_no_text():
    assert sentiment("") is None
    assert sentiment("   \n ") is None


def test_it_keeps_polarity_and_subjectivity_in_range():
    result = sentiment("ok I guess, nothing special")
    assert -1 <= result.polarity <= 1
    assert 0 <= result.subjectivity <= 1
