"""The built-in weekly check-in items, as students see them.

Each 1-5 scale has a question and five answers, each a face and a word. The
texts are translated through Django's catalogues; answers are stored in the
Checkin columns of the same name.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .models import NO_SUBJECT, HelpChoice, Workload


@dataclass(frozen=True)
class ScaleItem:
    key: str
    question: Promise
    answers: tuple[tuple[str, Promise], ...]  # (emoji, word) for 1..5
    required: bool = False
    # Stress runs the other way: 5 is the hardest answer, not the best.
    higher_is_better: bool = True

    def choices(self) -> list[tuple[int, Promise]]:
        return [(value, word) for value, (_emoji, word) in enumerate(self.answers, start=1)]

    def emoji(self, value: int | None) -> str:
        return self.answers[value - 1][0] if value in range(1, 6) else ""

    def word(self, value: int | None) -> str:
        return str(self.answers[value - 1][1]) if value in range(1, 6) else ""


MOOD = ScaleItem(
    "mood",
    _("How are you feeling this week?"),
    (("😞", _("Very bad")), ("🙁", _("Bad")), ("😐", _("Okay")), ("🙂", _("Good")), ("😄", _("Very good"))),
    required=True,
)
ENERGY = ScaleItem(
    "energy",
    _("How much energy have you had?"),
    (
        ("🪫", _("No energy")),
        ("🥱", _("Little energy")),
        ("😐", _("Some energy")),
        ("🙂", _("Quite a lot")),
        ("⚡", _("Lots of energy")),
    ),
)
STRESS = ScaleItem(
    "stress",
    _("How stressed have you felt?"),
    (
        ("😌", _("Not at all")),
        ("🙂", _("A little")),
        ("😐", _("Somewhat")),
        ("😟", _("Quite stressed")),
        ("😫", _("Very stressed")),
    ),
    higher_is_better=False,
)
SLEEP = ScaleItem(
    "sleep",
    _("How have you slept?"),
    (("😫", _("Very badly")), ("🥱", _("Badly")), ("😐", _("Okay")), ("🙂", _("Well")), ("😴", _("Very well"))),
)
BELONGING = ScaleItem(
    "belonging",
    _("There is an adult at school I can talk to"),
    (
        ("✖️", _("Not true")),
        ("➖", _("Mostly not true")),
        ("〰️", _("Partly true")),
        ("➕", _("Mostly true")),
        ("✔️", _("Completely true")),
    ),
)
SCALES: tuple[ScaleItem, ...] = (MOOD, ENERGY, STRESS, SLEEP, BELONGING)
SCALES_BY_KEY = {item.key: item for item in SCALES}

WORKLOAD_QUESTION = _("How did school work feel this week?")
HARDEST_SUBJECT_QUESTION = _("Which subject felt hardest?")
NO_SUBJECT_LABEL = _("None of them")
HELP_QUESTION = _("What would help you learn this week?")
REFLECTION_QUESTION = _("Anything you want to tell us? (optional)")
CONTACT_QUESTION = _("I would like someone from student health to contact me")

__all__ = [
    "SCALES",
    "SCALES_BY_KEY",
    "ScaleItem",
    "Workload",
    "HelpChoice",
    "NO_SUBJECT",
]
