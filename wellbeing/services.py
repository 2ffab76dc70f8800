from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from .models import AccessLog, Consent, ConsentEvent, ConsentScope, Language, User


class ApplicationError(Exception):
    """A request that is understood but cannot be carried out; shown to the user."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


@transaction.atomic
def consent_set(
    *,
    student: User,
    scope: ConsentScope | str,
    granted: bool,
    changed_by: User,
    include_earlier: bool | None = None,
    now: datetime | None = None,
) -> Consent | None:
    """Turn a scope on or off, or choose whether earlier check-ins are shared too; every change is recorded.

    Turning a scope on shares what the student submits from now on. `include_earlier=True` also shares the
    check-ins from before, and only when asked; None leaves that choice as it is. Turning a scope off
    withdraws both.
    """
    if not student.is_student:
        raise ApplicationError("Only students have consent settings.")
    scope = ConsentScope(scope)
    now = now or timezone.now()
    consent = Consent.objects.select_for_update().filter(student=student, scope=scope).first()
    was_on = consent.granted if consent else False
    was_earlier = consent.include_earlier if consent else False
    earlier = (was_earlier if include_earlier is None else include_earlier) if granted else False
    if was_on == granted and was_earlier == earlier:
        return consent  # no change (absent means off), nothing to record
    values = {
        "granted": granted,
        "granted_at": (consent.granted_at if was_on else now) if granted else None,
        "include_earlier": earlier,
        "updated_at": now,
    }
    if consent is None:
        consent = Consent.objects.create(student=student, scope=scope, **values)
    else:
        for name, value in values.items():
            setattr(consent, name, value)
        consent.save(update_fields=list(values))
    ConsentEvent.objects.create(
        student=student, scope=scope, granted=granted, include_earlier=earlier, changed_by=changed_by, changed_at=now
    )
    return consent


def access_log_record(*, viewer: User, students: Iterable[User], what: AccessLog.What, context: str = "") -> None:
    now = timezone.now()
    AccessLog.objects.bulk_create(
        AccessLog(viewer=viewer, student=student, what=what, context=context[:100], at=now)
        for student in students
        if student.pk != viewer.pk
    )


def user_language_set(*, user: User, language: str) -> User:
    if language not in Language.values:
        raise ApplicationError("That language is not available.", field="language")
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return user


def tokens_purge_expired() -> int:
    """Delete API tokens past their expiry, so no digest outlives its use; returns how many went."""
    from knox.models import AuthToken

    deleted, _ = AuthToken.objects.filter(expiry__lt=timezone.now()).delete()
    return deleted
