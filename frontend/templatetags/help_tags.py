from django import template

from wellbeing import policy

register = template.Library()


@register.simple_tag
def handles_help_requests(user) -> bool:
    """For the navigation: is this user student-health staff somewhere?"""
    return bool(policy.health_school_ids(user))
