"""How the demo's invented students answer, drawn from a seeded random.Random.
Pure functions: no ORM; the current time comes in as an argument."""

import random
import unicodedata
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from surveys.models import NO_SUBJECT, HelpChoice, Workload
from wellbeing.models import ConsentScope

from .plan import SCORES, TEXT, TRENDS, WEEKS


def consent_plan(rng: random.Random) -> tuple[tuple[ConsentScope, ...], bool]:
    # About 40% share scores with teachers, 20% also their text, a third
    # their trends with student health, and about half share nothing.
    draw, trends_draw, revoke_draw = rng.random(), rng.random(), rng.random()
    if draw < 0.20:
        scopes = (SCORES, TEXT) + ((TRENDS,) if trends_draw < 0.55 else ())
    elif draw < 0.40:
        scopes = (SCORES,) + ((TRENDS,) if trends_draw < 0.45 else ())
    elif draw < 0.43:
        scopes = (TEXT,)
    elif draw < 0.58:
        scopes = (TRENDS,)
    else:
        scopes = ()
    return scopes, TEXT not in scopes and revoke_draw < 0.08


def participation(rng: random.Random) -> float:
    kind = rng.random()
    if kind < 0.70:
        return rng.uniform(0.85, 1.0)
    if kind < 0.90:
        return rng.uniform(0.6, 0.85)
    return rng.uniform(0.3, 0.6)


def optional_items(rng: random.Random, mood: int, belonging: float, thorough: float, subjects: list[str]) -> dict:
    """The optional items, following the week's mood: a bad week sleeps worse, is more stressed, finds work harder."""

    def scale(centre: float, spread: float) -> int | None:
        value = min(5, max(1, round(rng.gauss(centre, spread))))
        return value if rng.random() < thorough else None

    items = {
        "energy": scale(0.8 * mood + 0.6, 0.8),
        "stress": scale(5.7 - 0.9 * mood, 0.9),  # 5 is the most stressed
        "sleep": scale(0.7 * mood + 0.9, 0.9),
        "belonging": scale(belonging + 0.2 * (mood - 3), 0.6),
    }
    hard = {1: 0.55, 2: 0.4, 3: 0.25, 4: 0.15, 5: 0.1}[mood]
    workload = rng.choices(
        (Workload.TOO_EASY, Workload.ABOUT_RIGHT, Workload.TOO_HARD), weights=(0.12, 0.88 - hard, hard)
    )[0]
    wanted = {
        Workload.TOO_HARD: ((HelpChoice.EXPLANATION, 0.6), (HelpChoice.TIME, 0.4), (HelpChoice.TOGETHER, 0.2)),
        Workload.TOO_EASY: ((HelpChoice.CHALLENGE, 0.7), (HelpChoice.ALONE, 0.2)),
        Workload.ABOUT_RIGHT: ((HelpChoice.TOGETHER, 0.2), (HelpChoice.BREAKS, 0.15), (HelpChoice.ALONE, 0.1)),
    }[workload]
    help_wanted = [choice.value for choice, chance in wanted if rng.random() < chance]
    subject_draw = rng.random()
    if workload == Workload.TOO_HARD:
        # Only subject groups have a subject to name; a class alone leaves the item unanswered.
        hardest = subjects[int(subject_draw * len(subjects))] if subjects else ""
    else:
        hardest = NO_SUBJECT if subject_draw < 0.5 else ""
    answers_work = rng.random() < thorough
    # A few bad weeks end with a request for contact; the demo's health staff have a queue to work through.
    contact_draw = rng.random()
    return items | {
        "workload": workload.value if answers_work else "",
        "help_wanted": help_wanted if answers_work else [],
        "hardest_subject": hardest if answers_work else "",
        "contact_request": contact_draw < {1: 0.15, 2: 0.03}.get(mood, 0.0),
    }


def mood_for_week(rng: random.Random, trajectory: str, index: int, offset: float) -> int:
    t = index / (WEEKS - 1)
    centre, spread = {
        "good": (4.2, 0.55),
        "middling": (3.1, 0.6),
        "decline": (4.1 - 2.3 * t, 0.45),
        "recovery": (1.9 + 2.3 * t, 0.45),
        "volatile": (3.0, 1.3),
    }[trajectory]
    return min(5, max(1, round(rng.gauss(centre + offset, spread))))


def moment_in_week(rng: random.Random, monday: date, tz_name: str, now: datetime) -> datetime:
    """When in the week a check-in was sent: mostly Monday morning's mentor time, some evenings."""
    day = rng.choices(range(5), weights=(45, 20, 15, 10, 10))[0]
    at_school = rng.random() < 0.75
    minutes = rng.randint(8 * 60 + 10, 15 * 60 + 30) if at_school else rng.randint(18 * 60, 21 * 60 + 30)
    fraction = rng.random()  # always drawn, so the clock never shifts later draws
    start = datetime.combine(monday, clock(), tzinfo=ZoneInfo(tz_name))
    moment = start + timedelta(days=day, minutes=minutes)
    if moment > now:
        # The current week, and that moment has not come yet: some moment since Monday began.
        moment = start + (now - start) * fraction
    return moment


def ascii_name(name: str) -> str:
    name = name.lower().replace("ø", "o").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if c.isascii() and c.isalnum())
