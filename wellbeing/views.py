import logging

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .celery import app as celery_app
from .health import health_reports

logger = logging.getLogger(__name__)


def _check_database() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:  # any failure means "down"; the reason goes to the log
        logger.exception("health check: database unreachable")
        return False


def _check_redis() -> bool:
    try:
        cache.set("healthz", "1", timeout=10)
        return cache.get("healthz") == "1"
    except Exception:
        logger.exception("health check: redis unreachable")
        return False


def _check_worker() -> bool:
    try:
        return bool(celery_app.control.ping(timeout=1.0))
    except Exception:
        logger.exception("health check: broker unreachable for worker ping")
        return False


def _reports() -> dict[str, int] | None:
    try:
        return health_reports()
    except Exception:
        logger.exception("health check: the apps' reports could not be read")
        return None


@never_cache
@require_GET
def healthz(request):
    """503 when a part is down; 200 otherwise, "degraded" while some work needs a person (see wellbeing.health)."""
    checks = {"database": _check_database(), "redis": _check_redis()}
    # Without Redis there is no way to reach a worker; do not wait for a timeout.
    checks["worker"] = _check_worker() if checks["redis"] else False
    healthy = all(checks.values())
    reports = _reports() if checks["database"] else None
    status = "unavailable" if not healthy else "degraded" if reports is None or any(reports.values()) else "ok"
    body = {"status": status}
    body |= {name: "ok" if ok else "down" for name, ok in checks.items()}
    body |= reports or {}
    return JsonResponse(body, status=200 if healthy else 503)
