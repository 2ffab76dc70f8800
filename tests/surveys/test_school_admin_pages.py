"""School admins manage their own school's check-in settings in the admin pages."""

import pytest

from surveys.models import CustomItem, Schedule

ADD_ITEM = "/admin/surveys/customitem/add/"


def _item_form(school, **overrides):
    return {
        "school": school.pk,
        "kind": "single",
        "question_sv": "Var pluggar du helst?",
        "question_nb": "Hvor studerer du helst?",
        "question_en": "Where do you prefer to study?",
        "choices_text": "Hemma | Hjemme | At home\nI skolan | På skolen | At school",
        "order": 1,
        "active": "on",
    } | overrides


def test_a_school_admin_adds_an_item_for_their_school(cast, client):
    client.force_login(cast.admin)
    assert client.get(ADD_ITEM).status_code == 200
    response = client.post(ADD_ITEM, _item_form(cast.school_a))
    assert response.status_code == 302, response.content[:500]
    item = CustomItem.objects.get()
    assert (item.school, item.choices("nb")) == (cast.school_a, [("1", "Hjemme"), ("2", "På skolen")])


def test_a_school_admin_cannot_add_an_item_for_another_school(cast, client):
    client.force_login(cast.admin)
    response = client.post(ADD_ITEM, _item_form(cast.school_b))
    assert response.status_code == 200  # the form again, with an error
    assert "school" in response.context["adminform"].form.errors
    assert not CustomItem.objects.exists()


def test_a_school_admin_sees_only_their_schools_items(cast, client):
    own = CustomItem.objects.create(
        school=cast.school_a, kind="scale", question_sv="a", question_nb="a", question_en="own"
    )
    other = CustomItem.objects.create(
        school=cast.school_b, kind="scale", question_sv="b", question_nb="b", question_en="other"
    )
    client.force_login(cast.admin)
    listing = client.get("/admin/surveys/customitem/").content.decode()
    assert "own" in listing and "other" not in listing
    assert client.get(f"/admin/surveys/customitem/{own.pk}/change/").status_code == 200
    assert client.get(f"/admin/surveys/customitem/{other.pk}/change/").status_code == 302  # "not found" redirect
    assert client.post(f"/admin/surveys/customitem/{other.pk}/delete/", {"post": "yes"}).status_code in (302, 403)
    assert CustomItem.objects.filter(pk=other.pk).exists()


def test_a_school_admin_edits_their_groups_schedule(cast, client):
    client.force_login(cast.admin)
    schedule = Schedule.objects.get(group=cast.group_a)
    other = Schedule.objects.get(group=cast.group_other_school)
    assert client.get(f"/admin/surveys/schedule/{schedule.pk}/change/").status_code == 200
    assert client.get(f"/admin/surveys/schedule/{other.pk}/change/").status_code == 302


@pytest.mark.parametrize("role", ["teacher", "health", "sharer"])
def test_others_get_no_admin_pages(cast, client, role):
    client.force_login(getattr(cast, role))
    response = client.get(ADD_ITEM)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_a_school_admin_does_not_see_people_or_consent(cast, client):
    client.force_login(cast.admin)
    assert client.get("/admin/wellbeing/user/").status_code == 403
    assert client.get("/admin/wellbeing/consentevent/").status_code == 403
