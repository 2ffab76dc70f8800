"""Polarity (-1..1) and subjectivity (0..1) of a reflection in English, Swedish or Norwegian Bokmål.

One scorer for the three languages, in the manner of TextBlob's PatternAnalyzer
(textblob._text.Sentiment): every known word gives a (polarity, subjectivity)
assessment, a modifier before it scales it ("very good"), a negation flips and
halves it ("not good" = slightly bad, "not bad" = slightly good), "!" boosts it,
and the text scores the average of its assessments. What we add, because students
write like this: negation that reaches past small words ("not the best", "inte
så bra"), stops at "and"/a comma, and in Swedish and Norwegian may come after the
verb ("gillar inte", "liker ikke"); words after "but"/"men" weigh three times those
before it (VADER's weights); half weight after "would"/"skulle" ("trodde det skulle
gå sämre"); no credit for the good thing missed ("saknar sommarlovet"); phrases
("orkar inte", "lei meg", "could be better"); compound intensifiers ("jättebra",
"kjempegøy", "asbra", "skitjobbigt"); inflected forms by suffix rules; spellings
without å/ä/ö/æ/ø; stretched words ("sååå", "braaa"); emoji and emoticons.

Lexicons (analytics/nlp/lexicons, SOURCES.md): English is TextBlob's own pattern
lexicon with en_extra.tsv over it; Swedish and Norwegian are cleaned machine
translations of VADER and AFINN with our student words over them; the function
words of each language are in <language>_grammar.tsv. All tables are built once at
import; scoring a text does no I/O and logs nothing.

This module is longer than the house's ~400 lines because of the scoring rules for three languages; the
word tables themselves are in lexicons/.
"""

import re
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

from textblob.base import CONTINUOUS, BaseSentimentAnalyzer
from textblob.en import sentiment as _pattern_lexicon
from textblob.en.sentiments import PatternAnalyzer

from .tokens import normalise

_LEXICONS = Path(__file__).resolve().parent / "lexicons"

# What a table entry is: a word or phrase with a score, or one of the function words.
_WORD, _MOD, _NEG, _BUT, _WITHOUT, _AT_ALL, _IRREALIS, _AND = range(8)

NEGATION = -0.5  # pattern's factor: "not good" = -0.5 * good
AT_ALL = 1.6  # "not fun at all", "inte kul alls": a negation said with force
EXCLAIM = 1.25  # pattern's boost for "!"
BEFORE_BUT, AFTER_BUT = 0.5, 1.5  # VADER's weights around "but"
IRREALIS = 0.5  # "trodde det skulle gå sämre": a feared outcome weighs half
STRETCHED = 1.2  # "sååå", "braaa": the writer means it
NEG_WINDOW = 3  # a negation reaches past this many unknown words of four letters or more ("not the best")
RETRO_REACH = 2  # "gillar (det) inte": a negation may turn the word this far before it
_DERIVED_CACHE_MAX = 50_000


@dataclass(frozen=True)
class Sentiment:
    polarity: float  # -1..1, rounded to 4 decimals
    subjectivity: float  # 0..1, rounded to 4 decimals


_WithAssessments = namedtuple("Sentiment", ["polarity", "subjectivity", "assessments"])

_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "ø": "o", "æ": "a"})
_FOLD_LONG = str.maketrans({"å": "aa", "ø": "oe", "æ": "ae"})  # the old Norwegian typewriter way
_LAUGH = re.compile(r"(?:h[aeiy]){2,}h?|l(?:ol)+|lmf?ao+|rofl")  # not "jaja" (yeah, yeah)
_DOUBLE = re.compile(r"([^\W\d_])\1")
_VOWELS = set("aeiouyåäöæø")


def _subjectivity(polarity: float) -> float:
    # The translated lexicons have no subjectivity; a stronger word is a more personal one.
    return min(1.0, 0.3 + abs(polarity)) if polarity else 0.0


