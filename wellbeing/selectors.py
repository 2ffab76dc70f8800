from datetime import datetime

from django.db.models import QuerySet

from .models import AccessLog, Consent, ConsentEvent, ConsentScope, User


def consent_state(student: User) -> dict[str, bool]:
    state = {scope.value: False for scope in ConsentScope}
    for scope, granted in Consent.objects.filter(student=student).values_list("scope", "granted"):
        state[scope] = granted
    return state


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
