"""The pending queue of check-in ids, on the real Redis (this test process's own database)."""

import time

import pytest

from analytics import pending


@pytest.fixture(autouse=True)
def empty_queue():
    pending.clear()
    yield
    pending.clear()


def test_a_claim_takes_ready_ids_in_batches_and_hides_them_while_leased():
    pending.add(range(1, 8))
    first = pending.claim(5, lease_seconds=60)
    second = pending.claim(5, lease_seconds=60)
    assert len(first.ids) == 5 and len(second.ids) == 2
    assert set(first.ids) | set(second.ids) == set(range(1, 8))
    assert pending.claim(5, lease_seconds=60).ids == []
    assert pending.ready() == 0 and pending.size() == 7


def test_finishing_removes_only_the_claimed_ids():
    pending.add([1, 2, 3])
    claim = pending.claim(2, lease_seconds=60)
    assert pending.finish(claim) == 2
    assert pending.size() == 1
    assert pending.claim(5, lease_seconds=60).ids == [next(iter({1, 2, 3} - set(claim.ids)))]


def test_an_id_added_again_while_in_flight_stays_queued_after_the_old_claim_finishes():
    pending.add([42])
    claim = pending.claim(1, lease_seconds=60)
    pending.add([42])  # the check-in was edited while its old revision was being analysed
    assert pending.finish(claim) == 0
    assert pending.claim(1, lease_seconds=60).ids == [42]


def test_a_lease_that_runs_out_makes_the_ids_claimable_again():
    # A worker killed mid-batch never finishes its claim; the ids come back after the lease.
    pending.add([7, 8])
    lost = pending.claim(2, lease_seconds=1)
    assert pending.claim(2, lease_seconds=1).ids == []
    time.sleep(1.1)
    assert pending.ready() == 2
    again = pending.claim(2, lease_seconds=60)
    assert sorted(again.ids) == [7, 8]
    assert pending.finish(lost) == 0  # the dead worker's claim no longer owns them
    assert pending.finish(again) == 2


def test_only_the_first_asks_for_a_drain_until_one_starts():
    assert pending.drain_wanted(seconds=60) is True
    assert pending.drain_wanted(seconds=60) is False
    pending.drain_started()
    assert pending.drain_wanted(seconds=60) is True


def test_the_queue_holds_ids_only():
    pending.add([5])
    members = pending.client().zrange(pending.KEY, 0, -1)
    assert members == [b"5"]