def _read_tsv(name: str, key_columns: int = 1) -> list[list[str]]:
    rows = []
    seen = set()
    for line in (_LEXICONS / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        key = tuple(row[:key_columns])
        if key in seen:
            raise ValueError(f"{name}: {key} twice")  # a lexicon error, caught by the tests at import
        seen.add(key)
        rows.append(row)
    return rows


def _word_entry(polarity: float, subjectivity: float | None = None, negated: float | None = None) -> tuple:
    polarity = max(-1.0, min(1.0, polarity))
    if subjectivity is None:
        subjectivity = _subjectivity(polarity)
    if negated is None:
        negated = polarity * NEGATION
    return (_WORD, polarity, subjectivity, negated)


@dataclass(frozen=True)
class _Grammar:
    """The function words of one language (lexicons/<language>_grammar.tsv explains each kind)."""

    negators: tuple[str, ...]
    without: tuple[str, ...]
    but: tuple[str, ...]
    at_all: tuple[str, ...]
    irrealis: tuple[str, ...]
    missing: tuple[str, ...]
    conjunctions: tuple[str, ...]
    modifiers: dict[str, tuple[float, float | None]]  # word or phrase -> (multiplier, score when alone)
    prefixes: dict[str, float]
    pejorative: tuple[str, ...]
    quantity: tuple[str, ...]
    fold_block: frozenset[str]
    suffixes: tuple[str, ...]
    retro_negation: bool  # negation after the verb: "gillar inte", "liker det ikke"
    fold_long: bool  # also "aa/oe/ae" for å/ø/æ, the old Norwegian typewriter way


def _grammar(language: str, *, retro_negation: bool, fold_long: bool) -> _Grammar:
    kinds: dict[str, list[list[str]]] = {}
    for row in _read_tsv(f"{language}_grammar.tsv", key_columns=2):
        kinds.setdefault(row[0], []).append(row[1:])

    def terms(kind: str) -> tuple[str, ...]:
        return tuple(row[0] for row in kinds.get(kind, ()))

    return _Grammar(
        negators=terms("negator"),
        without=terms("without"),
        but=terms("but"),
        at_all=terms("at_all"),
        irrealis=terms("irrealis"),
        missing=terms("missing"),
        conjunctions=terms("and"),
        modifiers={
            row[0]: (float(row[1]), float(row[2]) if len(row) > 2 else None) for row in kinds.get("modifier", ())
        },
        prefixes={row[0]: float(row[1]) for row in kinds.get("prefix", ())},
        pejorative=terms("pejorative"),
        quantity=terms("quantity"),
        fold_block=frozenset(terms("fold_block")),
        suffixes=terms("suffix"),
        retro_negation=retro_negation,
        fold_long=fold_long,
    )


def _folded(term: str, grammar: _Grammar) -> set[str]:
    # Short words are left alone: "dø" folded is "do", "gå" is "ga".
    if len(term) < 4 and term not in ("gøy", "så", "kjip"):
        return set()
    forms = {term.translate(_FOLD)}
    if grammar.fold_long:
        forms.add(term.translate(_FOLD_LONG))
    forms.discard(term)
    return forms - grammar.fold_block


def _pattern_words() -> dict[str, tuple]:
    # TextBlob's English lexicon: its averaged (polarity, subjectivity) for each word.
    # Neutral words are left out so that they do not use up a "not" meant for the next word.
    table = {}
    for word, senses in _pattern_lexicon.items():
        polarity, subjectivity, _intensity = senses[None]
        if polarity and " " not in word:
            table[word] = _word_entry(polarity, subjectivity)
    return table


class _Model:
    """The lookup tables of one language and the scorer that reads them."""

    def __init__(self, grammar: _Grammar, base: dict[str, tuple], extra_file: str, emoji: dict[str, float]):
        self.grammar = grammar
        table: dict[str, tuple] = dict(base)
        phrases: dict[tuple[str, ...], tuple] = {}
        for row in _read_tsv(extra_file):
            entry = _word_entry(float(row[1]), None, float(row[2]) if len(row) > 2 and row[2] else None)
            self._add(row[0], entry, table, phrases)
        for word in grammar.negators:
            self._add(word, (_NEG,), table, phrases)
        for word in grammar.without:
            self._add(word, (_WITHOUT,), table, phrases)
        for word in grammar.but:
            self._add(word, (_BUT,), table, phrases)
        for word in grammar.at_all:
            self._add(word, (_AT_ALL,), table, phrases)
        for word in grammar.irrealis:
            self._add(word, (_IRREALIS,), table, phrases)
        for word in grammar.conjunctions:
            self._add(word, (_AND,), table, phrases)
        for word, (multiplier, alone) in grammar.modifiers.items():
            self._add(word, (_MOD, multiplier, alone), table, phrases)
        for term in list(table):
            for form in _folded(term, grammar):
                table.setdefault(form, table[term])
        for words in list(phrases):
            for form in _folded(" ".join(words), grammar):
                phrases.setdefault(tuple(form.split()), phrases[words])
        self.table = table
        # first word -> [(the phrase's words, entry)], longest phrase first
        self.phrases: dict[str, list[tuple[tuple[str, ...], tuple]]] = {}
        for words, entry in sorted(phrases.items(), key=lambda item: -len(item[0])):
            self.phrases.setdefault(words[0], []).append((words, entry))
        prefixes = dict(grammar.prefixes)
        for prefix, multiplier in grammar.prefixes.items():
            for form in _folded(prefix, grammar):
                prefixes.setdefault(form, multiplier)
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[0]))
        self.pejorative = {form for p in grammar.pejorative for form in {p, *_folded(p, grammar)}}
        self.quantity = set(grammar.quantity)
        self.missing = frozenset(grammar.missing)
        self.emoji = emoji
        self.longest_emoji = max(map(len, emoji))
        self._derived: dict[str, tuple | None] = {}

    @staticmethod
    def _add(term: str, entry: tuple, table: dict, phrases: dict) -> None:
        words = tuple(term.split())
        if len(words) == 1:
            table[words[0]] = entry
        else:
            phrases[words] = entry

    # --- words not in the table: compounds, stretched spellings, inflections

    def lookup(self, word: str) -> tuple | None:
        entry = self.table.get(word)
        if entry is not None:
            return entry
        derived = self._derived
        if word in derived:
            return derived[word]
        if len(derived) >= _DERIVED_CACHE_MAX:
            derived.clear()
        entry = derived[word] = self._derive(word)
        return entry

    def _derive(self, word: str) -> tuple | None:
        if "-" in word:
            head, _, rest = word.partition("-")
            modifier = self.table.get(head)
            tail = self.lookup(rest.rpartition("-")[2])
            if tail is not None and tail[0] == _WORD and modifier is not None and modifier[0] == _MOD:
                return _scaled(tail, modifier[1])
            if tail is not None and tail[0] == _WORD:
                return tail
            return self._compound(head + rest)
        if _LAUGH.fullmatch(word):
            return _word_entry(0.3)
        return self._compound(word) or self._stretched(word) or self._inflected(word)

    def _compound(self, word: str) -> tuple | None:
        for prefix, multiplier in self.prefixes:
            if not word.startswith(prefix) or len(word) - len(prefix) < 3:
                continue
            rest = word[len(prefix) :]
            entry = self.table.get(rest) or self._stretched(rest) or self._inflected(rest)
            if entry is not None and entry[0] == _WORD:
                return _scaled(entry, multiplier)
            if prefix in self.pejorative:
                # "skitdag", "drittuke": the prefix is the judgement; "skitmycket" is only "a lot".
                return None if rest in self.quantity else _word_entry(-0.5)
        return None

    def _stretched(self, word: str) -> tuple | None:
        # normalise() has cut "sååååå" to "såå"; undo one doubled letter. Only doubled vowels, or a
        # doubled last consonant of a longer word: "full" is not a stretched "ful", nor "matten" of "maten".
        candidates = []
        for match in _DOUBLE.finditer(word):
            at = match.start()
            if match.group(1) in _VOWELS or (at + 2 == len(word) and len(word) > 4):
                candidates.append(word[:at] + word[at + 1 :])
        if len(candidates) > 1:
            candidates.append(_DOUBLE.sub(r"\1", word))
        for candidate in candidates:
            entry = self.table.get(candidate) or self._inflected(candidate)
            if entry is None:
                continue
            if entry[0] == _WORD:
                return _scaled(entry, STRETCHED)
            if entry[0] == _MOD and entry[1] > 1.0:
                return (_MOD, entry[1] * STRETCHED, entry[2])  # "sååå trött"
            return entry
        return None

    def _inflected(self, word: str) -> tuple | None:
        table = self.table
        for suffix in self.grammar.suffixes:
            stem = word[: -len(suffix)]
            # "hatt" (had) is not "hat" + t, nor "buss" "bus" + s: a suffix never doubles the stem's last letter.
            if not word.endswith(suffix) or len(stem) < 3 or stem[-1] == suffix[0]:
                continue
            for candidate in (stem, stem + "e"):
                entry = table.get(candidate)
                if entry is not None and entry[0] == _WORD:
                    return entry
        return None

    # --- scoring

    def score(self, text: str, keep: bool = False) -> tuple[float, float, list]:
        tokens = _SPLIT.findall(normalise(text.replace("\ufe0f", "")))
        state = _State(self.grammar.retro_negation)
        phrases, lookup, emoji, missing = self.phrases, self.lookup, self.emoji, self.missing
        i, n = 0, len(tokens)
        while i < n:
            token = tokens[i]
            if token[0].isalpha():
                entry, span = None, 1
                candidates = phrases.get(token)
                if candidates:
                    entry, span = _match_phrase(candidates, tokens, i)
                if entry is None:
                    entry = lookup(token)
                if entry is None:
                    state.unknown(len(token) > 3)
                elif entry[0] == _WORD:
                    state.word(entry, i, i + span)
                    if token in missing:
                        state.absorb_until = i + span + NEG_WINDOW
                elif entry[0] == _MOD:
                    state.modifier(entry, i)
                elif entry[0] == _NEG:
                    state.negation(i, retro=True)
                elif entry[0] == _WITHOUT and not state.negated_in_sentence:
                    state.negation(i, retro=False)  # "utan stress" is about what follows
                elif entry[0] in (_BUT, _WITHOUT):
                    state.but(i)
                elif entry[0] == _IRREALIS:
                    state.hedge = IRREALIS
                elif entry[0] == _AND:
                    state.settle()  # "not happy and sad": the negation stops here
                    state.clause_token = i + 1
                else:
                    state.at_all(i)
                i += span
                continue
            value = emoji.get(token)
            if value is not None:
                state.emoji(value, i)
            elif len(token) > 1 and token != "\n":
                tokens[i : i + 1] = _split_run(token, emoji, self.longest_emoji)  # "!!", ":((", "?!:)"
                n = len(tokens)
                continue
            else:
                kind = _PUNCTUATION.get(token)
                if kind:
                    state.settle()
                    if kind == "!":
                        state.exclaim()
                    if kind != ",":
                        state.sentence_end()
                    state.clause_token, state.hedge = i + 1, 1.0
            i += 1
        state.settle()
        return state.result(tokens if keep else None)


