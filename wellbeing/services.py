from collections.abc import Iterable

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
def consent_set(*, student: User, scope: ConsentScope | str, granted: bool, changed_by: User) -> Consent | None:
    if not student.is_student:
        raise ApplicationError("Only students have consent settings.")
    scope = ConsentScope(scope)
    now = timezone.now()
    consent = Consent.objects.select_for_update().filter(student=student, scope=scope).first()
    if (consent.granted if consent else False) == granted:
        return consent  # no change (absent means off), nothing to record
    if consent is None:
        consent = Consent.objects.create(student=student, scope=scope, granted=granted, updated_at=now)
    else:
        consent.granted = granted
        consent.updated_at = now
        consent.save(update_fields=["granted", "updated_at"])
    ConsentEvent.objects.create(student=student, scope=scope, granted=granted, changed_by=changed_by, changed_at=now)
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
