"""The group page's "latest week in detail": a precomputed aggregate turned into rows to read.

Reads only WeekAggregate.stats (counts and means, no individuals); labels come
from the check-in items and the analysis' theme codes, in the viewer's language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from analytics.labels import theme_label
from analytics.models import WeekAggregate
from surveys.items import SCALES
from surveys.models import NO_SUBJECT, HelpChoice, Workload

# A short name for each scale, for a table row; stress is the one where high is hard.
_SCALE_NAMES = {
    "mood": gettext_lazy("Mood"),
    "energy": gettext_lazy("Energy"),
    "stress": gettext_lazy("Stress"),
    "sleep": gettext_lazy("Sleep"),
    "belonging": gettext_lazy("Adult to talk to"),
}


@dataclass(frozen=True)
class ScaleRow:
    name: str
    mean: float | None
    higher_is_better: bool
    shares: list[tuple[str, int]]  # (answer word, percent) for 1..5; empty when the answers were too alike


@dataclass(frozen=True)
class CountRow:
    label: str
    count: int | None  # None: (almost) everyone chose it, so the count is not shown


@dataclass(frozen=True)
class WeekDetail:
    aggregate: WeekAggregate
    scales: list[ScaleRow]
    workload: list[CountRow] | None  # None: the answers were too alike to show
    help_wanted: list[CountRow]
    hardest_subjects: list[CountRow] | None
    themes: list[CountRow] | None  # None when the text-derived part is suppressed


def _counts(counts: dict | None, label) -> list[CountRow] | None:
    if counts is None:
        return None
    rows = [CountRow(label(code), n) for code, n in counts.items() if n is None or n]
    # "Almost everyone" first, then the largest counts.
    return sorted(rows, key=lambda row: (row.count is not None, -(row.count or 0), row.label))


def week_detail(aggregates: list[WeekAggregate]) -> WeekDetail | None:
    """The newest week whose statistics are shown, or None if every recent week is suppressed."""
    shown = next((a for a in aggregates if not a.suppressed and a.stats.get("items")), None)
    if shown is None:
        return None
    stats = shown.stats
    scales = []
    for item in SCALES:
        values = stats["items"].get(item.key)
        if not values:
            continue
        distribution = values.get("distribution")
        total = sum(distribution.values()) if distribution else 0
        shares = (
            [(item.word(v), round(100 * distribution.get(str(v), 0) / total) if total else 0) for v in range(1, 6)]
            if distribution
            else []
        )
        scales.append(ScaleRow(str(_SCALE_NAMES[item.key]), values.get("mean"), item.higher_is_better, shares))
    workload_labels = dict(Workload.choices)
    help_labels = dict(HelpChoice.choices)
    text = stats.get("text")
    return WeekDetail(
        aggregate=shown,
        scales=scales,
        workload=_counts(stats.get("workload"), lambda code: str(workload_labels.get(code, code))),
        help_wanted=_counts(stats.get("help_wanted"), lambda code: str(help_labels.get(code, code))),
        hardest_subjects=_counts(
            stats.get("hardest_subject"), lambda name: _("None of them") if name == NO_SUBJECT else name
        ),
        themes=_counts(text.get("themes"), theme_label) if text else None,
    )