def _match_phrase(candidates: list, tokens: list, i: int) -> tuple[tuple | None, int]:
    n = len(tokens)
    for words, entry in candidates:
        size = len(words)
        if i + size <= n and all(tokens[i + k] == words[k] for k in range(1, size)):
            return entry, size
    return None, 1


class _State:
    """What the scorer knows while it reads one text, left to right."""

    __slots__ = (
        "retro", "ps", "ss", "ws", "flips", "spans", "sentence", "clause_token", "weight", "hedge",
        "absorb_until", "negated_in_sentence", "multiplier", "alone", "mod_at", "mod_left",
        "negation_at", "neg_left", "neg_retro", "forceful",
    )  # fmt: skip

    def __init__(self, retro: bool) -> None:
        self.retro = retro
        # One entry per assessment: polarity, subjectivity, weight, polarity were it negated
        # (None once negated, or for emoji), and the tokens it covers.
        self.ps: list[float] = []
        self.ss: list[float] = []
        self.ws: list[float] = []
        self.flips: list[float | None] = []
        self.spans: list[tuple[int, int]] = []
        self.sentence = 0  # index of this sentence's first assessment
        self.clause_token = 0  # index of this clause's first token
        self.weight = 1.0  # BEFORE_BUT/AFTER_BUT
        self.hedge = 1.0  # IRREALIS until the clause ends
        self.absorb_until = -1  # "saknar sommarlovet": no credit for the good thing missed
        self.negated_in_sentence = False
        self._reset()

    def _reset(self) -> None:
        self.multiplier, self.alone, self.mod_at, self.mod_left = 1.0, None, -1, 0
        self.negation_at, self.neg_left, self.forceful, self.neg_retro = -1, 0, False, False

    def _assess(self, polarity: float, subjectivity: float, flip: float | None, start: int, end: int) -> None:
        self.ps.append(max(-1.0, min(1.0, polarity)))
        self.ss.append(min(1.0, subjectivity))
        self.ws.append(self.weight * self.hedge)
        self.flips.append(flip)
        self.spans.append((start, end))

    def word(self, entry: tuple, start: int, end: int) -> None:
        _kind, polarity, subjectivity, flipped = entry
        m = self.multiplier
        if self.neg_left:
            # "not very good" is milder than "not good"; "not good at all" stronger.
            value = flipped / m if m > 1.0 else flipped * m
            if self.forceful:
                value *= AT_ALL
            flip = None
        else:
            value = polarity * m
            flip = flipped / m if m > 1.0 else flipped * m
            if value > 0 and start < self.absorb_until:
                value, self.absorb_until = 0.0, -1
        if value:
            self._assess(value, subjectivity * m if subjectivity else _subjectivity(value), flip, start, end)
        self._reset()

    def modifier(self, entry: tuple, at: int) -> None:
        # A modifier that meets no scored word counts on its own: "skit" alone is bad, "super!" good.
        self.alone = entry[2] if self.multiplier == 1.0 else None
        self.multiplier = min(2.5, self.multiplier * entry[1])
        self.mod_at, self.mod_left = at, 1

    def negation(self, at: int, retro: bool) -> None:
        self._expire_negation()
        self.negation_at, self.neg_left, self.negated_in_sentence = at, NEG_WINDOW, True
        self.neg_retro = retro and self.retro

    def unknown(self, content: bool) -> None:
        if self.mod_left:
            self.mod_left -= 1
        else:
            self.multiplier, self.alone = 1.0, None
        if self.neg_left and content:
            self.neg_left -= 1
            if not self.neg_left:
                self._expire_negation()

    def _expire_negation(self) -> None:
        # Nothing scored came after the negation: in Swedish and Norwegian it belongs to the verb
        # just before it ("gillar inte", "liker det ikke").
        at = self.negation_at
        if at >= 0 and self.neg_retro and len(self.ps) > self.sentence:
            last = len(self.ps) - 1
            start, end = self.spans[last]
            if self.flips[last] is not None and start >= self.clause_token and 0 <= at - end < RETRO_REACH:
                self.ps[last] = max(-1.0, min(1.0, self.flips[last] * (AT_ALL if self.forceful else 1.0)))
                self.flips[last] = None
        self.negation_at, self.neg_left, self.forceful, self.neg_retro = -1, 0, False, False

    def settle(self) -> None:
        self._expire_negation()
        if self.alone is not None:
            self._assess(self.alone, _subjectivity(self.alone), self.alone * NEGATION, self.mod_at, self.mod_at + 1)
        self._reset()

    def but(self, at: int) -> None:
        self.settle()
        for k in range(self.sentence, len(self.ws)):
            self.ws[k] *= BEFORE_BUT
        self.weight, self.hedge = AFTER_BUT, 1.0
        self.clause_token = at + 1

    def at_all(self, at: int) -> None:
        if self.neg_left:
            self.forceful = True
        elif len(self.ps) > self.sentence and self.flips[-1] is None and at - self.spans[-1][1] < NEG_WINDOW:
            self.ps[-1] = max(-1.0, min(1.0, self.ps[-1] * AT_ALL))

    def emoji(self, value: float, at: int) -> None:
        self._assess(value, 1.0, None, at, at + 1)  # an emoji is not negated

    def exclaim(self) -> None:
        if len(self.ps) > self.sentence:
            self.ps[-1] = max(-1.0, min(1.0, self.ps[-1] * EXCLAIM))

    def sentence_end(self) -> None:
        self.sentence, self.weight, self.negated_in_sentence = len(self.ps), 1.0, False

    def result(self, tokens: list | None) -> tuple[float, float, list]:
        if not self.ps:
            return 0.0, 0.0, []
        total = sum(self.ws)
        polarity = sum(p * w for p, w in zip(self.ps, self.ws, strict=True)) / total
        subjectivity = sum(s * w for s, w in zip(self.ss, self.ws, strict=True)) / total
        assessments = []
        if tokens is not None:
            for (start, end), p, s in zip(self.spans, self.ps, self.ss, strict=True):
                words = tokens[start:end]
                assessments.append((words, round(p, 4), round(s, 4), None))
        return _clip(polarity, -1.0), _clip(subjectivity, 0.0), assessments


