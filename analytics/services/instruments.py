"""Instrument responses scored by their published rules."""

from surveys.instruments import Instrument
from surveys.models import InstrumentResponse

from ..instruments import score_swemwbs, score_who5


def instrument_response_score(*, response_id: int) -> bool:
    """Score one instrument response by its published rules; a conditional
    UPDATE keyed by revision, so a redelivered task changes nothing."""
    response = InstrumentResponse.objects.filter(pk=response_id).first()
    if response is None or response.scored_revision >= response.revision:
        return False
    if response.instrument == Instrument.WHO5:
        who5 = score_who5(response.answers)
        fields = {"score_raw": who5.raw, "score": who5.percentage, "poor_wellbeing": who5.poor_wellbeing}
    else:
        swemwbs = score_swemwbs(response.answers)
        fields = {"score_raw": swemwbs.raw, "score": swemwbs.metric, "poor_wellbeing": None}
    updated = InstrumentResponse.objects.filter(pk=response_id, revision=response.revision).update(
        scored_revision=response.revision, **fields
    )
    return bool(updated)
