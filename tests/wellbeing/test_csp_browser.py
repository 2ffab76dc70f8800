"""Every page works under the Content-Security-Policy, in a real browser: Debian's chromium (Playwright)
against pytest-django's live server reports no violation, and the history chart is drawn in its colours."""

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import sync_playwright

from analytics import services
from wellbeing.models import User

from ..factories import CheckinFactory
from ..frontend.test_browser_checkin import CHROMIUM, CHROMIUM_ARGS, PHONE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records what the browser refused, from the page's first moment (an init script is the browser's, not the
# page's: the policy does not apply to it).
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.effectiveDirective} ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (./bin/test installs it)")
    with pytest.MonkeyPatch.context() as patch:
        # Playwright's sync API keeps an asyncio loop on this thread; the test's own ORM calls are not async.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()


class Visitor:
    def __init__(self, browser, live_server, user):
        self.context = browser.new_context(viewport=PHONE, locale="en-GB", base_url=live_server.url)
        self.context.set_default_timeout(10000)
        self.context.add_init_script(RECORD_VIOLATIONS)
        if user is not None:
            client = Client()
            client.force_login(user)
            cookie = client.cookies[settings.SESSION_COOKIE_NAME]
            self.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])
        self.page = self.context.new_page()
        self.console = []
        self.page.on("console", lambda message: self.console.append(message.text))

    def visit(self, path: str, ready: str = "main h1"):
        response = self.page.goto(path)
        assert response.status < 400, (path, response.status)
        self.page.wait_for_selector(ready)
        return self.page

    def violations(self) -> list[str]:
        reported = self.page.evaluate("window.__violations")
        logged = [text for text in self.console if "Content Security Policy" in text]
        return reported + logged


@pytest.fixture
def visitor(browser, live_server):
    opened = []

    def open_as(user=None) -> Visitor:
        opened.append(Visitor(browser, live_server, user))
        return opened[-1]

    yield open_as
    for one in opened:
        one.context.close()


@pytest.fixture
def history(cast, chart_cache):
    """Three weeks of check-ins for `private`, and the real chart of them drawn into the cache."""
    from datetime import timedelta

    latest = CheckinFactory(student=cast.private, mood=5, energy=4)
    CheckinFactory(student=cast.private, mood=3, energy=2, week=latest.week - timedelta(weeks=1))
    CheckinFactory(student=cast.private, mood=1, energy=3, week=latest.week - timedelta(weeks=2))
    assert services.student_chart_render(student_id=cast.private.pk)


# Runs in the page: the painted colours of the chart's background and of the mood line.
CHART_COLOURS = """() => {
  const svg = document.querySelector("#chart svg");
  const background = svg.querySelector("#patch_1 path");
  const mood = svg.querySelector("#series-mood path");
  return {
    background: getComputedStyle(background).fill,
    mood: getComputedStyle(mood).stroke,
    joins: getComputedStyle(mood).strokeLinejoin,
  };
}"""


def test_the_history_chart_is_drawn_in_its_colours_under_the_policy(cast, history, visitor):
    student = visitor(cast.private)
    page = student.visit("/me/history/", ready="#chart svg")
    # Without its inline styles the chart would be a black box with black lines.
    assert page.evaluate(CHART_COLOURS) == {
        "background": "rgb(255, 255, 255)",
        "mood": "rgb(0, 114, 178)",
        "joins": "round",
    }
    assert student.violations() == []


@pytest.mark.parametrize(
    "viewer, paths",
    [
        (None, ["/login/"]),
        ("private", ["/checkin/", "/me/privacy/"]),
        ("teacher", ["/groups/", "/groups/{group_a}/"]),
        ("health", ["/health/requests/"]),
    ],
)
def test_the_pages_of_each_role_meet_the_policy(cast, visitor, viewer, paths):
    someone = visitor(getattr(cast, viewer) if viewer else None)
    for path in paths:
        someone.visit(path.format(group_a=cast.group_a.pk))
    assert someone.violations() == []


def test_the_admin_meets_the_policy(cast, visitor):
    superuser = User.objects.create_superuser("root", "root@example.org", "pw-for-tests-1")
    someone = visitor(superuser)
    someone.visit("/admin/", ready="#content")
    someone.visit("/admin/wellbeing/user/", ready="#changelist")
    someone.visit(f"/admin/wellbeing/user/{cast.private.pk}/change/", ready="#content form")
    assert someone.violations() == []


def test_the_api_docs_work_under_the_policy(db, visitor):
    someone = visitor()
    someone.visit("/api/docs/", ready=".swagger-ui .info .title")
    assert someone.violations() == []


def test_redoc_works_under_the_policy_and_calls_no_one_else(db, visitor):
    someone = visitor()
    someone.visit("/api/redoc/", ready=".api-info h1")
    # drf-spectacular's Redoc page links Google's fonts and Redoc its logo on its CDN: the policy blocks both,
    # so no visitor's address goes to a third party, and Redoc draws with the system's fonts. Nothing inline and
    # nothing of ours is refused.
    refused = [violation.split()[1] for violation in someone.page.evaluate("window.__violations")]
    assert refused
    assert all(url.startswith(("https://fonts.googleapis.com/", "https://cdn.redoc.ly/")) for url in refused)
