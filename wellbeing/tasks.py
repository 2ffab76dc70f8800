"""Celery tasks of the core: each takes nothing, calls one service, and is safe to run twice."""

from celery import shared_task

from . import services


@shared_task(acks_late=True)
def tokens_purge_expired_task() -> int:
    # acks_late is safe: deleting what has expired finds nothing the second time.
    return services.tokens_purge_expired()
