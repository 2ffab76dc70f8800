from datetime import date

from celery import shared_task

from surveys.schedules import windows_close, windows_open

from . import services


@shared_task(acks_late=True)
def checkin_score_task(checkin_id: int) -> None:
    # acks_late is safe: scoring is a conditional upsert keyed by check-in,
    # revision and analyser version, so a redelivery changes nothing.
    services.checkin_score(checkin_id=checkin_id)
    group_ids, week = services.group_ids_for_checkin(checkin_id)
    for group_id in group_ids:
        services.group_week_aggregate_recompute(group_id=group_id, week=week)
    # Not delay_on_commit: this task holds no transaction, so there is nothing to wait for.
    if (student_id := services.student_id_for_checkin(checkin_id)) is not None:
        student_chart_render_task.delay(student_id)


@shared_task(acks_late=True)
def student_chart_render_task(student_id: int) -> None:
    # acks_late is safe: the chart is keyed by a fingerprint of its data, so
    # a redelivery finds it current and draws nothing.
    services.student_chart_render(student_id=student_id)


@shared_task(acks_late=True)
def group_week_aggregate_task(group_id: int, week: str) -> None:
    services.group_week_aggregate_recompute(group_id=group_id, week=date.fromisoformat(week))


@shared_task(acks_late=True)
def checkins_score_sweep_task() -> None:
    services.checkins_score_sweep()


@shared_task(acks_late=True)
def windows_sync_task() -> None:
    # Opens this week's windows and does the closing work of those that
    # closed: a final recompute of the week's aggregate. Both are claims or
    # upserts, so a second run changes nothing.
    windows_open()
    for group_id, week in windows_close():
        services.group_week_aggregate_recompute(group_id=group_id, week=week)


@shared_task(acks_late=True)
def instrument_response_score_task(response_id: int) -> None:
    services.instrument_response_score(response_id=response_id)
