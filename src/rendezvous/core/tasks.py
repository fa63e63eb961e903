"""Background tasks of the shared kernel (run by `rendezvous worker`), defined beside the code they run."""

from .outbox import deliver_outbox, deliver_outbox_message

__all__ = ["deliver_outbox", "deliver_outbox_message"]
