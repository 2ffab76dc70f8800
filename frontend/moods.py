"""The five mood answers as students see them: a face and a word."""

from django.utils.translation import gettext_lazy as _

MOODS: dict[int, tuple[str, str]] = {
    1: ("😞", _("Very bad")),
    2: ("🙁", _("Bad")),
    3: ("😐", _("Okay")),
    4: ("🙂", _("Good")),
    5: ("😄", _("Very good")),
}


def mood_emoji(value: int) -> str:
    return MOODS.get(value, ("", ""))[0]


def mood_word(value: int) -> str:
    return MOODS.get(value, ("", ""))[1]
