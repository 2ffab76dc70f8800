"""Server-rendered pages. Each view checks who may open it, validates input
with a form, calls selectors or one service, and renders."""

from collections.abc import Callable
from dataclasses import replace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from analytics.selectors import (
    group_aggregates_for_viewer,
    group_get_for_viewer,
    group_individuals_for_viewer,
    group_list_for_viewer,
    group_participation,
    student_chart_for_viewer,
    student_history_chart,
)
from analytics.services import help_request_create, student_chart_request
from surveys.instruments import REGISTRATION_NOTE, TEXTS, Instrument, text_in
from surveys.schedules import reminder_banner_for, window_for_student
from surveys.selectors import checkin_current_week, checkin_list_for_student, current_week
from surveys.services import (
    checkin_submit,
    custom_items_for,
    instrument_submit,
    instruments_due,
    instruments_enabled,
    student_subjects,
)
from wellbeing import policy
from wellbeing.gates import staff_page, student_page
from wellbeing.models import ConsentScope, Language
from wellbeing.selectors import access_log_for_student, consent_details, consent_history, consent_state
from wellbeing.services import ApplicationError, consent_set, user_language_set

from .forms import CheckinForm, ConsentForm, InstrumentForm, LanguageForm
from .help import help_context
from .insights import week_detail

HISTORY_WEEKS_SHOWN = 104  # two school years is plenty for a page; the API lists more
ACCESS_LOG_SHOWN = 200
CHECKIN_LANGUAGES = {choice.value for choice in Language}

View = Callable[..., HttpResponse]


@login_required
@require_safe
def home(request: HttpRequest) -> HttpResponse:
    if policy.is_student(request.user):
        return redirect("frontend:checkin")
    if group_list_for_viewer(request.user).exists():
        return redirect("frontend:group_list")
    return render(request, "frontend/no_role.html")


@student_page
@require_http_methods(["GET", "POST"])
def checkin(request: HttpRequest) -> HttpResponse:
    student = request.user
    shares_text = consent_state(student)[ConsentScope.TEXT_TO_TEACHERS]
    current = checkin_current_week(student)
    status = 200
    subjects = student_subjects(student)
    language = get_language()
    extra = {"custom_items": custom_items_for(student.school_id), "language": language}
    if request.method == "POST":
        form = CheckinForm(request.POST, shares_text=shares_text, subjects=subjects, **extra)
        # The help box's button submits this form: asking for contact and saving the check-in are one action,
        # and a check-in that cannot be saved yet never holds the request back nor loses what was typed.
        asks = "ask_contact" in request.POST
        saved = form.is_valid() and _checkin_save(request, form, asks=asks)
        if saved:
            if asks:
                messages.success(
                    request,
                    _(
                        "Your check-in is saved and your request is sent. Student health staff at your school "
                        "will see your name and get in touch."
                    ),
                )
            else:
                messages.success(request, _("Thank you, your check-in is saved."))
            return redirect("frontend:checkin")
        if asks:
            _help_ask_alone(request, student)
        status = 400 if not asks else 200
    else:
        initial = CheckinForm.initial_from(current) | CheckinForm.initial_custom(current)
        form = CheckinForm(initial=initial, shares_text=shares_text, subjects=subjects, **extra)
    now = timezone.now()
    window = current.window if current else window_for_student(student, now)
    window_open = window is not None and window.is_open(now)
    context = {
        "form": form,
        "current": current,
        "week": current_week(student),
        "window": window,
        "window_open": window_open,
        "checkin_form_shown": window_open,
        "reminded": reminder_banner_for(student, now) is not None,
        "instruments_due": [(name, Instrument(name).label) for name in instruments_due(student, now)],
        **help_context(student),
        "nav": "student",
    }
    return render(request, "frontend/checkin.html", context, status=status)


def _checkin_save(request: HttpRequest, form: CheckinForm, *, asks: bool) -> bool:
    """Save the valid form as this week's check-in; False (with the reason on the form) if the service refuses."""
    language = get_language()
    answers = form.answers()
    if asks:
        answers = replace(answers, contact_request=True)
    try:
        checkin_submit(
            student=request.user, answers=answers, language=language if language in CHECKIN_LANGUAGES else ""
        )
    except ApplicationError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return False
    return True


def _help_ask_alone(request: HttpRequest, student) -> None:
    """The check-in could not be saved (yet): the request for contact goes on its own, and the page says so."""
    try:
        help_request_create(student=student, checkin=None)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return
    messages.success(
        request,
        _(
            "Your request is sent: student health staff at your school will see your name and get in touch. "
            "Your check-in is not saved yet. What you wrote is still here; see below what is missing."
        ),
    )


