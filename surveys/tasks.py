from celery import shared_task

from . import schedules


@shared_task(acks_late=True)
def reminders_send_task() -> None:
    # Safe to run twice: each window's reminder run is claimed with a
    # conditional UPDATE, and each reminder is unique per student and window.
    schedules.reminders_send()
