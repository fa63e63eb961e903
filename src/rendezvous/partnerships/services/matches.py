"""Matches, not only lists: for a board post, a programme or a call, the most relevant counterparts, each with the
reasons it matched (shared destination, form of cooperation, region, words).

- a post's counterparts are live posts of the other kind (an offer answers a need) and programmes open to its topic;
- a programme's and a call's are live posts about their destination or the forms of cooperation they are open to;
- an organisation's are the open calls it may apply to, closer when they are about what it posts about.

Scores are small integers, so the order is easy to explain: topic 3, the post is about this call or programme 3,
the other kind 2, same region 1, each shared word 1 (at most 3).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from rendezvous.core.countries import m49_region
from rendezvous.core.i18n import listed

from ..models import TOPIC_LABELS, BoardPost, Call, CooperationForm, Destination, PostKind, Programme
from ..search import fold
from .board import live_posts
from .calls import open_stage, public_calls
from .representation import ineligibility

MATCHES_SHOWN = 5
# Words too common in this vocabulary to say anything about a match.
COMMON_WORDS = frozenset(
    {
        "about",
        "also",
        "and",
        "are",
        "can",
        "for",
        "from",
        "have",
        "into",
        "lunar",
        "more",
        "our",
        "over",
        "payload",
        "payloads",
        "space",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "want",
        "which",
        "will",
        "with",
        "within",
        "would",
        "your",
        "example",
        "invented",
        "post",
        "shows",
        "board",
        "works",
    }
)


@dataclass
class Match:
    kind: str  # post, programme, call
    obj: object
    score: int = 0
    reasons: list[str] = field(default_factory=list)

    def add(self, points: int, reason: str) -> None:
        self.score += points
        self.reasons.append(reason)


def _words(text: str) -> set[str]:
    return {word for word in fold(text).split() if len(word) >= 4 and word not in COMMON_WORDS}


def _region(country) -> str:
    code = str(country or "")
    return m49_region(code).region if code else ""


def _shared_words(match: Match, mine: set[str], theirs: set[str]) -> None:
    shared = sorted(mine & theirs)[:3]
    if shared:
        match.add(len(shared), _("shared words: {words}").format(words=listed(shared)))


def _topic_reason(topic: str) -> str:
    label = TOPIC_LABELS.get(topic, topic)
    if topic in Destination.values:
        return _("shared destination: {destination}").format(destination=label)
    return _("form of cooperation: {form}").format(form=label)


def _best(matches: list[Match], limit: int) -> list[Match]:
    kept = [m for m in matches if m.score > 0]
    kept.sort(key=lambda m: (-m.score, str(m.obj)))
    return kept[:limit]


def matches_for_post(post: BoardPost, limit: int = MATCHES_SHOWN, today=None) -> list[Match]:
    """Posts of the other kind that answer this one, and programmes open to its topic."""
    mine = _words(f"{post.title} {post.text}")
    region = _region(post.country)
    other_kind = PostKind.NEED if post.kind == PostKind.OFFER else PostKind.OFFER
    matches = []
    for other in (
        live_posts(today).filter(kind=other_kind).exclude(author=post.author_id).select_related("organisation")
    ):
        match = Match("post", other)
        if other.topic == post.topic:
            match.add(3, _topic_reason(post.topic))
        if post.call_id and other.call_id == post.call_id:
            match.add(3, _("about the same call"))
        _shared_words(match, mine, _words(f"{other.title} {other.text}"))
        if match.score and region and _region(other.country) == region:
            match.add(1, _("same region: {region}").format(region=region))
        if match.score:
            # An offer answers a need: the other kind is what makes it a counterpart, not a competitor.
            match.add(2, _("an offer for a need") if post.kind == PostKind.NEED else _("a need for an offer"))
        matches.append(match)
    for programme in Programme.objects.all():
        match = Match("programme", programme)
        if post.topic == programme.destination or post.topic in programme.cooperation_forms:
            match.add(3, _topic_reason(post.topic))
        if post.programme_id == programme.pk:
            match.add(3, _("the post is about this programme"))
        if match.score:
            _shared_words(match, mine, _words(f"{programme.name} {programme.summary}"))
        matches.append(match)
    return _best(matches, limit)


def _posts_for(topics: set[str], words: set[str], *, call=None, programme=None, today=None) -> list[Match]:
    matches = []
    for post in live_posts(today).select_related("organisation"):
        match = Match("post", post)
        if post.topic in topics:
            match.add(3, _topic_reason(post.topic))
        if call is not None and post.call_id == call.pk:
            match.add(3, _("the post is about this call"))
        elif programme is not None and post.programme_id == programme.pk:
            match.add(3, _("the post is about this programme"))
        if match.score:
            _shared_words(match, words, _words(f"{post.title} {post.text}"))
        matches.append(match)
    return matches


def matches_for_programme(programme: Programme, limit: int = MATCHES_SHOWN, today=None) -> list[Match]:
    """Board posts about the programme's destination or the forms of cooperation it is open to."""
    topics = {programme.destination, *programme.cooperation_forms}
    words = _words(f"{programme.name} {programme.summary}")
    return _best(_posts_for(topics, words, programme=programme, today=today), limit)


def matches_for_call(call: Call, limit: int = MATCHES_SHOWN, today=None) -> list[Match]:
    """Board posts that may make partners for the call: about it, its destination or its programme's forms."""
    programme = call.programme
    topics = {programme.destination, *programme.cooperation_forms}
    if call.kind == "payload_hosting":
        topics.add(CooperationForm.PAYLOADS)
    words = _words(f"{call.title} {call.description}")
    return _best(_posts_for(topics, words, call=call, programme=programme, today=today), limit)


def calls_for_organisation(organisation, limit: int = MATCHES_SHOWN, now=None) -> list[Match]:
    """Open calls the organisation may apply to (its type and country), closer when about what it posts about."""
    posted = set(BoardPost.objects.filter(organisation=organisation).values_list("topic", flat=True))
    region = _region(organisation.country)
    matches = []
    for call in public_calls().select_related("programme", "organisation").prefetch_related("stages"):
        if open_stage(call, now) is None or ineligibility(call, organisation):
            continue
        match = Match("call", call)
        if call.eligible_organisation_types:
            match.add(2, _("open to its type: {type}").format(type=organisation.get_type_display()))
        else:
            match.add(1, _("open to every type"))
        if call.eligible_countries:
            match.add(2, _("open to its country"))
        elif region and _region(call.organisation.country) == region:
            match.add(1, _("same region: {region}").format(region=region))
        topics = {call.programme.destination, *call.programme.cooperation_forms} & posted
        for topic in sorted(topics):
            match.add(3, _topic_reason(topic))
        matches.append(match)
    return _best(matches, limit)
