"""GroupCommit with real threads: batching, outcomes per caller, failures, hand-off and withdrawal.

The interleavings are forced, not hoped for: the first batch is held inside `process_batch` on an Event until the
other callers are queued (seen in the committer's queue), so the next batch is known to hold them all. Every wait
is bounded, so a broken hand-off fails the test instead of hanging it.
"""

import threading
import time

import pytest

from rendezvous.core.group_commit import GroupCommit, GroupCommitTimeout

BOUND = 10.0  # seconds; only reached if the committer is broken


class Recorder:
    """A process_batch that records its batches and can hold the first one until released."""

    def __init__(self, outcome=lambda payload: payload * 10, *, hold_first=False):
        self.batches: list[list] = []
        self.outcome = outcome
        self.entered = threading.Event()
        self.release = threading.Event()
        if not hold_first:
            self.release.set()
        self._lock = threading.Lock()

    def __call__(self, payloads):
        with self._lock:
            self.batches.append(list(payloads))
            first = len(self.batches) == 1
        if first:
            self.entered.set()
            assert self.release.wait(BOUND), "the test never released the first batch"
        return [self.outcome(payload) for payload in payloads]

    @property
    def processed(self) -> list:
        return [payload for batch in self.batches for payload in batch]


class Callers:
    """Threads calling `committer.run(payload)`; each payload's value or exception is kept."""

    def __init__(self, committer: GroupCommit):
        self.committer = committer
        self.results: dict = {}
        self.errors: dict = {}
        self.threads: list[threading.Thread] = []

    def start(self, *payloads) -> None:
        for payload in payloads:
            thread = threading.Thread(target=self._call, args=(payload,), daemon=True)
            self.threads.append(thread)
            thread.start()

    def _call(self, payload) -> None:
        try:
            self.results[payload] = self.committer.run(payload)
        except BaseException as error:  # kept for the assertions
            self.errors[payload] = error

    def join(self) -> None:
        deadline = time.monotonic() + BOUND
        for thread in self.threads:
            thread.join(max(deadline - time.monotonic(), 0))
        stuck = [thread for thread in self.threads if thread.is_alive()]
        assert not stuck, f"{len(stuck)} caller(s) never got an answer"


def queued(committer: GroupCommit) -> int:
    with committer._mutex:
        return len(committer._pending)


def wait_until(condition, what: str) -> None:
    """Poll a condition the committer offers no event for (callers queued); bounded, so it cannot hang."""
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


def hold_first_batch(committer: GroupCommit, recorder: Recorder, callers: Callers, leader, followers) -> None:
    """Start `leader`, hold its batch, queue `followers` behind it, then let everything run to the end."""
    callers.start(leader)
    assert recorder.entered.wait(BOUND)
    callers.start(*followers)
    wait_until(lambda: queued(committer) == len(followers), f"{len(followers)} callers are queued")
    recorder.release.set()
    callers.join()


def test_a_lone_call_is_a_batch_of_one_served_in_the_callers_thread():
    seen_threads = []

    def process(payloads):
        seen_threads.append(threading.current_thread())
        return [payload.upper() for payload in payloads]

    committer = GroupCommit(process)
    assert committer.run("abc") == "ABC"
    assert committer.run("def") == "DEF"
    assert seen_threads == [threading.current_thread()] * 2
    assert queued(committer) == 0 and committer._leading is False


def test_callers_arriving_during_a_batch_share_the_next_one_and_each_gets_its_own_outcome():
    recorder = Recorder(hold_first=True)
    committer = GroupCommit(recorder)
    callers = Callers(committer)
    hold_first_batch(committer, recorder, callers, 1, [2, 3, 4, 5])
    assert callers.errors == {}
    assert callers.results == {payload: payload * 10 for payload in range(1, 6)}
    assert recorder.batches[0] == [1]
    assert sorted(recorder.batches[1]) == [2, 3, 4, 5]  # all queued before the hand-off: one shared batch
    assert len(recorder.batches) == 2


def test_an_exception_as_an_items_outcome_is_raised_in_that_caller_only():
    refusal = ValueError("payload 3 refused")
    recorder = Recorder(lambda payload: refusal if payload == 3 else payload * 10, hold_first=True)
    committer = GroupCommit(recorder)
    callers = Callers(committer)
    hold_first_batch(committer, recorder, callers, 1, [2, 3, 4])
    assert max(len(batch) for batch in recorder.batches) > 1
    assert callers.errors == {3: refusal}
    assert callers.results == {1: 10, 2: 20, 4: 40}


