"""Build and delete the demo municipality: two schools, their people, varied
consent and eight weeks of scored check-ins with group aggregates, so every
page has something to show without a running worker.

Deterministic: one seeded random.Random makes every choice, drawing the same
values in the same order on every run. Only the calendar follows the clock:
the eight weeks end at the current ISO week.
"""

import logging
import random
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import F, Q

from analytics.models import WeekAggregate
from analytics.services import checkins_analyse, help_request_create, school_week_publish
from surveys.models import Checkin, CheckinWindow, Schedule, Weekday
from surveys.schedules import window_get_or_create
from surveys.weeks import week_start
from wellbeing.models import ConsentScope, Group, Language, Membership, School, SchoolRole, User
from wellbeing.services import consent_set

from .answers import ascii_name, consent_plan, moment_in_week, mood_for_week, optional_items, participation
from .names import INTERNATIONAL_FIRST_NAMES, INTERNATIONAL_LAST_NAMES
from .plan import (
    DEMO_EMAIL_DOMAIN,
    DEMO_LOGINS,
    DEMO_PASSWORD,
    FEATURED_STUDENTS,
    SCHOOLS,
    SEED,
    STAFF,
    SUBJECT_GROUPS,
    TEXT,
    TRAJECTORIES,
    TRAJECTORY_WEIGHTS,
    WEEKS,
    SchoolPlan,
    StaffPlan,
)
from .reflections import REFLECTIONS, mood_band


class DemoUsernameTaken(Exception):
    """A demo login is already someone else's; the demo is not built over them."""


@dataclass
class DemoStudent:
    user: User
    school: SchoolPlan
    group: str
    language: str
    trajectory: str
    offset: float  # this student's usual level relative to the trajectory
    participation: float
    writes: float
    scopes: tuple[ConsentScope, ...]
    revoked_text: bool = False  # turned text sharing on once, then off again
    featured: bool = False
    subjects: list[str] = field(default_factory=list)  # of the subject groups the student is in


@dataclass
class DemoSummary:
    schools: int = 0
    groups: int = 0
    students: int = 0
    staff: int = 0
    checkins: int = 0
    checkins_this_week: int = 0
    aggregates: int = 0
    suppressed: int = 0
    weeks: list[date] = field(default_factory=list)


def logins_table() -> str:
    width = max(len(username) for username, _ in DEMO_LOGINS)
    lines = [f"{'login'.ljust(width)}  who", f"{'-' * width}  {'-' * 3}"]
    lines += [f"{username.ljust(width)}  {who}" for username, who in DEMO_LOGINS]
    return "\n".join(lines)


def demo_exists() -> bool:
    return School.objects.filter(name__in=[plan.name for plan in SCHOOLS]).exists()


@transaction.atomic
def demo_delete() -> None:
    """Delete the demo schools and their people, with everything that hangs off them."""
    schools = School.objects.filter(name__in=[plan.name for plan in SCHOOLS])
    # Anyone else placed in a demo school goes too: User.school protects the school otherwise.
    User.objects.filter(Q(email__endswith=f"@{DEMO_EMAIL_DOMAIN}") | Q(school__in=schools)).delete()
    schools.delete()


@transaction.atomic
def demo_create(*, now: datetime) -> DemoSummary:
    rng = random.Random(SEED)
    password = make_password(DEMO_PASSWORD)  # hashed once: PBKDF2 for each of 160 users takes over a minute
    schools = {
        plan.name: School.objects.create(
            name=plan.name,
            country=plan.country,
            timezone=plan.timezone,
            default_language=plan.language,
            min_group_size=5,
        )
        for plan in SCHOOLS
    }
    groups = _groups_create(schools)
    students = _students_plan(rng, password)
    staff = _staff_plan(schools, password)
    taken = list(
        User.objects.filter(username__in=[s.user.username for s in students] + [u.username for u, _ in staff])
        .order_by("username")
        .values_list("username", flat=True)
    )
    if taken:
        raise DemoUsernameTaken(", ".join(taken))

    for student in students:
        student.user.school = schools[student.school.name]
    User.objects.bulk_create([s.user for s in students] + [u for u, _ in staff])
    _memberships_create(rng, students, staff, groups)
    _school_roles_create(staff, schools)
    mondays = {plan.name: _mondays(now, plan.timezone) for plan in SCHOOLS}
    _consents_set(students, since=now - timedelta(weeks=WEEKS + 1))
    windows = _windows_create(groups, mondays)
    checkins = _checkins_plan(rng, students, schools, windows, mondays, now)
    Checkin.objects.bulk_create(checkins, batch_size=500)

    with _quiet("analytics.services"):
        ids = list(Checkin.objects.filter(school__in=schools.values()).order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), 200):
            checkins_analyse(ids[start : start + 200])
        for school in schools.values():
            for monday in mondays[school.name]:
                school_week_publish(school_id=school.pk, week=monday, now=now)  # the open week stays unpublished
        # bulk_create sends no signals, so the requests a "contact me" makes
        # in the request path are made here: one open request per student.
        for checkin in (
            Checkin.objects.filter(school__in=schools.values(), contact_request=True)
            .select_related("student__school")
            .order_by("week", "id")
        ):
            help_request_create(student=checkin.student, checkin=checkin)
    # The closing work of a past window is that publication, just done.
    CheckinWindow.objects.filter(group__in=groups.values(), closes_at__lte=now).update(closed_at=F("closes_at"))

    current = {plan.name: mondays[plan.name][-1] for plan in SCHOOLS}
    aggregates = WeekAggregate.objects.filter(scope=WeekAggregate.Scope.GROUP, group__in=groups.values())
    return DemoSummary(
        schools=len(schools),
        groups=len(groups),
        students=len(students),
        staff=len(staff),
        checkins=len(checkins),
        checkins_this_week=sum(1 for c in checkins if c.week == current[c.school.name]),
        aggregates=aggregates.count(),
        suppressed=aggregates.filter(suppressed=True).count(),
        weeks=mondays[SCHOOLS[0].name],
    )


