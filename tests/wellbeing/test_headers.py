"""Response headers: a Content-Security-Policy on every response, no caching of anything personal, and
production settings under which `check --deploy` has nothing to say."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import reverse

from ..conftest import BROWSER_LANGUAGE, login

ROOT = Path(__file__).resolve().parents[2]


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: " ".join(part.split()[1:]) for part in header.split("; ")}


def assert_strict(response) -> None:
    directives = policy(response)
    assert directives["default-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'self'"
    assert directives["img-src"] == "'self' data:"
    # Scripts and styles fall back to default-src 'self': no inline script, no inline style.
    assert "script-src" not in directives and "style-src" not in directives
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize(
    "viewer, url",
    [
        (None, reverse("frontend:login")),
        (None, "/no-such-page/"),
        ("private", reverse("frontend:checkin")),
        ("private", reverse("frontend:privacy")),
        ("teacher", reverse("frontend:group_list")),
        ("health", reverse("frontend:help_requests")),
        (None, reverse("api-me")),
        ("private", reverse("api-me")),
        (None, reverse("schema")),
    ],
)
def test_every_response_carries_the_strict_policy(cast, client, viewer, url):
    response = login(client, getattr(cast, viewer) if viewer else None).get(url)
    assert response.status_code in (200, 401, 404)
    assert_strict(response)


def test_the_lockout_page_and_the_bad_input_page_carry_it_too(cast, client, settings):
    settings.AXES_FAILURE_LIMIT = 1
    locked = client.post(reverse("frontend:login"), {"username": "private", "password": "wrong"})
    assert locked.status_code == 429
    assert_strict(locked)
    bad = client.get(reverse("frontend:login") + "?next=%2B2AA-", CONTENT_TYPE="text/plain; charset=utf-7")
    assert bad.status_code == 400
    assert_strict(bad)


def test_only_the_history_page_may_style_inline_for_its_chart(cast, client):
    response = login(client, cast.private).get(reverse("frontend:history"))
    assert response.status_code == 200
    directives = policy(response)
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert "script-src" not in directives  # scripts stay 'self' only
    assert directives["frame-ancestors"] == "'none'"


def test_the_chart_on_its_own_keeps_its_own_stricter_policy(cast, client, chart_cache):
    from analytics import services

    from ..factories import CheckinFactory

    CheckinFactory(student=cast.private, mood=4)
    assert services.student_chart_render(student_id=cast.private.pk)
    response = login(client, cast.private).get(reverse("frontend:history_chart"))
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == "default-src 'none'; style-src 'unsafe-inline'"
    assert "no-store" in response["Cache-Control"]


def test_the_api_docs_load_their_script_from_a_file(cast, client):
    page = client.get(reverse("api-docs"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html
    script = client.get(reverse("api-docs") + "?script=")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


def cache_control(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


@pytest.mark.parametrize(
    "url",
    [reverse("frontend:checkin"), reverse("frontend:history"), reverse("frontend:privacy"), "/no-such-page/"],
)
def test_no_page_of_a_signed_in_user_may_be_stored(cast, client, url):
    response = login(client, cast.private).get(url)
    assert {"no-store", "private"} <= cache_control(response)


@pytest.mark.parametrize("viewer", [None, "private", "teacher"])
@pytest.mark.parametrize("url", [reverse("api-me"), reverse("api-groups"), reverse("api-checkins")])
def test_no_api_response_may_be_stored(cast, api, viewer, url):
    response = login(api, getattr(cast, viewer) if viewer else None).get(url)
    assert {"no-store", "private"} <= cache_control(response)


def test_a_token_response_may_not_be_stored(cast, api, chart_cache):
    response = api.post(reverse("api-token"), {"username": "private", "password": "pw-for-tests-1"}, format="json")
    assert response.status_code == 200
    assert {"no-store", "private"} <= cache_control(response)


def test_static_files_stay_cacheable_for_signed_in_users(cast, settings):
    # WhiteNoise serves straight from the app folders here, as it does from STATIC_ROOT in production.
    settings.WHITENOISE_USE_FINDERS = True
    client = Client(**BROWSER_LANGUAGE)  # built after the setting, so its WhiteNoise sees it
    client.force_login(cast.private)
    response = client.get(f"{django_settings.STATIC_URL}frontend/site.css")
    assert response.status_code == 200
    assert "no-store" not in cache_control(response)
    assert "Content-Security-Policy" not in response


def production_environment(tmp_path) -> dict[str, str]:
    """The environment of the production block in .env.example, line for line; only the secret files it names
    are made here (with strong keys), since /etc/wellbeing is not on a test machine."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    block = lines[lines.index("# >>> production") + 1 : lines.index("# <<< production")]
    settings_lines = [line.removeprefix("# ") for line in block if "=" in line and " " not in line.removeprefix("# ")]
    production = dict(line.split("=", 1) for line in settings_lines)
    assert {"DEBUG", "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS"} <= set(production)
    for name in ("SECRET_KEY_FILE", "ENCRYPTION_KEY_FILE"):
        path = tmp_path / name.lower()
        path.write_text(secrets.token_urlsafe(48))
        production[name] = str(path)
    keep = {"PATH", "HOME", "LANG", "DATABASE_URL", "REDIS_URL"}
    return {
        **{name: value for name, value in os.environ.items() if name in keep},
        **production,
        "DJANGO_SETTINGS_MODULE": "wellbeing.settings",
    }


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=production_environment(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_does_complain_without_them(tmp_path):
    environment = production_environment(tmp_path)
    for name in ("SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_COOKIES"):
        del environment[name]
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr + result.stdout


def settings_under(environment: dict[str, str], *names: str) -> list[str]:
    code = "import django; django.setup(); from django.conf import settings; " + "; ".join(
        f"print(repr(settings.{name}))" for name in names
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def test_the_production_block_trusts_the_proxy_it_describes(tmp_path):
    assert settings_under(
        production_environment(tmp_path),
        "SECURE_PROXY_SSL_HEADER",
        "NUM_PROXIES",
        "REST_FRAMEWORK['NUM_PROXIES']",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    ) == ["('HTTP_X_FORWARDED_PROTO', 'https')", "1", "1", "True", "True", "True"]


def test_the_security_settings_have_safe_defaults_and_read_the_environment(tmp_path):
    base = {"PATH": os.environ["PATH"], "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "wellbeing.settings"}
    names = ("SECURE_PROXY_SSL_HEADER", "NUM_PROXIES", "AXES_FAILURE_LIMIT", "AXES_COOLOFF_TIME")
    assert settings_under(base, *names, "REST_KNOX['TOKEN_TTL']") == [
        "None",
        "0",
        "5",
        "datetime.timedelta(seconds=900)",
        "datetime.timedelta(seconds=36000)",
    ]
    chosen = {
        "NUM_PROXIES": "2",
        "LOGIN_FAILURE_LIMIT": "7",
        "LOGIN_COOLOFF_MINUTES": "30",
        "LOGIN_FAILURE_LIMIT_PER_ADDRESS": "80",
        "API_TOKEN_TTL_HOURS": "3",
    }
    assert settings_under(
        {**base, **chosen},
        "NUM_PROXIES",
        "AXES_FAILURE_LIMIT",
        "AXES_COOLOFF_TIME",
        "LOGIN_FAILURE_LIMIT_PER_ADDRESS",
        "REST_KNOX['TOKEN_TTL']",
    ) == ["2", "7", "datetime.timedelta(seconds=1800)", "80", "datetime.timedelta(seconds=10800)"]


@pytest.mark.parametrize(
    "name, value", [("NUM_PROXIES", "-1"), ("LOGIN_FAILURE_LIMIT", "0"), ("API_TOKEN_TTL_HOURS", "x")]
)
def test_a_bad_security_setting_stops_the_process(name, value):
    environment = {"PATH": os.environ["PATH"], "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "wellbeing.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env={**environment, name: value},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {name}=" in result.stderr
