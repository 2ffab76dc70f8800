"""Aggregate maths with disclosure control. Pure functions: no ORM."""

from dataclasses import dataclass


@dataclass(frozen=True)
class MoodAggregate:
    response_count: int
    mean_mood: float | None
    suppressed: bool


def mood_aggregate(moods: list[int], *, min_group_size: int) -> MoodAggregate:
    count = len(moods)
    if count < min_group_size:
        return MoodAggregate(response_count=count, mean_mood=None, suppressed=True)
    return MoodAggregate(response_count=count, mean_mood=round(sum(moods) / count, 2), suppressed=False)