def _clip(value: float, low: float) -> float:
    return round(max(low, min(1.0, value)), 4) + 0.0  # + 0.0 turns -0.0 into 0.0


def _scaled(entry: tuple, multiplier: float) -> tuple:
    _kind, polarity, subjectivity, flipped = entry
    return (
        _WORD,
        max(-1.0, min(1.0, polarity * multiplier)),
        min(1.0, subjectivity * multiplier),
        flipped / multiplier if multiplier > 1.0 else flipped,
    )


def _read_emoji() -> dict[str, float]:
    return {row[0]: float(row[1]) for row in _read_tsv("emoji.tsv")}


_EMOJI = _read_emoji()


def _emoticon_key(token: str) -> str:
    # ":((" and ":dd" (normalise() leaves at most two of a kind) are scored as ":(" and ":d".
    while token not in _EMOJI and len(token) > 2 and token[-1] == token[-2]:
        token = token[:-1]
    return token


# A text is words and runs of other characters (punctuation, emoticons, emoji); digits and spaces
# fall away, except line breaks, which end a sentence. ":d", ":p", "<3" end in a letter or digit.
_SPLIT = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*|(?:[^\w\s]|_)+(?:[dpc3]{1,2}(?!\w))?|\n")
# What a punctuation mark does: "!" boosts and ends a sentence, "." ends one, "," ends a clause.
_PUNCTUATION = {"!": "!", ".": ".", "?": ".", "…": ".", "\n": "."}
_PUNCTUATION |= dict.fromkeys(",;:()-–—", ",")


