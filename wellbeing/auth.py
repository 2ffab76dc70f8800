"""Signing in: the API's tokens, and the lockout that stops password guessing.

Every login path (the login page, the admin's login, the API's token endpoint) calls
django.contrib.auth.authenticate with the request, so django-axes counts the failures of all of them in one
place, against the account and against the client's address (settings: LOGIN_FAILURE_LIMIT,
LOGIN_FAILURE_LIMIT_PER_ADDRESS, LOGIN_COOLOFF_MINUTES).
"""

import ipaddress

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib.auth import authenticate
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from drf_spectacular.utils import extend_schema
from knox import views as knox_views
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny
from rest_framework.throttling import ScopedRateThrottle

from .api import StrictInputSerializer, TokenAuthentication
from .middleware import API_PREFIX


class TokenScheme(KnoxTokenScheme):
    """The schema's name for our token authentication (defining the class registers it)."""

    target_class = "wellbeing.api.TokenAuthentication"
    name = "tokenAuth"


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the outermost of settings.NUM_PROXIES trusted proxies saw it.

    Each proxy appends the address it saw to X-Forwarded-For, so only the last NUM_PROXIES entries are
    trustworthy; anything further left was written by the client. With no proxies, REMOTE_ADDR alone.
    """
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR")
    if settings.NUM_PROXIES == 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",")]
    candidate = hops[-min(settings.NUM_PROXIES, len(hops))]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # A proxy that passed on something that is not an address: count it against the proxy itself,
        # which is stricter, never against a name the client chose.
        return remote


class AddressRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, counting per client address by the same rule as the lockout."""

    def get_ident(self, request) -> str:
        return client_address(request) or ""


class LockoutHandler(AxesDatabaseHandler):
    """axes' database handler, with a limit of its own for a client address.

    axes compares one failure count with one limit (LOGIN_FAILURE_LIMIT). A whole school often reaches us from
    one address, so the address gets the higher LOGIN_FAILURE_LIMIT_PER_ADDRESS: until the address reaches
    it, only the account's failures count.
    """

    def get_failures(self, request, credentials=None) -> int:
        # One queryset per entry of AXES_LOCKOUT_PARAMETERS, in its order: ["username", "ip_address"].
        by_account, by_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        if by_address >= settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS:
            return max(by_account, get_failure_limit(request, credentials))
        return by_account


def lockout_message() -> str:
    minutes = settings.LOGIN_COOLOFF_MINUTES
    return ngettext(
        "Logging in is paused after too many failed attempts. Try again in %(minutes)d minute. "
        "If you have forgotten your password, ask your school for help.",
        "Logging in is paused after too many failed attempts. Try again in %(minutes)d minutes. "
        "If you have forgotten your password, ask your school for help.",
        minutes,
    ) % {"minutes": minutes}


def lockout_page(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """The answer to a locked-out login (settings.AXES_LOCKOUT_CALLABLE, and the token endpoint's): 429 with
    Retry-After. It says neither whether the account exists nor which limit was reached."""
    status = 429
    if request.path_info.startswith(API_PREFIX):
        response = JsonResponse({"detail": lockout_message(), "code": "locked_out"}, status=status)
    else:
        response = render(request, "frontend/locked_out.html", {"message": lockout_message()}, status=status)
    response["Retry-After"] = str(settings.LOGIN_COOLOFF_MINUTES * 60)
    return response


class TokenLoginApi(knox_views.LoginView):
    """Exchange a username and password for a token that expires after API_TOKEN_TTL_HOURS."""

    # The password in the body is the credential: no session or token is asked for, so no CSRF either.
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AddressRateThrottle]
    throttle_scope = "token"  # the rate is in REST_FRAMEWORK settings

    class InputSerializer(StrictInputSerializer):
        class Meta:
            ref_name = "TokenLoginInput"

        # Bounded like the login page's form, so a huge value never reaches the password hasher or axes' table.
        username = serializers.CharField(max_length=150)
        password = serializers.CharField(max_length=4096, trim_whitespace=False, style={"input_type": "password"})

    class OutputSerializer(serializers.Serializer):
        class Meta:
            ref_name = "TokenLoginOutput"

        token = serializers.CharField()
        expiry = serializers.DateTimeField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer, auth=[])
    def post(self, request, format=None):
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request, **serializer.validated_data)
        # Set by axes on this (DRF) request, which its middleware never sees: the answer is ours to give.
        if getattr(request, "axes_locked_out", False):
            return lockout_page(request)
        if user is None:
            raise ValidationError({"non_field_errors": [_("Unable to log in with provided credentials.")]})
        request.user = user
        return super().post(request, format=format)


class NoInputSerializer(StrictInputSerializer):
    """For endpoints that take no fields: anything sent is a 400 that changes nothing."""

    class Meta:
        ref_name = "NoInput"


class TokenLogoutApi(knox_views.LogoutView):
    """Revoke the token this request is made with (and only it: a session cannot revoke tokens)."""

    authentication_classes = [TokenAuthentication]

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        NoInputSerializer(data=request.data).is_valid(raise_exception=True)
        return super().post(request, format=format)


class TokenLogoutAllApi(knox_views.LogoutAllView):
    """Revoke every token of the user the token this request is made with belongs to."""

    authentication_classes = [TokenAuthentication]

    @extend_schema(request=None, responses={204: None})
    def post(self, request, format=None):
        NoInputSerializer(data=request.data).is_valid(raise_exception=True)
        return super().post(request, format=format)
