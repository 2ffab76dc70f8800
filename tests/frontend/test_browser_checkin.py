"""Accessibility of the check-in page on a phone-sized screen, in a real browser:
Debian's chromium driven by Playwright against pytest-django's live server."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect, sync_playwright

from surveys.models import Checkin, CustomItem

from ..factories import GroupFactory, MembershipFactory, StudentFactory, always_open

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download does not work here; Debian's chromium does.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PHONE = {"width": 360, "height": 740}
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory's
SUBMIT = "main form.card button[type=submit]"
THANKS = "Thank you, your check-in is saved."

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Debian's chromium at {CHROMIUM} (./bin/test installs it)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module", autouse=True)
def _orm_beside_playwright():
    # Playwright's sync API keeps an asyncio loop running on this thread, so
    # Django would refuse the test's own ORM calls as if they were async code.
    # They are not: each runs to completion while the browser waits.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture
def page(browser, live_server):
    # English, so assertions can use the English texts.
    context = browser.new_context(viewport=PHONE, locale="en-GB", base_url=live_server.url)
    context.set_default_timeout(5000)
    yield context.new_page()
    context.close()


@pytest.fixture
def student(live_server):
    """A student whose class is open all week, with a subject and two of the
    school's own items, so every kind of control is on the page."""
    school_class = GroupFactory(name="8A")
    always_open(school_class)
    maths = GroupFactory(school=school_class.school, name="Ma8", subject="Matematik")
    student = StudentFactory(school=school_class.school, username="elev")
    MembershipFactory(group=school_class, user=student)
    MembershipFactory(group=maths, user=student)
    for kind, choices in [(CustomItem.Kind.MULTIPLE, "Läsa | Lese | Reading\nSkriva | Skrive | Writing"), ("text", "")]:
        CustomItem.objects.create(
            school=school_class.school,
            kind=kind,
            question_sv=f"Fråga {kind}",
            question_nb=f"Spørsmål {kind}",
            question_en=f"Question {kind}",
            choices_text=choices,
        )
    return student


