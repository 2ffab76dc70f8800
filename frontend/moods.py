"""How stored scale answers are shown: a face and a word, from the item definitions."""

from surveys.items import MOOD, SCALES_BY_KEY


def mood_emoji(value: int) -> str:
    return MOOD.emoji(value)


def mood_word(value: int) -> str:
    return MOOD.word(value)


def scale_emoji(key: str, value: int) -> str:
    return SCALES_BY_KEY[key].emoji(value)


def scale_word(key: str, value: int) -> str:
    return SCALES_BY_KEY[key].word(value)
