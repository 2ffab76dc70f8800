"""Writes of the analytics app, one module per concern; the names below are its interface."""

from .aggregation import (
    REPUBLISH_WEEKS,
    school_week_aggregates_compute,
    school_week_closed,
    school_week_publish,
    school_weeks_publish_due,
    school_weeks_republish,
)
from .charts import (
    CHART_CACHE_SECONDS,
    CHART_PENDING_SECONDS,
    student_chart_delete,
    student_chart_render,
    student_chart_request,
)
from .help_requests import (
    HELP_TRANSITIONS,
    help_request_create,
    help_request_for_checkin,
    help_request_raise,
    help_request_set_status,
)
from .instruments import instrument_response_score
from .notifications import (
    notification_send,
    notifications_create,
    notifications_ring,
    notifications_send_due,
)
from .scoring import (
    checkin_score,
    checkins_analyse,
    checkins_analyse_pending,
    checkins_enqueue,
    checkins_score_sweep,
    checkins_stale_ids,
)

__all__ = [
    "CHART_CACHE_SECONDS",
    "CHART_PENDING_SECONDS",
    "HELP_TRANSITIONS",
    "checkin_score",
    "checkins_analyse",
    "checkins_analyse_pending",
    "checkins_enqueue",
    "checkins_score_sweep",
    "checkins_stale_ids",
    "help_request_create",
    "help_request_for_checkin",
    "help_request_raise",
    "help_request_set_status",
    "instrument_response_score",
    "notification_send",
    "notifications_create",
    "notifications_ring",
    "notifications_send_due",
    "REPUBLISH_WEEKS",
    "school_week_aggregates_compute",
    "school_week_closed",
    "school_week_publish",
    "school_weeks_publish_due",
    "school_weeks_republish",
    "student_chart_delete",
    "student_chart_render",
    "student_chart_request",
]
