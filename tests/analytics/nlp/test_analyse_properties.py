"""No input makes the analysis raise: property-based tests over arbitrary Unicode and mutated real reflections.

A reflection the analyser chokes on would be a student nobody reads, so `analyse()` is driven here by Hypothesis
with what students type and what a broken client sends: any code point (lone surrogates included), and the
labelled reflections of the corpora mutated the way phones and hurry mutate them (case, punctuation, apostrophes
of every kind inside words, emoji, missing diacritics, stretched letters, decomposed accents, odd spaces).
Pure: no database.
"""

import json
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analytics.nlp.concern import CATEGORIES, LEVELS
from analytics.text import LANGUAGES, analyse

ROOT = Path(__file__).resolve().parents[3]


def _reflections() -> list[str]:
    texts = []
    for path in sorted((ROOT / "tests" / "data").glob("*.jsonl")) + sorted((ROOT / "corpora").glob("**/*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            texts.extend(json.loads(line)["text"] for line in lines if line.strip())
    return sorted(set(texts))


REFLECTIONS = _reflections()
APOSTROPHES = ["'", "’", "´", "`", "ʼ", "‘"]
PUNCTUATION = [*APOSTROPHES, "-", "–", ".", ",", "!", "?", "…", ":", ";", '"', "(", ")", "/", "#", "@", "*", "_"]
EMOJI = ["😭", "💀", "🙂", "❤️", "👍🏽", "🤡", "😂", "🔪", "💊", "🫠", "👨‍👩‍👧", "🇸🇪"]
SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u200b", "\u2028", "\r\n"]
FOLD = str.maketrans("åäöøæÅÄÖØÆé", "aaooaAAOOAe")


def _mutate(text: str, data: st.DataObject) -> str:
    """One random mutation of the many students' texts go through."""
    kind = data.draw(
        st.sampled_from(["upper", "title", "swapcase", "fold", "nfd", "insert", "stretch", "split", "truncate"])
    )
    if kind == "upper":
        return text.upper()
    if kind == "title":
        return text.title()
    if kind == "swapcase":
        return text.swapcase()
    if kind == "fold":
        return text.translate(FOLD)
    if kind == "nfd":
        return unicodedata.normalize("NFD", text)
    if kind == "insert":  # a character from any of the lists, anywhere, inside words too
        at = data.draw(st.integers(0, len(text)))
        what = data.draw(st.sampled_from(PUNCTUATION + EMOJI + SPACES + ["0", "9", "ß", "İ", "ﬁ"]))
        return text[:at] + what + text[at:]
    if kind == "stretch":  # "sooo", "nååå"
        at = data.draw(st.integers(0, max(len(text) - 1, 0)))
        return text[: at + 1] + text[at : at + 1] * data.draw(st.integers(1, 6)) + text[at + 1 :]
    if kind == "split":  # words run together or cut apart by apostrophes and hyphens
        return data.draw(st.sampled_from(APOSTROPHES + ["-", "", "--"])).join(text.split())
    return text[: data.draw(st.integers(0, len(text)))]


def _assert_well_formed(text: str, hint: str | None) -> None:
    result = analyse(text, hint)
    assert result.language in {"", *LANGUAGES}
    assert result.concern in LEVELS
    assert set(result.concern_categories) <= set(CATEGORIES)
    assert result.polarity is None or -1.0 <= result.polarity <= 1.0
    assert result.subjectivity is None or 0.0 <= result.subjectivity <= 1.0
    assert list(result.themes) == sorted(set(result.themes))


HINTS = st.sampled_from([None, "sv", "nb", "en", "other", "de", ""])
ANY_CODE_POINT = st.characters(codec=None, exclude_categories=())  # surrogates and unassigned code points too


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(ANY_CODE_POINT, max_size=300), hint=HINTS)
def test_it_analyses_any_unicode(text, hint):
    _assert_well_formed(text, hint)


@settings(max_examples=700, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), hint=HINTS)
def test_it_analyses_mutated_reflections(data, hint):
    text = data.draw(st.sampled_from(REFLECTIONS))
    for _ in range(data.draw(st.integers(1, 4))):
        text = _mutate(text, data)
    _assert_well_formed(text, hint)


@settings(max_examples=350, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), hint=HINTS)
def test_it_analyses_words_of_reflections_joined_any_way(data, hint):
    # Every word the corpora know, glued by the characters that split or join words: where keyed tables live.
    words = data.draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=12))
    glue = st.sampled_from(PUNCTUATION + SPACES + EMOJI)
    text = "".join(word + data.draw(glue) for word in words)
    _assert_well_formed(text, hint)


VOCABULARY = sorted({word.strip('.,!?:;"()') for text in REFLECTIONS for word in text.split()} - {""})


def test_it_has_real_reflections_to_mutate():
    assert len(REFLECTIONS) > 500


def test_it_analyses_the_possessives_that_crashed_it():
    for text in ["my mate's dad hit him", "the school's toilets", "NO-lektionens", "mate’s", "a'hi", "Aa´hi"]:
        _assert_well_formed(text, "en")
