"""`manage.py seed_demo`: build the demo municipality once (see analytics/demo/)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from analytics.demo.build import DemoSummary, DemoUsernameTaken, demo_create, demo_delete, demo_exists, logins_table
from analytics.demo.plan import DEMO_LOGINS, DEMO_PASSWORD, SCHOOLS

__all__ = ["DEMO_LOGINS", "Command"]


class Command(BaseCommand):
    help = "Build the demo municipality (two schools, about 150 students, eight weeks of check-ins), once."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--reset", action="store_true", help="delete the demo schools and people, then rebuild")
        parser.add_argument("--list-logins", action="store_true", help="print the demo logins and change nothing")

    def handle(self, *args, reset: bool = False, list_logins: bool = False, **options) -> None:
        if list_logins:
            self.stdout.write(logins_table())
            return
        started = time.monotonic()
        with transaction.atomic():
            if demo_exists():
                if not reset:
                    self.stdout.write(
                        f"The demo ({', '.join(p.name for p in SCHOOLS)}) already exists; nothing changed. "
                        "`manage.py seed_demo --reset` rebuilds it."
                    )
                    return
                demo_delete()
            try:
                summary = demo_create(now=timezone.now())
            except DemoUsernameTaken as exc:
                raise CommandError(f"These demo logins are taken by people outside the demo: {exc}") from exc
        self.stdout.write(self.style.SUCCESS(_summary_line(summary, time.monotonic() - started)))
        self.stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD}):\n{logins_table()}")


def _summary_line(summary: DemoSummary, seconds: float) -> str:
    return (
        f"Built the demo in {seconds:.1f} s: {summary.schools} schools, {summary.groups} groups, "
        f"{summary.students} students, {summary.staff} staff; {summary.checkins} check-ins from "
        f"{summary.weeks[0]:%Y-%m-%d} to this week ({summary.checkins_this_week} so far this week); "
        f"{summary.aggregates} group-week aggregates, {summary.suppressed} of them suppressed."
    )