def _split_run(run: str, emoji: dict[str, float], longest: int) -> list[str]:
    # "!!:))" -> "!", "!", ":)": the longest emoticon or emoji wins at each place.
    if "//" in run:
        return []  # "https://", not ":/"
    parts, at, end = [], 0, len(run)
    while at < end:
        for size in range(min(longest, end - at), 1, -1):
            key = _emoticon_key(run[at : at + size])
            if key in emoji:
                parts.append(key)
                at += size
                break
        else:
            if run[at] in emoji or run[at] in _PUNCTUATION:
                parts.append(run[at])
            at += 1
    return parts


def _base_tsv(name: str) -> dict[str, tuple]:
    return {row[0]: _word_entry(float(row[1])) for row in _read_tsv(name)}


def _model(language: str, *, retro_negation: bool, fold_long: bool) -> _Model:
    base = _pattern_words() if language == "en" else _base_tsv(f"{language}_base.tsv")
    grammar = _grammar(language, retro_negation=retro_negation, fold_long=fold_long)
    return _Model(grammar, base, f"{language}_extra.tsv", _EMOJI)


_MODELS = {
    "en": _model("en", retro_negation=False, fold_long=False),
    "sv": _model("sv", retro_negation=True, fold_long=False),
    "nb": _model("nb", retro_negation=True, fold_long=True),
}


