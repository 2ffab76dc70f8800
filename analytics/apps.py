import logging

from django.apps import AppConfig
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class AnalyticsConfig(AppConfig):
    name = "analytics"
    verbose_name = "Analytics"

    def ready(self) -> None:
        from django.db import transaction

        from surveys.signals import checkin_saved

        from .services import checkins_enqueue

        def enqueue_scoring(sender, checkin_id: int, **kwargs) -> None:
            # Only the id leaves the process, and only once the row is committed.
            transaction.on_commit(lambda: _enqueue_or_leave_to_the_sweep(checkin_id))

        def _enqueue_or_leave_to_the_sweep(checkin_id: int) -> None:
            # The check-in is saved whatever happens here: with Redis or the broker
            # down, the student still gets their answer, and the sweep scores it later.
            try:
                checkins_enqueue([checkin_id])
            except (RedisError, OperationalError):
                logger.warning("could not queue check-in %s for scoring; the sweep will", checkin_id, exc_info=True)

        checkin_saved.connect(enqueue_scoring, weak=False, dispatch_uid="analytics.enqueue_scoring")

        from .services import help_request_for_checkin

        def make_help_request(sender, checkin_id: int, **kwargs) -> None:
            # Not a task: the request is written now, in the check-in's own
            # transaction, so asking for contact never waits for a worker.
            help_request_for_checkin(checkin_id=checkin_id)

        checkin_saved.connect(make_help_request, weak=False, dispatch_uid="analytics.make_help_request")

        from surveys.signals import instrument_response_saved

        from .tasks import instrument_response_score_task

        def enqueue_instrument_scoring(sender, response_id: int, **kwargs) -> None:
            instrument_response_score_task.delay_on_commit(response_id)

        instrument_response_saved.connect(
            enqueue_instrument_scoring, weak=False, dispatch_uid="analytics.enqueue_instrument_scoring"
        )

        from wellbeing.health import health_report_register

        from .selectors import safety_health_counts

        health_report_register(safety_health_counts)
