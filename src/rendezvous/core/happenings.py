"""Things that happened, announced to whoever listens (the webhooks app), inside the transaction that made them.

Apps below the listeners cannot import them, so they announce here instead: `announce(name, edition=..., obj=...)`.
Every audit entry is announced too (core.audit), so most changes need no call of their own. A happening of the hub
belongs to no edition: it names the organisation it belongs to instead (`publisher`, the organisation that publishes
the call), whose own webhook endpoints hear it.
"""

from typing import Any

from django.dispatch import Signal

# sender: the happening's name, e.g. "registration.approved"; kwargs: edition, publisher, obj, data (JSON values).
happened = Signal()


def announce(name: str, *, edition=None, publisher=None, obj=None, data: dict[str, Any] | None = None) -> None:
    happened.send(sender=name, edition=edition, publisher=publisher, obj=obj, data=data or {})
