import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wellbeing.settings")

app = Celery("wellbeing")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The one beat schedule of the deployment. Settings are not loaded yet when
# this module is imported, so the interval is read from the environment.
app.conf.beat_schedule = {
    "score-sweep": {
        "task": "analytics.tasks.checkins_score_sweep_task",
        "schedule": float(os.environ.get("SCORE_SWEEP_SECONDS") or 300),
    },
}
