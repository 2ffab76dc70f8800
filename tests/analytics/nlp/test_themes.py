"""Themes of a reflection: pure tests, no database.

Each case states the whole answer, not a subset: a theme found that should not be is as wrong as one missed.
"""

import json
from pathlib import Path

import pytest

from analytics.nlp.themes import THEMES, themes

CORPUS = Path(__file__).resolve().parents[2] / "data" / "themes_corpus.jsonl"


def case(text: str, language: str, *codes: str):
    return pytest.param(text, language, tuple(sorted(codes)), id=f"{language}: {text}")


def test_it_lists_every_code_once_in_display_order():
    assert THEMES == (
        "schoolwork",
        "exams",
        "teaching",
        "class_environment",
        "subject_math",
        "subject_swedish",
        "subject_norwegian",
        "subject_english",
        "subject_languages",
        "subject_science",
        "subject_social_studies",
        "subject_pe",
        "subject_arts",
        "sleep",
        "friends",
        "loneliness",
        "family",
        "bullying",
        "health",
        "mental_health",
        "free_time",
    )


@pytest.mark.parametrize("text", ["", "   ", "\n", "!!! ... ???", "123 456", "😭😭"])
@pytest.mark.parametrize("language", ["sv", "nb", "en", "other"])
def test_it_finds_nothing_in_empty_text(text, language):
    assert themes(text, language) == ()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # schoolwork
        case("Jag har så mycket läxor", "sv", "schoolwork"),
        case("tre inlämningar samma vecka", "sv", "schoolwork"),
        case("måste plugga hela kvällen", "sv", "schoolwork"),
        case("Mycket att göra i skolan nu", "sv", "schoolwork"),
        case("Har så mye lekser", "nb", "schoolwork"),
        case("Innleveringen var vanskelig", "nb", "schoolwork"),
        case("har ikke tid til å lese til alle", "nb", "schoolwork"),
        case("Too much homework and two deadlines", "en", "schoolwork"),
        # exams
        case("Provet gick bra", "sv", "exams"),
        case("Fick bra betyg", "sv", "exams"),
        case("nervös inför tentan", "sv", "exams", "mental_health"),
        case("Vi har prøve på fredag", "nb", "exams"),
        case("Prøvene kommer på en gang", "nb", "exams"),
        case("Jeg er bekymret for eksamen", "nb", "exams", "mental_health"),
        case("Fikk dårlig karakter", "nb", "exams"),
        case("We have a quiz and two tests", "en", "exams"),
        case("Got a B on the test", "en", "exams"),
        case("fikk 6 i engelsk!!", "nb", "exams", "subject_english"),
        # teaching
        case("Läraren förklarar så bra", "sv", "teaching"),
        case("Bra genomgång idag", "sv", "teaching"),
        case("Læreren forklarer dårlig", "nb", "teaching"),
        case("en lærer sa at det var bra", "nb", "teaching"),
        case("The teacher explained it well", "en", "teaching"),
        # class environment
        case("Det var så stökigt", "sv", "class_environment"),
        case("lugnt i klassen idag", "sv", "class_environment"),
        case("Mye uro og støy", "nb", "class_environment"),
        case("Det var bråk i timen", "nb", "class_environment"),
        case("It was so noisy in class", "en", "class_environment"),
        # subjects
        case("matte är svårt", "sv", "subject_math"),
        case("Vi hade prov i svenska", "sv", "exams", "subject_swedish"),
        case("Vi hade norsk", "nb", "subject_norwegian"),
        case("Nynorsk er det verste", "nb", "subject_norwegian"),
        case("Engelskan är lätt", "sv", "subject_english"),
        case("Spanska är kul", "sv", "subject_languages"),
        case("Jeg liker tysk", "nb", "subject_languages"),
        case("hade NO idag", "sv", "subject_science"),
        case("Kjemi er gøy", "nb", "subject_science"),
        case("vi hade SO", "sv", "subject_social_studies"),
        case("KRLE er kjedelig", "nb", "subject_social_studies"),
        case("Gympan var kul", "sv", "subject_pe"),
        case("Kroppsøving er gøy", "nb", "subject_pe"),
        case("We had gym outside", "en", "subject_pe"),
        case("Slöjden är bäst", "sv", "subject_arts"),
        case("Mat og helse er gøy", "nb", "subject_arts"),
        case("Art is my favourite subject", "en", "subject_arts"),
        # sleep
        case("sov dåligt", "sv", "sleep"),
        case("Jag är så trött", "sv", "sleep"),
        case("Søvnen er dårlig", "nb", "sleep"),
        case("Jeg er trøtt og sliten", "nb", "sleep"),
        case("I stayed up late", "en", "sleep"),
        # friends, loneliness
        case("Mina kompisar är bäst", "sv", "friends"),
        case("med polarna", "sv", "friends"),
        case("Vennene mine er snille", "nb", "friends"),
        case("hung out with my friends", "en", "friends"),
        case("Jag känner mig ensam", "sv", "loneliness"),
        case("Jag känner mig utanför", "sv", "loneliness"),
        case("Jeg er alltid alene", "nb", "loneliness"),
        case("Føler meg holdt utenfor", "nb", "loneliness"),
        case("I feel so lonely", "en", "loneliness"),
        # family
        case("Mamma och pappa bråkar", "sv", "family"),
        case("Mina föräldrar ska skiljas", "sv", "family"),
        case("Foreldrene mine krangler", "nb", "family"),
        case("Det er vanskelig hjemme", "nb", "family"),
        case("My parents are getting divorced", "en", "family"),
        # bullying
        case("Jag blir mobbad", "sv", "bullying"),
        case("de fryser ut mig", "sv", "bullying"),
        case("Jeg blir mobbet", "nb", "bullying"),
        case("De ertet meg", "nb", "bullying"),
        case("I got bullied again", "en", "bullying"),
        # health
        case("Har ont i magen", "sv", "health"),
        case("Jag är förkyld", "sv", "health"),
        case("Har vondt i hodet", "nb", "health"),
        case("Jeg er syk", "nb", "health"),
        case("I have a headache", "en", "health"),
        # mental health
        case("Jag har ångest", "sv", "mental_health"),
        case("Så stressad", "sv", "mental_health"),
        case("Jeg har angst", "nb", "mental_health"),
        case("Føler meg nedfor", "nb", "mental_health"),
        case("I feel so anxious", "en", "mental_health"),
        case("feeling kind of down", "en", "mental_health"),
        # free time
        case("Helgen var skön", "sv", "free_time"),
        case("Ser fram emot lovet", "sv", "free_time"),
        case("hade match i helgen", "sv", "free_time"),
        case("Gleder meg til ferien", "nb", "free_time"),
        case("Vi vant kampen", "nb", "free_time"),
        case("Great weekend, lots of gaming", "en", "free_time"),
    ],
)
def test_it_finds_each_theme_in_each_language(text, language, expected):
    assert themes(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        case("läxa", "sv", "schoolwork"),
        case("läxan", "sv", "schoolwork"),
        case("läxorna", "sv", "schoolwork"),
        case("matteprovet", "sv", "exams", "subject_math"),
        case("engelskaläxan", "sv", "schoolwork", "subject_english"),
        case("mattelektionerna", "sv", "subject_math"),
        case("fotbollsträningen", "sv", "free_time"),
        case("sovmorgon", "sv", "sleep"),
        case("svenskläraren", "sv", "subject_swedish", "teaching"),
        case("idrottslektionen", "sv", "subject_pe"),
        case("nationella proven", "sv", "exams"),
        case("glosförhöret", "sv", "exams"),
        case("prestationsångest", "sv", "mental_health"),
        case("klasskompisar", "sv", "friends"),
        case("prøve", "nb", "exams"),
        case("prøven", "nb", "exams"),
        case("prøvene", "nb", "exams"),
        case("kjemiprøven", "nb", "exams", "subject_science"),
        case("heldagsprøve", "nb", "exams"),
        case("norsktimen", "nb", "subject_norwegian"),
        case("naturfagslæreren", "nb", "subject_science", "teaching"),
        case("kontaktlæreren", "nb", "teaching"),
        case("høstferien", "nb", "free_time"),
        case("fotballkampen", "nb", "free_time"),
        case("bestevenninna", "nb", "friends"),
        case("matte-provet", "sv", "exams", "subject_math"),
        case("NO-provet", "sv", "exams", "subject_science"),
        case("SO:n är tråkig", "sv", "subject_social_studies"),
        case("engelsk-testen", "nb", "exams", "subject_english"),
    ],
)
def test_it_reads_inflected_and_compound_words(text, language, expected):
    assert themes(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        case("jatte trott idag", "sv", "sleep"),
        case("Har sa mycket laxor", "sv", "schoolwork"),
        case("provet gick daligt", "sv", "exams"),
        case("lararen forklarar bra", "sv", "teaching"),
        case("Jeg er sa trott", "nb", "sleep"),
        case("kroppsoving var gøy", "nb", "subject_pe"),
        case("sovnen er darlig", "nb", "sleep"),
        case("matteprove i morgen", "nb", "exams", "subject_math"),
        case("laereren er snill", "nb", "teaching"),
        case("sååå tröööött", "sv", "sleep"),
        case("sooo tiiired", "en", "sleep"),
    ],
)
def test_it_reads_words_without_accents_or_with_stretched_letters(text, language, expected):
    assert themes(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # "prova", "provade" = to try; "betyder" = means; "matta" = rug; "matt" = dull
        case("vill prova något nytt", "sv"),
        case("jag provade en ny grej", "sv"),
        case("vad betyder det", "sv"),
        case("mattan i hallen är smutsig", "sv"),
        case("mattor och kuddar", "sv"),
        case("kände mig matt", "sv"),
        case("jeg må mate katten", "nb"),
        case("det är komplext", "sv"),
        # upper secondary school is not PE
        case("jag ska börja på gymnasiet", "sv"),
        # English "no" and "so" are not the Swedish subjects NO and SO
        case("no way, so boring", "sv"),
        case("so what, no", "en"),
        # "bild" as a picture, not art class; "build" is English
        case("Skickade en bild på hunden", "sv"),
        case("bilderna var fina", "sv"),
        case("we build a tree house", "en"),
        # the language, not the subject
        case("hon pratar bara norsk", "nb"),
        case("boken finns på svenska", "sv"),
        case("she speaks English and French", "en"),
        # Norwegian "prøve" and "lærer" as verbs
        case("jeg skal prøve å gjøre det", "nb"),
        case("jeg prøver meg frem", "nb"),
        case("vi lærer om vikingene", "nb"),
        # "lov" is permission in Norwegian, "gang" is once
        case("fikk lov til å gå", "nb"),
        case("en gang til", "nb"),
        # fed up, not sleepy; sick of, not ill
        case("jag är trött på skolan", "sv"),
        case("I'm tired of it", "en"),
        case("I'm sick of waiting", "en"),
        # intensifiers and idioms
        case("sjukt kul", "sv"),
        case("sykt gøy", "nb"),
        case("ont om tid", "sv"),
        case("det spelar ingen roll", "sv"),
        case("synes vondt av ham", "nb"),
        case("utanför skolan finns en park", "sv"),
        case("jag är van vid det", "sv"),
        case("leave me alone", "en"),
        case("good job everyone", "en"),
        case("Ill be fine", "en"),
        case("The grade 8 trip was amazing", "en"),
        case("I improved a lot", "en"),
        case("greatest day ever", "en"),
        case("ingen stress alls", "sv"),
        case("ikke noe stress", "nb"),
        case("nothing stressful", "en"),
    ],
)
def test_it_does_not_take_look_alikes_for_themes(text, language, expected):
    assert themes(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        case("trött på morgonen", "sv", "sleep"),
        case("skar mig i armarna igår", "sv", "mental_health"),
        case("skar mig på kniven", "sv"),
        case("i cut myself", "en", "mental_health"),
        case("hurt myself playing football", "en", "health", "free_time"),
        case("vi spelade innebandy på idrotten", "sv", "subject_pe"),
        case("spelade innebandy med kompisar", "sv", "free_time", "friends"),
        case("blood test tomorrow", "en", "health"),
        case("threw up all night", "en", "health"),
        case("was up all night", "en", "sleep"),
        case("oroligt i klassen", "sv", "class_environment"),
        case("jag är orolig", "sv", "mental_health"),
        case("var hemma hela dagen", "sv"),
        case("jobbigt hemma just nu", "sv", "family"),
        case("flyttade mig längre fram", "sv"),
        case("vi ska flytta till Malmö", "sv", "family"),
    ],
)
def test_it_decides_ambiguous_words_by_their_neighbours(text, language, expected):
    assert themes(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        case("math testen var svår", "sv", "exams", "subject_math"),
        case("jeg hadde en chill weekend", "nb", "free_time"),
        case("så stressed inför provet", "sv", "exams", "mental_health"),
        case("vi hade quiz i engelska", "sv", "exams", "subject_english"),
        case("har vært sick hele uka", "nb", "health"),
        case("matte is so hard och läraren explains too fast", "other", "subject_math", "teaching"),
        case("vi hade prøve i dag, it went okay", "other", "exams"),
        case("matte er vanskelig", "xx", "subject_math"),
    ],
)
def test_it_reads_mixed_languages(text, language, expected):
    assert themes(text, language) == expected


