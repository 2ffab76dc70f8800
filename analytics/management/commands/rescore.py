"""`manage.py rescore`: analyse again every check-in whose score is missing, older than its
answer, or from an older analyser version, in batches; for after an analyser update."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.services import checkins_analyse, checkins_stale_ids, school_week_publish
from analytics.tasks import checkins_analyse_task, school_week_publish_task
from surveys.models import Checkin


class Command(BaseCommand):
    help = "Re-score stale check-ins in batches: queued for the workers, or here with --inline."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch-size", type=int, default=settings.ANALYSIS_BATCH_SIZE)
        parser.add_argument("--inline", action="store_true", help="analyse in this process instead of the workers")
        parser.add_argument(
            "--aggregates",
            action="store_true",
            help="also republish every closed school-week (each cell only where enough of its responses changed)",
        )

    def handle(self, *args, batch_size: int, inline: bool, aggregates: bool, **options) -> None:
        if not 1 <= batch_size <= 5_000:
            raise CommandError("--batch-size must be between 1 and 5000")
        found = batches = 0
        after = 0
        while ids := checkins_stale_ids(after_id=after, limit=batch_size):
            after = ids[-1]
            found += len(ids)
            batches += 1
            if inline:
                checkins_analyse(ids)
            else:
                checkins_analyse_task.delay(ids)
        how = "analysed" if inline else "queued for the workers"
        self.stdout.write(f"{found} check-in(s) in {batches} batch(es) {how}.")
        if aggregates:
            weeks = list(Checkin.objects.values_list("school_id", "week").distinct().order_by("school_id", "week"))
            for school_id, week in weeks:
                if inline:
                    school_week_publish(school_id=school_id, week=week)
                else:
                    school_week_publish_task.delay(school_id, week.isoformat())
            self.stdout.write(f"Aggregates of {len(weeks)} school-week(s) {'republished' if inline else 'queued'}.")
