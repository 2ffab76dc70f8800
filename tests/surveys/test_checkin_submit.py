from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from surveys.models import Checkin
from wellbeing.services import ApplicationError

from ..factories import submit

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def test_it_saves_a_checkin_for_the_current_iso_week(cast):
    now = datetime(2026, 11, 18, 10, 0, tzinfo=STOCKHOLM)  # a Wednesday
    checkin = submit(cast.private, mood=4, reflection="  Bra vecka  ", language="sv", now=now)
    assert checkin.week.isoformat() == "2026-11-16"
    assert checkin.reflection == "Bra vecka"
    assert checkin.revision == 1


def test_it_edits_the_same_checkin_within_the_week(cast):
    monday = datetime(2026, 11, 16, 8, 0, tzinfo=STOCKHOLM)
    friday = datetime(2026, 11, 20, 15, 0, tzinfo=STOCKHOLM)
    first = submit(cast.private, mood=2, reflection="trött", now=monday)
    second = submit(cast.private, mood=4, reflection="bättre", now=friday)
    assert second.pk == first.pk
    assert Checkin.objects.filter(student=cast.private).count() == 1
    stored = Checkin.objects.get(pk=first.pk)
    assert (stored.mood, stored.reflection, stored.revision) == (4, "bättre", 2)


def test_it_starts_a_new_checkin_in_a_new_week_in_the_schools_time_zone(cast):
    sunday_night = datetime(2026, 11, 22, 23, 30, tzinfo=STOCKHOLM)
    # 23:30 UTC on Sunday is already Monday 00:30 in Stockholm.
    monday_utc_evening = datetime(2026, 11, 22, 23, 30, tzinfo=ZoneInfo("UTC"))
    a = submit(cast.private, mood=3, now=sunday_night)
    b = submit(cast.private, mood=3, now=monday_utc_evening)
    assert a.pk != b.pk
    assert (b.week - a.week).days == 7


@pytest.mark.parametrize("mood", [0, 6, -1, "3", None, True, 2.5])
def test_it_refuses_a_mood_outside_1_to_5_and_saves_nothing(cast, mood):
    with pytest.raises(ApplicationError) as error:
        submit(cast.private, mood=mood)
    assert error.value.field == "mood"
    assert not Checkin.objects.exists()


def test_it_refuses_a_too_long_reflection_and_saves_nothing(cast):
    with pytest.raises(ApplicationError) as error:
        submit(cast.private, mood=3, reflection="x" * 2001)
    assert error.value.field == "reflection"
    assert not Checkin.objects.exists()


def test_it_refuses_staff(cast):
    with pytest.raises(ApplicationError):
        submit(cast.teacher, mood=3)
    assert not Checkin.objects.exists()


def test_it_enforces_one_checkin_per_student_per_week_in_the_database(cast):
    from django.db import IntegrityError, transaction

    from ..factories import CheckinFactory

    existing = CheckinFactory(student=cast.private)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckinFactory(student=cast.private, week=existing.week)


def test_it_stores_the_reflection_encrypted(cast):
    checkin = submit(cast.private, mood=3, reflection="Jag är ledsen idag")
    with connection.cursor() as cursor:
        cursor.execute("SELECT reflection FROM surveys_checkin WHERE id = %s", [checkin.pk])
        (stored,) = cursor.fetchone()
    assert "ledsen" not in stored
    assert Checkin.objects.get(pk=checkin.pk).reflection == "Jag är ledsen idag"


def test_it_saves_every_weekly_item(cast):
    cast.group_a.subject = "Matematik"
    cast.group_a.save()
    checkin = submit(
        cast.private,
        mood=2,
        energy=1,
        stress=5,
        sleep=2,
        belonging=4,
        workload="too_hard",
        hardest_subject="Matematik",
        help_wanted=("explanation", "time", "explanation"),
        reflection="Provet var svårt",
        contact_request=True,
    )
    stored = Checkin.objects.get(pk=checkin.pk)
    assert (stored.energy, stored.stress, stored.sleep, stored.belonging) == (1, 5, 2, 4)
    assert (stored.workload, stored.hardest_subject) == ("too_hard", "Matematik")
    assert stored.help_wanted == ["explanation", "time"]
    assert stored.contact_request is True


def test_every_item_but_mood_may_be_skipped(cast):
    stored = Checkin.objects.get(pk=submit(cast.private, mood=3).pk)
    assert (stored.energy, stored.workload, stored.hardest_subject, stored.help_wanted) == (None, "", "", [])


@pytest.mark.parametrize(
    "answers, field",
    [
        ({"energy": 0}, "energy"),
        ({"stress": 6}, "stress"),
        ({"sleep": "5"}, "sleep"),
        ({"belonging": True}, "belonging"),
        ({"workload": "impossible"}, "workload"),
        ({"hardest_subject": "Latin"}, "hardest_subject"),
        ({"help_wanted": ("explanation", "pizza")}, "help_wanted"),
        ({"reflection": "nul\x00byte"}, "reflection"),
    ],
)
def test_it_refuses_a_bad_answer_to_any_item_and_saves_nothing(cast, answers, field):
    with pytest.raises(ApplicationError) as error:
        submit(cast.private, mood=3, **answers)
    assert error.value.field == field
    assert not Checkin.objects.exists()
