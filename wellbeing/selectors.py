from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from .models import AccessLog, Consent, ConsentEvent, ConsentScope, User


def consent_state(student: User) -> dict[str, bool]:
    state = {scope.value: False for scope in ConsentScope}
    for scope, granted in Consent.objects.filter(student=student).values_list("scope", "granted"):
        state[scope] = granted
    return state


@dataclass(frozen=True)
class ConsentDetail:
    granted: bool
    granted_at: datetime | None  # what is submitted from this moment is shared
    include_earlier: bool  # the check-ins from before are shared too


def consent_details(student: User) -> dict[str, ConsentDetail]:
    """Each scope's state with what it covers, for the privacy page and the API."""
    details = {scope.value: ConsentDetail(False, None, False) for scope in ConsentScope}
    for consent in Consent.objects.filter(student=student):
        details[consent.scope] = ConsentDetail(consent.granted, consent.granted_at, consent.include_earlier)
    return details


def consent_state_at(student: User, when: datetime) -> dict[str, bool]:
    """The consent state as it was at `when`, replayed from the history."""
    state = {scope.value: False for scope in ConsentScope}
    events = ConsentEvent.objects.filter(student=student, changed_at__lte=when).order_by("changed_at", "id")
    for scope, granted in events.values_list("scope", "granted"):
        state[scope] = granted
    return state


def consent_history(student: User) -> QuerySet[ConsentEvent]:
    return ConsentEvent.objects.filter(student=student).select_related("changed_by").order_by("-changed_at", "-id")


def access_log_for_student(student: User) -> QuerySet[AccessLog]:
    return AccessLog.objects.filter(student=student).select_related("viewer")
