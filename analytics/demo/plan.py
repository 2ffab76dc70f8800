"""What the demo municipality consists of: schools, groups, staff and the
students with demo logins. Data only; `build.py` turns it into rows."""

from dataclasses import dataclass

from wellbeing.models import ConsentScope, Country, Language, SchoolRole

from .names import (
    NORWEGIAN_FIRST_NAMES,
    NORWEGIAN_LAST_NAMES,
    SWEDISH_FIRST_NAMES,
    SWEDISH_LAST_NAMES,
)

DEMO_PASSWORD = "demo-pass-2026"
# Demo staff get an address in this reserved domain; with the demo schools'
# students, that is exactly whom --reset deletes.
DEMO_EMAIL_DOMAIN = "demo.invalid"
SEED = 2026
WEEKS = 8

# The logins the README and bin/run show; keep the three in step.
DEMO_LOGINS: list[tuple[str, str]] = [
    ("elev", "a student at Björkskolan (Sweden) who shares scores and reflections with teachers"),
    ("elev2", "a student at Björkskolan who shares nothing"),
    ("elev.no", "a student at Fjordvik skole (Norway)"),
    ("larare", "a teacher at Björkskolan"),
    ("laerer", "a teacher at Fjordvik skole"),
    ("halsa", "student-health staff at Björkskolan"),
    ("helse", "student-health staff at Fjordvik skole"),
    ("rektor", "school admin at Björkskolan"),
    ("rektor.no", "school admin at Fjordvik skole"),
    ("admin", "superuser, for the Django admin at /admin/"),
]

SCORES = ConsentScope.SCORES_TO_TEACHERS
TEXT = ConsentScope.TEXT_TO_TEACHERS
TRENDS = ConsentScope.TRENDS_TO_HEALTH


@dataclass(frozen=True)
class SchoolPlan:
    name: str
    country: str
    timezone: str
    language: str
    classes: tuple[tuple[str, int], ...]  # (name, grade)
    # A holiday week (0 = oldest) when only a few students per class check
    # in, so the demo shows suppressed aggregates.
    quiet_week: int
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]


SCHOOLS = (
    SchoolPlan(
        name="Björkskolan",
        country=Country.SWEDEN,
        timezone="Europe/Stockholm",
        language=Language.SWEDISH,
        classes=(("7A", 7), ("8B", 8), ("9A", 9)),
        quiet_week=3,
        first_names=SWEDISH_FIRST_NAMES,
        last_names=SWEDISH_LAST_NAMES,
    ),
    SchoolPlan(
        name="Fjordvik skole",
        country=Country.NORWAY,
        timezone="Europe/Oslo",
        language=Language.NORWEGIAN,
        classes=(("8A", 8), ("9B", 9), ("10A", 10)),
        quiet_week=5,
        first_names=NORWEGIAN_FIRST_NAMES,
        last_names=NORWEGIAN_LAST_NAMES,
    ),
)


@dataclass(frozen=True)
class SubjectGroupPlan:
    school: str
    name: str
    subject: str
    grade: int
    from_class: str
    size: int


# Drawn from one class and small, so some of its weeks fall below the minimum group size.
SUBJECT_GROUPS = (SubjectGroupPlan("Björkskolan", "Spanska 9", "Spanska", 9, from_class="9A", size=9),)


@dataclass(frozen=True)
class StaffPlan:
    username: str
    first_name: str
    last_name: str
    school: str | None
    teaches: tuple[str, ...] = ()
    role: str | None = None  # a SchoolRole.Role
    superuser: bool = False


STAFF = (
    StaffPlan("larare", "Karin", "Ek", "Björkskolan", teaches=("8B", "Spanska 9")),
    StaffPlan("larare.johan.sjogren", "Johan", "Sjögren", "Björkskolan", teaches=("7A", "9A")),
    StaffPlan("larare.fatima.hassan", "Fatima", "Hassan", "Björkskolan", teaches=("9A",)),
    StaffPlan("halsa", "Lena", "Holm", "Björkskolan", role=SchoolRole.Role.HEALTH),
    StaffPlan("rektor", "Mats", "Lindgren", "Björkskolan", role=SchoolRole.Role.ADMIN),
    StaffPlan("laerer", "Ingrid", "Solberg", "Fjordvik skole", teaches=("9B",)),
    StaffPlan("laerer.per.haugen", "Per", "Haugen", "Fjordvik skole", teaches=("8A", "10A")),
    StaffPlan("laerer.marte.lie", "Marte", "Lie", "Fjordvik skole", teaches=("10A",)),
    StaffPlan("helse", "Siri", "Bakken", "Fjordvik skole", role=SchoolRole.Role.HEALTH),
    StaffPlan("rektor.no", "Bjørn", "Aas", "Fjordvik skole", role=SchoolRole.Role.ADMIN),
    StaffPlan("admin", "Demo", "Admin", None, superuser=True),
)

TRAJECTORIES = ("good", "middling", "decline", "recovery", "volatile")
TRAJECTORY_WEIGHTS = (35, 30, 12, 10, 13)


@dataclass(frozen=True)
class FeaturedStudentPlan:
    """A student with a demo login: fixed consent and story, never checked in this week."""

    username: str
    first_name: str
    last_name: str
    school: str
    group: str
    scopes: tuple[ConsentScope, ...]
    trajectory: str
    writes: float


FEATURED_STUDENTS = (
    FeaturedStudentPlan("elev", "Alva", "Lindqvist", "Björkskolan", "8B", (SCORES, TEXT), "recovery", 0.85),
    FeaturedStudentPlan("elev2", "Hugo", "Berg", "Björkskolan", "8B", (), "middling", 0.4),
    FeaturedStudentPlan("elev.no", "Nora", "Strand", "Fjordvik skole", "9B", (SCORES,), "good", 0.6),
)