def test_it_keeps_swedish_only_words_to_swedish_text():
    # "lov" is a school holiday in Swedish and permission in Norwegian; "NO" the science subject only in Sweden.
    assert themes("Ser fram emot lovet", "sv") == ("free_time",)
    assert themes("Ser fram emot lovet", "nb") == ()
    assert themes("NO är svårt", "sv") == ("subject_science",)
    assert themes("NO är svårt", "en") == ()


def test_it_returns_sorted_codes_and_the_same_answer_twice():
    text = "Fick panik på matteprovet och sov dåligt, mamma var arg"
    first = themes(text, "sv")
    assert first == ("exams", "family", "mental_health", "sleep", "subject_math")
    assert list(first) == sorted(first)
    assert themes(text, "sv") == first
    assert set(first) <= set(THEMES)


def _corpus() -> list[dict]:
    with CORPUS.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def test_the_corpus_is_large_and_well_formed():
    rows = _corpus()
    for language in ("sv", "nb", "en"):
        assert sum(row["language"] == language for row in rows) >= 60
    assert sum(not row["themes"] for row in rows) >= 20  # reflections that touch no theme
    for row in rows:
        assert set(row) == {"text", "language", "themes"}
        assert set(row["themes"]) <= set(THEMES), row
        assert row["language"] in {"sv", "nb", "en", "other"}


# The corpus was written before the vocabulary, then used to tune it, so these are in-sample figures: the floors
# keep them from slipping. On reflections written by other people, not used for tuning, precision and recall were
# lower (about 0.87 and 0.84 on everyday texts when first measured).
@pytest.mark.parametrize("language", ["sv", "nb", "en"])
def test_it_meets_precision_and_recall_floors_on_the_corpus(language):
    true_pos = false_pos = false_neg = 0
    for row in _corpus():
        if row["language"] != language:
            continue
        found, wanted = set(themes(row["text"], row["language"])), set(row["themes"])
        true_pos += len(found & wanted)
        false_pos += len(found - wanted)
        false_neg += len(wanted - found)
    precision = true_pos / (true_pos + false_pos)
    recall = true_pos / (true_pos + false_neg)
    assert precision >= 0.95, f"{language} precision {precision:.3f}"
    assert recall >= 0.95, f"{language} recall {recall:.3f}"