def test_a_failing_batch_fails_all_its_callers_and_the_committer_keeps_working():
    failures = []

    def process(payloads):
        if "boom" in payloads:
            failures.append(list(payloads))
            raise RuntimeError("the database went away")
        return [payload * 10 for payload in payloads]

    gate = threading.Event()
    entered = threading.Event()

    def held(payloads):
        if payloads == [0]:
            entered.set()
            assert gate.wait(BOUND)
        return process(payloads)

    committer = GroupCommit(held)
    callers = Callers(committer)
    callers.start(0)
    assert entered.wait(BOUND)
    callers.start(1, "boom", 2)
    wait_until(lambda: queued(committer) == 3, "three callers are queued")
    gate.set()
    callers.join()

    assert callers.results == {0: 0}
    assert set(callers.errors) == {1, "boom", 2}
    assert all(isinstance(error, RuntimeError) for error in callers.errors.values())
    assert sorted(map(str, failures[0])) == ["1", "2", "boom"]
    # Nobody is left leading: the next call is served at once.
    assert committer.run(7) == 70
    assert queued(committer) == 0 and committer._leading is False


def test_a_failing_lone_call_raises_and_the_next_call_works():
    def process(payloads):
        if payloads == ["bad"]:
            raise KeyError("bad")
        return payloads

    committer = GroupCommit(process)
    with pytest.raises(KeyError):
        committer.run("bad")
    assert committer.run("good") == "good"


@pytest.mark.parametrize("outcomes", [[], ["one", "two", "extra"]], ids=["too few", "too many"])
def test_the_wrong_number_of_outcomes_fails_every_caller_of_the_batch(outcomes):
    gate, entered = threading.Event(), threading.Event()

    def process(payloads):
        if payloads == ["first"]:
            entered.set()
            assert gate.wait(BOUND)
            return ["FIRST"]
        return outcomes

    committer = GroupCommit(process)
    callers = Callers(committer)
    callers.start("first")
    assert entered.wait(BOUND)
    callers.start("a", "b")
    wait_until(lambda: queued(committer) == 2, "two callers are queued")
    gate.set()
    callers.join()
    assert callers.results == {"first": "FIRST"}
    assert set(callers.errors) == {"a", "b"}
    assert all(isinstance(error, RuntimeError) for error in callers.errors.values())
    assert "outcomes for 2 items" in str(callers.errors["a"])
    assert committer.run("first") == "FIRST"


def test_max_batch_is_respected_and_the_rest_follow_in_later_batches():
    recorder = Recorder(hold_first=True)
    committer = GroupCommit(recorder, max_batch=3)
    callers = Callers(committer)
    followers = list(range(1, 11))
    hold_first_batch(committer, recorder, callers, 0, followers)
    assert callers.errors == {}
    assert callers.results == {payload: payload * 10 for payload in range(11)}
    assert all(len(batch) <= 3 for batch in recorder.batches)
    assert [len(batch) for batch in recorder.batches] == [1, 3, 3, 3, 1]
    assert sorted(recorder.processed) == list(range(11))  # each payload exactly once


def test_batches_are_taken_in_arrival_order():
    recorder = Recorder(hold_first=True)
    committer = GroupCommit(recorder, max_batch=2)
    callers = Callers(committer)
    callers.start(0)
    assert recorder.entered.wait(BOUND)
    for payload in range(1, 6):  # one at a time, so the queue order is known
        callers.start(payload)
        wait_until(lambda n=payload: queued(committer) == n, f"{payload} callers are queued")
    recorder.release.set()
    callers.join()
    assert recorder.batches == [[0], [1, 2], [3, 4], [5]]


def test_hand_off_under_a_crowd_leaves_nobody_stuck():
    lock = threading.Lock()
    concurrent, overlap = [0], []

    def process(payloads):
        with lock:
            concurrent[0] += 1
            overlap.append(concurrent[0])
        try:
            return [payload + 1 for payload in payloads]
        finally:
            with lock:
                concurrent[0] -= 1

    committer = GroupCommit(process, max_batch=4, wait_timeout=BOUND)
    start = threading.Barrier(40)
    results, errors = {}, []

    def call(payload):
        try:
            start.wait(BOUND)
            for round_ in range(5):
                value = payload * 100 + round_
                assert committer.run(value) == value + 1
            results[payload] = True
        except BaseException as error:  # reported below
            errors.append(error)

    threads = [threading.Thread(target=call, args=(n,), daemon=True) for n in range(40)]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + BOUND
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    assert not [thread for thread in threads if thread.is_alive()], "a caller is stuck"
    assert errors == []
    assert len(results) == 40
    assert max(overlap) == 1  # one leader at a time
    assert queued(committer) == 0 and committer._leading is False


def test_a_waiter_never_taken_times_out_and_its_payload_is_never_processed():
    recorder = Recorder(hold_first=True)
    committer = GroupCommit(recorder, wait_timeout=0.05)
    callers = Callers(committer)
    callers.start("leader")
    assert recorder.entered.wait(BOUND)
    with pytest.raises(GroupCommitTimeout):
        committer.run("late")  # the leader is held well past the waiter's timeout
    assert queued(committer) == 0
    recorder.release.set()
    callers.join()
    assert callers.results == {"leader": "leader" * 10}
    assert recorder.processed == ["leader"]
    # The withdrawn waiter left no trace: the committer is idle and serves the next call at once.
    assert committer._leading is False
    assert committer.run(4) == 40
    assert recorder.processed == ["leader", 4]
