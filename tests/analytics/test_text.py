"""The one entry of the text analysis, as the workers and `analyse_text` call it. Pure."""

import pytest

from analytics.text import NO_TEXT, analyse


@pytest.mark.parametrize("text", ["", "   \n "])
def test_no_text_has_no_analysis(text):
    assert analyse(text) == NO_TEXT


def test_the_hint_does_not_override_clear_evidence():
    assert analyse("I had a really good week with my friends", hint="sv").language == "en"


def test_a_given_language_skips_detection():
    assert analyse("bra", language="nb").language == "nb"


def test_it_combines_language_sentiment_themes_and_concern():
    result = analyse("Jag är så trött och stressad inför matteprovet, sov dåligt", hint="sv")
    assert result.language == "sv"
    assert result.polarity < 0 and 0 <= result.subjectivity <= 1
    assert {"exams", "subject_math", "sleep"} <= set(result.themes)
    assert (result.concern, result.concern_categories) == ("none", ())


def test_a_language_we_do_not_score_keeps_themes_and_concern_but_no_polarity():
    result = analyse("Ich bin sehr müde und die Schule ist zu viel", hint="sv")
    assert result.language == "other"
    assert result.polarity is None and result.subjectivity is None


def test_concern_is_found_whatever_language_is_given():
    result = analyse("Jeg vil ikke leve lenger", language="en")
    assert result.concern == "urgent" and "death_wish" in result.concern_categories


def test_a_concern_category_brings_its_theme_even_without_a_theme_word():
    result = analyse("I have started cutting again", hint="en")
    assert result.concern == "urgent" and "self_harm" in result.concern_categories
    assert "mental_health" in result.themes


def test_every_theme_a_concern_implies_is_a_theme_code():
    from analytics.nlp.concern import CATEGORIES
    from analytics.nlp.themes import THEMES
    from analytics.text import CONCERN_THEMES

    assert set(CONCERN_THEMES) <= set(CATEGORIES)
    assert set(CONCERN_THEMES.values()) <= set(THEMES)
