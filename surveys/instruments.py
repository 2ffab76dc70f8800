"""The validated instruments a school may add, with their items and answers
in the official wording of each language. Their texts are fixed by the
instruments' owners, so they are data here, not interface strings to translate.
Scoring follows the published rules in analytics/instruments.py."""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Instrument(models.TextChoices):
    WHO5 = "who5", "WHO-5"
    SWEMWBS = "swemwbs", "SWEMWBS"


@dataclass(frozen=True)
class InstrumentText:
    intro: dict[str, str]
    items: tuple[dict[str, str], ...]
    answers: tuple[tuple[int, dict[str, str]], ...]  # (value, text by language), in display order
    copyright: str
    needs_registration: bool


WHO5 = InstrumentText(
    intro={
        "en": "Over the last two weeks:",
        "sv": "Under de senaste två veckorna:",
        "nb": "I løpet av de siste to ukene:",
    },
    items=(
        {
            "en": "I have felt cheerful and in good spirits",
            "sv": "Jag har känt mig glad och på gott humör",
            "nb": "Jeg har vært glad og i godt humør",
        },
        {
            "en": "I have felt calm and relaxed",
            "sv": "Jag har känt mig lugn och avslappnad",
            "nb": "Jeg har følt meg rolig og avslappet",
        },
        {
            "en": "I have felt active and vigorous",
            "sv": "Jag har känt mig aktiv och energisk",
            "nb": "Jeg har følt meg aktiv og energisk",
        },
        {
            "en": "I woke up feeling fresh and rested",
            "sv": "Jag har vaknat upp och känt mig frisk och utvilad",
            "nb": "Jeg har våknet opp frisk og uthvilt",
        },
        {
            "en": "My daily life has been filled with things that interest me",
            "sv": "Min vardag har varit fylld av saker som intresserar mig",
            "nb": "Hverdagen min har vært fylt med ting som interesserer meg",
        },
    ),
    answers=(
        (5, {"en": "All of the time", "sv": "Hela tiden", "nb": "Hele tiden"}),
        (4, {"en": "Most of the time", "sv": "Större delen av tiden", "nb": "Mesteparten av tiden"}),
        (
            3,
            {
                "en": "More than half of the time",
                "sv": "Lite mer än hälften av tiden",
                "nb": "Mer enn halvparten av tiden",
            },
        ),
        (
            2,
            {
                "en": "Less than half of the time",
                "sv": "Lite mindre än hälften av tiden",
                "nb": "Mindre enn halvparten av tiden",
            },
        ),
        (1, {"en": "Some of the time", "sv": "Lite av tiden", "nb": "Litt av tiden"}),
        (0, {"en": "At no time", "sv": "Ingen gång", "nb": "Aldri"}),
    ),
    copyright="WHO-5 © Psychiatric Research Unit, Mental Health Centre North Zealand. Free to use.",
    needs_registration=False,
)

SWEMWBS = InstrumentText(
    intro={
        "en": "Below are some statements about feelings and thoughts. Please choose the answer that best "
        "describes your experience of each over the last 2 weeks.",
        "sv": "Här nedan finns några påståenden om känslor och tankar. Välj det svar som bäst beskriver hur du "
        "har haft det de senaste 2 veckorna.",
        "nb": "Nedenfor er noen utsagn om følelser og tanker. Velg svaret som best beskriver hvordan du har hatt "
        "det de siste 2 ukene.",
    },
    items=(
        {
            "en": "I've been feeling optimistic about the future",
            "sv": "Jag har känt mig optimistisk inför framtiden",
            "nb": "Jeg har følt meg optimistisk med tanke på fremtiden",
        },
        {"en": "I've been feeling useful", "sv": "Jag har känt mig användbar", "nb": "Jeg har følt meg nyttig"},
        {"en": "I've been feeling relaxed", "sv": "Jag har känt mig avslappnad", "nb": "Jeg har følt meg avslappet"},
        {
            "en": "I've been dealing with problems well",
            "sv": "Jag har hanterat problem bra",
            "nb": "Jeg har taklet problemer godt",
        },
        {"en": "I've been thinking clearly", "sv": "Jag har tänkt klart", "nb": "Jeg har tenkt klart"},
        {
            "en": "I've been feeling close to other people",
            "sv": "Jag har känt mig nära andra människor",
            "nb": "Jeg har følt meg nær andre mennesker",
        },
        {
            "en": "I've been able to make up my own mind about things",
            "sv": "Jag har kunnat bestämma mig själv om saker",
            "nb": "Jeg har klart å bestemme meg selv om ting",
        },
    ),
    answers=(
        (1, {"en": "None of the time", "sv": "Aldrig", "nb": "Aldri"}),
        (2, {"en": "Rarely", "sv": "Sällan", "nb": "Sjelden"}),
        (3, {"en": "Some of the time", "sv": "Ibland", "nb": "Av og til"}),
        (4, {"en": "Often", "sv": "Ofta", "nb": "Ofte"}),
        (5, {"en": "All of the time", "sv": "Hela tiden", "nb": "Hele tiden"}),
    ),
    copyright=(
        "Short Warwick-Edinburgh Mental Well-Being Scale (SWEMWBS) © University of Warwick, 2006, all rights reserved."
    ),
    needs_registration=True,
)

TEXTS = {Instrument.WHO5: WHO5, Instrument.SWEMWBS: SWEMWBS}

REGISTRATION_NOTE = _(
    "SWEMWBS is free for non-commercial use, but each school must register with its owner, the University of "
    "Warwick, before using it, and use the official translation it provides."
)


def text_in(value: dict[str, str], language: str) -> str:
    return value.get(language) or value["en"]
