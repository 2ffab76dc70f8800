"""A student's history chart as SVG, and the numbers of its text alternative.

Pure functions: no ORM, no I/O. The chart holds numbers and the labels the
caller passes in, never free text from a student.
"""

import hashlib
import io
import math
import threading
from dataclasses import dataclass, fields
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

# The 1-5 items a chart can draw, in drawing and legend order.
SERIES = ("mood", "energy", "stress", "sleep", "belonging")
# Bumped whenever the drawing changes, so cached charts are redrawn.
CHART_VERSION = 1

SVG_ID = "history-chart"
TITLE_ID = f"{SVG_ID}-title"
DESC_ID = f"{SVG_ID}-desc"

# Okabe-Ito colours (safe for colour-blind readers), and a marker and dash per
# series so no line is told apart by colour alone.
_STYLE = {
    "mood": {"color": "#0072B2", "marker": "o", "linestyle": "-", "linewidth": 2.4},
    "energy": {"color": "#E69F00", "marker": "s", "linestyle": "--", "linewidth": 1.4},
    "stress": {"color": "#D55E00", "marker": "^", "linestyle": "-.", "linewidth": 1.4},
    "sleep": {"color": "#009E73", "marker": "D", "linestyle": ":", "linewidth": 1.4},
    "belonging": {"color": "#CC79A7", "marker": "v", "linestyle": (0, (5, 1, 1, 1)), "linewidth": 1.4},
}
_RC = {
    # A fixed salt makes the generated ids, hence the whole file, the same for the same input.
    "svg.hashsalt": "wellbeing-history-chart",
    "svg.id": SVG_ID,
    # Text as <text>, not glyph paths: smaller, and it scales crisply.
    "svg.fonttype": "none",
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # one name, not matplotlib's long fallback list on every label
    "font.size": 11,  # about 11 px on a 360 px phone: the viewBox is about as wide as the screen
}
# rcParams are process-global; concurrent renders in one process (a threaded
# worker pool) must not undo each other's settings mid-render.
_RENDER_LOCK = threading.Lock()
_MAX_TICKS = 6


@dataclass(frozen=True)
class ChartWeek:
    week: date  # the Monday of the ISO week
    mood: int | None
    energy: int | None = None
    stress: int | None = None
    sleep: int | None = None
    belonging: int | None = None

    def value(self, key: str) -> int | None:
        return getattr(self, key)


TREND_UP = "up"
TREND_DOWN = "down"
TREND_STEADY = "steady"
# The trend compares the mean of the latest check-ins (up to this many) with
# the same number just before them; a change smaller than the threshold is steady.
TREND_WINDOW = 3
TREND_THRESHOLD = 0.5


@dataclass(frozen=True)
class SeriesAverage:
    key: str
    average: float
    count: int


@dataclass(frozen=True)
class HistorySummary:
    count: int  # check-ins in the period
    first_week: date | None = None
    last_week: date | None = None
    latest_mood: int | None = None
    average_mood: float | None = None
    trend: str | None = None  # TREND_*; None with fewer than two moods
    averages: tuple[SeriesAverage, ...] = ()  # every series that has answers, in SERIES order


def present_series(weeks: list[ChartWeek]) -> list[str]:
    return [key for key in SERIES if any(w.value(key) is not None for w in weeks)]


def history_summary(weeks: list[ChartWeek]) -> HistorySummary:
    """The numbers a text alternative of the chart needs; the words are the template's."""
    ordered = sorted(weeks, key=lambda w: w.week)
    if not ordered:
        return HistorySummary(count=0)
    moods = [w.mood for w in ordered if w.mood is not None]
    averages = []
    for key in present_series(ordered):
        values = [v for w in ordered if (v := w.value(key)) is not None]
        averages.append(SeriesAverage(key=key, average=round(sum(values) / len(values), 1), count=len(values)))
    return HistorySummary(
        count=len(ordered),
        first_week=ordered[0].week,
        last_week=ordered[-1].week,
        latest_mood=moods[-1] if moods else None,
        average_mood=round(sum(moods) / len(moods), 1) if moods else None,
        trend=_trend(moods),
        averages=tuple(averages),
    )


