"""A school's weekly aggregates per cell (school, grade, home group, teaching
group), with disclosure control. Pure functions: no ORM, no I/O.

The rules, each with the attack it answers (analytics/services/aggregation.py
decides when figures are published and for which audience):

- Per viewer (complementary suppression). A viewer who sees some students
  individually (teachers see students who share their scores or reflections,
  student health those who share their trends) could subtract them from a
  group's figure and read the rest. So the figures shown to a viewer describe
  only the students that viewer does not see individually (`hidden_scores`,
  `hidden_text`), and every rule below is applied to that population.
- Small cells. A cell with fewer than `min_responses` described responses
  publishes no statistics ("small"); its text part needs `min_text_responses`
  described texts.
- Partition differencing. Cells may declare a parent they partition (home
  group -> grade -> school). For each published parent, everything its
  published descendants do not cover (suppressed children, and respondents in
  no child at all) can be computed as the parent minus the visible parts. If
  that remainder is non-empty and smaller than the minimum, further children
  are suppressed, smallest first, as long as each one grows the remainder,
  until it reaches the minimum; if no set of children can do that, the parent
  is suppressed instead ("differencing").
- Nested differencing, across any cells including overlapping teaching
  groups: when one published cell's population is a strict subset of
  another's and the difference is smaller than the minimum, the smaller cell
  is suppressed ("differencing").
- Homogeneity. When all of a cell's answers to an item, or all but fewer than
  the minimum, fall on one value, the distribution would tell each student's
  answer. The distribution is then withheld and only the mean is shown, and
  not even the mean when every answer is the same. A choice that all, or all
  but fewer than the minimum, made (a workload answer, a subject, something
  that would help, a theme) is shown as `None` ("almost everyone") instead of
  its count.
- The rules are applied until nothing changes, in key order, so the result is
  deterministic. A cell whose scores are suppressed has its text suppressed
  too ("cell"), and counts as hidden for the text rules.

What is NOT protected here, and where it is:

- Reading the same week twice (a tracker: read, one student edits, read
  again): figures are published once, when the week's check-in closes, and a
  late change is folded in only when at least the minimum number of a cell's
  responses changed (services/aggregation.py).
- Differences across three or more overlapping cells that are not declared as
  a partition (e.g. home group A + home group B - teaching group T, when no
  published cell equals A + B).
- Differences between weeks: another week is other answers, never the same
  answers minus one.
- Counts: member_count, response_count, participation and text_count are
  always shown (they say who took part, not how anyone is).

Student keys only form sets; the one output that holds them is `population`,
which the publisher keeps to count changes and never shows.
"""

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

SCALE_ITEMS = ("mood", "energy", "stress", "sleep", "belonging")
WORKLOAD_CODES = ("too_easy", "about_right", "too_hard")  # always listed, 0 when nobody chose it

REASON_SMALL = "small"
REASON_DIFFERENCING = "differencing"
REASON_CELL = "cell"
REASON_CHANGED = "changed"  # set by the publisher: a published figure a small late change would expose

_SUPPRESSED_STATS = {"items": None, "workload": None, "hardest_subject": None, "help_wanted": None, "text": None}
# Item i with answer v is counted as the integer token 5 * i + v - 1; other
# answers as (kind, code) tuples, so one Counter pass per cell counts everything.
_ITEM_TOKENS = tuple(tuple(range(5 * i, 5 * i + 5)) for i in range(len(SCALE_ITEMS)))
_WORKLOAD, _SUBJECT, _HELP, _THEME = "w", "s", "h", "t"


@dataclass(frozen=True)
class ResponseRow:
    student: int  # an opaque key, used only to form sets; never appears in any output
    mood: int  # 1..5, always answered
    energy: int | None  # 1..5; None = not answered (only mood is required)
    stress: int | None
    sleep: int | None
    belonging: int | None
    workload: str  # "" = not answered; else "too_easy" | "about_right" | "too_hard"
    hardest_subject: str  # "" = not answered; "none" = "none of them"; else a subject name
    help_wanted: tuple[str, ...]  # choice codes
    has_text: bool  # wrote a reflection
    themes: tuple[str, ...]  # theme codes from the text analysis (() if no text or not analysed yet)
    polarity: float | None  # None if no text, not analysed yet, or language not analysed


@dataclass(frozen=True)
class Cell:
    key: tuple  # e.g. ("school", 3), ("grade", 8), ("group", 41)
    members: frozenset[int]  # students enrolled in the cell
    parent: tuple | None = None  # key of the cell this one partitions; None for top cells and teaching groups


