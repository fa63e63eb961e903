"""gunicorn's threaded worker, with new connections shared evenly between the worker processes.

Every worker waits on the same listening socket and the kernel wakes them all when a client connects: whichever gets
there first takes the connection. Clients that keep their connections open (browsers, a load balancer's pool, the
bench) then stay with that process, and with a handful of them the split is often 5 to 3 or 6 to 2. A worker holds
the GIL, so it uses one core at most: on 2 cores a 6-to-2 split leaves most of a core idle while the busy worker's
requests queue. `make bench` measured the programme page at concurrency 8 at 3,800-4,000 pages/s with p99 about 7 ms
when the connections were split 4 to 4, 3,200-3,400 with p99 10-12 ms at 5 to 3, and 1,550 at worse.

Here each worker publishes how many connections it holds on a board shared by the workers (memory the master
allocates before forking), and leaves a waiting connection to a worker that holds fewer, for a millisecond at a time.
A connection is never left waiting longer than PATIENCE_SECONDS: a worker that is slow to take it (busy, or stuck
until the master replaces it) does not keep it from being served.
"""

import ctypes
import multiprocessing.sharedctypes
import time

from gunicorn.workers.gthread import ThreadWorker

SLOTS = 64
# A slot with no live worker behind it: never "holding fewer".
ABSENT = 2**31 - 1
PAUSE_SECONDS = 0.001
PATIENCE_SECONDS = 0.02


class ConnectionBoard:
    """How many connections each worker holds, in memory shared across fork."""

    def __init__(self, slots: int = SLOTS):
        self.counts = multiprocessing.sharedctypes.RawArray(ctypes.c_int, [ABSENT] * slots)

    def claim(self) -> int | None:
        """A free slot for a worker about to be forked (in the master), or None when all are taken."""
        for slot, count in enumerate(self.counts):
            if count == ABSENT:
                self.counts[slot] = 0
                return slot
        return None

    def release(self, slot: int | None) -> None:
        if slot is not None:
            self.counts[slot] = ABSENT

    def publish(self, slot: int | None, connections: int) -> None:
        if slot is not None:
            self.counts[slot] = connections

    def another_holds_fewer(self, slot: int | None, connections: int) -> bool:
        if slot is None:
            return False
        return any(count < connections for other, count in enumerate(self.counts) if other != slot)


board: ConnectionBoard | None = None


def allocate_board() -> None:
    """In the master, before any worker is forked (gunicorn's on_starting hook)."""
    global board  # noqa: PLW0603 (one board per master, inherited by every worker it forks)
    board = ConnectionBoard()


class BalancedThreadWorker(ThreadWorker):
    """gunicorn's gthread worker that takes a new connection only when no other worker holds fewer (see above)."""

    board_slot: int | None = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._paused_until = 0.0
        self._refusing_since: float | None = None
        self._listener_ready = False

    def set_accept_enabled(self, enabled):
        # gunicorn's loop turns accepting back on whenever the worker is below worker_connections.
        if enabled and time.monotonic() < self._paused_until:
            return
        super().set_accept_enabled(enabled)

    def wait_for_and_dispatch_events(self, timeout):
        if self._paused_until:
            remaining = self._paused_until - time.monotonic()
            if remaining > 0:
                timeout = min(timeout, remaining)
            else:
                self._paused_until = 0.0
        listening = self._accepting
        self._listener_ready = False
        super().wait_for_and_dispatch_events(timeout)
        if listening and not self._listener_ready:
            # The listener was watched and nobody was waiting on it: the next connection starts a new wait.
            self._refusing_since = None
        self._publish()

    def accept(self, listener):
        self._listener_ready = True
        now = time.monotonic()
        if board is not None and board.another_holds_fewer(self.board_slot, self.nr_conns):
            if self._refusing_since is None:
                self._refusing_since = now
            if now - self._refusing_since < PATIENCE_SECONDS:
                self._paused_until = now + PAUSE_SECONDS
                super().set_accept_enabled(False)
                return
        self._refusing_since = None
        self._paused_until = 0.0
        super().accept(listener)
        self._publish()

    def _publish(self):
        if board is not None:
            board.publish(self.board_slot, self.nr_conns)
