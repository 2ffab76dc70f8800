"""The student's history chart: drawn by a worker into the cache, read by the pages."""

import logging

from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext, ngettext

from surveys.weeks import iso_label
from wellbeing.fields import encrypt_text
from wellbeing.models import User

from ..charts import ChartWeek, chart_fingerprint, history_svg
from ..selectors import chart_language, chart_pending_key, chart_pointer_key, chart_svg_key, student_chart_weeks

logger = logging.getLogger(__name__)

# How long a drawn chart stays in the cache. It is health data about a minor:
# kept no longer than useful, deleted when superseded, redrawn on demand after.
CHART_CACHE_SECONDS = 14 * 24 * 3600
# A page view asks for a drawing at most once per this many seconds per student.
CHART_PENDING_SECONDS = 60


def _chart_labels(weeks: list[ChartWeek]) -> tuple[str, dict]:
    """The chart's title and labels in the active language: our own strings and numbers, never student text."""
    labels = {
        "mood": gettext("Mood"),
        "energy": gettext("Energy"),
        "stress": gettext("Stress"),
        "sleep": gettext("Sleep"),
        "belonging": gettext("Adult to talk to"),
        "week": gettext("Week"),
        "scale": gettext("1 = low, 5 = high"),
        "description": ngettext(
            "Your answers on a scale from 1 to 5, in %(count)d check-in from week %(first)s to week %(last)s.",
            "Your answers on a scale from 1 to 5, in %(count)d check-ins from week %(first)s to week %(last)s.",
            len(weeks),
        )
        % {"count": len(weeks), "first": iso_label(weeks[0].week), "last": iso_label(weeks[-1].week)},
    }
    return gettext("My check-ins week by week"), labels


def student_chart_render(*, student_id: int) -> bool:
    """Draw the student's history chart into the cache; True if drawn, False if already current or nothing to draw.

    Idempotent: the chart's key is the fingerprint of the data it shows, so a
    repeat finds it current and draws nothing.
    """
    student = User.objects.select_related("school").filter(pk=student_id, is_student=True).first()
    if student is None:
        student_chart_delete(student_id=student_id)  # erased before its task ran
        return False
    weeks = student_chart_weeks(student)
    if not weeks:
        student_chart_delete(student_id=student_id)
        return False
    language = chart_language(student)
    fingerprint = chart_fingerprint(weeks, language=language)
    key = chart_svg_key(student_id, fingerprint)
    pointer = chart_pointer_key(student_id)
    previous = cache.get(pointer)
    if previous == fingerprint and cache.has_key(key):
        return False
    with translation.override(language):
        title, labels = _chart_labels(weeks)
        svg = history_svg(weeks, labels=labels, title=title)
    # Sealed like a reflection: a student's weekly series is health data, and Redis keeps it in the clear.
    cache.set_many({key: encrypt_text(svg), pointer: fingerprint}, timeout=CHART_CACHE_SECONDS)
    if previous and previous != fingerprint:
        cache.delete(chart_svg_key(student_id, previous))
    logger.info("drew the history chart of student %s", student_id)
    return True


def student_chart_delete(*, student_id: int) -> None:
    """Remove the student's cached chart, for erasure and when nothing is left to draw."""
    pointer = chart_pointer_key(student_id)
    fingerprint = cache.get(pointer)
    keys = [pointer, chart_pending_key(student_id)]
    if fingerprint:
        keys.append(chart_svg_key(student_id, fingerprint))
    cache.delete_many(keys)


def student_chart_request(*, student_id: int) -> bool:
    """Ask a worker to draw the student's chart, at most once per CHART_PENDING_SECONDS; True if asked."""
    # Imported here: tasks import this module.
    from ..tasks import student_chart_render_task

    if not cache.add(chart_pending_key(student_id), 1, timeout=CHART_PENDING_SECONDS):
        return False
    student_chart_render_task.delay_on_commit(student_id)
    return True
