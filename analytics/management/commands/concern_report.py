"""`manage.py concern_report`: how well concern detection does on labelled JSON Lines files.

Prints, per file, recall and exact-level accuracy per language and level, and
the false-alarm and over-escalation rates (see analytics/nlp/evaluation.py).
Needs no database. `--misses` lists the lines detected at another level by
line number only, so the command never prints a reflection.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.nlp.evaluation import evaluate, misses, parse_rows, render_summary, render_table

# The held-out corpus, written by authors who never saw the training part: what the figures are measured on.
DEFAULT_CORPORA = ("corpora/concern/holdout/*.jsonl",)


class Command(BaseCommand):
    help = "Evaluate concern detection on labelled JSON Lines files (default: the held-out corpus, as one set)."
    requires_system_checks = []  # reads files only; runs without a database

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--corpus",
            action="append",
            metavar="PATH",
            help="a JSON Lines file of {text, language, level, categories}; repeat for several",
        )
        parser.add_argument(
            "--misses", action="store_true", dest="show_misses", help="also list lines detected at another level"
        )

    def handle(self, *args, corpus: list[str] | None = None, show_misses: bool = False, **options) -> None:
        if corpus:
            sets = [(p, [Path(p)]) for p in corpus]
        else:
            root = Path(settings.BASE_DIR)
            sets = [(pattern, sorted(root.glob(pattern))) for pattern in DEFAULT_CORPORA]
        for number, (name, paths) in enumerate(sets):
            rows, where = [], []
            for path in paths:
                try:
                    with path.open(encoding="utf-8") as lines:
                        found = parse_rows(lines)
                except OSError as exc:
                    raise CommandError(f"{path} cannot be read: {exc.strerror}") from exc
                except ValueError as exc:
                    raise CommandError(f"{path}: {exc}") from exc
                rows += found
                where += [path] * len(found)
            if number:
                self.stdout.write("")
            self.stdout.write(f"{name} ({len(rows)} rows)")
            figures = evaluate(rows)
            self.stdout.write(render_summary(figures))
            self.stdout.write("")
            self.stdout.write(render_table(figures))
            if show_misses:
                for path, row in zip(where, rows, strict=True):
                    for miss in misses([row]):
                        self.stdout.write(f"{path}:{miss.line}: labelled {miss.expected}, detected {miss.detected}")
