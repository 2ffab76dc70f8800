"""Helplines a student can call right now, by the school's country. Pure data, no ORM.

Shown always, next to any help request: a request to student health is
answered in school hours, a helpline is answered now.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Helpline:
    name: str
    number: str  # as people write it
    description: Promise | str

    @property
    def tel(self) -> str:
        """The number for a tel: link."""
        return self.number.replace(" ", "")


HELPLINES: dict[str, tuple[Helpline, ...]] = {
    "SE": (
        Helpline("BRIS", "116 111", _("For children and young people")),
        Helpline("Mind Självmordslinjen", "90101", _("If you have thoughts of suicide")),
        Helpline("SOS Alarm", "112", _("Emergency: when someone's life is in danger")),
    ),
    "NO": (
        Helpline("Kors på halsen", "800 33 321", _("For children and young people")),
        Helpline("Mental Helse", "116 123", _("Someone to talk to")),
        Helpline("Medisinsk nødtelefon", "113", _("Emergency: when someone's life is in danger")),
    ),
}


def helplines_for(country: str) -> tuple[Helpline, ...]:
    return HELPLINES.get(country, ())
