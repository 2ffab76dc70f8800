"""A student's wellbeing index and their trend against their own recent past.

Pure functions: no ORM, no I/O. Everything here is numbers by week.

The wellbeing index puts the five 1-5 items on one 0-100 scale: each item is
mapped linearly (1 -> 0, 5 -> 100), stress is reversed first (6 - stress, so
high always means well), and the five get equal weight. A student answering 3
to everything scores 50.

The trend compares the latest check-in with a personal baseline and asks
whether a fall is real and lasting, not one bad week:

    |<---------- baseline: up to BASELINE_MAX check-ins ---------->|<-- recent window -->|
    recent_start - LOOKBACK_WEEKS                          recent_start              week

- The recent window is the RECENT_WEEKS calendar weeks ending at `week`. Its
  check-ins are what the decline test looks at, so they are kept out of the
  baseline: a slide must not drag down the yardstick it is measured against.
- The baseline is the mean and sample standard deviation of the latest
  BASELINE_MAX check-ins in the LOOKBACK_WEEKS before the recent window. Missing
  weeks (holidays, absence) simply contribute nothing. With fewer than
  MIN_BASELINE check-ins there is no baseline, and the trend says nothing.
- "Current" is the latest check-in in the recent window (not necessarily
  `week` itself: a student who skipped this week is judged on their last one).
- A value is clearly below (above) the baseline when it differs by at least
  max(baseline sd, scale.min_change). The sd term means a student whose weeks
  swing a lot must swing further; the min_change term means a very steady
  student is not flagged for a dip nobody would notice.
- sustained_decline is true when the latest RECENT_COUNT check-ins, all inside
  the recent window, are either
    a) all clearly below the baseline, or
    b) a steady fall: each lower than the one before, the first already below
       the baseline mean and the latest clearly below it.
  One bad week never satisfies either rule; recovering this week breaks both.

Thresholds depend on the scale of the series, so they come in a TrendScale:
ITEM_SCALE for a single 1-5 item such as mood, INDEX_SCALE for the 0-100
index. A trend looks for falls; pass 6 - stress for the stress item.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

SCALE_ITEMS = ("mood", "energy", "stress", "sleep", "belonging")  # 1..5 each; stress: 5 = very stressed

# Up to this many earlier check-ins form the baseline: about two months of school weeks.
BASELINE_MAX = 8
# Fewer than this and a mean and sd say more about chance than about the student.
MIN_BASELINE = 4
# The baseline looks back at most this many weeks before the recent window, so a
# term-old self is not the yardstick (and summer holidays still leave enough weeks).
LOOKBACK_WEEKS = 16
# The decline test needs this many low check-ins: three weeks is a pattern, one is a bad week.
RECENT_COUNT = 3
# ... all within this many calendar weeks, so one skipped week does not hide a decline.
RECENT_WEEKS = 5

DIRECTION_UP = "up"
DIRECTION_DOWN = "down"
DIRECTION_STEADY = "steady"
DIRECTION_NONE = ""  # no baseline, or no recent check-in to compare


@dataclass(frozen=True)
class TrendScale:
    min_change: float  # the smallest difference from the baseline that counts as clear, in the series' units
    sd_floor: float  # z divides by at least this, so a very steady student's small dip is not a huge z


# One 1-5 item: with whole-number answers a 0.75 threshold means, in practice, a
# whole point below a typical week; an sd floor of half a point.
ITEM_SCALE = TrendScale(min_change=0.75, sd_floor=0.5)
# The 0-100 index moves 5 points per item-point (an average of five items is
# smoother than one item): two item-points is clear, one item-point is the sd floor.
INDEX_SCALE = TrendScale(min_change=10.0, sd_floor=5.0)

_ONE_WEEK = timedelta(weeks=1)


@dataclass(frozen=True)
class Trend:
    baseline_weeks: int  # how many earlier check-ins the baseline used (or found, when too few)
    baseline_mean: float | None  # None when too few earlier check-ins (< min_baseline)
    baseline_sd: float | None
    deviation: float | None  # current - baseline_mean
    z: float | None  # deviation / max(sd, scale.sd_floor)
    direction: str  # "up" | "down" | "steady" | "" (no baseline or no recent check-in)
    sustained_decline: bool


def wellbeing_index(
    *, mood: int, energy: int | None, stress: int | None, sleep: int | None, belonging: int | None
) -> float:
    """The five scale items as one 0-100 score: each answer 1..5 maps to 0..100, stress reversed, equal weights.

    Only mood is required in a check-in; the index is the mean over the items
    answered, so skipping an item neither raises nor lowers it.
    """
    answers = {"mood": mood, "energy": energy, "stress": stress, "sleep": sleep, "belonging": belonging}
    points = []
    for name, value in answers.items():
        if value is None and name != "mood":
            continue
        if value is None or not 1 <= value <= 5:
            raise ValueError(f"{name} must be 1..5")
        points.append(25.0 * ((6 - value if name == "stress" else value) - 1))
    return round(sum(points) / len(points), 1)


def trend(
    history: Sequence[tuple[date, float]],
    week: date,
    *,
    scale: TrendScale = INDEX_SCALE,
    baseline_max: int = BASELINE_MAX,
    min_baseline: int = MIN_BASELINE,
    lookback_weeks: int = LOOKBACK_WEEKS,
    recent_count: int = RECENT_COUNT,
    recent_weeks: int = RECENT_WEEKS,
) -> Trend:
    if min_baseline < 2 or baseline_max < min_baseline or recent_count < 1 or recent_weeks < 1:
        raise ValueError("invalid trend window")
    recent_start = week - (recent_weeks - 1) * _ONE_WEEK
    baseline_start = recent_start - lookback_weeks * _ONE_WEEK

    # One value per week (the last given wins), later weeks ignored, oldest first.
    by_week = {d: v for d, v in history if baseline_start <= d <= week}
    ordered = sorted(by_week.items())
    baseline = [v for d, v in ordered if d < recent_start][-baseline_max:]
    recent = [v for d, v in ordered if d >= recent_start]

    n = len(baseline)
    if n < min_baseline:
        return Trend(n, None, None, None, None, DIRECTION_NONE, False)
    mean = sum(baseline) / n
    sd = math.sqrt(sum((v - mean) ** 2 for v in baseline) / (n - 1))
    if not recent:
        return Trend(n, mean, sd, None, None, DIRECTION_NONE, False)

    clear = max(sd, scale.min_change)
    deviation = recent[-1] - mean
    z = deviation / max(sd, scale.sd_floor)
    if deviation <= -clear:
        direction = DIRECTION_DOWN
    elif deviation >= clear:
        direction = DIRECTION_UP
    else:
        direction = DIRECTION_STEADY

    sustained = False
    if len(recent) >= recent_count:
        last = recent[-recent_count:]
        all_clearly_below = all(v - mean <= -clear for v in last)
        steady_fall = (
            last[0] < mean and deviation <= -clear and all(b < a for a, b in zip(last, last[1:], strict=False))
        )
        sustained = all_clearly_below or steady_fall
    return Trend(n, mean, sd, deviation, z, direction, sustained)
