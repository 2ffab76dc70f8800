import pytest
from django.urls import reverse

from surveys.models import Checkin, CustomAnswer, CustomItem

from ..conftest import login
from ..factories import submit

URL = reverse("api-checkins")


@pytest.fixture
def items(cast):
    school = cast.school_a
    return {
        "scale": CustomItem.objects.create(
            school=school,
            kind="scale",
            question_sv="Hur nöjd är du med skolmaten?",
            question_nb="Hvor fornøyd er du med skolematen?",
            question_en="How happy are you with the school lunch?",
            order=1,
        ),
        "single": CustomItem.objects.create(
            school=school,
            kind="single",
            question_sv="Var pluggar du helst?",
            question_nb="Hvor studerer du helst?",
            question_en="Where do you prefer to study?",
            choices_text="Hemma | Hjemme | At home\nI skolan | På skolen | At school",
            order=2,
        ),
        "multiple": CustomItem.objects.create(
            school=school,
            kind="multiple",
            question_sv="Vilka rastaktiviteter vill du ha?",
            question_nb="Hvilke friminuttsaktiviteter vil du ha?",
            question_en="Which break activities would you like?",
            choices_text="Fotboll | Fotball | Football\nSpel | Spill | Games\nMusik | Musikk | Music",
            order=3,
        ),
        "text": CustomItem.objects.create(
            school=school,
            kind="text",
            question_sv="Ett ord om veckan",
            question_nb="Ett ord om uka",
            question_en="One word about the week",
            order=4,
        ),
    }


def test_choices_are_read_in_each_language(items):
    single = items["single"]
    assert single.choices("sv") == [("1", "Hemma"), ("2", "I skolan")]
    assert single.choices("nb") == [("1", "Hjemme"), ("2", "På skolen")]
    assert single.choices("en") == [("1", "At home"), ("2", "At school")]


def test_it_saves_answers_to_the_schools_own_items(cast, items):
    custom = {
        items["scale"].pk: 4,
        items["single"].pk: "2",
        items["multiple"].pk: ["1", "3"],
        items["text"].pk: "trött",
    }
    checkin = submit(cast.private, mood=3, custom=custom)
    answers = {a.item_id: a.text or a.value for a in CustomAnswer.objects.filter(checkin=checkin)}
    assert answers == custom


def test_an_edit_replaces_the_custom_answers(cast, items):
    submit(cast.private, mood=3, custom={items["scale"].pk: 4})
    submit(cast.private, mood=3, custom={items["single"].pk: "1"})
    assert list(CustomAnswer.objects.values_list("item_id", "value")) == [(items["single"].pk, "1")]


@pytest.mark.parametrize(
    "kind, value",
    [("scale", 6), ("scale", "4"), ("single", "3"), ("multiple", ["1", "9"]), ("multiple", "1"), ("text", "x" * 301)],
)
def test_it_refuses_a_bad_answer_to_a_custom_item(cast, items, kind, value):
    from wellbeing.services import ApplicationError

    with pytest.raises(ApplicationError) as error:
        submit(cast.private, mood=3, custom={items[kind].pk: value})
    assert error.value.field == "custom"
    assert not Checkin.objects.exists()


def test_another_schools_item_is_unknown(cast, items, api):
    other = CustomItem.objects.create(
        school=cast.school_b, kind="scale", question_sv="?", question_nb="?", question_en="?"
    )
    login(api, cast.private)
    response = api.post(URL, {"mood": 3, "custom": {str(other.pk): 3}}, format="json")
    assert response.status_code == 400
    assert "custom" in response.json()
    response = api.post(URL, {"mood": 3, "custom": {"abc": 3}}, format="json")
    assert response.status_code == 400
    assert not Checkin.objects.exists()


def test_the_api_round_trips_custom_answers(cast, items, api):
    login(api, cast.private)
    payload = {"mood": 4, "custom": {str(items["scale"].pk): 5, str(items["text"].pk): "bra"}}
    response = api.post(URL, payload, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["custom"] == {str(items["scale"].pk): 5, str(items["text"].pk): "bra"}


def test_the_page_asks_the_schools_items_in_the_students_language(cast, items, client):
    client.force_login(cast.private)
    page = client.get(reverse("frontend:checkin"), HTTP_ACCEPT_LANGUAGE="sv").content.decode()
    assert "Hur nöjd är du med skolmaten?" in page and "I skolan" in page
    response = client.post(
        reverse("frontend:checkin"),
        {"mood": "3", f"custom_{items['single'].pk}": "1", f"custom_{items['multiple'].pk}": ["2", "3"]},
    )
    assert response.status_code == 302
    saved = dict(CustomAnswer.objects.values_list("item_id", "value"))
    assert saved == {items["single"].pk: "1", items["multiple"].pk: ["2", "3"]}
