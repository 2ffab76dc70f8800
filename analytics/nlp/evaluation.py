"""How well the concern detector does on labelled reflections. Pure functions: no ORM, no I/O, no logging.

A row is one labelled reflection: {"text", "language", "level", "categories"}.
Per language and level the figures are:
- recall: the share of rows labelled L that were detected at L or higher
  (calling a crisis too high is not a miss; calling it too low is);
- exact: the share detected at exactly L.
Per language also:
- crisis recall: the share of `urgent` and `emergency` rows detected as urgent or emergency;
- false alarms: the share of `none` rows flagged at any level, and apart for the rows marked `tricky`
  (ordinary, but with words a keyword list would flag) and the plain ones;
- over-escalation: the share of `concern` rows detected as urgent or emergency.
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .concern import CATEGORIES, CONCERN, LEVELS, NONE, URGENT, Concern, detect_concern, level_rank

ALL = "all"


@dataclass(frozen=True)
class Row:
    text: str
    language: str
    level: str
    categories: tuple[str, ...]
    line: int = 0  # 1-based line in its file, so a miss can be found without printing a child's words
    tricky: bool = False  # an ordinary reflection with words a keyword list would flag


@dataclass(frozen=True)
class LevelFigures:
    count: int
    recall: float | None  # None when there are no rows of this level
    exact: float | None


@dataclass(frozen=True)
class LanguageFigures:
    language: str
    count: int
    levels: dict[str, LevelFigures]
    exact: float | None  # over all rows of the language
    false_alarms: float | None
    over_escalation: float | None
    crisis_recall: float | None = None
    false_alarms_tricky: float | None = None
    false_alarms_plain: float | None = None


@dataclass(frozen=True)
class Miss:
    line: int
    expected: str
    detected: str


def parse_rows(lines: Iterable[str]) -> list[Row]:
    """Rows from JSON Lines; blank lines are skipped. ValueError names the line of a bad row, never its text."""
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            row = Row(
                item["text"],
                item["language"],
                item["level"],
                tuple(item["categories"]),
                number,
                bool(item.get("tricky", False)),
            )
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise ValueError(f"line {number}: not a row like {{text, language, level, categories}} ({exc})") from None
        if not isinstance(row.text, str) or row.level not in LEVELS:
            raise ValueError(f"line {number}: level must be one of {', '.join(LEVELS)}")
        if unknown := set(row.categories) - CATEGORIES.keys():
            raise ValueError(f"line {number}: unknown categories {sorted(unknown)}")
        rows.append(row)
    return rows


def _share(hits: int, count: int) -> float | None:
    return hits / count if count else None


def _figures(language: str, pairs: list[tuple[Row, Concern]]) -> LanguageFigures:
    levels = {}
    for level in LEVELS:
        detected = [level_rank(found.level) for row, found in pairs if row.level == level]
        levels[level] = LevelFigures(
            count=len(detected),
            recall=_share(sum(rank >= level_rank(level) for rank in detected), len(detected)),
            exact=_share(sum(rank == level_rank(level) for rank in detected), len(detected)),
        )
    none = [found for row, found in pairs if row.level == NONE]
    tricky = [found for row, found in pairs if row.level == NONE and row.tricky]
    plain = [found for row, found in pairs if row.level == NONE and not row.tricky]
    crisis = [found for row, found in pairs if level_rank(row.level) >= level_rank(URGENT)]
    concern = [found for row, found in pairs if row.level == CONCERN]
    return LanguageFigures(
        language=language,
        count=len(pairs),
        levels=levels,
        exact=_share(sum(row.level == found.level for row, found in pairs), len(pairs)),
        false_alarms=_share(sum(found.level != NONE for found in none), len(none)),
        over_escalation=_share(sum(level_rank(found.level) >= level_rank(URGENT) for found in concern), len(concern)),
        crisis_recall=_share(sum(level_rank(found.level) >= level_rank(URGENT) for found in crisis), len(crisis)),
        false_alarms_tricky=_share(sum(found.level != NONE for found in tricky), len(tricky)),
        false_alarms_plain=_share(sum(found.level != NONE for found in plain), len(plain)),
    )


def evaluate(
    rows: Iterable[Row], detector: Callable[[str, str], Concern] = detect_concern
) -> dict[str, LanguageFigures]:
    """Figures per language, in order of first appearance, and for all rows together under "all"."""
    pairs = [(row, detector(row.text, row.language)) for row in rows]
    languages = list(dict.fromkeys(row.language for row, _ in pairs))
    figures = {language: _figures(language, [p for p in pairs if p[0].language == language]) for language in languages}
    figures[ALL] = _figures(ALL, pairs)
    return figures


def misses(rows: Iterable[Row], detector: Callable[[str, str], Concern] = detect_concern) -> list[Miss]:
    """Rows detected at another level than labelled, by line, without their text."""
    found = []
    for row in rows:
        detected = detector(row.text, row.language).level
        if detected != row.level:
            found.append(Miss(row.line, row.level, detected))
    return found


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.1f}"


def render_summary(figures: dict[str, LanguageFigures]) -> str:
    """The figures that decide whether detection is good enough, one line per language."""
    lines = [
        f"{'language':<9}{'crisis recall %':>16}{'concern flagged %':>19}{'false alarms tricky %':>23}"
        f"{'false alarms plain %':>22}"
    ]
    for language, figure in figures.items():
        concern = figure.levels[CONCERN].recall
        lines.append(
            f"{language:<9}{_percent(figure.crisis_recall):>16}{_percent(concern):>19}"
            f"{_percent(figure.false_alarms_tricky):>23}{_percent(figure.false_alarms_plain):>22}"
        )
    return "\n".join(lines)


def render_table(figures: dict[str, LanguageFigures]) -> str:
    """A plain-text table: one line per language and level, then the language's totals."""
    lines = [
        f"{'language':<9}{'level':<11}{'rows':>5}{'recall %':>10}{'exact %':>9}{'false alarms %':>16}"
        f"{'over-escalation %':>19}"
    ]
    for language, figure in figures.items():
        lines.append("-" * len(lines[0]))
        for level, row in figure.levels.items():
            lines.append(f"{language:<9}{level:<11}{row.count:>5}{_percent(row.recall):>10}{_percent(row.exact):>9}")
        lines.append(
            f"{language:<9}{'(total)':<11}{figure.count:>5}{'':>10}{_percent(figure.exact):>9}"
            f"{_percent(figure.false_alarms):>16}{_percent(figure.over_escalation):>19}"
        )
    return "\n".join(lines)
