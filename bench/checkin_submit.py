"""Check-in submit throughput through the whole Django stack, in one process.

Measures POST /api/v1/checkins/ with token auth against PostgreSQL, once with
persistent connections (CONN_MAX_AGE=600) and once reconnecting per request
(CONN_MAX_AGE=0), and prints both figures and their ratio. Requests go through
Django's WSGI handler exactly as a WSGI server calls it, so connections are
closed (or kept) at the end of each request as in production; Django's test
client would keep them open regardless.

    .venv/bin/python bench/checkin_submit.py [--requests 500]

Uses the database named by BENCH_DATABASE_URL (default: a wellbeing_bench
database on the local PostgreSQL, created and migrated here) and Redis
database 14, which it purges afterwards.
"""

import argparse
import io
import json
import sys
import time
from datetime import time as dt_time

from common import setup_django

BODY = json.dumps({"mood": 3, "reflection": "A fairly normal week with a test on Friday."}).encode()


def wsgi_post(handler, path: str, body: bytes, token: str) -> str:
    environ = {
        "REQUEST_METHOD": "POST",
        "PATH_INFO": path,
        "SCRIPT_NAME": "",
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "HTTP_AUTHORIZATION": f"Token {token}",
    }
    statuses = []
    result = handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
    b"".join(result)
    result.close()  # sends request_finished, where Django closes or keeps the connection
    return statuses[0]


def cleanup() -> None:
    from surveys.models import Checkin, CheckinWindow
    from wellbeing.models import Group, School, User

    Checkin.objects.filter(school__name="Bench school").delete()
    CheckinWindow.objects.filter(group__school__name="Bench school").delete()
    User.objects.filter(username__startswith="bench-").delete()
    Group.objects.filter(school__name="Bench school").delete()
    School.objects.filter(name="Bench school").delete()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=500)
    args = parser.parse_args()
    setup_django(ALLOWED_HOSTS="testserver")
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connections
    from knox.models import AuthToken, get_digest_token, get_expiry
    from knox.settings import CONSTANTS, knox_settings

    from surveys.models import Schedule
    from wellbeing.celery import app
    from wellbeing.models import Group, Membership, School, User

    cleanup()
    school = School.objects.create(name="Bench school")
    n = args.requests
    users = User.objects.bulk_create(
        User(username=f"bench-{i}", is_student=True, school=school, password="!") for i in range(2 * n + 50)
    )
    # One class, its window open all week so the benchmark runs on any day.
    group = Group.objects.create(school=school, name="Bench class")
    Schedule.objects.create(group=group, opens_time=dt_time(0), closes_weekday=6, closes_time=dt_time.max)
    Membership.objects.bulk_create(Membership(group=group, user=user, role="student") for user in users)
    # Tokens as the token endpoint issues them (a digest stored, an expiry), made in one insert; the keys stay here.
    tokens, rows = [], []
    for user in users:
        digest, key = get_digest_token()
        expiry = get_expiry(knox_settings.TOKEN_TTL)
        rows.append(AuthToken(user=user, digest=digest, token_key=key[: CONSTANTS.TOKEN_KEY_LENGTH], expiry=expiry))
        tokens.append(key)
    AuthToken.objects.bulk_create(rows)

    def run(conn_max_age: int, batch) -> float:
        connections["default"].close()
        connections["default"].settings_dict["CONN_MAX_AGE"] = conn_max_age
        start = time.perf_counter()
        for token in batch:
            status = wsgi_post(handler, "/api/v1/checkins/", BODY, token)
            assert status.startswith("201"), status
        return len(batch) / (time.perf_counter() - start)

    handler = WSGIHandler()

    run(600, tokens[2 * n :])  # warm up: first-request imports and caches
    persistent = run(600, tokens[:n])
    per_request = run(0, tokens[n : 2 * n])
    print(f"check-in submit, {n} POSTs each, {connections['default'].vendor}:")
    print(f"  persistent connections (CONN_MAX_AGE=600): {persistent:8.0f} requests/s")
    print(f"  reconnect per request  (CONN_MAX_AGE=0):   {per_request:8.0f} requests/s")
    print(f"  ratio: {persistent / per_request:.1f}x")

    cleanup()
    app.control.purge()


if __name__ == "__main__":
    main()
