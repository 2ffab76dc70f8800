"""Celery tasks: each takes ids or nothing, calls one service, and is safe to run twice."""

from datetime import date

from celery import shared_task
from celery.signals import worker_process_init

from surveys.schedules import windows_close, windows_open
from wellbeing.models import Group

from . import services
from .nlp import classifier


@worker_process_init.connect
def concern_model_load(**kwargs) -> None:
    # Each worker process reads the concern model (about 0.6 s) when it starts, not when the first
    # reflection, perhaps an urgent one, arrives.
    classifier.model()


@shared_task(acks_late=True)
def checkins_analyse_pending_task() -> int:
    # acks_late is safe: ids are claimed with a lease and scores are upserts
    # keyed by check-in, revision and analyser version.
    return services.checkins_analyse_pending()


@shared_task(acks_late=True)
def checkins_analyse_task(checkin_ids: list[int]) -> int:
    """Analyse a given batch now: used by `manage.py rescore` for history."""
    return services.checkins_analyse(checkin_ids)


@shared_task(acks_late=True)
def checkins_score_sweep_task() -> int:
    return services.checkins_score_sweep()


@shared_task(acks_late=True)
def student_chart_render_task(student_id: int) -> None:
    # acks_late is safe: the chart is keyed by a fingerprint of its data, so
    # a redelivery finds it current and draws nothing.
    services.student_chart_render(student_id=student_id)


@shared_task(acks_late=True)
def student_charts_render_task(student_ids: list[int]) -> None:
    """The charts of a scored batch's students; each is skipped if already current, so a redelivery is cheap."""
    for student_id in student_ids:
        services.student_chart_render(student_id=student_id)


@shared_task(acks_late=True)
def school_week_publish_task(school_id: int, week: str) -> int:
    # acks_late is safe: publishing again finds nothing changed and writes nothing.
    return services.school_week_publish(school_id=school_id, week=date.fromisoformat(week))


@shared_task(acks_late=True)
def aggregates_republish_task() -> int:
    """The scheduled republication of the recent weeks: late changes folded in where enough changed."""
    return services.school_weeks_republish()


@shared_task(acks_late=True)
def notifications_send_task() -> int:
    # Sends every email that is due in the outbox, whoever rang: a new request, a raised alert or the sweep.
    # acks_late is safe: each email is claimed by a conditional UPDATE, and recorded as sent only after.
    return services.notifications_send_due()


@shared_task(acks_late=True)
def windows_sync_task() -> None:
    # Opens this week's windows and does the closing work of those that closed: a school's week is
    # published when its last window has closed. Then the weeks a student's "share my earlier check-ins
    # too" made stale are republished. Claims, upserts and idempotent publications: a second run changes
    # nothing.
    windows_open()
    closed = windows_close()
    schools = dict(Group.objects.filter(pk__in={group_id for group_id, _ in closed}).values_list("pk", "school_id"))
    for school_id, week in sorted({(schools[group_id], week) for group_id, week in closed if group_id in schools}):
        services.school_week_publish(school_id=school_id, week=week)
    services.school_weeks_publish_due()
    services.school_weeks_republish(stale_only=True)


@shared_task(acks_late=True)
def instrument_response_score_task(response_id: int) -> None:
    services.instrument_response_score(response_id=response_id)