def _groups_create(schools: dict[str, School]) -> dict[tuple[str, str], Group]:
    groups = {}
    for plan in SCHOOLS:
        for name, grade in plan.classes:
            groups[plan.name, name] = Group.objects.create(school=schools[plan.name], name=name, grade=grade)
    for sub in SUBJECT_GROUPS:
        groups[sub.school, sub.name] = Group.objects.create(
            school=schools[sub.school], name=sub.name, subject=sub.subject, grade=sub.grade
        )
    return groups


def _windows_create(
    groups: dict[tuple[str, str], Group], mondays: dict[str, list[date]]
) -> dict[tuple[str, str, date], CheckinWindow]:
    # Open all week, so whoever tries the demo can check in on any day.
    Schedule.objects.bulk_create(
        Schedule(
            group=group,
            opens_weekday=Weekday.MONDAY,
            opens_time=clock(0, 0),
            closes_weekday=Weekday.SUNDAY,
            closes_time=clock.max,
        )
        for group in groups.values()
    )
    return {
        (school_name, group_name, monday): window_get_or_create(group=group, week=monday)
        for (school_name, group_name), group in groups.items()
        for monday in mondays[school_name]
    }


def _students_plan(rng: random.Random, password: str) -> list[DemoStudent]:
    used_names: set[tuple[str, str]] = {(f.first_name, f.last_name) for f in FEATURED_STUDENTS}
    used_usernames: set[str] = {f.username for f in FEATURED_STUDENTS} | {s.username for s in STAFF}
    students = []
    for plan in SCHOOLS:
        for class_name, _ in plan.classes:
            featured = [f for f in FEATURED_STUDENTS if f.school == plan.name and f.group == class_name]
            size = rng.randint(23, 27)
            international = set(rng.sample(range(len(featured), size), rng.randint(1, 3)))
            for f in featured:
                user = _user(f.username, f.first_name, f.last_name, plan.language, password, is_student=True)
                students.append(
                    DemoStudent(
                        user=user,
                        school=plan,
                        group=class_name,
                        language=plan.language,
                        trajectory=f.trajectory,
                        offset=0.0,
                        participation=1.0,
                        writes=f.writes,
                        scopes=f.scopes,
                        featured=True,
                    )
                )
            for index in range(len(featured), size):
                language = Language.ENGLISH if index in international else plan.language
                firsts, lasts = (
                    (INTERNATIONAL_FIRST_NAMES, INTERNATIONAL_LAST_NAMES)
                    if language == Language.ENGLISH
                    else (plan.first_names, plan.last_names)
                )
                first, last = rng.choice(firsts), rng.choice(lasts)
                while (first, last) in used_names:
                    first, last = rng.choice(firsts), rng.choice(lasts)
                used_names.add((first, last))
                username = _username(first, last, used_usernames)
                scopes, revoked_text = consent_plan(rng)
                students.append(
                    DemoStudent(
                        user=_user(username, first, last, language, password, is_student=True),
                        school=plan,
                        group=class_name,
                        language=language,
                        trajectory=rng.choices(TRAJECTORIES, weights=TRAJECTORY_WEIGHTS)[0],
                        offset=rng.uniform(-0.3, 0.3),
                        participation=participation(rng),
                        writes=rng.choice((0.15, 0.5, 0.8)),
                        scopes=scopes,
                        revoked_text=revoked_text,
                    )
                )
    return students


def _staff_plan(schools: dict[str, School], password: str) -> list[tuple[User, StaffPlan]]:
    by_name = {plan.name: plan for plan in SCHOOLS}
    staff = []
    for plan in STAFF:
        language = by_name[plan.school].language if plan.school else ""
        user = _user(plan.username, plan.first_name, plan.last_name, language, password, is_student=False)
        user.school = schools[plan.school] if plan.school else None
        user.is_staff = user.is_superuser = plan.superuser
        staff.append((user, plan))
    return staff


