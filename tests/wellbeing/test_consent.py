from datetime import timedelta

import pytest
from django.utils import timezone

from wellbeing.models import ConsentEvent, ConsentScope
from wellbeing.selectors import consent_state, consent_state_at
from wellbeing.services import ApplicationError, consent_set

SCORES = ConsentScope.SCORES_TO_TEACHERS


def test_it_starts_with_every_scope_off(cast):
    assert consent_state(cast.private) == {scope.value: False for scope in ConsentScope}


def test_it_records_every_change_with_who_and_when(cast):
    student = cast.private
    consent_set(student=student, scope=SCORES, granted=True, changed_by=student)
    consent_set(student=student, scope=SCORES, granted=False, changed_by=student)
    events = list(ConsentEvent.objects.filter(student=student).values_list("scope", "granted", "changed_by"))
    assert events == [(SCORES.value, True, student.pk), (SCORES.value, False, student.pk)]
    assert consent_state(student)[SCORES] is False


def test_it_records_nothing_when_nothing_changes(cast):
    consent_set(student=cast.private, scope=SCORES, granted=False, changed_by=cast.private)
    consent_set(student=cast.sharer, scope=SCORES, granted=True, changed_by=cast.sharer)
    assert not ConsentEvent.objects.filter(student=cast.private).exists()
    assert ConsentEvent.objects.filter(student=cast.sharer, scope=SCORES).count() == 1


def test_it_knows_the_state_at_any_past_moment(cast):
    student = cast.private
    consent_set(student=student, scope=SCORES, granted=True, changed_by=student)
    granted_at = ConsentEvent.objects.get(student=student).changed_at
    consent_set(student=student, scope=SCORES, granted=False, changed_by=student)
    assert consent_state_at(student, granted_at - timedelta(seconds=1))[SCORES] is False
    assert consent_state_at(student, granted_at)[SCORES] is True
    assert consent_state_at(student, timezone.now())[SCORES] is False


def test_it_refuses_consent_for_staff(cast):
    with pytest.raises(ApplicationError):
        consent_set(student=cast.teacher, scope=SCORES, granted=True, changed_by=cast.teacher)
    assert not ConsentEvent.objects.filter(student=cast.teacher).exists()
