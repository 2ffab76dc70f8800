"""Swedish, Norwegian and English for every page, and the right language for each person."""

import gettext
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone, translation

from wellbeing.middleware import UserLanguageMiddleware

from ..conftest import login
from ..factories import MembershipFactory, StudentFactory

LOCALE = Path(settings.BASE_DIR) / "locale"
TRANSLATED = ("sv", "nb")
CHECKIN = reverse("frontend:checkin")
LANGUAGE_URL = reverse("frontend:set_language")
ME = reverse("api-me")
MOOD_QUESTION = "How are you feeling this week?"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%%")


# A .po reader just big enough for Django's catalogues.
def _unquote(text: str) -> str:
    body = text.strip()[1:-1]
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
    return re.sub(r"\\(.)", lambda m: escapes[m.group(1)], body)


def po_entries(path: Path) -> list[dict]:
    """Each entry: msgid, msgid_plural (maybe), msgctxt (maybe), msgstr {index: text}, flags. No header."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry = None
            continue
        if line.startswith("#~"):
            continue  # obsolete: makemessages keeps them, gettext ignores them
        entry = entry or {"msgstr": {}, "flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if field[0] == "msgstr":
                entry["msgstr"][field[1]] += _unquote(line)
            else:
                entry[field[0]] += _unquote(line)
        else:
            keyword, value = line.split(" ", 1)
            match = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            if keyword == "msgstr" or match:
                field = ("msgstr", int(match.group(1)) if match else None)
                entry["msgstr"][field[1]] = _unquote(value)
            else:
                field = (keyword, None)
                entry[keyword] = _unquote(value)
    return [entry for entry in entries if entry["msgid"]]


@pytest.fixture(autouse=True)
def _no_language_left_behind():
    """Requests here activate Swedish or Norwegian on this thread; later tests start as a fresh thread would."""
    yield
    translation.deactivate()


def in_language(language: str, msgid: str) -> str:
    with translation.override(language):
        return translation.gettext(msgid)


# (a) every string translated, nothing fuzzy, placeholders kept


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_and_none_is_fuzzy(language):
    entries = po_entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    untranslated = [e["msgid"] for e in entries if not all(e["msgstr"].values())]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == [], f"translate these in locale/{language}, then run bin/messages"
    assert fuzzy == [], f"check these in locale/{language}, remove 'fuzzy', then run bin/messages"


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    for entry in po_entries(LOCALE / language / "LC_MESSAGES" / "django.po"):
        sources = [entry["msgid"], entry.get("msgid_plural", "")]
        wanted = {p for text in sources for p in PLACEHOLDER.findall(text)}
        got = {p for text in entry["msgstr"].values() for p in PLACEHOLDER.findall(text)}
        assert got == wanted, entry["msgid"]


def test_the_catalogues_hold_the_same_messages():
    ids = {
        language: {(e.get("msgctxt"), e["msgid"]) for e in po_entries(LOCALE / language / "LC_MESSAGES" / "django.po")}
        for language in ("sv", "nb", "en")
    }
    assert ids["sv"] == ids["nb"] == ids["en"]


# (b) the compiled catalogues match their sources


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_compiled_catalogue_matches_the_po_file(language):
    """File times mean nothing in a git checkout, so compare contents: the .mo must answer every .po entry."""
    directory = LOCALE / language / "LC_MESSAGES"
    with open(directory / "django.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    stale = []
    for entry in po_entries(directory / "django.po"):
        if "msgctxt" in entry:
            got = [compiled.pgettext(entry["msgctxt"], entry["msgid"])]
            want = [entry["msgstr"][None]]
        elif "msgid_plural" in entry:
            got = [compiled.ngettext(entry["msgid"], entry["msgid_plural"], n) for n in (1, 2)]
            want = [entry["msgstr"][0], entry["msgstr"][1]]
        else:
            got, want = [compiled.gettext(entry["msgid"])], [entry["msgstr"][None]]
        if got != want:
            stale.append(entry["msgid"])
    assert stale == [], "run bin/messages to compile the catalogues"


@pytest.mark.parametrize(
    "language, msgid, expected",
    [
        ("sv", MOOD_QUESTION, "Hur mår du den här veckan?"),
        ("nb", MOOD_QUESTION, "Hvordan har du det denne uka?"),
        ("en", MOOD_QUESTION, MOOD_QUESTION),
        ("sv", "Very bad", "Mycket dåligt"),
        ("nb", "Very good", "Veldig bra"),
        ("sv", "Check-in", "Incheckning"),
        ("nb", "Check-in", "Innsjekk"),
        ("sv", "Seen by student health", "Sedd av elevhälsan"),
        ("nb", "Seen by student health", "Sett av skolehelsetjenesten"),
    ],
)
def test_the_active_catalogue_translates_known_messages(language, msgid, expected):
    assert in_language(language, msgid) == expected


def test_plurals_are_translated():
    msgid = "%(count)s check-in, in week %(first)s."
    plural = "%(count)s check-ins, from week %(first)s to week %(last)s."
    with translation.override("nb"):
        assert translation.ngettext(msgid, plural, 1) == "%(count)s innsjekk, i uke %(first)s."
        assert translation.ngettext(msgid, plural, 3) == "%(count)s innsjekker, fra uke %(first)s til uke %(last)s."


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_the_catalogues_hold_every_message_in_the_code(tmp_path):
    """A string added to the code but not to the catalogues would show in English; bin/messages collects it."""
    root = Path(settings.BASE_DIR)
    source = tmp_path / "src"
    skip = shutil.ignore_patterns(".venv", "var", "tests", "bench", "locale", "__pycache__", ".*")
    shutil.copytree(root, source, ignore=skip)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "sv", "--ignore=.venv", "--ignore=var"],
        cwd=source,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "true", "DJANGO_SETTINGS_MODULE": "wellbeing.settings"},
        check=True,
        capture_output=True,
    )
    in_code = {(e.get("msgctxt"), e["msgid"]) for e in po_entries(source / "locale/sv/LC_MESSAGES/django.po")}
    in_catalogue = {(e.get("msgctxt"), e["msgid"]) for e in po_entries(LOCALE / "sv/LC_MESSAGES/django.po")}
    assert sorted(m for _, m in in_code - in_catalogue) == [], "run bin/messages and translate the new strings"


# (c) each person gets their language


def _norwegian_student(cast, **kwargs):
    student = StudentFactory(school=cast.school_b, **kwargs)
    MembershipFactory(group=cast.group_other_school, user=student)
    return student


def _page(user, **headers) -> HttpResponse:
    # A client of its own: the suite's default client asks for English.
    return login(Client(**headers), user).get(CHECKIN)


def assert_page_in(response, language: str) -> None:
    html = response.content.decode()
    assert response.status_code == 200
    assert f'<html lang="{language}">' in html
    assert response["Content-Language"] == language
    question = in_language(language, MOOD_QUESTION)
    assert question in html
    if language != "en":
        assert MOOD_QUESTION not in html


def test_a_students_own_choice_comes_first(cast):
    cast.private.language = "nb"
    cast.private.save(update_fields=["language"])
    # A Swedish school and a browser that asks for English: the student's choice still wins.
    assert_page_in(_page(cast.private, HTTP_ACCEPT_LANGUAGE="en"), "nb")


def test_without_a_choice_the_browser_language_comes_next(cast):
    student = _norwegian_student(cast)
    assert_page_in(_page(student, HTTP_ACCEPT_LANGUAGE="sv"), "sv")


def test_the_browser_may_name_a_regional_variant(cast):
    student = _norwegian_student(cast)
    assert_page_in(_page(student, HTTP_ACCEPT_LANGUAGE="de-DE, sv-SE;q=0.8"), "sv")


def test_the_language_cookie_counts_as_the_browser(cast):
    student = _norwegian_student(cast)
    client = Client(HTTP_ACCEPT_LANGUAGE="sv")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert_page_in(login(client, student).get(CHECKIN), "en")


@pytest.mark.parametrize("accept", ["de", "de-DE, fr;q=0.5", "*", ""])
def test_a_browser_without_a_language_we_have_gets_the_schools_default(cast, accept):
    student = _norwegian_student(cast)
    assert_page_in(_page(student, HTTP_ACCEPT_LANGUAGE=accept), "nb")
    assert_page_in(_page(cast.private, HTTP_ACCEPT_LANGUAGE=accept), "sv")


def test_without_a_school_the_site_language_is_last(db, settings):
    settings.LANGUAGE_CODE = "nb"
    page = Client(HTTP_ACCEPT_LANGUAGE="de").get(reverse("frontend:login"))
    assert '<html lang="nb">' in page.content.decode()
    assert in_language("nb", "Log in") in page.content.decode()


def test_an_anonymous_visitor_gets_the_browser_language(db):
    page = Client(HTTP_ACCEPT_LANGUAGE="nb-NO").get(reverse("frontend:login"))
    assert '<html lang="nb">' in page.content.decode()


def _zone_seen_by_a_view(user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    request.COOKIES = {}
    response = UserLanguageMiddleware(lambda request: HttpResponse(timezone.get_current_timezone_name()))(request)
    return response.content.decode()


def test_signed_in_people_see_their_schools_time(cast):
    cast.school_b.timezone = "America/Godthab"  # a zone unlike the default, so the test can tell
    cast.school_b.save(update_fields=["timezone"])
    student = _norwegian_student(cast)
    assert _zone_seen_by_a_view(student) == "America/Godthab"
    assert _zone_seen_by_a_view(cast.private) == "Europe/Stockholm"
    # Only during the request: the next one on this thread starts from the default.
    assert timezone.get_current_timezone_name() == settings.TIME_ZONE


def test_people_without_a_school_and_unknown_zones_get_the_default_time(cast):
    assert _zone_seen_by_a_view(cast.teacher) == settings.TIME_ZONE
    cast.school_a.timezone = "Europe/Nowhere"
    cast.school_a.save(update_fields=["timezone"])
    assert _zone_seen_by_a_view(cast.private) == settings.TIME_ZONE


def test_the_check_in_page_shows_times_in_school_time(cast):
    cast.school_b.timezone = "Asia/Tokyo"  # far from the default zone, so the test can tell
    cast.school_b.save(update_fields=["timezone"])
    student = _norwegian_student(cast)
    html = _page(student, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # The test schedule closes at the very end of Sunday, school time.
    assert "Open until Sunday 23:59." in html


# (d) the language switcher


def test_the_switcher_saves_a_students_choice_and_sets_the_cookie(cast, client):
    login(client, cast.private)
    response = client.post(LANGUAGE_URL, {"language": "nb", "next": CHECKIN})
    assert (response.status_code, response.url) == (302, CHECKIN)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"
    cast.private.refresh_from_db()
    assert cast.private.language == "nb"
    assert_page_in(client.get(CHECKIN), "nb")


def test_the_choice_follows_the_student_to_another_browser(cast, client):
    login(client, cast.private).post(LANGUAGE_URL, {"language": "nb", "next": CHECKIN})
    assert_page_in(_page(cast.private, HTTP_ACCEPT_LANGUAGE="sv"), "nb")


def test_staff_save_their_choice_too(cast, client):
    login(client, cast.teacher).post(LANGUAGE_URL, {"language": "en", "next": "/groups/"})
    cast.teacher.refresh_from_db()
    assert cast.teacher.language == "en"


def test_an_anonymous_visitor_only_gets_the_cookie(db):
    client = Client()
    response = client.post(LANGUAGE_URL, {"language": "nb", "next": reverse("frontend:login")})
    assert (response.status_code, response.url) == (302, reverse("frontend:login"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "nb"
    assert '<html lang="nb">' in client.get(reverse("frontend:login")).content.decode()


@pytest.mark.parametrize("data", [{"language": "de"}, {"language": ""}, {}, {"language": "nb-NO"}, {"language": "NB"}])
def test_an_unknown_language_changes_nothing(cast, client, data):
    cast.private.language = "sv"
    cast.private.save(update_fields=["language"])
    login(client, cast.private)
    response = client.post(LANGUAGE_URL, {**data, "next": CHECKIN})
    assert (response.status_code, response.url) == (302, CHECKIN)
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies
    cast.private.refresh_from_db()
    assert cast.private.language == "sv"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""])
def test_it_never_redirects_away_from_the_site(cast, client, target):
    response = login(client, cast.private).post(LANGUAGE_URL, {"language": "nb", "next": target})
    assert response.status_code == 302
    assert response.url == reverse("frontend:home")
    cast.private.refresh_from_db()
    assert cast.private.language == "nb"


def test_without_next_it_goes_back_to_the_page_it_came_from(cast, client):
    response = login(client, cast.private).post(LANGUAGE_URL, {"language": "en"}, HTTP_REFERER="/me/history/")
    assert response.url == "/me/history/"


def test_the_switcher_only_takes_posts(cast, client):
    assert login(client, cast.private).get(LANGUAGE_URL).status_code == 405
    cast.private.refresh_from_db()
    assert cast.private.language == ""


def test_the_switcher_needs_the_csrf_token(cast):
    client = login(Client(enforce_csrf_checks=True), cast.private)
    assert client.post(LANGUAGE_URL, {"language": "nb"}).status_code == 403
    cast.private.refresh_from_db()
    assert cast.private.language == ""


def test_every_page_posts_the_switcher_to_the_language_view(cast, client):
    html = login(client, cast.private).get(CHECKIN).content.decode()
    assert f'<form class="language-switcher" action="{LANGUAGE_URL}" method="post">' in html


# (e) the API


def test_the_api_sets_my_language(cast, api):
    login(api, cast.private)
    response = api.patch(ME, {"language": "nb"}, format="json")
    assert response.status_code == 200
    assert response.json()["language"] == "nb"
    cast.private.refresh_from_db()
    assert cast.private.language == "nb"
    assert api.get(ME).json()["language"] == "nb"


@pytest.mark.parametrize(
    "payload", [{"language": "de"}, {"language": ""}, {"language": None}, {}, {"language": "nb", "extra": 1}, ["nb"]]
)
def test_the_api_refuses_a_bad_language_and_changes_nothing(cast, api, payload):
    login(api, cast.teacher)
    response = api.patch(ME, payload, format="json")
    assert response.status_code == 400
    assert response.json()
    cast.teacher.refresh_from_db()
    assert cast.teacher.language == ""


def test_the_api_needs_a_login(db, api):
    assert api.patch(ME, {"language": "nb"}, format="json").status_code == 401
