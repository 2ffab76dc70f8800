"""Tokens of a short reflection, shared by the analysers. Pure functions: no ORM, no I/O.

Students write fast on phones: lower and upper case mixed, missing accents,
repeated letters ("sååå trött", "soooo tired"), apostrophes of several kinds.
Everything here is cheap: a reflection is at most 2,000 characters and a
worker analyses thousands a second.
"""

import re
import unicodedata

_WORD = re.compile(r"[^\W\d_]+(?:['’´-][^\W\d_]+)*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|\n+")
_REPEATS = re.compile(r"(.)\1{2,}")


def normalise(text: str) -> str:
    """NFC, lower case, one kind of apostrophe, runs of three or more equal letters cut to two."""
    text = unicodedata.normalize("NFC", text).casefold().replace("’", "'").replace("´", "'")
    return _REPEATS.sub(r"\1\1", text)


def words(text: str) -> list[str]:
    """The words of a normalised text, in order; digits and punctuation dropped."""
    return _WORD.findall(text)


def sentences(text: str) -> list[str]:
    """Rough sentences: split after . ! ? … and at line breaks; never empty strings."""
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]