class _LexiconAnalyzer(BaseSentimentAnalyzer):
    kind = CONTINUOUS
    RETURN_TYPE = PatternAnalyzer.RETURN_TYPE  # Sentiment(polarity, subjectivity), as TextBlob's own
    language = ""

    def __init__(self) -> None:
        super().__init__()
        self._trained = True  # nothing to train: the lexicons are loaded at import
        self._model = _MODELS[self.language]

    def analyze(self, text, keep_assessments=False):
        polarity, subjectivity, assessments = self._model.score(text or "", keep_assessments)
        if keep_assessments:
            return _WithAssessments(polarity, subjectivity, assessments)
        return self.RETURN_TYPE(polarity, subjectivity)


class EnglishAnalyzer(_LexiconAnalyzer):
    language = "en"


class SwedishAnalyzer(_LexiconAnalyzer):
    language = "sv"


class NorwegianAnalyzer(_LexiconAnalyzer):
    language = "nb"


ANALYZERS: dict[str, BaseSentimentAnalyzer] = {
    "en": EnglishAnalyzer(),
    "sv": SwedishAnalyzer(),
    "nb": NorwegianAnalyzer(),
}


def sentiment(text: str, language: str) -> Sentiment | None:
    """Polarity and subjectivity of a reflection; None for no text or a language we do not score ("other")."""
    if not text or not text.strip() or language == "other":
        return None
    analyzer = ANALYZERS.get(language)
    if analyzer is None:
        raise ValueError(f"no sentiment analyser for language {language!r}")
    polarity, subjectivity = analyzer.analyze(text)
    return Sentiment(polarity=polarity, subjectivity=subjectivity)
