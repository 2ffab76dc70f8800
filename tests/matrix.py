"""The role matrix: who may see what, written once, for the policy tests, the API tests and the page tests.

The roles are the cast's (tests/conftest.py) seen from one subject, a group_a student. Every expectation the
access tests check comes from the tables here, so the policy, the API and the pages are held to one matrix.
"""

from django.contrib.auth.models import AnonymousUser

from wellbeing import policy

ROLES = [
    "self",
    "other_student",
    "teacher_of_group",
    "teacher_other_group",
    "teacher_other_school",
    "health",
    "health_other_school",
    "school_admin",
    "anonymous",
]
CONSENT = ["on", "off", "revoked"]


def viewer_for(cast, role, subject=None):
    return {
        "self": subject if subject is not None else cast.sharer,
        "other_student": cast.classmate,
        "teacher_of_group": cast.teacher,
        "teacher_other_group": cast.teacher_b,
        "teacher_other_school": cast.teacher_other_school,
        "health": cast.health,
        "health_other_school": cast.health_other_school,
        "school_admin": cast.admin,
        "anonymous": AnonymousUser(),
    }[role]


# Who may see a group_a student's data at each level when the student's consent is on (and covers the data);
# with consent off or revoked only the student themself may.
ALLOWED_WITH_CONSENT = {
    policy.Level.SCORES: {"self", "teacher_of_group", "health"},
    policy.Level.TEXT: {"self", "teacher_of_group"},
    policy.Level.TRENDS: {"self", "health"},
}

# Who may read group_a's (published, suppressed) figures, whatever anyone consents to.
GROUP_AGGREGATE_VIEWERS = {"teacher_of_group", "health", "school_admin"}
# Who may read school_a's figures per grade and school.
SCHOOL_AGGREGATE_VIEWERS = {"health", "school_admin"}

# The doors (wellbeing.gates): who passes each, before any object is looked at.
STUDENTS = {"self", "other_student"}
STAFF = {
    "teacher_of_group",
    "teacher_other_group",
    "teacher_other_school",
    "health",
    "health_other_school",
    "school_admin",
}
DOORS = {
    "student": STUDENTS,
    "staff": STAFF,
    "health": {"health", "health_other_school"},
    "admin_site": {"school_admin"},
}

# Which published figures of school_a each role reads (wellbeing.policy.aggregate_audience).
AUDIENCE = {
    "teacher_of_group": "teachers",
    "teacher_other_group": "teachers",
    "health": "health",
    "school_admin": "all",
}
