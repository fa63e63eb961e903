"""Helpers for templates rendered once for everybody (cached pages)."""

from collections.abc import Callable
from typing import Any


def once_per_render(context, key: str, build: Callable[[], Any]) -> Any:
    """Build a lookup once per template render and keep it on the render's root context.

    Template tags that list something per row (files per contribution, calls per contribution) use it so a page
    costs one query for the whole table instead of one per row.
    """
    root = context.render_context.dicts[0]
    if key not in root:
        root[key] = build()
    return root[key]
