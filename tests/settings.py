"""Test settings: the real settings module, with test defaults for the environment.

Anything set in the environment (DATABASE_URL, REDIS_URL) still wins, so the
same suite runs against PostgreSQL and SQLite.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key")
os.environ.setdefault("ENCRYPTION_KEY", "test-encryption-key")
# Each pytest-xdist worker gets its own Redis database (15, 14, ...), so one
# worker's Celery worker never takes another's tasks.
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
_redis_db = 15 - int(_xdist_worker.removeprefix("gw") or 0)
_explicit_redis_url = os.environ.get("REDIS_URL")
os.environ["REDIS_URL"] = (
    _explicit_redis_url or f"{os.environ.get('TEST_REDIS_BASE', 'redis://127.0.0.1:6379')}/{_redis_db}"
)
os.environ.setdefault("STATIC_MANIFEST", "false")
os.environ.setdefault("CACHE_KEY_PREFIX", "wellbeing-test")
# A file, not SQLite's shared in-memory database: the integration tests' worker
# thread needs its own connection, which shared-cache mode answers with
# "database table is locked".
os.environ.setdefault("SQLITE_TEST_NAME", os.path.join(os.path.dirname(__file__), "..", "var", "test.sqlite3"))

from wellbeing.settings import *  # noqa: E402,F403

if _explicit_redis_url is None:
    # The controlling pytest process loads these settings before it starts the
    # xdist workers; they must not inherit its database number.
    del os.environ["REDIS_URL"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast logins in tests
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# WhiteNoise warns about a missing STATIC_ROOT; tests serve no static files.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Integration tests wait on a task's own result, never on a side effect another transaction completes: the
# real worker stores results in the test process's own Redis database, briefly.
CELERY_RESULT_BACKEND = REDIS_URL  # noqa: F405
CELERY_TASK_IGNORE_RESULT = False
CELERY_RESULT_EXPIRES = 600
