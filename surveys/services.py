from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from wellbeing.models import User
from wellbeing.services import ApplicationError

from .models import REFLECTION_MAX_LENGTH, Checkin
from .signals import checkin_saved
from .weeks import week_start


def _validate(*, mood: int, reflection: str) -> None:
    if isinstance(mood, bool) or not isinstance(mood, int) or not 1 <= mood <= 5:
        raise ApplicationError("Mood must be a whole number from 1 to 5.", field="mood")
    if len(reflection) > REFLECTION_MAX_LENGTH:
        raise ApplicationError(f"The reflection can be at most {REFLECTION_MAX_LENGTH} characters.", field="reflection")


def checkin_submit(
    *, student: User, mood: int, reflection: str = "", language: str = "", now: datetime | None = None
) -> Checkin:
    """Create this week's check-in, or update it while the week lasts."""
    if not student.is_student or student.school_id is None:
        raise ApplicationError("Only students can check in.")
    reflection = reflection.strip()
    _validate(mood=mood, reflection=reflection)
    now = now or timezone.now()
    week = week_start(now, student.school.timezone)
    try:
        with transaction.atomic():
            checkin = _upsert(student=student, week=week, mood=mood, reflection=reflection, language=language, now=now)
    except IntegrityError:
        # Two submits of the same student raced to create the week's row; the
        # loser becomes an edit of the winner's.
        with transaction.atomic():
            checkin = _upsert(student=student, week=week, mood=mood, reflection=reflection, language=language, now=now)
    return checkin


def _upsert(*, student: User, week, mood: int, reflection: str, language: str, now: datetime) -> Checkin:
    checkin = Checkin.objects.select_for_update().filter(student=student, week=week).first()
    if checkin is None:
        checkin = Checkin.objects.create(
            student=student,
            school_id=student.school_id,
            week=week,
            mood=mood,
            reflection=reflection,
            language=language,
            submitted_at=now,
            updated_at=now,
        )
    else:
        checkin.mood = mood
        checkin.reflection = reflection
        checkin.language = language or checkin.language
        checkin.revision += 1
        checkin.updated_at = now
        checkin.save(update_fields=["mood", "reflection", "language", "revision", "updated_at"])
    checkin_saved.send(sender=Checkin, checkin_id=checkin.pk)
    return checkin