def _trend(values: list[int]) -> str | None:
    if len(values) < 2:
        return None
    size = min(TREND_WINDOW, len(values) // 2)
    recent = values[-size:]
    before = values[-2 * size : -size]
    change = sum(recent) / size - sum(before) / size
    if change >= TREND_THRESHOLD:
        return TREND_UP
    if change <= -TREND_THRESHOLD:
        return TREND_DOWN
    return TREND_STEADY


def chart_fingerprint(weeks: list[ChartWeek], *, language: str) -> str:
    """Changes exactly when the drawn chart would: the data, the label language, the drawing version."""
    rows = sorted(tuple(getattr(w, f.name) for f in fields(ChartWeek)) for w in weeks)
    payload = repr((CHART_VERSION, language, [(row[0].isoformat(), *row[1:]) for row in rows]))
    return hashlib.sha256(payload.encode()).hexdigest()[:32]


def history_svg(weeks: list[ChartWeek], *, labels: dict, title: str) -> str:
    """The weeks as lines on a 1-5 scale, one per series that has answers, as an SVG document.

    `labels` holds one name per series key, and "week" (x axis), "scale"
    (y axis) and "description" (the SVG's <desc>); all optional but the
    series names. Weeks without a check-in leave a gap in the lines.
    """
    # Imported here: web processes use this module for the summary and fingerprint but never draw.
    import matplotlib
    from matplotlib.figure import Figure
    from matplotlib.ticker import FixedLocator

    ordered = sorted(weeks, key=lambda w: w.week)
    series = present_series(ordered)
    with _RENDER_LOCK, matplotlib.rc_context(_RC):
        figure = Figure(figsize=(4.5, 3.2), layout="constrained")
        axes = figure.add_subplot()
        positions: list[int] = []
        if ordered:
            first = ordered[0].week
            span = (ordered[-1].week - first).days // 7 + 1
            by_position = {(w.week - first).days // 7: w for w in ordered}
            positions = list(range(span))
            for key in series:
                # NaN for a week without an answer: matplotlib breaks the line there.
                values = [_value_or_nan(by_position.get(p), key) for p in positions]
                axes.plot(positions, values, label=str(labels[key]), gid=f"series-{key}", markersize=5, **_STYLE[key])
            step = math.ceil(span / _MAX_TICKS)
            ticks = sorted(range(span - 1, -1, -step))  # counted from the newest week, so it always has a label
            axes.xaxis.set_major_locator(FixedLocator(ticks))
            axes.set_xticklabels([str((first + timedelta(weeks=p)).isocalendar()[1]) for p in ticks])
        axes.set_xlim(-0.5, max(len(positions), 1) - 0.5)
        axes.set_ylim(0.6, 5.4)
        axes.set_yticks([1, 2, 3, 4, 5])
        axes.grid(axis="y", color="#dddddd", linewidth=0.8)
        axes.spines[["top", "right"]].set_visible(False)
        if "week" in labels:
            axes.set_xlabel(str(labels["week"]))
        if "scale" in labels:
            axes.set_ylabel(str(labels["scale"]))
        if series:
            # Three names fit a row on a phone; longer translations get two.
            ncols = 3 if max(len(str(labels[key])) for key in series) <= 16 else 2
            figure.legend(loc="outside lower center", ncols=ncols, frameon=False, fontsize=10, handlelength=2.5)
        buffer = io.StringIO()
        # No date or creator: the same data gives the same bytes, so it caches and diffs well.
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _accessible(buffer.getvalue(), title=title, description=str(labels.get("description", "")))


def _value_or_nan(week: ChartWeek | None, key: str) -> float:
    value = week.value(key) if week is not None else None
    return math.nan if value is None else float(value)


def _accessible(svg: str, *, title: str, description: str) -> str:
    """Make matplotlib's file fit inline in HTML and for screen readers.

    Drops the XML prolog and the fixed width and height (the viewBox stays, so
    the chart scales to its container), names the image with <title> and
    <desc>, and gives it role="img".
    """
    start = svg.index("<svg")
    head_end = svg.index(">", start)
    head = svg[start:head_end]
    for attribute in ("width", "height"):
        head = _drop_attribute(head, attribute)
    described = f" aria-describedby={quoteattr(DESC_ID)}" if description else ""
    head += f' role="img" aria-labelledby={quoteattr(TITLE_ID)}{described}>'
    head += f"\n <title id={quoteattr(TITLE_ID)}>{escape(title)}</title>"
    if description:
        head += f"\n <desc id={quoteattr(DESC_ID)}>{escape(description)}</desc>"
    # matplotlib writes its own <metadata> (RDF) block; the <title>/<desc> above replace it.
    body = svg[head_end + 1 :]
    meta_start = body.find("<metadata>")
    if meta_start != -1:
        body = body[:meta_start] + body[body.index("</metadata>") + len("</metadata>") :]
    return head + body


def _drop_attribute(tag: str, name: str) -> str:
    marker = f' {name}="'
    at = tag.find(marker)
    if at == -1:
        return tag
    end = tag.index('"', at + len(marker))
    return tag[:at] + tag[end + 1 :]