@pytest.fixture
def checkin_page(page, student, live_server):
    """The check-in page, signed in without the login form (the keyboard test uses the form)."""
    client = Client()
    client.force_login(student)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": session.key, "value": session.value, "url": live_server.url}])
    page.goto("/checkin/")
    return page


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def tab_to(page, selector: str, limit: int = 80) -> int:
    """Presses Tab until the focused element matches; returns how many presses it took."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return presses
    pytest.fail(f"Tab never reached {selector} in {limit} presses")


def test_a_student_checks_in_with_the_keyboard_only(page, student, live_server):
    page.goto("/checkin/")
    assert "/login/" in page.url
    tab_to(page, "#id_username")
    page.keyboard.type("elev")
    page.keyboard.press("Tab")
    assert focused_matches(page, "#id_password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(f"{live_server.url}/checkin/")

    # One Tab stop per radio group: the first mood answer, nothing chosen yet.
    tab_to(page, "input[name=mood]")
    assert focused_matches(page, "input[name=mood][value='1']")
    page.keyboard.press("Space")  # chooses "Very bad" ...
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # ... and arrows move the choice on to "Good"
    assert page.locator("input[name=mood]:checked").get_attribute("value") == "4"

    # Every other item is optional: Tab past them all, choosing nothing.
    tab_to(page, SUBMIT)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(page.locator(".messages")).to_contain_text(THANKS)
    checkin = Checkin.objects.get(student=student)
    assert checkin.mood == 4
    assert (checkin.energy, checkin.stress, checkin.sleep, checkin.belonging) == (None, None, None, None)
    assert (checkin.workload, checkin.hardest_subject, checkin.help_wanted) == ("", "", [])
    assert (checkin.reflection, checkin.contact_request) == ("", False)


def test_the_help_button_sends_the_request_and_never_loses_what_was_typed(checkin_page):
    from analytics.models import HelpRequest

    page = checkin_page
    words = "I'd like to talk to someone about home"
    page.fill("#id_reflection", words)  # no mood chosen yet: the check-in itself cannot be saved
    with page.expect_navigation():
        page.get_by_role("button", name="I would like someone from student health to contact me").click()
    expect(page.locator(".messages")).to_contain_text("Your request is sent")
    expect(page.locator("#id_reflection")).to_have_value(words)
    request = HelpRequest.objects.get()
    assert (request.student.username, request.asked) == ("elev", True)
    # Choosing a mood and saving keeps the words, now as the check-in.
    page.locator("label[for=id_mood_1]").click()
    with page.expect_navigation():
        page.locator(SUBMIT).click()
    expect(page.locator(".messages")).to_contain_text(THANKS)
    assert Checkin.objects.get().reflection == words


# Runs in the page: what is wrong with the names of the form controls.
CONTROL_PROBLEMS = """() => {
  const problems = [];
  const text = (el) => (el ? el.textContent.trim() : "");
  for (const el of document.querySelectorAll("input, textarea, select")) {
    if (el.type === "hidden") continue;
    const what = `${el.tagName.toLowerCase()} ${el.name || el.id}`;
    const forLabel = el.id ? document.querySelector(`label[for="${CSS.escape(el.id)}"]`) : null;
    const labelledBy = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map((id) => text(document.getElementById(id))).join(" ").trim();
    const name = text(forLabel) || text(el.closest("label")) || (el.getAttribute("aria-label") || "").trim()
      || labelledBy;
    if (!name) problems.push(`${what} has no accessible name`);
    // A lone checkbox is named by its label; a group of radios or checkboxes
    // also needs the question, which a screen reader reads from the legend.
    const grouped = el.type === "radio" || (el.type === "checkbox" && document.getElementsByName(el.name).length > 1);
    if (grouped) {
      const fieldset = el.closest("fieldset");
      const legend = fieldset ? fieldset.querySelector(":scope > legend") : null;
      if (!text(legend)) problems.push(`${what} is not in a fieldset with a legend`);
    }
  }
  return problems;
}"""


def test_every_control_is_named_and_the_page_fits_a_phone(checkin_page):
    page = checkin_page
    controls = page.locator("input:not([type=hidden]), textarea, select")
    assert controls.count() > 30  # the whole form is there, not an error page
    for name in ["mood", "hardest_subject", "help_wanted", "reflection", "contact_request"]:
        assert page.locator(f"[name={name}]").count(), name
    assert page.evaluate(CONTROL_PROBLEMS) == []
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


# Runs in the page: the focus indicator of the focused element.
FOCUS_STYLE = """() => {
  const style = getComputedStyle(document.activeElement);
  return {
    element: document.activeElement.outerHTML.slice(0, 80),
    outline: style.outlineStyle === "none" || parseFloat(style.outlineWidth) === 0 ? "none" : style.outline,
    boxShadow: style.boxShadow,
  };
}"""


def test_focus_is_visible_at_every_tab_stop_of_the_form(checkin_page):
    page = checkin_page
    invisible = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focus = page.evaluate(FOCUS_STYLE)
        if focus["outline"] == "none" and focus["boxShadow"] == "none":
            invisible.append(focus["element"])
        if focused_matches(page, SUBMIT):
            break
    else:
        pytest.fail("Tab never reached the submit button")
    assert invisible == []
    button = page.evaluate(FOCUS_STYLE)
    assert button["outline"] != "none" or button["boxShadow"] != "none"


# Runs in the page: for every element that shows text of its own, its text
# colour and the background colours from it up to the root.
TEXT_COLOURS = """() => {
  const found = [];
  for (const el of document.body.querySelectorAll("*")) {
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (!ownText || el.closest("[aria-hidden=true]") || !el.getClientRects().length) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== "visible") continue;
    const backgrounds = [];
    for (let node = el; node; node = node.parentElement) backgrounds.push(getComputedStyle(node).backgroundColor);
    found.push({element: el.outerHTML.slice(0, 80), color: style.color, backgrounds});
  }
  return found;
}"""


def _rgba(css: str) -> tuple[float, float, float, float]:
    parts = [float(p) for p in re.findall(r"[\d.]+", css)]
    assert css.startswith("rgb") and len(parts) in (3, 4), f"unexpected colour {css!r}"
    return (*parts[:3], parts[3] if len(parts) == 4 else 1.0)


def _over(top: tuple, bottom: tuple) -> tuple:
    """`top` composited over an opaque `bottom`."""
    alpha = top[3]
    return (*(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], bottom[:3], strict=True)), 1.0)


def _luminance(rgb: tuple) -> float:
    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(foreground: str, backgrounds: list[str]) -> float:
    """WCAG 2 contrast ratio of text over its nearest backgrounds, innermost first, on a white canvas."""
    background = (255.0, 255.0, 255.0, 1.0)
    for layer in reversed(backgrounds):
        background = _over(_rgba(layer), background)
    lighter, darker = sorted([_luminance(_over(_rgba(foreground), background)), _luminance(background)], reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def test_the_contrast_function_knows_the_wcag_figures():
    assert contrast("rgb(0, 0, 0)", ["rgb(255, 255, 255)"]) == pytest.approx(21.0)
    assert contrast("rgb(118, 118, 118)", ["rgba(0, 0, 0, 0)"]) == pytest.approx(4.54, abs=0.01)
    assert contrast("rgb(255, 255, 255)", ["rgb(11, 92, 173)", "rgb(255, 255, 255)"]) > 4.5


def _low_contrast(page) -> list[tuple[str, float]]:
    found = page.evaluate(TEXT_COLOURS)
    return [
        (item["element"], round(ratio, 2))
        for item in found
        if (ratio := contrast(item["color"], item["backgrounds"])) < 4.5
    ]


def test_text_labels_and_the_button_have_enough_contrast(checkin_page):
    page = checkin_page
    page.locator("input[name=mood][value='4']").check()  # a chosen tile has its own background
    kinds = {re.match(r"<(\w+)", item["element"]).group(1) for item in page.evaluate(TEXT_COLOURS)}
    assert {"p", "label", "legend", "span", "button"} <= kinds
    assert _low_contrast(page) == []

    # The error state has colours of its own: send the form without the one
    # required answer, past the browser's own check, to get the server's.
    page.locator("input[name=mood][value='4']").evaluate("radio => { radio.checked = false; }")
    page.locator("main form.card").evaluate("form => { form.noValidate = true; }")
    with page.expect_navigation():
        page.locator(SUBMIT).click()
    expect(page.locator(".form-error")).to_be_visible()
    expect(page.locator(".field-error")).to_contain_text("Please choose how you are feeling.")
    assert _low_contrast(page) == []
