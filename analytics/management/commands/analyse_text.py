"""`manage.py analyse_text`: run the workers' text analysis over JSON Lines from standard input.

Input, one object per line: {"text": "...", "language": "sv"} (language
optional: sv, nb, en or other; without it the language is detected). Output,
one line per input line in the same order: {"language", "polarity",
"subjectivity", "themes", "concern", "concern_categories", "concern_sources"}, or {"line": n,
"error": "..."} for a line that could not be read or analysed; the lines after
it are processed all the same. Nothing is stored or logged,
so staff and researchers can check the analysis on their own data.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from analytics.text import LANGUAGES, analyse

MAX_TEXT = 20_000


def _read(raw: bytes | str) -> tuple[str, str | None]:
    try:
        line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg}") from None
    if not isinstance(item, dict):
        raise ValueError('expected an object like {"text": "..."}')
    text, language = item.get("text"), item.get("language")
    if not isinstance(text, str):
        raise ValueError('"text" must be a string')
    if len(text) > MAX_TEXT:
        raise ValueError(f'"text" is longer than {MAX_TEXT} characters')
    if language is not None and language not in LANGUAGES:
        raise ValueError(f'"language" must be one of {", ".join(LANGUAGES)} or left out')
    return text, language


class Command(BaseCommand):
    help = "Analyse reflections given as JSON Lines on standard input; print one JSON line per input."

    def handle(self, *args, **options) -> None:
        errors = 0
        # Bytes, so a line that is not UTF-8 is reported like any other bad line.
        stdin = getattr(sys.stdin, "buffer", sys.stdin)
        for number, line in enumerate(stdin, start=1):
            if not line.strip():
                continue
            try:
                text, language = _read(line)
            except ValueError as exc:
                errors += 1
                self.stdout.write(json.dumps({"line": number, "error": str(exc)}, ensure_ascii=False))
                continue
            try:
                result = analyse(text, language=language)
            except Exception as exc:  # noqa: BLE001 - one line the analyser cannot take must not stop the file
                errors += 1
                # The kind of failure only: an exception's message may quote the text.
                self.stdout.write(
                    json.dumps({"line": number, "error": f"could not be analysed ({type(exc).__name__})"})
                )
                continue
            out = {
                "language": result.language,
                "polarity": result.polarity,
                "subjectivity": result.subjectivity,
                "themes": list(result.themes),
                "concern": result.concern,
                "concern_categories": list(result.concern_categories),
                "concern_sources": list(result.concern_sources),
            }
            self.stdout.write(json.dumps(out, ensure_ascii=False))
        if errors:
            raise CommandError(f"{errors} line(s) could not be read or analysed; see the lines with an error")
