from datetime import date

from django import template

from analytics.labels import theme_label
from surveys.weeks import iso_label

from .. import moods

register = template.Library()


@register.filter
def mood_emoji(value) -> str:
    return moods.mood_emoji(_as_int(value))


@register.filter
def mood_word(value) -> str:
    return moods.mood_word(_as_int(value))


@register.filter
def scale_emoji(value, key: str) -> str:
    return moods.scale_emoji(key, _as_int(value))


@register.filter
def iso_week(monday: date) -> str:
    return iso_label(monday)


@register.filter
def theme(code: str) -> str:
    return theme_label(code)


def _as_int(value) -> int:
    # Radio choices arrive as strings, stored moods as ints.
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
