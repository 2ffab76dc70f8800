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
DRAIN_KEY = "analytics:pending:drain"
FANOUT_KEY = "analytics:pending:fanout"

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
    ids: list[int]


def add(ids) -> None:
    """Queue check-ins for analysis; an id queued already becomes claimable now."""
    mapping = {str(pk): 0 for pk in ids}
    if mapping:
        client().zadd(KEY, mapping)


def claim(count: int, *, lease_seconds: int) -> Claim:
    lease, ids = client().eval(_CLAIM, 1, KEY, count, lease_seconds)
    return Claim(lease=int(lease), ids=[int(pk) for pk in ids])


def finish(done: Claim) -> int:
    if not done.ids:
        return 0
    return client().eval(_FINISH, 1, KEY, done.lease, *done.ids)


def ready() -> int:
    """How many ids a drain could claim now."""
    return client().eval(_READY, 1, KEY)


def size() -> int:
    return client().zcard(KEY)


def drain_wanted(*, seconds: int) -> bool:
    """True for the first caller while no drain is on its way; that caller enqueues one."""
    return bool(client().set(DRAIN_KEY, 1, nx=True, ex=seconds))


def drain_started() -> None:
    """A drain has started: later additions must ask for another."""
    client().delete(DRAIN_KEY)


def fanout_wanted(*, seconds: int) -> bool:
    """At most one extra drain per `seconds`, to bring a second worker in on a backlog."""
    return bool(client().set(FANOUT_KEY, 1, nx=True, ex=seconds))


def clear() -> None:
    client().delete(KEY, DRAIN_KEY, FANOUT_KEY)
