"""Concern detection as the service runs it, patterns and classifier together, measured on text nobody here wrote.

The held-out corpus (corpora/concern/holdout/) was written by authors who never saw the training part, the
patterns or each other's texts, and is used only to measure. The floors are the product's promise: crises
found, concerns flagged, and ordinary weeks left alone. Pure: no database.
"""

import gzip
import json
from pathlib import Path

import pytest

from analytics.nlp import classifier
from analytics.nlp.concern import CATEGORIES, EMERGENCY, MODEL, NONE, PATTERN, URGENT, detect_concern, level_rank
from analytics.nlp.evaluation import evaluate, parse_rows
from analytics.text import ANALYSER_VERSION

ROOT = Path(__file__).resolve().parents[3]
HOLDOUT = sorted((ROOT / "corpora" / "concern" / "holdout").glob("*.jsonl"))
TRAIN = sorted((ROOT / "corpora" / "concern" / "train").glob("*.jsonl"))
LANGUAGES = ("sv", "nb", "en")


def _rows(paths):
    rows = []
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            rows += parse_rows(lines)
    return rows


@pytest.fixture(scope="module")
def holdout():
    return _rows(HOLDOUT)


@pytest.fixture(scope="module")
def figures(holdout):
    return evaluate(holdout)


def test_the_holdout_is_big_enough_in_every_language(holdout):
    for language in LANGUAGES:
        mine = [row for row in holdout if row.language == language]
        assert sum(level_rank(row.level) >= level_rank(URGENT) for row in mine) >= 90
        assert sum(row.level == "concern" for row in mine) >= 70
        assert sum(row.level == NONE and row.tricky for row in mine) >= 150


def test_the_holdout_shares_no_text_with_the_training_part(holdout):
    trained = {row.text.strip().casefold() for row in _rows(TRAIN)}
    assert not {row.text.strip().casefold() for row in holdout} & trained


@pytest.mark.parametrize("language", LANGUAGES)
def test_almost_every_crisis_is_found(figures, language):
    assert figures[language].crisis_recall >= 0.95


@pytest.mark.parametrize("language", LANGUAGES)
def test_concerns_are_flagged(figures, language):
    assert figures[language].levels["concern"].recall >= 0.85


@pytest.mark.parametrize("language", LANGUAGES)
def test_ordinary_weeks_are_left_alone(figures, language):
    assert figures[language].false_alarms_tricky <= 0.10
    assert figures[language].false_alarms_plain <= 0.05


def test_emergencies_are_mostly_told_apart_from_urgent(figures):
    assert figures["all"].levels[EMERGENCY].exact >= 0.8


def test_the_answer_is_a_level_with_its_categories_and_why():
    found = detect_concern("har sparat mammas tabletter i en låda, tänker ta alla på fredag", "sv")
    assert found.level == EMERGENCY and "suicide_plan" in found.categories
    assert set(found.sources) <= {PATTERN, MODEL} and found.sources
    assert found.level == max((CATEGORIES[c] for c in found.categories), key=level_rank)
    ordinary = detect_concern("bra vecka, vann matchen i lördags", "sv")
    assert (ordinary.level, ordinary.categories, ordinary.sources) == (NONE, (), ())


def test_a_pattern_the_model_reads_as_plainly_ordinary_is_dropped():
    from analytics.nlp.concern import detect_concern_rules

    text = "kms lol this homework 😂 anyway we won the match"
    assert detect_concern_rules(text, "en").level != NONE  # the pattern alone would page someone
    assert classifier.classify(text).scores[0] < classifier.pattern_veto_margin()
    assert detect_concern(text, "en").level == NONE


def test_the_model_file_is_small_and_belongs_to_this_analyser_version():
    assert classifier.MODEL_PATH.stat().st_size < 4 * 1024 * 1024
    assert classifier.model().analyser_version == ANALYSER_VERSION


def test_the_model_was_trained_on_the_corpora_as_they_are_now():
    from analytics.nlp.training import sha256_of

    with gzip.open(classifier.MODEL_PATH, "rt", encoding="utf-8") as handle:
        sources = json.load(handle)["meta"]["sources"]
    assert not any("holdout/" in name for name in sources)
    assert sources == {str(path.relative_to(ROOT)): sha256_of(path) for path in _training_files()}


def _training_files():
    from analytics.management.commands.train_concern_model import training_files

    return training_files(ROOT)
