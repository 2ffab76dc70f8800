import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wellbeing.settings")

app = Celery("wellbeing")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one beat schedule of the deployment. Settings are not loaded yet when
# this module is imported, so the interval is read from the environment.
_every = float(os.environ.get("SCHEDULE_SECONDS") or 300)
app.conf.beat_schedule = {
    "windows-sync": {"task": "analytics.tasks.windows_sync_task", "schedule": _every},
    "reminders": {"task": "surveys.tasks.reminders_send_task", "schedule": _every},
    "score-sweep": {
        "task": "analytics.tasks.checkins_score_sweep_task",
        "schedule": float(os.environ.get("SCORE_SWEEP_SECONDS") or 60),
    },
    # The outbox of emails to student health is in the database; this sends what a lost message left behind
    # and the retries whose backoff has run out.
    # Late changes to published weeks are folded in here, and only where enough changed (a week's figures
    # are published when its check-in closes, by windows-sync).
    "aggregates-republish": {
        "task": "analytics.tasks.aggregates_republish_task",
        "schedule": float(os.environ.get("AGGREGATE_REPUBLISH_SECONDS") or 6 * 3600),
    },
    # Expired API tokens (digests only) are deleted within the hour.
    "tokens-purge": {"task": "wellbeing.tasks.tokens_purge_expired_task", "schedule": 3600.0},
    "notifications-sweep": {
        "task": "analytics.tasks.notifications_send_task",
        "schedule": float(os.environ.get("SCORE_SWEEP_SECONDS") or 60),
    },
}
