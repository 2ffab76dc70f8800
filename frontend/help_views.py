"""Help request pages: a student asks for contact; student-health staff work the queue."""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from analytics.labels import concern_category_label
from analytics.models import HelpRequest, HelpRequestEvent
from analytics.selectors import (
    help_request_current_for_student,
    help_request_get_for_viewer,
    help_request_list_for_viewer,
)
from analytics.services import HELP_TRANSITIONS, help_request_create, help_request_set_status
from wellbeing.gates import health_page, student_page
from wellbeing.services import ApplicationError

# What staff press to move a request on; the statuses' own labels are worded for the student.
ACTION_LABELS = {
    HelpRequest.Status.SEEN: gettext_lazy("Mark as seen"),
    HelpRequest.Status.CONTACT_PLANNED: gettext_lazy("Contact is planned"),
    HelpRequest.Status.CLOSED: gettext_lazy("Close"),
}


# What found a concern, as staff read it (analytics.nlp.concern's sources).
FOUND_BY = {
    "pattern": gettext_lazy("word patterns"),
    "model": gettext_lazy("the statistical model"),
    "failure": gettext_lazy("the analysis failed on this check-in"),
}


class HelpRequestStatusForm(forms.Form):
    status = forms.ChoiceField(
        choices=HelpRequest.Status.choices,
        error_messages={
            "required": gettext_lazy("Choose what to change the request to."),
            "invalid_choice": gettext_lazy("Choose one of the given statuses."),
        },
    )


@dataclass
class QueueRow:
    request: HelpRequest
    groups: list[str]
    actions: list[tuple[str, str]]  # (status, button label), the next step first
    last_change: HelpRequestEvent | None  # who moved it last, if anyone has
    concerns: list[str]  # what the analysis found, as labels; never the words
    found_by: list[str]  # why: which part of the analysis raised it


def _queue_rows(requests: list[HelpRequest]) -> list[QueueRow]:
    order = list(ACTION_LABELS)
    return [
        QueueRow(
            request=r,
            groups=[m.group.name for m in r.student.student_memberships],
            actions=[(s, ACTION_LABELS[s]) for s in sorted(HELP_TRANSITIONS[r.status], key=order.index)],
            last_change=next((e for e in reversed(r.events.all()) if e.from_status), None),
            concerns=[concern_category_label(code) for code in r.concern_categories],
            found_by=[
                str(FOUND_BY[source])
                for source in sorted({s for e in r.events.all() for s in e.concern_sources})
                if source in FOUND_BY
            ],
        )
        for r in requests
    ]


def _queue(request: HttpRequest, *, error: str = "", status: int = 200) -> HttpResponse:
    # Reads who asked and writes the access log in one call.
    rows = _queue_rows(help_request_list_for_viewer(request.user))
    context = {"rows": rows, "error": error, "nav": "staff"}
    return render(request, "frontend/help_requests.html", context, status=status)


@health_page
@require_safe
def help_requests(request: HttpRequest) -> HttpResponse:
    return _queue(request)


@health_page
@require_POST
def help_request_status(request: HttpRequest, request_id: int) -> HttpResponse:
    help_request = help_request_get_for_viewer(request.user, request_id)
    form = HelpRequestStatusForm(request.POST)
    if not form.is_valid():
        return _queue(request, error=form.errors["status"][0], status=400)
    before = help_request.status
    try:
        help_request = help_request_set_status(
            request=help_request, actor=request.user, status=form.cleaned_data["status"]
        )
    except ApplicationError as exc:
        return _queue(request, error=exc.message, status=400)
    if help_request.status == before:
        messages.info(request, _("Nothing was changed."))
    else:
        # No name in the message: messages may travel in a cookie.
        messages.success(request, _("The request is now “%(status)s”.") % {"status": help_request.get_status_display()})
    return redirect("frontend:help_requests")


@student_page
@require_POST
def help_request(request: HttpRequest) -> HttpResponse:
    already_open = help_request_current_for_student(request.user) is not None
    try:
        help_request_create(student=request.user, checkin=None)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if already_open:
            messages.info(request, _("You have already asked. Student health staff at your school will get in touch."))
        else:
            messages.success(
                request,
                _("Your request is sent. Student health staff at your school will see your name and get in touch."),
            )
    return redirect("frontend:checkin")
