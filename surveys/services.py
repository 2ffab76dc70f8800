from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from wellbeing.models import Group, Membership, User
from wellbeing.services import ApplicationError

from .instruments import Instrument
from .models import (
    NO_SUBJECT,
    REFLECTION_MAX_LENGTH,
    Checkin,
    CustomAnswer,
    CustomItem,
    HelpChoice,
    InstrumentResponse,
    SchoolInstrument,
    Workload,
)
from .schedules import window_for_student
from .signals import checkin_saved, instrument_response_saved
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
    # Answers to the school's own items: {item id: value}; a skipped item is left out.
    custom: dict[int, object] = field(default_factory=dict)


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


CUSTOM_TEXT_MAX_LENGTH = 300


def custom_items_for(school_id: int) -> list[CustomItem]:
    return list(CustomItem.objects.filter(school_id=school_id, active=True).order_by("order", "pk"))


def _validate_custom(custom: dict, items: list[CustomItem]) -> None:
    by_id = {item.pk: item for item in items}
    for item_id, value in custom.items():
        item = by_id.get(item_id)
        if item is None:
            raise ApplicationError("That question is not part of your school's check-in.", field="custom")
        allowed = {choice for choice, _label in item.choices("en")}
        if item.kind == CustomItem.Kind.SCALE:
            ok = _is_scale_value(value)
        elif item.kind == CustomItem.Kind.SINGLE:
            ok = isinstance(value, str) and value in allowed
        elif item.kind == CustomItem.Kind.MULTIPLE:
            ok = isinstance(value, list | tuple) and all(isinstance(v, str) and v in allowed for v in value)
        else:
            ok = isinstance(value, str) and len(value) <= CUSTOM_TEXT_MAX_LENGTH and "\x00" not in value
        if not ok:
            raise ApplicationError(
                f"The answer to “{item.question_en}” is not one of the allowed answers.", field="custom"
            )


def _save_custom(checkin: Checkin, custom: dict, items: list[CustomItem]) -> None:
    kinds = {item.pk: item.kind for item in items}
    if checkin.revision > 1:  # an edit replaces the answers; a new check-in has none yet
        CustomAnswer.objects.filter(checkin=checkin).delete()
    CustomAnswer.objects.bulk_create(
        CustomAnswer(checkin=checkin, item_id=item_id, text=value.strip())
        if kinds[item_id] == CustomItem.Kind.TEXT
        else CustomAnswer(checkin=checkin, item_id=item_id, value=list(value) if isinstance(value, tuple) else value)
        for item_id, value in custom.items()
        if value not in (None, "", [], ())
    )


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
    items = custom_items_for(student.school_id) if answers.custom else []
    _validate_custom(answers.custom, items)
    now = now or timezone.now()
    week = week_start(now, student.school.timezone)
    existing = Checkin.objects.filter(student=student, week=week).select_related("window").first()
    window = existing.window if existing else window_for_student(student, now)
    if window is None:
        raise ApplicationError(gettext("You are not in a group with a weekly check-in yet. Ask your school."))
    if not window.is_open(now):
        # Reached from the page too, when the window closes while the form is open: in the student's language.
        raise ApplicationError(
            gettext("This week's check-in is closed. You can check in when the next window opens."), field="window"
        )
    try:
        with transaction.atomic():
            checkin = _upsert(student=student, window=window, answers=answers, language=language, now=now)
            _save_custom(checkin, answers.custom, items)
    except IntegrityError:
        # Two submits of the same student raced to create the week's row; the
        # loser becomes an edit of the winner's.
        with transaction.atomic():
            checkin = _upsert(student=student, window=window, answers=answers, language=language, now=now)
            _save_custom(checkin, answers.custom, items)
    return checkin


def _upsert(*, student: User, window, answers: CheckinAnswers, language: str, now: datetime) -> Checkin:
    values = asdict(answers) | {"help_wanted": list(answers.help_wanted)}
    del values["custom"]  # saved in CustomAnswer rows
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


INSTRUMENT_RULES = {Instrument.WHO5: (5, range(6)), Instrument.SWEMWBS: (7, range(1, 6))}


def instruments_enabled(school_id: int) -> list[str]:
    return list(
        SchoolInstrument.objects.filter(school_id=school_id, enabled=True)
        .order_by("instrument")
        .values_list("instrument", flat=True)
    )


def month_start(now: datetime, tz_name: str):
    return now.astimezone(ZoneInfo(tz_name)).date().replace(day=1)


def instrument_submit(
    *, student: User, instrument: str, answers: list[int], now: datetime | None = None
) -> InstrumentResponse:
    """Save this month's answers to an instrument the school uses; editable during the month."""
    if not student.is_student or student.school_id is None:
        raise ApplicationError("Only students answer instruments.")
    if instrument not in instruments_enabled(student.school_id):
        raise ApplicationError("Your school does not use this questionnaire.", field="instrument")
    count, allowed = INSTRUMENT_RULES[Instrument(instrument)]
    if not isinstance(answers, list | tuple) or len(answers) != count:
        raise ApplicationError(f"Answer all {count} statements.", field="answers")
    if not all(isinstance(a, int) and not isinstance(a, bool) and a in allowed for a in answers):
        raise ApplicationError("Every answer must be one of the given choices.", field="answers")
    now = now or timezone.now()
    period = month_start(now, student.school.timezone)
    with transaction.atomic():
        response, created = InstrumentResponse.objects.select_for_update().get_or_create(
            student=student,
            instrument=instrument,
            period=period,
            defaults={
                "school_id": student.school_id,
                "answers": list(answers),
                "submitted_at": now,
                "updated_at": now,
            },
        )
        if not created:
            response.answers = list(answers)
            response.revision += 1
            response.updated_at = now
            response.save(update_fields=["answers", "revision", "updated_at"])
        instrument_response_saved.send(sender=InstrumentResponse, response_id=response.pk)
    return response


def instruments_due(student: User, now: datetime | None = None) -> list[str]:
    """The school's instruments the student has not answered this month."""
    if student.school_id is None:
        return []
    period = month_start(now or timezone.now(), student.school.timezone)
    answered = set(
        InstrumentResponse.objects.filter(student=student, period=period).values_list("instrument", flat=True)
    )
    return [name for name in instruments_enabled(student.school_id) if name not in answered]
