"""A person's own corner of the hub: what they offer and seek, and the calendar feed of the deadlines they follow."""

import secrets

from django.db import transaction
from django.db.models import Q

from rendezvous.core.audit import record

from ..models import Call, CallStatus, HubProfile
from ..permissions import require_edit_profile, require_feed


def profile_of(user):
    profile, _ = HubProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def update_profile(user, *, offers: str, seeks: str, digest: bool | None = None):
    require_edit_profile(user)
    profile = profile_of(user)
    profile.offers, profile.seeks = offers.strip(), seeks.strip()
    fields = ["offers", "seeks"]
    if digest is not None:
        profile.digest = digest
        fields.append("digest")
    profile.save(update_fields=fields)
    return profile


@transaction.atomic
def feed_token(user, *, regenerate: bool = False) -> str:
    """The person's calendar feed key: 32 random bytes; regenerating it makes the old feed URL answer 404."""
    require_feed(user)
    profile = profile_of(user)
    if regenerate or not profile.feed_token:
        profile.feed_token = secrets.token_urlsafe(32)
        profile.save(update_fields=["feed_token"])
        if regenerate:
            record("hub.feed_token_regenerated", profile, actor=user)
    return profile.feed_token


def user_for_feed(token: str):
    if not token or len(token) < 40:
        return None
    profile = HubProfile.objects.filter(feed_token=token).select_related("user").first()
    return profile.user if profile and profile.user.is_active else None


def followed_calls(user):
    """Published calls the person follows, directly or through their programme, with their stages."""
    return (
        Call.objects.exclude(status=CallStatus.DRAFT)
        .filter(Q(follows__user=user) | Q(programme__follows__user=user))
        .select_related("programme")
        .prefetch_related("stages")
        .distinct()
    )
