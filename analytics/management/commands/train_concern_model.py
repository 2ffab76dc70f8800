"""`manage.py train_concern_model`: train the concern classifier from the labelled corpora (see corpora/README.md).

Reads corpora/concern/train/ and the patterns' own labelled files, never corpora/concern/holdout/ (that part
measures). Writes analytics/nlp/models/concern.json.gz for the current ANALYSER_VERSION: bump the version in
analytics/text.py first, so `rescore` applies the new model to history. Needs no database.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analytics.nlp.classifier import MODEL_PATH
from analytics.nlp.concern import CATEGORIES, detect_concern_rules
from analytics.text import ANALYSER_VERSION

# Every file a model learns from, in the order listed in corpora/README.md.
TRAINING_SOURCES = (
    "corpora/concern/train/*.jsonl",
    "tests/data/concern_corpus.jsonl",
    "tests/data/concern_holdout.jsonl",
)


def training_files(root: Path) -> list[Path]:
    files = sorted({path for pattern in TRAINING_SOURCES for path in root.glob(pattern)})
    if any("holdout" in path.parts for path in files):  # pragma: no cover - a guard on the list above
        raise CommandError("the held-out corpus must never be trained on")
    return files


class Command(BaseCommand):
    help = "Train the concern classifier from the labelled corpora and write the model file."
    requires_system_checks = []

    def add_arguments(self, parser) -> None:
        parser.add_argument("--output", type=Path, default=MODEL_PATH, help="where to write the model")
        parser.add_argument(
            "--check", action="store_true", help="train, and fail if the result differs from the file at --output"
        )

    def handle(self, *args, output: Path, check: bool, **options) -> None:
        try:
            from analytics.nlp import training
        except ImportError as exc:  # pragma: no cover - depends on the environment
            raise CommandError("training needs scikit-learn: install requirements-dev.txt") from exc
        root = Path(settings.BASE_DIR)
        files = training_files(root)
        examples = training.read_examples(files, root)
        model = training.train(
            examples,
            categories=CATEGORIES,
            rules=lambda text, language: detect_concern_rules(text, language).level,
            analyser_version=ANALYSER_VERSION,
            sources={str(path.relative_to(root)): training.sha256_of(path) for path in files},
            log=self.stdout.write,
        )
        data = training.dump(model)
        if check:
            if not output.exists() or output.read_bytes() != data:
                raise CommandError(f"training gives a different model than {output}")
            self.stdout.write(f"{output} is what the corpora train")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
        self.stdout.write(f"wrote {output} ({len(data) // 1024} KiB)")
