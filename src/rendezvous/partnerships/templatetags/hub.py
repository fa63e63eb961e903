import re

from django import template
from django.utils.html import escape
from django.utils.safestring import mark_safe

from rendezvous.core.rendering import once_per_render

from .. import search
from ..selection import format_amount
from ..services.calls import announcements_by_contribution
from ..services.calls import call_state as state_of_call

register = template.Library()


@register.filter
def amount(value) -> str:
    """A quantity without trailing zeros, with the reader's decimal mark: 10.000 → '10', 2.500 → '2.5' ('2,5')."""
    return "" if value is None else format_amount(value)


# The programme body is cached and rendered once for everybody: the calls announced in the edition are looked up
# once per render and kept on the render's root context, not once per contribution.
_ANNOUNCED = "hub.announcements_by_contribution"


@register.simple_tag(takes_context=True)
def calls_announced(context, contribution):
    """{% calls_announced contribution as calls %}: calls (and their results) announced in this contribution."""
    edition = context.get("edition")
    if edition is None:
        return []
    announced = once_per_render(context, _ANNOUNCED, lambda: announcements_by_contribution(edition))
    return announced.get(contribution.pk, [])


@register.simple_tag
def call_state(call):
    """{% call_state call as state %}: the state the call's page shows, for the badges of the lists."""
    return state_of_call(call)


@register.filter
def highlight(text, q):
    """{{ text|highlight:q }}: the text, escaped, with the words that match the search in <mark>."""
    return search.highlight(str(text or ""), q or "")


_URL = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
_TRAILING = ".,;:!?)]}\u201d\u2019"


@register.filter
def post_text(text) -> str:
    """A post's plain text: escaped first, then its web addresses made into links (rel="nofollow noopener", opening
    in a new tab), line breaks kept."""
    text = str(text or "")
    pieces, last = [], 0
    for found in _URL.finditer(text):
        url = found.group().rstrip(_TRAILING)
        end = found.start() + len(url)
        pieces.append(escape(text[last : found.start()]))
        pieces.append(f'<a href="{escape(url)}" rel="nofollow noopener noreferrer" target="_blank">{escape(url)}</a>')
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces).replace("\r\n", "\n").replace("\n", "<br>"))  # noqa: S308  every piece is escaped above
