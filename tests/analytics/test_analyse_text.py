"""`manage.py analyse_text`: JSON Lines in, one JSON line out per input; no database, nothing stored."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from analytics.text import analyse


def _run(monkeypatch, lines: list[str]) -> list[dict]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    out = io.StringIO()
    call_command("analyse_text", stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines()]


def test_it_writes_one_analysis_per_line_in_order(monkeypatch):
    texts = [
        {"text": "Jag är så trött på matteprovet"},
        {"text": "Det var en kjempebra uke med vennene mine"},
        {"text": "I feel lonely sometimes. Not the best week honestly."},
    ]
    rows = _run(monkeypatch, [json.dumps(t, ensure_ascii=False) for t in texts])
    assert [row["language"] for row in rows] == ["sv", "nb", "en"]
    assert set(rows[0]) == {
        "language",
        "polarity",
        "subjectivity",
        "themes",
        "concern",
        "concern_categories",
        "concern_sources",
    }
    assert "exams" in rows[0]["themes"] and "subject_math" in rows[0]["themes"]
    assert rows[1]["polarity"] > 0 > rows[2]["polarity"]
    assert all(row["concern"] == "none" for row in rows)
    expected = analyse(texts[0]["text"]).as_dict()
    assert rows[0] == {**expected, "themes": list(expected["themes"]), "concern_categories": [], "concern_sources": []}


def test_a_given_language_is_taken_as_known(monkeypatch):
    [row] = _run(monkeypatch, [json.dumps({"text": "bra", "language": "nb"})])
    assert row["language"] == "nb"


def test_it_reports_the_concern_level(monkeypatch):
    [row] = _run(monkeypatch, [json.dumps({"text": "I want to die, I have planned how to kill myself tonight"})])
    assert row["concern"] == "emergency"


def test_bad_lines_get_an_error_line_each_and_the_command_fails_at_the_end(monkeypatch):
    lines = [
        "not json",
        json.dumps(["a list"]),
        json.dumps({"language": "sv"}),
        json.dumps({"text": "hej", "language": "de"}),
        json.dumps({"text": "Bra vecka"}),
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines)))
    out = io.StringIO()
    with pytest.raises(CommandError, match="4 line"):
        call_command("analyse_text", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [row.get("line") for row in rows[:4]] == [1, 2, 3, 4]
    assert all(row["error"] for row in rows[:4])
    assert rows[4]["language"] == "sv"


def test_an_empty_text_has_no_language_and_no_concern(monkeypatch):
    [row] = _run(monkeypatch, [json.dumps({"text": "   "})])
    assert row == {
        "language": "",
        "polarity": None,
        "subjectivity": None,
        "themes": [],
        "concern": "none",
        "concern_categories": [],
        "concern_sources": [],
    }


def test_a_line_that_is_not_utf8_is_an_error_line_not_a_crash():
    stdin = io.BytesIO(b'{"text": "\xff\xfe"}\n' + json.dumps({"text": "Bra vecka"}).encode() + b"\n")
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 line"), _stdin(stdin):
        call_command("analyse_text", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[0] == {"line": 1, "error": "not UTF-8"}
    assert rows[1]["language"] == "sv"


class _stdin:
    """sys.stdin replaced by a text wrapper over the given bytes, as a terminal or a pipe gives them."""

    def __init__(self, raw: io.BytesIO) -> None:
        self.wrapper = io.TextIOWrapper(raw, encoding="utf-8")

    def __enter__(self):
        import sys

        self.saved, sys.stdin = sys.stdin, self.wrapper
        return self.wrapper

    def __exit__(self, *exc) -> None:
        import sys

        sys.stdin = self.saved


def test_a_line_the_analyser_cannot_take_is_an_error_line_and_the_rest_is_analysed(monkeypatch):
    # The analyser is meant never to raise (see nlp/test_analyse_properties.py); if it ever does, the command
    # reports that line, without its text, and goes on with the file.
    from analytics.management.commands import analyse_text

    def analyse_or_raise(text, **kwargs):
        if "school's" in text:
            raise KeyError(text)
        return analyse(text, **kwargs)

    monkeypatch.setattr(analyse_text, "analyse", analyse_or_raise)
    lines = [json.dumps({"text": "the school's toilets"}), json.dumps({"text": "Bra vecka"})]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines)))
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 line"):
        call_command("analyse_text", stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert rows[0] == {"line": 1, "error": "could not be analysed (KeyError)"}
    assert "school" not in out.getvalue().split("\n")[0]
    assert rows[1]["language"] == "sv"
