"""What the student-facing help box needs: the student's open request and the helplines."""

from analytics.helplines import helplines_for
from analytics.selectors import help_request_current_for_student
from wellbeing.models import User


def help_context(student: User) -> dict:
    """Context for frontend/includes/help_status.html; the helplines are there whatever the request's state."""
    return {
        "help_request": help_request_current_for_student(student),
        "helplines": helplines_for(student.school.country),
    }
