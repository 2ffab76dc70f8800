import pytest

from wellbeing import views


def test_it_reports_every_dependency(client, db, monkeypatch):
    # No worker runs in unit tests; the worker check itself is exercised by the
    # integration test with a real worker.
    monkeypatch.setattr(views, "_check_worker", lambda: True)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "redis": "ok",
        "worker": "ok",
        "alert_emails_undelivered": 0,
        "checkins_unanalysable": 0,
    }


def test_work_that_needs_a_person_makes_it_degraded_but_still_up(client, cast, monkeypatch):
    from analytics import services
    from analytics.models import CheckinScore

    from ..factories import CheckinFactory

    monkeypatch.setattr(views, "_check_worker", lambda: True)
    checkin = CheckinFactory(student=cast.private, reflection="a week")
    services.checkin_score(checkin_id=checkin.pk)
    CheckinScore.objects.filter(pk=checkin.pk).update(analysis_failed=True)
    response = client.get("/healthz")
    assert response.status_code == 200
    assert (response.json()["status"], response.json()["checkins_unanalysable"]) == ("degraded", 1)


def test_it_answers_503_without_a_worker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["worker"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.parametrize("broken", ["_check_database", "_check_redis"])
def test_it_answers_503_when_a_dependency_is_down(client, db, monkeypatch, broken):
    monkeypatch.setattr(views, "_check_worker", lambda: True)
    monkeypatch.setattr(views, broken, lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_it_reports_redis_down_for_an_unreachable_server(settings, db):
    from django.core.cache import caches

    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    try:
        assert views._check_redis() is False
    finally:
        caches["default"].close()
