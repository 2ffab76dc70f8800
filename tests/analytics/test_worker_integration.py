"""End to end through the real broker: a real Celery worker, the real Redis and
the real database (PostgreSQL or SQLite, whichever the run uses)."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.urls import reverse

from analytics.models import CheckinScore, GroupWeekAggregate
from surveys.models import Checkin
from wellbeing.celery import app

from ..conftest import login
from ..factories import MembershipFactory, StudentFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def wait_until(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def worker():
    app.control.purge()  # leftovers of earlier runs must not reach this worker
    with start_worker(
        app, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=10, queues=["celery", "charts"]
    ) as w:
        yield w


def test_a_submitted_checkin_is_scored_by_a_real_worker(cast, api, worker):
    classmates = [StudentFactory(school=cast.school_a) for _ in range(4)]
    for student in classmates:
        MembershipFactory(group=cast.group_a, user=student)
    for student, mood in zip([cast.private, *classmates], [2, 3, 4, 5, 1], strict=True):
        api.force_authenticate(user=None)
        login(api, student)
        response = api.post(
            reverse("api-checkins"), {"mood": mood, "reflection": "A really lovely week"}, format="json"
        )
        assert response.status_code == 201, response.content
        api.logout()

    ids = set(Checkin.objects.values_list("pk", flat=True))
    assert wait_until(lambda: set(CheckinScore.objects.values_list("pk", flat=True)) == ids), "not scored in time"
    assert all(score.polarity > 0 for score in CheckinScore.objects.all())
    assert wait_until(
        lambda: GroupWeekAggregate.objects.filter(group=cast.group_a, response_count=5, suppressed=False).exists()
    )
    assert GroupWeekAggregate.objects.get(group=cast.group_a).mean_mood == 3.0


def test_an_edit_is_rescored_by_the_worker(cast, api, worker):
    login(api, cast.private)
    api.post(reverse("api-checkins"), {"mood": 4, "reflection": "A wonderful week"}, format="json")
    assert wait_until(lambda: CheckinScore.objects.filter(checkin_revision=1).exists())
    api.post(reverse("api-checkins"), {"mood": 1, "reflection": "An awful, terrible week"}, format="json")
    assert wait_until(lambda: CheckinScore.objects.filter(checkin_revision=2, polarity__lt=0).exists())
    assert CheckinScore.objects.count() == 1


def test_healthz_sees_the_worker(client, worker):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["worker"] == "ok"