@dataclass(frozen=True)
class CellAggregate:
    member_count: int
    response_count: int
    participation_rate: float | None  # percent, one decimal; None if no members
    suppressed: bool
    suppressed_reason: str  # "" | "small" | "differencing"
    text_count: int  # responses with text
    text_suppressed: bool
    text_suppressed_reason: str  # "" | "small" | "differencing" | "cell"
    stats: dict  # JSON-ready; every part derived from responses is None when suppressed
    described_count: int = 0  # responses the score statistics describe (the rest the viewer sees individually)
    text_described_count: int = 0  # texts the text statistics describe
    # The students the statistics describe (score or text part): for the publisher to count changes, never shown.
    population: frozenset[int] = frozenset()


def week_aggregates(
    rows: Sequence[ResponseRow],
    cells: Sequence[Cell],
    *,
    min_responses: int = 5,
    min_text_responses: int = 10,
    hidden_scores: frozenset[int] = frozenset(),
    hidden_text: frozenset[int] = frozenset(),
) -> dict[tuple, CellAggregate]:
    """Every cell's figures for a viewer who sees `hidden_scores` (scores) and `hidden_text` (reflections)
    individually; the defaults are a viewer who sees nobody."""
    if min_responses < 1 or min_text_responses < 1:
        raise ValueError("minimums must be at least 1")
    by_student = _index_rows(rows)

    keys = [cell.key for cell in cells]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate cell key")
    order = sorted(keys, key=_sort_key)
    cell_by_key = {cell.key: cell for cell in cells}
    children: dict[tuple, list[tuple]] = {}
    for key in order:
        parent = cell_by_key[key].parent
        if parent is not None and parent in cell_by_key and parent != key:
            children.setdefault(parent, []).append(key)

    # Set intersections in C, one per cell: linear in the sum of cell sizes.
    everyone = frozenset(by_student)
    writers = frozenset(s for s, row in by_student.items() if row.has_text)
    responded = {key: cell_by_key[key].members & everyone for key in order}
    described = {key: responded[key] - hidden_scores for key in order}
    wrote = {key: (responded[key] & writers) - hidden_text for key in order}

    reasons = _suppress(described, order, children, min_responses, {})
    text_reasons = _suppress(wrote, order, children, min_text_responses, dict.fromkeys(reasons, REASON_CELL))

    tokens = {s: _row_tokens(row) for s, row in by_student.items()}
    polarity = {s: row.polarity for s, row in by_student.items() if row.has_text and row.polarity is not None}
    result = {}
    for cell in cells:
        key = cell.key
        respondents = responded[key]
        members = len(cell.members)
        reason = reasons.get(key, "")
        text_reason = text_reasons.get(key, "")
        stats = (
            dict(_SUPPRESSED_STATS)
            if reason
            else _stats(described[key], wrote[key], tokens, polarity, text_reason, min_responses, min_text_responses)
        )
        result[key] = CellAggregate(
            member_count=members,
            response_count=len(respondents),
            participation_rate=round(100 * len(respondents) / members, 1) if members else None,
            suppressed=bool(reason),
            suppressed_reason=reason,
            text_count=len(respondents & writers),
            text_suppressed=bool(text_reason),
            text_suppressed_reason=text_reason,
            stats=stats,
            described_count=len(described[key]),
            text_described_count=len(wrote[key]),
            population=described[key] | wrote[key],
        )
    return result


def suppressed_stats() -> dict:
    """The stats of a cell that publishes nothing."""
    return dict(_SUPPRESSED_STATS)


def _index_rows(rows: Sequence[ResponseRow]) -> dict[int, ResponseRow]:
    by_student = {}
    for row in rows:
        if row.student in by_student:
            # Sets of students would silently undercount; one check-in per student and week is the invariant.
            raise ValueError("more than one row for a student")
        answers = (row.mood, row.energy, row.stress, row.sleep, row.belonging)
        if row.mood is None or not all(value is None or 1 <= value <= 5 for value in answers):
            raise ValueError("scale items must be 1..5 (only the optional ones may be missing)")
        by_student[row.student] = row
    return by_student


def _sort_key(key: tuple) -> tuple:
    # Keys may mix ints and strings in one position; the type name keeps them comparable.
    return tuple((type(part).__name__, part) for part in key)


