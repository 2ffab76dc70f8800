"""Each person sees the service in their own language and their school's time.

Language, first match wins: the user's own choice (User.language); the
browser (the language cookie, then Accept-Language), but only when it names a
language we have; the school's default language; settings.LANGUAGE_CODE.
Django's LocaleMiddleware runs first and answers anonymous visitors the same
way; this one runs after AuthenticationMiddleware, because only then is the
user known.
"""

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
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
