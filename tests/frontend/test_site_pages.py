"""Login, logout, the home redirect, and what every page carries (skip link, nav, language switcher)."""

import pytest
from django.conf import settings
from django.urls import reverse

from .pages import STAFF, STUDENTS, as_viewer, assert_login_redirect, text

HOME = reverse("frontend:home")
LOGIN = reverse("frontend:login")
LOGOUT = reverse("frontend:logout")
PASSWORD = "pw-for-tests-1"  # tests.factories.UserFactory


def test_it_shows_the_login_page(db, client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert b'<input type="password" name="password"' in response.content
    assert b'<label for="id_username">' in response.content


def test_it_logs_in_and_goes_home(cast, client):
    response = client.post(LOGIN, {"username": "teacher", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == HOME
    assert client.get(HOME).url == reverse("frontend:group_list")


def test_it_refuses_a_wrong_password_with_a_message(cast, client):
    response = client.post(LOGIN, {"username": "teacher", "password": "wrong"})
    assert response.status_code == 200
    assert b'role="alert"' in response.content
    assert "_auth_user_id" not in client.session
    assert_login_redirect(client.get(HOME), HOME)


def test_it_logs_out_with_post_only(cast, client):
    as_viewer(client, cast, "private")
    assert client.get(LOGOUT).status_code == 405
    response = client.post(LOGOUT)
    assert response.status_code == 302
    assert response.url == LOGIN
    assert_login_redirect(client.get(reverse("frontend:checkin")), reverse("frontend:checkin"))


HOME_TARGET = {
    "sharer": "frontend:checkin",
    "private": "frontend:checkin",
    **dict.fromkeys(STAFF, "frontend:group_list"),
}


@pytest.mark.parametrize("viewer", [*STUDENTS, *STAFF])
def test_it_sends_each_role_home_to_its_own_page(cast, client, viewer):
    response = as_viewer(client, cast, viewer).get(HOME)
    assert response.status_code == 302
    assert response.url == reverse(HOME_TARGET[viewer])


def test_it_greets_a_user_without_a_role_kindly(no_role, client):
    client.force_login(no_role)
    response = client.get(HOME)
    assert response.status_code == 200
    assert "Your account does not have a school role yet" in text(response.content)


def test_it_sends_anonymous_visitors_home_to_login(db, client):
    assert_login_redirect(client.get(HOME), HOME)


@pytest.mark.parametrize(
    "viewer, url_name, links, not_links",
    [
        (
            "private",
            "frontend:checkin",
            ["frontend:checkin", "frontend:history", "frontend:privacy"],
            ["frontend:group_list"],
        ),
        ("teacher", "frontend:group_list", ["frontend:group_list"], ["frontend:checkin", "frontend:privacy"]),
    ],
)
def test_it_gives_every_page_the_shared_frame(cast, client, viewer, url_name, links, not_links):
    response = as_viewer(client, cast, viewer).get(reverse(url_name))
    html = response.content.decode()
    assert '<html lang="en">' in html  # the language the test client asks for
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert f'<form class="language-switcher" action="{reverse("frontend:set_language")}" method="post">' in html
    for code, _name in settings.LANGUAGES:
        assert f'<option value="{code}"' in html
    assert f'<form action="{LOGOUT}" method="post">' in html
    nav = html[html.index("<nav") : html.index("</nav>")]
    for name in links:
        assert f'href="{reverse(name)}"' in nav
    for name in not_links:
        assert f'href="{reverse(name)}"' not in nav
    assert 'aria-current="page"' in nav


@pytest.mark.parametrize("language", ["nb", "en", "sv"])
def test_it_switches_the_language(cast, client, language):
    as_viewer(client, cast, "private")
    checkin = reverse("frontend:checkin")
    response = client.post(reverse("frontend:set_language"), {"language": language, "next": checkin})
    assert response.status_code == 302
    assert response.url == checkin
    assert f'<html lang="{language}">'.encode() in client.get(checkin).content
