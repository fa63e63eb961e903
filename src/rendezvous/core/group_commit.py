"""Group commit: requests that arrive together share one transaction instead of queueing for a lock one by one.

Under a burst, most of a registration's cost is the transaction around it: take the seat lock, count the seats,
write, commit. `GroupCommit.run(item)` puts the item in a queue. If nobody is leading, the caller leads: it takes
up to `max_batch` waiting items (its own first), hands them to `process_batch` in its own thread and database
connection, and gives every item its outcome. Items that arrived meanwhile wait; when the batch is done, the oldest
of them is woken to lead the next one. There is no background thread and no timer: a lone request is a batch of one
and is served at once, so nothing changes for tests or a quiet site.

Every caller gets its answer only after the batch it was in has committed or failed, so an answer is never given for
work that was not done. `process_batch(items)` returns one outcome per item: a value, or an exception instance, which
`run` raises in the caller's thread. An exception from `process_batch` itself becomes every item's outcome.
"""

import threading
from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext


class GroupCommitTimeout(Exception):
    """The item waited `wait_timeout` seconds without being taken into a batch; it was withdrawn, nothing was done."""


class _Item:
    __slots__ = ("payload", "woken", "outcome", "finished", "leads")

    def __init__(self, payload: Any):
        self.payload = payload
        self.woken = threading.Event()
        self.outcome: Any = None
        self.finished = False
        self.leads = False


class GroupCommit:
    def __init__(
        self,
        process_batch: Callable[[Sequence[Any]], Sequence[Any]],
        *,
        max_batch: int = 100,
        wait_timeout: float = 30.0,
    ):
        self._process_batch = process_batch
        self._max_batch = max_batch
        self._wait_timeout = wait_timeout
        self._mutex = threading.Lock()
        self._pending: list[_Item] = []
        self._leading = False

    def run(self, payload: Any) -> Any:
        """Process `payload` in a shared batch; return its outcome or raise it."""
        item = _Item(payload)
        with self._mutex:
            self._pending.append(item)
            item.leads = not self._leading
            self._leading = True
        if not item.leads:
            self._wait(item)
        if not item.finished:
            self._lead()
        if isinstance(item.outcome, BaseException):
            raise item.outcome
        return item.outcome

    def _wait(self, item: _Item) -> None:
        """Wait until the item is done or this thread is asked to lead; withdraw it if it is never taken."""
        if item.woken.wait(self._wait_timeout):
            return
        with self._mutex:
            if item in self._pending and not item.leads:
                self._pending.remove(item)
                raise GroupCommitTimeout(
                    gettext("Not processed within %(wait_timeout)s seconds.")
                    % {"wait_timeout": format(self._wait_timeout, "g")}
                )
        # Taken into a batch (which finishes: its transaction has a lock timeout) or just asked to lead.
        item.woken.wait()

    def _lead(self) -> None:
        with self._mutex:
            batch = self._pending[: self._max_batch]
            del self._pending[: self._max_batch]
        try:
            outcomes = list(self._process_batch([item.payload for item in batch]))
            if len(outcomes) != len(batch):
                raise RuntimeError(f"process_batch gave {len(outcomes)} outcomes for {len(batch)} items")
        except BaseException as error:  # every caller of the batch must hear how it ended
            outcomes = [error] * len(batch)
        finally:
            with self._mutex:
                successor = self._pending[0] if self._pending else None
                if successor is None:
                    self._leading = False
                else:
                    successor.leads = True
        for item, outcome in zip(batch, outcomes, strict=True):
            item.outcome, item.finished = outcome, True
            item.woken.set()
        if successor is not None:
            successor.woken.set()
