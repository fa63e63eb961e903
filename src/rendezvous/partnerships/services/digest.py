"""The hub's digest: people who opt in get, weekly, the calls open now and the new board posts that match them (what
they offer and seek, the programmes and calls they follow), with an unsubscribe link that needs no sign-in.

The link carries a signed token (Django's signing, its own salt) naming the person: it cannot be guessed or changed,
and it keeps working, since an unsubscribe link must work whenever the mail is read.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core.audit import record
from rendezvous.core.outbox import queue_email

from ..models import HubProfile, Programme
from ..search import fold
from .board import live_posts
from .calls import call_state, open_stage, public_calls

DIGEST_EVERY = timedelta(days=7)
UNSUBSCRIBE_SALT = "rendezvous.partnerships.digest.unsubscribe"
POSTS_IN_DIGEST = 10


def unsubscribe_token(user) -> str:
    return signing.dumps({"user": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user) -> str:
    return f"{settings.SITE_URL}{reverse('partnerships:unsubscribe', kwargs={'token': unsubscribe_token(user)})}"


def user_for_token(token: str):
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    return get_user_model().objects.filter(pk=data.get("user")).first()


@transaction.atomic
def unsubscribe(token: str):
    """Stop the digest for the person the token names; None if the token is not one the hub signed."""
    user = user_for_token(token)
    if user is None:
        return None
    updated = HubProfile.objects.filter(user=user, digest=True).update(digest=False)
    if updated:
        record("hub.digest_unsubscribed", user, actor=user)
    return user


@transaction.atomic
def resubscribe(token: str):
    user = user_for_token(token)
    if user is not None:
        HubProfile.objects.update_or_create(user=user, defaults={"digest": True})
    return user


@dataclass
class Digest:
    calls: list
    posts: list

    @property
    def is_empty(self) -> bool:
        return not self.calls and not self.posts


def _interests(user, profile) -> tuple[set[str], set[str]]:
    """Topics (destinations, forms of cooperation) and words the person cares about."""
    followed = Programme.objects.filter(Q(follows__user=user) | Q(calls__follows__user=user)).distinct()
    topics = set()
    for programme in followed:
        topics.add(programme.destination)
        topics.update(programme.cooperation_forms)
    words = {w for w in fold(f"{profile.offers} {profile.seeks}").split() if len(w) >= 4}
    return topics, words


def digest_for(user, since=None, now=None) -> Digest:
    now = now or timezone.now()
    profile = HubProfile.objects.filter(user=user).first() or HubProfile(user=user)
    calls = [
        call
        for call in public_calls().select_related("programme").prefetch_related("stages")
        if open_stage(call, now) is not None
    ]
    topics, words = _interests(user, profile)
    posts = []
    new_posts = live_posts(timezone.localdate(now)).exclude(author=user).select_related("organisation")
    if since is not None:
        new_posts = new_posts.filter(created_at__gt=since)
    for post in new_posts.order_by("-created_at")[:200]:
        shared = words & set(fold(f"{post.title} {post.text}").split())
        if post.topic in topics or shared:
            posts.append(post)
        if len(posts) >= POSTS_IN_DIGEST:
            break
    return Digest(calls=calls, posts=posts)


def _body(user, digest: Digest) -> str:
    lines = [_("Your partnership hub digest."), ""]
    if digest.calls:
        lines.append(_("Calls open now:"))
        for call in digest.calls:
            lines.append(f"- {call.title} ({call.programme.name}): {call_state(call).text}")
            lines.append(f"  {settings.SITE_URL}{call.get_absolute_url()}")
        lines.append("")
    if digest.posts:
        lines.append(_("New on the partners-wanted board, matching what you follow, offer or seek:"))
        for post in digest.posts:
            lines.append(
                f"- {post.get_kind_display()}: {post.title} \u2014 {post.organisation_label or post.country.name}"
            )
            lines.append(f"  {settings.SITE_URL}{post.get_absolute_url()}")
        lines.append("")
    lines.append(_("You receive this because you asked for the hub's weekly digest."))
    lines.append(_("To stop the digest (no sign-in needed): {url}").format(url=unsubscribe_url(user)))
    return "\n".join(lines)


def send_digests(now=None) -> int:
    """Queue the digest for everyone who opted in and had none for a week; returns how many were queued."""
    now = now or timezone.now()
    due = HubProfile.objects.filter(digest=True, user__is_active=True).filter(
        Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=now - DIGEST_EVERY)
    )
    sent = 0
    for profile in due.select_related("user"):
        with transaction.atomic():
            locked = HubProfile.objects.select_for_update().get(pk=profile.pk)
            if not locked.digest or (locked.digest_sent_at and locked.digest_sent_at > now - DIGEST_EVERY):
                continue  # another run got here first
            digest = digest_for(profile.user, since=locked.digest_sent_at, now=now)
            locked.digest_sent_at = now
            locked.save(update_fields=["digest_sent_at"])
            if digest.is_empty:
                continue
            queue_email(
                to=profile.user.email,
                subject=_("Partnership hub: calls open now and new posts for you"),
                body=_body(profile.user, digest),
                kind="hub_digest",
            )
            sent += 1
    return sent
