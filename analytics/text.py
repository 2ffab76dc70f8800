"""Text analysis of reflections. Pure functions: no ORM, no I/O."""

from dataclasses import dataclass

from textblob import TextBlob

# Bumped whenever the analysis changes, so stored scores can be recomputed.
ANALYSER_VERSION = 1


@dataclass(frozen=True)
class Sentiment:
    polarity: float
    subjectivity: float


def sentiment(text: str) -> Sentiment | None:
    """TextBlob polarity (-1..1) and subjectivity (0..1); None for no text."""
    if not text.strip():
        return None
    result = TextBlob(text).sentiment
    return Sentiment(polarity=round(result.polarity, 4), subjectivity=round(result.subjectivity, 4))
