"""What every benchmark does first: point Django at the bench database and
Redis database 14, create the database if needed, set up Django and migrate."""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup_django(**env: str) -> None:
    os.environ["DATABASE_URL"] = os.environ.get(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/wellbeing_bench"
    )
    defaults = {
        "REDIS_URL": "redis://127.0.0.1:6379/14",
        "SECRET_KEY": "bench",
        "ENCRYPTION_KEY": "bench",
        "STATIC_MANIFEST": "false",
        "LOG_LEVEL": "WARNING",
        "DJANGO_SETTINGS_MODULE": "wellbeing.settings",
    }
    for name, value in defaults.items():
        os.environ.setdefault(name, value)
    os.environ.update(env)
    if os.environ["DATABASE_URL"].startswith("postgres"):
        _ensure_database(os.environ["DATABASE_URL"])

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def _ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