def _suppress(
    respondents: dict[tuple, frozenset[int]],
    order: list[tuple],
    children: dict[tuple, list[tuple]],
    minimum: int,
    reasons: dict[tuple, str],
) -> dict[tuple, str]:
    for key in order:
        if key not in reasons and len(respondents[key]) < minimum:
            reasons[key] = REASON_SMALL
    parents = [key for key in order if key in children]
    by_size = sorted(order, key=lambda key: len(respondents[key]))  # stable: key order within a size
    sizes = [len(respondents[key]) for key in by_size]
    rank = {key: i for i, key in enumerate(order)}

    def covered(key: tuple, hidden_also: frozenset[tuple] = frozenset()) -> set[int]:
        # Respondents of the topmost published descendants: what a reader can subtract from `key`.
        seen: set[int] = set()
        stack = list(children.get(key, ()))
        visited = {key}
        while stack:
            child = stack.pop()
            if child in visited:
                continue  # a parent cycle in bad data must not loop forever
            visited.add(child)
            if child in reasons or child in hidden_also:
                stack.extend(children.get(child, ()))
            else:
                seen |= respondents[child]
        return seen

    changed = True
    while changed:
        changed = False
        for parent in parents:
            if parent in reasons:
                continue
            own = respondents[parent]
            hidden = len(own - covered(parent))
            if hidden == 0 or hidden >= minimum:
                continue
            candidates = sorted(
                (c for c in children[parent] if c not in reasons), key=lambda c: (len(respondents[c]), rank[c])
            )
            chosen: frozenset[tuple] = frozenset()
            for child in candidates:
                grown = len(own - covered(parent, chosen | {child}))
                if grown > hidden:
                    chosen, hidden = chosen | {child}, grown
                    if hidden >= minimum:
                        break
            if hidden >= minimum:
                for child in chosen:
                    reasons[child] = REASON_DIFFERENCING
            else:
                reasons[parent] = REASON_DIFFERENCING
            changed = True

        for key in order:
            if key in reasons:
                continue
            own = respondents[key]
            size = len(own)
            # Only cells a little larger can leak by difference; cells sorted by size find them by bisection.
            for other in by_size[bisect_right(sizes, size) : bisect_left(sizes, size + minimum)]:
                if other not in reasons and own < respondents[other]:
                    reasons[key] = REASON_DIFFERENCING
                    changed = True
                    break
    return reasons


def _row_tokens(row: ResponseRow) -> tuple:
    answers = (row.mood, row.energy, row.stress, row.sleep, row.belonging)
    tokens = [_ITEM_TOKENS[i][value - 1] for i, value in enumerate(answers) if value is not None]
    if row.workload:
        tokens.append((_WORKLOAD, row.workload))
    if row.hardest_subject:
        tokens.append((_SUBJECT, row.hardest_subject))
    # A code given twice in one answer counts once; themes count only for rows that have a text.
    if row.help_wanted:
        tokens.extend([(_HELP, code) for code in dict.fromkeys(row.help_wanted)])
    if row.has_text and row.themes:
        tokens.extend([(_THEME, code) for code in dict.fromkeys(row.themes)])
    return tuple(tokens)


def _stats(
    respondents: frozenset[int],
    writers: frozenset[int],
    tokens: dict[int, tuple],
    polarity: dict[int, float],
    text_reason: str,
    min_responses: int,
    min_text_responses: int,
) -> dict:
    counts = Counter(chain.from_iterable([tokens[s] for s in respondents]))
    items = {}
    for name, item_tokens in zip(SCALE_ITEMS, _ITEM_TOKENS, strict=True):
        distribution = {str(v): counts[t] for v, t in enumerate(item_tokens, start=1)}
        total = sum(v * counts[t] for v, t in enumerate(item_tokens, start=1))
        answered = sum(distribution.values())  # optional items: the mean is over those who answered
        mean = round(total / answered, 2) if answered else None
        top = max(distribution.values())
        if answered and answered - top < min_responses:
            # Homogeneous: the distribution would tell each answer; with one value for all, so would the mean.
            items[name] = {"mean": None if top == answered else mean, "distribution": None, "coarsened": True}
        else:
            items[name] = {"mean": mean, "distribution": distribution, "coarsened": False}
    workload = dict.fromkeys(WORKLOAD_CODES, 0)
    parts: dict[str, dict[str, int]] = {_WORKLOAD: workload, _SUBJECT: {}, _HELP: {}, _THEME: {}}
    for token, count in counts.items():
        if type(token) is tuple:
            parts[token[0]][token[1]] = count
    # One answer each (workload, hardest subject): homogeneous like a scale item when nearly all gave one.
    workload_answered = sum(workload.values())
    if workload_answered and workload_answered - max(workload.values()) < min_responses:
        workload = None
    subjects = dict(sorted(parts[_SUBJECT].items()))
    subjects_answered = sum(subjects.values())
    if subjects and subjects_answered - max(subjects.values()) < min_responses:
        subjects = None
    text = None
    if not text_reason:
        scores = [polarity[s] for s in writers if s in polarity]
        text = {
            "themes": _almost_everyone(dict(sorted(parts[_THEME].items())), len(writers), min_text_responses),
            "mean_polarity": round(sum(scores) / len(scores), 2) if scores else None,
        }
    return {
        "items": items,
        "workload": workload,
        "hardest_subject": subjects,
        "help_wanted": _almost_everyone(dict(sorted(parts[_HELP].items())), len(respondents), min_responses),
        "text": text,
    }


def _almost_everyone(counts: dict[str, int], total: int, minimum: int) -> dict[str, int | None]:
    """Counts of a choice several may make, with those that (almost) everyone made shown as None."""
    return {code: None if total - count < minimum else count for code, count in counts.items()}
