"""Scoring of validated instruments by their published rules. Pure functions.

WHO-5 Well-Being Index (WHO Collaborating Centre in Mental Health, Psychiatric
Centre North Zealand, 1998; free to use): five items scored 0-5, raw score
0-25, percentage score = raw x 4; a percentage of 50 or below indicates poor
wellbeing and suggests screening for depression.

SWEMWBS, the Short Warwick-Edinburgh Mental Wellbeing Scale (Stewart-Brown et
al., Health and Quality of Life Outcomes 2009, 7:15): seven items scored 1-5.
The raw sum (7-35) is not the score: it is converted to a metric score with
the published Rasch conversion table below.
"""

from collections.abc import Sequence
from dataclasses import dataclass

WHO5_ITEMS = 5
WHO5_ITEM_RANGE = range(6)  # 0..5
WHO5_POOR_WELLBEING_AT_OR_BELOW = 50

SWEMWBS_ITEMS = 7
SWEMWBS_ITEM_RANGE = range(1, 6)
SWEMWBS_COPYRIGHT = (
    "Short Warwick-Edinburgh Mental Well-Being Scale (SWEMWBS) © University of Warwick, 2006, all rights reserved."
)
# Raw score 7..35 -> metric score, from the SWEMWBS scoring guidance.
SWEMWBS_METRIC = {
    raw: metric
    for raw, metric in zip(
        range(7, 36),
        (
            7.00,
            9.51,
            11.25,
            12.40,
            13.33,
            14.08,
            14.75,
            15.32,
            15.84,
            16.36,
            16.88,
            17.43,
            17.98,
            18.59,
            19.25,
            19.98,
            20.73,
            21.54,
            22.35,
            23.21,
            24.11,
            25.03,
            26.02,
            27.03,
            28.13,
            29.31,
            30.70,
            32.55,
            35.00,
        ),  # fmt: skip
        strict=True,
    )
}


class InstrumentError(ValueError):
    """Answers that the instrument's rules cannot score."""


@dataclass(frozen=True)
class Who5Score:
    raw: int  # 0-25
    percentage: int  # 0-100
    poor_wellbeing: bool


@dataclass(frozen=True)
class SwemwbsScore:
    raw: int  # 7-35
    metric: float  # 7.00-35.00


def _check(answers: Sequence[int], count: int, allowed: range, name: str) -> None:
    if len(answers) != count:
        raise InstrumentError(f"{name} needs exactly {count} answers, got {len(answers)}")
    for answer in answers:
        if isinstance(answer, bool) or not isinstance(answer, int) or answer not in allowed:
            raise InstrumentError(f"{name} answers must be whole numbers from {allowed.start} to {allowed.stop - 1}")


def score_who5(answers: Sequence[int]) -> Who5Score:
    _check(answers, WHO5_ITEMS, WHO5_ITEM_RANGE, "WHO-5")
    raw = sum(answers)
    percentage = raw * 4
    return Who5Score(raw=raw, percentage=percentage, poor_wellbeing=percentage <= WHO5_POOR_WELLBEING_AT_OR_BELOW)


def score_swemwbs(answers: Sequence[int]) -> SwemwbsScore:
    _check(answers, SWEMWBS_ITEMS, SWEMWBS_ITEM_RANGE, "SWEMWBS")
    raw = sum(answers)
    return SwemwbsScore(raw=raw, metric=SWEMWBS_METRIC[raw])
