"""Each person sees the service in their own language and their school's time.

Language, first match wins: the user's own choice (User.language); the
browser (the language cookie, then Accept-Language), but only when it names a
language we have; the school's default language; settings.LANGUAGE_CODE.
Django's LocaleMiddleware runs first and answers anonymous visitors the same
way; this one runs after AuthenticationMiddleware, because only then is the
user known.

Also here: the headers every response to a signed-in user or from the API carries (no caching, and the pages'
exceptions to the Content-Security-Policy), and the refusal of text that cannot be encoded.
"""

import re
import zoneinfo
from collections.abc import Callable

from csp.constants import SELF, UNSAFE_INLINE
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header


def _supported(code: str | None) -> str | None:
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def browser_language(request: HttpRequest) -> str | None:
    """The language the browser asks for, or None when it asks for none we have."""
    cookie = _supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    if cookie:
        return cookie
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            # "Anything will do" expresses no language; the school's default decides.
            continue
        supported = _supported(code)
        if supported:
            return supported
    return None


def language_for(request: HttpRequest) -> str:
    user = request.user
    school = user.school if user.is_authenticated else None
    return (
        (_supported(user.language) if user.is_authenticated else None)
        or browser_language(request)
        or (_supported(school.default_language) if school else None)
        or settings.LANGUAGE_CODE
    )


def _school_zone(request: HttpRequest) -> zoneinfo.ZoneInfo | None:
    user = request.user
    if not user.is_authenticated or user.school is None:
        return None
    try:
        return zoneinfo.ZoneInfo(user.school.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        # A mistyped zone in the admin must not take the site down; fall back to TIME_ZONE.
        return None


class UserLanguageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = language_for(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        # override() restores the previous zone afterwards, so one request's
        # school time never leaks into the next request on this thread.
        with timezone.override(_school_zone(request)):
            return self.get_response(request)


API_PREFIX = "/api/"

# Pages whose content needs more than the site's Content-Security-Policy (settings.CONTENT_SECURITY_POLICY),
# by URL name, with the reason. Scripts stay our own files everywhere.
CSP_EXCEPTIONS = {
    # The history chart is an inline <svg> that matplotlib styles with style attributes and a <style> element;
    # without them it draws as a black box. It holds numbers and our own labels only, never a student's text.
    "frontend:history": {"style-src": [SELF, UNSAFE_INLINE]},
    # The API docs (the schema, no personal data): Swagger UI and Redoc style themselves inline, and Redoc
    # searches in a worker it starts from a blob.
    "api-docs": {"style-src": [SELF, UNSAFE_INLINE]},
    "api-redoc": {"style-src": [SELF, UNSAFE_INLINE], "worker-src": [SELF, "blob:"]},
}


class ResponseHeadersMiddleware:
    """No cache may keep a response that can carry personal data: every response to a signed-in user, and every
    API response (token clients are not signed in here). Static files never get here (WhiteNoise answers them
    first). Also gives the pages in CSP_EXCEPTIONS their wider policy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated or request.path_info.startswith(API_PREFIX):
            patch_cache_control(response, no_store=True, private=True)
        match = request.resolver_match
        if match is not None and match.view_name in CSP_EXCEPTIONS:
            response._csp_update = CSP_EXCEPTIONS[match.view_name]  # read by csp.middleware.CSPMiddleware
        return response


# A lone surrogate (U+D800 to U+DFFF on its own) decodes into a Python str without complaint, but cannot be
# encoded as UTF-8: not by the database driver, not by the renderer that echoes an unknown field's name. (A null
# character is refused with a message of its own by every form and serializer field.)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
UNENCODABLE_MESSAGE = _("Contains a lone surrogate, a character that is not allowed in text.")


def _holds_lone_surrogate(value) -> bool:
    # Iterative, not recursive: a JSON body can nest as deep as the parser allowed.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list | tuple):
            pending.extend(item)
    return False


def _printable(name: str) -> str:
    return _LONE_SURROGATE.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), name)


def unencodable_fields(data) -> list[str]:
    """The fields of parsed input (a JSON value, a QueryDict) whose name or value holds a lone surrogate, each
    named printably; "non_field_errors" for such input that is not an object."""
    if isinstance(data, MultiValueDict):
        items = data.lists()
    elif isinstance(data, dict):
        items = data.items()
    else:
        return ["non_field_errors"] if _holds_lone_surrogate(data) else []
    return [_printable(name) for name, value in items if _holds_lone_surrogate([name, value])]


class RejectUnencodableInputMiddleware:
    """Query strings everywhere, and form posts to the pages, that hold a lone surrogate get a 400 and change
    nothing: a JSON answer naming the fields under /api/, a page otherwise. (API bodies are checked by
    the API's parsers in wellbeing.api, which cover every method and content type there.)

    A browser never sends such text (it replaces lone surrogates when it encodes a form), so whoever gets the
    page crafted the request; the page says what happened and that nothing changed."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        is_api = request.path_info.startswith(API_PREFIX)
        bad = unencodable_fields(request.GET)
        if not is_api and request.method == "POST":
            try:
                uploads = {name: [upload.name for upload in files] for name, files in request.FILES.lists()}
                bad += unencodable_fields(request.POST) + unencodable_fields(uploads)
            except BadRequest:
                # Django refuses a urlencoded form in any charset but UTF-8; the same page says so kindly.
                bad = ["form"]
        if not bad:
            return self.get_response(request)
        if is_api:
            return JsonResponse({name: [str(UNENCODABLE_MESSAGE)] for name in bad}, status=400)
        return render(request, "frontend/bad_input.html", status=400)
