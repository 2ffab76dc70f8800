"""One reflection in, everything the workers derive from its words out.

Pure: no ORM, no I/O, nothing logged. The parts live in analytics.nlp; this is
the one entry the workers, the `analyse_text` command and the benchmarks use,
so they all run exactly the same analysis.
"""

from dataclasses import asdict, dataclass

from .nlp.concern import CONCERN, NONE, detect_concern
from .nlp.language import detect_language
from .nlp.sentiment import sentiment
from .nlp.themes import themes

# Bumped whenever the analysis changes: every stored score of an older version
# is then stale, and the sweep and `manage.py rescore` analyse it again.
ANALYSER_VERSION = 3


@dataclass(frozen=True)
class TextAnalysis:
    language: str  # "" when there is no text; else sv, nb, en or other
    polarity: float | None  # -1..1; None with no text or a language we do not score
    subjectivity: float | None
    themes: tuple[str, ...]
    concern: str  # none, concern, urgent or emergency
    concern_categories: tuple[str, ...]
    # Why: "pattern" (the word patterns), "model" (the classifier), or both; empty at level none.
    concern_sources: tuple[str, ...] = ()

    def as_dict(self) -> dict:
        return asdict(self)


# What a concern category says about the reflection's themes: a reflection about
# self-harm is about mental health even when no theme word is in it.
CONCERN_THEMES = {
    "bullying": "bullying",
    "isolation": "loneliness",
    "eating": "mental_health",
    "anxiety": "mental_health",
    "past_self_harm": "mental_health",
    "abuse": "family",
    "self_harm": "mental_health",
    "death_wish": "mental_health",
    "hopelessness": "mental_health",
    "suicide_plan": "mental_health",
    "suicide_attempt": "mental_health",
}

# A check-in whose analysis raised: nothing is derived from its words, and student health is asked to read it
# with the student, at the level of a concern. Not a detector category: the pipeline's own.
UNANALYSABLE_CATEGORY = "unanalysable"
UNANALYSABLE = TextAnalysis(
    language="",
    polarity=None,
    subjectivity=None,
    themes=(),
    concern=CONCERN,
    concern_categories=(UNANALYSABLE_CATEGORY,),
    concern_sources=("failure",),
)

NO_TEXT = TextAnalysis(language="", polarity=None, subjectivity=None, themes=(), concern=NONE, concern_categories=())


LANGUAGES = ("sv", "nb", "en", "other")


def analyse(text: str, hint: str | None = None, *, language: str | None = None) -> TextAnalysis:
    """Analyse one reflection.

    `hint` is the student's UI language: a hint, not the answer. `language`,
    when given (one of LANGUAGES), is taken as known and skips detection.
    """
    if not text or not text.strip():
        return NO_TEXT
    if language is None:
        language = detect_language(text, hint)
    mood = sentiment(text, language)
    concern = detect_concern(text, language)
    return TextAnalysis(
        language=language,
        polarity=mood.polarity if mood else None,
        subjectivity=mood.subjectivity if mood else None,
        themes=tuple(
            sorted({*themes(text, language), *(CONCERN_THEMES[c] for c in concern.categories if c in CONCERN_THEMES)})
        ),
        concern=concern.level,
        concern_categories=concern.categories,
        concern_sources=concern.sources,
    )
