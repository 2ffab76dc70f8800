"""The statistical half of concern detection: linear models over words, word pairs and letter sequences. Pure.

Patterns catch the sentences they were written for; a student says the same thing in other words. The model
learns the ideas from thousands of labelled reflections written by independent authors (corpora/README.md),
and `nlp.concern.detect_concern` takes the union of its answer and the patterns'. It reads the same folded text
as the patterns (lower case, å/ä/æ as "a", ö/ø as "o", stretched letters cut), so a missing diacritic or a
"sooo" changes nothing.

Three heads score a reflection: `flag` (anything student health should see), `crisis` (urgent or emergency)
and `emergency`. A head fires at its threshold, chosen when training so that crises are found first and
ordinary weeks stay quiet (see `bin/train-concern-model`). A fired head names the categories the category
model finds most likely at that level. The words never leave this function; the result is codes.

The model file (analytics/nlp/models/concern.json.gz) is written by the training command, versioned with the
analyser (its `analyser_version` must be `text.ANALYSER_VERSION`, so new weights re-score history) and read
once per process.
"""

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .tokens import normalise

MODEL_PATH = Path(__file__).resolve().parent / "models" / "concern.json.gz"

NONE, CONCERN, URGENT, EMERGENCY = "none", "concern", "urgent", "emergency"
HEADS = ("flag", "crisis", "emergency")

_FOLD = str.maketrans({"å": "a", "ä": "a", "æ": "a", "ö": "o", "ø": "o", "é": "e", "è": "e", "ü": "u", "á": "a"})
# Words (letters, with inner apostrophes) and single emoji or pictographs: "💀" and "🔪" say something too.
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*|[\U0001F300-\U0001FAFF\u2600-\u27BF]")
# Reflections are at most 2,000 characters; a longer input is read as its first and last parts, where what
# matters is said, so the cost per text stays bounded.
_MAX_CHARS = 4_000


def fold(text: str) -> str:
    return normalise(text).translate(_FOLD)


def tokens(text: str) -> list[str]:
    if len(text) > _MAX_CHARS:
        text = text[: _MAX_CHARS // 2] + " " + text[-_MAX_CHARS // 2 :]
    return _TOKEN.findall(fold(text))


def features(text: str, *, chars: tuple[int, int] = (3, 5), lemmas: dict[str, str] | None = None) -> dict[str, float]:
    """The feature vector of one reflection: each block (words, word pairs, letter n-grams, lemmas) has unit length.

    Used alike by training and by `classify`, so the model reads at run time exactly what it learnt from.
    A block's norm counts every feature the text has, known to the model or not, so it never depends on
    which weights a model kept.
    """
    toks = tokens(text)
    if not toks:
        return {}
    blocks: dict[str, set[str]] = {"w": set(toks), "b": {f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)}}
    joined = f" {' '.join(toks)} "
    low, high = chars
    blocks["c"] = {joined[i : i + n] for n in range(low, high + 1) for i in range(len(joined) - n + 1)}
    if lemmas:
        blocks["l"] = {lemmas.get(tok, tok) for tok in toks}
    vector: dict[str, float] = {}
    for name, found in blocks.items():
        if found:
            value = 1.0 / math.sqrt(len(found))
            for feature in found:
                vector[f"{name}:{feature}"] = value
    return vector


@dataclass(frozen=True)
class Verdict:
    level: str
    categories: tuple[str, ...]
    scores: tuple[float, float, float]  # the heads' margins over their thresholds: flag, crisis, emergency


NO_VERDICT = Verdict(NONE, (), (-math.inf, -math.inf, -math.inf))


class Model:
    """Weights and thresholds as the training command wrote them."""

    def __init__(self, data: dict) -> None:
        self.analyser_version: int = data["analyser_version"]
        self.chars = tuple(data["features"]["chars"])
        self.lemmas: dict[str, str] = data["features"].get("lemmas") or {}
        self.bias = tuple(data["heads"][head]["bias"] for head in HEADS)
        self.thresholds = tuple(data["heads"][head]["threshold"] for head in HEADS)
        # How far below its threshold the flag head must be for a pattern's hit to be dropped as ordinary.
        self.pattern_veto_margin: float = data["pattern_veto_margin"]
        self.weights: dict[str, tuple[float, float, float]] = {f: tuple(w) for f, w in data["weights"].items()}
        categories = data["categories"]
        self.codes: tuple[str, ...] = tuple(categories["codes"])
        self.levels: tuple[str, ...] = tuple(categories["levels"])
        self.category_bias: tuple[float, ...] = tuple(categories["bias"])
        self.category_threshold: float = categories["threshold"]
        # Sparse: {feature: ((category index, weight), ...)}; most features say nothing about most categories.
        self.category_weights: dict[str, tuple[tuple[int, float], ...]] = {
            f: tuple((int(i), w) for i, w in pairs) for f, pairs in categories["weights"].items()
        }
        self.meta: dict = data.get("meta", {})

    def scores(self, vector: dict[str, float]) -> tuple[float, float, float]:
        flag, crisis, emergency = self.bias
        weights = self.weights
        for feature, value in vector.items():
            w = weights.get(feature)
            if w is not None:
                flag += w[0] * value
                crisis += w[1] * value
                emergency += w[2] * value
        return flag, crisis, emergency

    def category_scores(self, vector: dict[str, float]) -> list[float]:
        totals = list(self.category_bias)
        weights = self.category_weights
        for feature, value in vector.items():
            pairs = weights.get(feature)
            if pairs:
                for index, w in pairs:
                    totals[index] += w * value
        return totals

    def classify(self, text: str) -> Verdict:
        vector = features(text, chars=self.chars, lemmas=self.lemmas)
        if not vector:
            return NO_VERDICT
        raw = self.scores(vector)
        margins = tuple(score - threshold for score, threshold in zip(raw, self.thresholds, strict=True))
        flag, crisis, emergency = (margin >= 0 for margin in margins)
        if crisis:
            level = EMERGENCY if emergency else URGENT
        elif flag:
            level = CONCERN
        else:
            return Verdict(NONE, (), margins)
        return Verdict(level, self._categories(vector, level), margins)

    def _categories(self, vector: dict[str, float], level: str) -> tuple[str, ...]:
        """The likely categories up to the level found; at least the likeliest one at that level."""
        scores = self.category_scores(vector)
        rank = {NONE: 0, CONCERN: 1, URGENT: 2, EMERGENCY: 3}
        allowed = [i for i, lvl in enumerate(self.levels) if rank[lvl] <= rank[level]]
        chosen = {self.codes[i] for i in allowed if scores[i] >= self.category_threshold}
        at_level = [i for i in allowed if self.levels[i] == level]
        if not any(self.levels[self.codes.index(code)] == level for code in chosen) and at_level:
            chosen.add(self.codes[max(at_level, key=scores.__getitem__)])
        return tuple(sorted(chosen))


def load_model(path: Path = MODEL_PATH) -> Model:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return Model(json.load(handle))


@cache
def model() -> Model:
    """The shipped model, loaded once per process."""
    return load_model()


def classify(text: str) -> Verdict:
    return model().classify(text)


def pattern_veto_margin() -> float:
    return model().pattern_veto_margin
