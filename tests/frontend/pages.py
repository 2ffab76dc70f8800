"""Helpers shared by the page tests."""

import re
from html import unescape
from urllib.parse import quote

from django.urls import reverse

from ..conftest import login

STUDENTS = ["sharer", "private"]
STAFF = ["teacher", "teacher_b", "teacher_other_school", "health", "health_other_school", "admin"]


def as_viewer(client, cast, viewer: str | None):
    return login(client, getattr(cast, viewer) if viewer else None)


def assert_login_redirect(response, path: str) -> None:
    assert response.status_code == 302
    assert response.url == f"{reverse('frontend:login')}?next={quote(path)}"


def text(html: bytes | str) -> str:
    """The visible text of some HTML, whitespace collapsed, for exact assertions."""
    if isinstance(html, bytes):
        html = html.decode()
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def section(html: bytes, section_id: str) -> str:
    """The HTML of <section id="..."> (sections on our pages do not nest)."""
    page = html.decode()
    start = page.index(f'<section id="{section_id}"')
    return page[start : page.index("</section>", start)]
