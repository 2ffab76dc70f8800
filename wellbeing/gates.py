"""The doors: every API view, page and the admin site ask the same predicates of `wellbeing.policy`.

One door per kind of person, each written once and used by all three kinds of entrance:

| door | who passes | API | pages | admin |
| --- | --- | --- | --- | --- |
| `STUDENT` | an active student | `api_gate(STUDENT)` | `page_gate(STUDENT)` | |
| `STAFF` | active staff (anyone signed in who is not a student) | `api_gate(STAFF)` | `page_gate(STAFF)` | |
| `HEALTH` | student-health staff of some school | `api_gate(HEALTH)` | `page_gate(HEALTH)` | |
| `ADMIN_SITE` | Django staff, and school admins for their own school's settings | | | `AdminSite.has_permission` |

Whoever is signed in and does not pass gets 404, as for a thing that does not exist, so a URL or an id never
tells an outsider what is behind it; an anonymous API call gets 401 and an anonymous page the login page.
What a person who passes then sees, object by object, is decided by the policy's querysets in the selectors.
"""

from collections.abc import Callable
from functools import wraps

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.db.models.base import ModelBase
from django.http import Http404, HttpRequest, HttpResponse
from rest_framework.exceptions import NotFound
from rest_framework.permissions import BasePermission

from . import policy

Predicate = Callable[[object], bool]
View = Callable[..., HttpResponse]

STUDENT: Predicate = policy.is_student
STAFF: Predicate = policy.is_staff_member
HEALTH: Predicate = policy.handles_help_requests
ADMIN_SITE: Predicate = policy.may_use_admin_site


def api_gate(predicate: Predicate) -> type[BasePermission]:
    """A DRF permission for one door: 401 without a login, 404 for the signed-in who may not pass."""

    class Gate(BasePermission):
        def has_permission(self, request, view) -> bool:
            if not (request.user and request.user.is_authenticated):
                return False  # DRF answers 401 with the authenticator's challenge
            if not predicate(request.user):
                raise NotFound
            return True

    Gate.__name__ = Gate.__qualname__ = f"Gate_{predicate.__name__}"
    return Gate


def page_gate(predicate: Predicate) -> Callable[[View], View]:
    """A page decorator for one door: the login page without a login, 404 for the signed-in who may not pass."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if not predicate(request.user):
                raise Http404
            return view(request, *args, **kwargs)

        return login_required(wrapper)

    return decorator


class WellbeingAdminSite(admin.AdminSite):
    """The admin site behind the same door predicate; what each model shows is decided per model admin.

    It registers no API token model: knox's admin would list every token's digest and let a superuser mint a
    token for anyone (shown once, in clear), a way round the access log.
    """

    refused = frozenset({"knox.AuthToken"})

    def has_permission(self, request) -> bool:
        return ADMIN_SITE(request.user)

    def register(self, model_or_iterable, admin_class=None, **options):
        models = [model_or_iterable] if isinstance(model_or_iterable, ModelBase) else list(model_or_iterable)
        models = [model for model in models if model._meta.label not in self.refused]
        if models:
            super().register(models, admin_class, **options)


# The doors as each entrance uses them.
StudentOnly = api_gate(STUDENT)
StaffOnly = api_gate(STAFF)
HealthOnly = api_gate(HEALTH)
student_page = page_gate(STUDENT)
staff_page = page_gate(STAFF)
health_page = page_gate(HEALTH)
