"""The queue of check-ins waiting for analysis: a Redis sorted set of check-in ids.

A submitted check-in adds its id here when its transaction commits, and asks
for a drain task unless one is already on its way. A drain claims ids in
batches, so a school submitting at once costs a few tasks, not one per
check-in. A claim is a lease: each claimed id's score becomes the time its
lease ends, and only an id whose score has passed can be claimed again. A
worker killed mid-batch therefore loses nothing: its ids become claimable when
the lease ends, and the sweep asks for a drain. Finishing removes an id only if
it still holds the finishing claim's lease, so a check-in edited (and added
again) while its old revision was in flight stays queued. Ids only, never text.
"""

from dataclasses import dataclass
from functools import cache

import redis
from django.conf import settings

KEY = "analytics:pending"

# Claims ids whose score (0 for new, else the end of an old lease) has passed,
# and gives each the new lease's end as its score. Times from the Redis server,
# so the workers' clocks do not matter.
_CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local lease = now + tonumber(ARGV[2]) * 1000000
local ids = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
for _, id in ipairs(ids) do redis.call('ZADD', KEYS[1], lease, id) end
return {lease, ids}
"""
# Removes the ids that still hold this lease; an id added again since keeps its place.
_FINISH = """
local removed = 0
local lease = tonumber(ARGV[1])
for i = 2, #ARGV do
  if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[i])) == lease then
    removed = removed + redis.call('ZREM', KEYS[1], ARGV[i])
  end
end
return removed
"""
# Ids ready now: new ones and those whose lease has ended.
_READY = """
local t = redis.call('TIME')
return redis.call('ZCOUNT', KEYS[1], '-inf', tonumber(t[1]) * 1000000 + tonumber(t[2]))
"""


@cache
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def client() -> redis.Redis:
    return _client(settings.REDIS_URL)


@dataclass(frozen=True)
class Claim:
    lease: int
    ids: list  # the members, parsed
    raw: tuple[str, ...] = ()  # the members as stored, to finish them by


class LeasedQueue:
    """A set of members waiting for work, claimed in batches with a lease (see the module docstring)."""

    def __init__(self, key: str, *, parse=int) -> None:
        self.key = key
        self.drain_key = f"{key}:drain"
        self.fanout_key = f"{key}:fanout"
        self.parse = parse

    def add(self, members) -> None:
        """Queue members; a member queued already becomes claimable now."""
        mapping = {str(member): 0 for member in members}
        if mapping:
            client().zadd(self.key, mapping)

    def claim(self, count: int, *, lease_seconds: int) -> Claim:
        lease, members = client().eval(_CLAIM, 1, self.key, count, lease_seconds)
        raw = tuple(m.decode() for m in members)
        return Claim(lease=int(lease), ids=[self.parse(m) for m in raw], raw=raw)

    def finish(self, done: Claim) -> int:
        if not done.raw:
            return 0
        return client().eval(_FINISH, 1, self.key, done.lease, *done.raw)

    def ready(self) -> int:
        """How many members a drain could claim now."""
        return client().eval(_READY, 1, self.key)

    def size(self) -> int:
        return client().zcard(self.key)

    def drain_wanted(self, *, seconds: float) -> bool:
        """True for the first caller while no drain is on its way; that caller enqueues one."""
        return bool(client().set(self.drain_key, 1, nx=True, px=int(seconds * 1000)))

    def drain_started(self) -> None:
        """A drain has started: later additions must ask for another."""
        client().delete(self.drain_key)

    def fanout_wanted(self, *, seconds: float) -> bool:
        """At most one extra drain per `seconds`, to bring a second worker in on a backlog."""
        return bool(client().set(self.fanout_key, 1, nx=True, px=int(seconds * 1000)))

    def clear(self) -> None:
        client().delete(self.key, self.drain_key, self.fanout_key)


# Check-ins waiting for analysis, by id.
CHECKINS = LeasedQueue(KEY)

# The check-in queue's operations under short names, as the scoring code reads them.
add = CHECKINS.add
claim = CHECKINS.claim
finish = CHECKINS.finish
ready = CHECKINS.ready
size = CHECKINS.size
drain_wanted = CHECKINS.drain_wanted
drain_started = CHECKINS.drain_started
fanout_wanted = CHECKINS.fanout_wanted


def clear() -> None:
    CHECKINS.clear()
