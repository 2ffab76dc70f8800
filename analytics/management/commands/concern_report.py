"""`manage.py concern_report`: how well concern detection does on labelled JSON Lines files.

Prints, per file, recall and exact-level accuracy per language and level, and
the false-alarm and over-escalation rates (see analytics/nlp/evaluation.py).
Needs no database. `--misses` lists the lines detected at another level by
line number only, so the command never prints a reflection.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.nlp.evaluation import evaluate, misses, parse_rows, render_table

DEFAULT_CORPORA = ("tests/data/concern_corpus.jsonl", "tests/data/concern_holdout.jsonl")


class Command(BaseCommand):
    help = "Evaluate concern detection on labelled JSON Lines files (default: the corpus and holdout in tests/data)."
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
        paths = [Path(p) for p in corpus] if corpus else [Path(settings.BASE_DIR) / p for p in DEFAULT_CORPORA]
        for number, path in enumerate(paths):
            try:
                with path.open(encoding="utf-8") as lines:
                    rows = parse_rows(lines)
            except OSError as exc:
                raise CommandError(f"{path} cannot be read: {exc.strerror}") from exc
            except ValueError as exc:
                raise CommandError(f"{path}: {exc}") from exc
            if number:
                self.stdout.write("")
            self.stdout.write(f"{path} ({len(rows)} rows)")
            self.stdout.write(render_table(evaluate(rows)))
            if show_misses:
                for miss in misses(rows):
                    self.stdout.write(f"{path}:{miss.line}: labelled {miss.expected}, detected {miss.detected}")
