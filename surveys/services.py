from dataclasses import asdict, dataclass, replace
from datetime import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from wellbeing.models import Group, Membership, User
from wellbeing.services import ApplicationError

from .models import NO_SUBJECT, REFLECTION_MAX_LENGTH, Checkin, HelpChoice, Workload
from .schedules import window_for_student
from .signals import checkin_saved
from .weeks import week_start


@dataclass(frozen=True)
class CheckinAnswers:
    """One student's answers to the weekly items; everything but mood may be skipped."""

    mood: int
    energy: int | None = None
    stress: int | None = None
    sleep: int | None = None
    belonging: int | None = None
    workload: str = ""
    hardest_subject: str = ""
    help_wanted: tuple[str, ...] = ()
    reflection: str = ""
    contact_request: bool = False


def _is_scale_value(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5


def _validate(answers: CheckinAnswers, subjects: set[str]) -> None:
    """The service's own check of every answer; forms and serializers check first, this is the last word."""
    if not _is_scale_value(answers.mood):
        raise ApplicationError("Mood must be a whole number from 1 to 5.", field="mood")
    for name in ("energy", "stress", "sleep", "belonging"):
        value = getattr(answers, name)
        if value is not None and not _is_scale_value(value):
            raise ApplicationError(f"{name.capitalize()} must be a whole number from 1 to 5, or left out.", field=name)
    if answers.workload not in {"", *Workload.values}:
        raise ApplicationError("How school work felt must be one of the given answers.", field="workload")
    if answers.hardest_subject not in {"", NO_SUBJECT, *subjects}:
        raise ApplicationError("The hardest subject must be one of your subjects.", field="hardest_subject")
    if not set(answers.help_wanted) <= set(HelpChoice.values):
        raise ApplicationError("What would help must be chosen from the given answers.", field="help_wanted")
    if len(answers.reflection) > REFLECTION_MAX_LENGTH:
        raise ApplicationError(f"The reflection can be at most {REFLECTION_MAX_LENGTH} characters.", field="reflection")
    if "\x00" in answers.reflection:
        raise ApplicationError("The reflection contains a character that cannot be saved.", field="reflection")


def student_subjects(student: User) -> list[str]:
    """The subjects of the student's groups: the answers to "which subject felt hardest"."""
    subjects = Group.objects.filter(memberships__user=student, memberships__role=Membership.Role.STUDENT)
    return sorted(set(subjects.exclude(subject="").values_list("subject", flat=True)))


def checkin_submit(
    *, student: User, answers: CheckinAnswers, language: str = "", now: datetime | None = None
) -> Checkin:
    """Create this week's check-in, or update it while the week lasts."""
    if not student.is_student or student.school_id is None:
        raise ApplicationError("Only students can check in.")
    answers = replace(
        answers,
        reflection=answers.reflection.strip(),
        help_wanted=tuple(dict.fromkeys(answers.help_wanted)),  # no duplicates, order kept
    )
    _validate(answers, set(student_subjects(student)) if answers.hardest_subject else set())
    now = now or timezone.now()
    week = week_start(now, student.school.timezone)
    existing = Checkin.objects.filter(student=student, week=week).select_related("window").first()
    window = existing.window if existing else window_for_student(student, now)
    if window is None:
        raise ApplicationError("You are not in a group with a weekly check-in yet. Ask your school.")
    if not window.is_open(now):
        raise ApplicationError(
            "This week's check-in is closed. You can check in when the next window opens.", field="window"
        )
    try:
        with transaction.atomic():
            checkin = _upsert(student=student, window=window, answers=answers, language=language, now=now)
    except IntegrityError:
        # Two submits of the same student raced to create the week's row; the
        # loser becomes an edit of the winner's.
        with transaction.atomic():
            checkin = _upsert(student=student, window=window, answers=answers, language=language, now=now)
    return checkin


def _upsert(*, student: User, window, answers: CheckinAnswers, language: str, now: datetime) -> Checkin:
    values = asdict(answers) | {"help_wanted": list(answers.help_wanted)}
    checkin = Checkin.objects.select_for_update().filter(student=student, week=window.week).first()
    if checkin is None:
        checkin = Checkin.objects.create(
            student=student,
            school_id=student.school_id,
            week=window.week,
            window=window,
            language=language,
            submitted_at=now,
            updated_at=now,
            **values,
        )
    else:
        for name, value in values.items():
            setattr(checkin, name, value)
        checkin.language = language or checkin.language
        checkin.revision += 1
        checkin.updated_at = now
        checkin.save(update_fields=[*values, "language", "revision", "updated_at"])
    checkin_saved.send(sender=Checkin, checkin_id=checkin.pk)
    return checkin