@student_page
@require_safe
def history(request: HttpRequest) -> HttpResponse:
    checkins = checkin_list_for_student(request.user)[:HISTORY_WEEKS_SHOWN]
    chart = student_history_chart(request.user)
    if chart.svg is None and chart.summary.count:
        student_chart_request(student_id=request.user.pk)  # at most once a minute, however often the page loads
    context = {
        "checkins": checkins,
        # Safe to mark: our own renderer drew it from numbers and our own translated labels, no student text.
        "chart_svg": mark_safe(chart.svg) if chart.svg else None,  # noqa: S308
        "chart_summary": chart.summary,
        "nav": "student",
    }
    return render(request, "frontend/history.html", context)


@student_page
@require_safe
def history_chart(request: HttpRequest) -> HttpResponse:
    svg = student_chart_for_viewer(request.user)
    if svg is None:
        raise Http404
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    patch_cache_control(response, private=True, no_cache=True)
    # Opened on its own the SVG is a document: let it run nothing and load nothing.
    response["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'"
    return response


@student_page
@require_http_methods(["GET", "POST"])
def privacy(request: HttpRequest) -> HttpResponse:
    student = request.user
    details = consent_details(student)
    status = 200
    if request.method == "POST":
        form = ConsentForm(request.POST, details=details)
        if form.is_valid():
            changed = {
                scope: wanted
                for scope, wanted in form.wanted_state().items()
                if (details[scope].granted, details[scope].include_earlier) != wanted
            }
            # All switches of one save land together or not at all.
            with transaction.atomic():
                for scope, (granted, earlier) in changed.items():
                    consent_set(
                        student=student, scope=scope, granted=granted, include_earlier=earlier, changed_by=student
                    )
            messages.success(request, _("Your choices are saved.") if changed else _("Nothing was changed."))
            return redirect("frontend:privacy")
        status = 400
    else:
        form = ConsentForm.for_details(details)
    access_log = list(access_log_for_student(student)[: ACCESS_LOG_SHOWN + 1])
    context = {
        "form": form,
        "history": consent_history(student),
        "access_log": access_log[:ACCESS_LOG_SHOWN],
        "access_log_truncated": len(access_log) > ACCESS_LOG_SHOWN,
        "access_log_shown": ACCESS_LOG_SHOWN,
        "nav": "student",
    }
    return render(request, "frontend/privacy.html", context, status=status)


@staff_page
@require_safe
def group_list(request: HttpRequest) -> HttpResponse:
    groups = group_list_for_viewer(request.user)
    return render(request, "frontend/group_list.html", {"groups": groups, "nav": "staff"})


@staff_page
@require_safe
def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = group_get_for_viewer(request.user, group_id)
    aggregates = group_aggregates_for_viewer(request.user, group)
    context = {
        "group": group,
        "aggregates": aggregates,
        "participation": group_participation(group),
        "detail": week_detail(aggregates),
        # Reads individual data and writes the access log in one call.
        "individuals": group_individuals_for_viewer(request.user, group),
        "nav": "staff",
    }
    return render(request, "frontend/group_detail.html", context)


@student_page
@require_http_methods(["GET", "POST"])
def instrument(request: HttpRequest, name: str) -> HttpResponse:
    student = request.user
    if name not in instruments_enabled(student.school_id):
        raise Http404
    text = TEXTS[Instrument(name)]
    language = get_language() if get_language() in CHECKIN_LANGUAGES else "en"
    status = 200
    if request.method == "POST":
        form = InstrumentForm(request.POST, text=text, language=language)
        if form.is_valid():
            try:
                instrument_submit(student=student, instrument=name, answers=form.answers())
            except ApplicationError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Thank you, your answers are saved."))
                return redirect("frontend:checkin")
        status = 400
    else:
        form = InstrumentForm(text=text, language=language)
    context = {
        "form": form,
        "name": Instrument(name).label,
        "intro": text_in(text.intro, language),
        "copyright": text.copyright,
        "registration_note": REGISTRATION_NOTE if text.needs_registration else "",
        "nav": "student",
    }
    return render(request, "frontend/instrument.html", context, status=status)


def _safe_redirect_target(request: HttpRequest, url: str | None) -> str | None:
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return None


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """The language switcher: remembers the choice on the account (when signed in) and in the cookie."""
    target = (
        _safe_redirect_target(request, request.POST.get("next"))
        or _safe_redirect_target(request, request.headers.get("Referer"))
        or reverse("frontend:home")
    )
    response = HttpResponseRedirect(target)
    form = LanguageForm(request.POST)
    if not form.is_valid():
        return response  # back where they were, nothing changed
    language = form.cleaned_data["language"]
    if request.user.is_authenticated:
        user_language_set(user=request.user, language=language)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response