def _user(username: str, first: str, last: str, language: str, password: str, *, is_student: bool) -> User:
    return User(
        username=username,
        first_name=first,
        last_name=last,
        # Staff only: reminders would email students, and the demo's addresses lead nowhere.
        email="" if is_student else f"{username}@{DEMO_EMAIL_DOMAIN}",
        password=password,
        is_student=is_student,
        language=language,
    )


def _username(first: str, last: str, used: set[str]) -> str:
    base = f"elev.{ascii_name(first)}.{ascii_name(last)}"
    username, n = base, 2
    while username in used:
        username, n = f"{base}{n}", n + 1
    used.add(username)
    return username


def _memberships_create(
    rng: random.Random,
    students: list[DemoStudent],
    staff: list[tuple[User, StaffPlan]],
    groups: dict[tuple[str, str], Group],
) -> None:
    memberships = [
        Membership(group=groups[s.school.name, s.group], user=s.user, role=Membership.Role.STUDENT) for s in students
    ]
    for sub in SUBJECT_GROUPS:
        pool = [s for s in students if s.school.name == sub.school and s.group == sub.from_class]
        for s in rng.sample(pool, sub.size):
            group = groups[sub.school, sub.name]
            memberships.append(Membership(group=group, user=s.user, role=Membership.Role.STUDENT))
            s.subjects.append(sub.subject)
    for user, plan in staff:
        memberships += [
            Membership(group=groups[plan.school, name], user=user, role=Membership.Role.TEACHER)
            for name in plan.teaches
        ]
    Membership.objects.bulk_create(memberships)


def _school_roles_create(staff: list[tuple[User, StaffPlan]], schools: dict[str, School]) -> None:
    SchoolRole.objects.bulk_create(
        SchoolRole(school=schools[plan.school], user=user, role=plan.role) for user, plan in staff if plan.role
    )


def _consents_set(students: list[DemoStudent], since: datetime) -> None:
    # Through the service, so the demo's consent history looks like the real thing. Consent looks forward:
    # the demo's students turned their switches on at the start of term, before their first check-in here.
    for s in students:
        for scope in s.scopes:
            consent_set(student=s.user, scope=scope, granted=True, changed_by=s.user, now=since)
        if s.revoked_text:
            consent_set(student=s.user, scope=TEXT, granted=True, changed_by=s.user, now=since)
            consent_set(student=s.user, scope=TEXT, granted=False, changed_by=s.user, now=since)


def _mondays(now: datetime, tz_name: str) -> list[date]:
    current = week_start(now, tz_name)
    return [current - timedelta(weeks=back) for back in range(WEEKS - 1, -1, -1)]


def _checkins_plan(
    rng: random.Random,
    students: list[DemoStudent],
    schools: dict[str, School],
    windows: dict[tuple[str, str, date], CheckinWindow],
    mondays: dict[str, list[date]],
    now: datetime,
) -> list[Checkin]:
    # In each school's holiday week only two to four students per class check in.
    quiet_respondents: set[str] = set()
    for plan in SCHOOLS:
        for class_name, _ in plan.classes:
            pool = [s.user.username for s in students if s.school is plan and s.group == class_name]
            quiet_respondents.update(rng.sample(pool, rng.randint(2, 4)))

    checkins = []
    for s in students:
        last_text = ""
        # How much this student feels there is an adult to talk to, and how
        # often they answer the optional items at all.
        belonging, thorough = rng.uniform(2.5, 4.8), rng.uniform(0.6, 1.0)
        for index, monday in enumerate(mondays[s.school.name]):
            mood = mood_for_week(rng, s.trajectory, index, s.offset)
            if index == s.school.quiet_week:
                answered = s.user.username in quiet_respondents
            elif index == WEEKS - 1:
                # The week is under way: about half have checked in, and the
                # students with demo logins are left to do it themselves.
                answered = rng.random() < s.participation * 0.55 and not s.featured
            else:
                answered = rng.random() < s.participation
            text = ""
            if rng.random() < s.writes:
                options = REFLECTIONS[s.language][mood_band(mood)]
                text = rng.choice(options)
                if text == last_text:
                    text = rng.choice(options)
            items = optional_items(rng, mood, belonging, thorough, s.subjects)
            submitted_at = moment_in_week(rng, monday, s.school.timezone, now)
            edited, edit_minutes = rng.random() < 0.05, rng.randint(3, 120)
            if not answered:
                continue
            last_text = text or last_text
            updated_at = min(submitted_at + timedelta(minutes=edit_minutes), now) if edited else submitted_at
            checkins.append(
                Checkin(
                    student=s.user,
                    school=schools[s.school.name],
                    week=monday,
                    window=windows[s.school.name, s.group, monday],  # the class is the home group
                    mood=mood,
                    **items,
                    reflection=text,
                    language=s.language,
                    revision=2 if edited else 1,
                    submitted_at=submitted_at,
                    updated_at=max(updated_at, submitted_at),
                )
            )
    return checkins


@contextmanager
def _quiet(logger_name: str) -> Iterator[None]:
    # The scorer logs one line per check-in; a thousand of them would bury the logins.
    logger = logging.getLogger(logger_name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
