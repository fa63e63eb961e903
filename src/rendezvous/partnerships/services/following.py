"""Following programmes and calls, and what an owner may do with its followers: see those who consented, and invite
them by e-mail through the relay."""

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core.audit import record
from rendezvous.core.i18n import in_language_of
from rendezvous.core.models import Organisation
from rendezvous.core.outbox import queue_email
from rendezvous.registration.models import Registration

from ..models import Call, CallStatus, Follow, HubProfile, OrganisationMember, Programme, RelayKind, RelayMessage
from ..permissions import (
    is_signed_in,
    owning_organisations,
    require_follow,
    require_invite_followers,
    require_see_followers,
)
from .errors import HubError
from .people import PersonCard, card_from, person_card
from .relay import INVITATIONS_PER_DAY, sent_today


def _target_lookup(target) -> dict:
    if isinstance(target, Programme):
        return {"programme": target, "call": None}
    if isinstance(target, Call):
        if target.status == CallStatus.DRAFT:
            raise HubError(_("This call is not published."))
        return {"call": target, "programme": None}
    raise TypeError(f"Cannot follow {target!r}.")


def follow_of(user, target):
    if not is_signed_in(user):
        return None
    return Follow.objects.filter(user=user, **_target_lookup(target)).first()


@transaction.atomic
def follow(user, target, *, consent: bool, now=None):
    """Follow a programme or a call, or change the consent of an existing follow."""
    require_follow(user, target)
    lookup = _target_lookup(target)
    existing = Follow.objects.select_for_update().filter(user=user, **lookup).first()
    if existing is None:
        existing = Follow(user=user, **lookup)
    if consent and not existing.consent:
        existing.consented_at = now or timezone.now()
    if not consent:
        existing.consented_at = None
    existing.consent = consent
    existing.save()
    return existing


@transaction.atomic
def unfollow(user, target) -> None:
    require_follow(user, target)
    Follow.objects.filter(user=user, **_target_lookup(target)).delete()


@dataclass(frozen=True)
class Follower:
    follow: object
    card: PersonCard
    offers: str
    seeks: str
    invited: bool


@dataclass(frozen=True)
class FollowerList:
    total: int
    consenting: list[Follower]

    @property
    def withheld(self) -> int:
        return self.total - len(self.consenting)


def followers_of(user, programme) -> FollowerList:
    """Who follows `programme` or one of its calls: counted for the owner, listed only where they consented."""
    require_see_followers(user, programme)
    follows = Follow.objects.filter(Q(programme=programme) | Q(call__programme=programme))
    total = follows.values("user").distinct().count()
    consenting = list(follows.filter(consent=True).select_related("user", "call").order_by("created_at", "id"))
    users = {f.user_id for f in consenting}
    profiles = {p.user_id: p for p in HubProfile.objects.filter(user_id__in=users)}
    emails = {f.user.email.lower(): f.user_id for f in consenting}
    registrations = {}
    for registration in (
        Registration.objects.approved()
        .filter(email__in=list(emails))
        .select_related("organisation")
        .order_by("created_at", "id")
    ):
        registrations[emails[registration.email.lower()]] = registration  # the latest wins
    members = {}
    for member in OrganisationMember.objects.filter(user_id__in=users).select_related("organisation"):
        members.setdefault(member.user_id, member.organisation)
    invited = set(
        RelayMessage.objects.filter(
            follow__in=consenting, organisation__in=owning_organisations(user, programme)
        ).values_list("follow_id", flat=True)
    )
    rows = []
    for item in consenting:
        profile = profiles.get(item.user_id)
        rows.append(
            Follower(
                follow=item,
                card=card_from(item.user, registrations.get(item.user_id), members.get(item.user_id)),
                offers=profile.offers if profile else "",
                seeks=profile.seeks if profile else "",
                invited=item.pk in invited,
            )
        )
    return FollowerList(total=total, consenting=rows)


@transaction.atomic
def invite_follower(user, follow_id: int, programme, *, message: str, organisation=None, now=None):
    """Send a consenting follower an invitation by e-mail on behalf of an owner; limited per organisation per day."""
    now = now or timezone.now()
    require_invite_followers(user, programme, organisation)
    organisation = organisation or owning_organisations(user, programme).first()
    item = (
        Follow.objects.filter(Q(programme=programme) | Q(call__programme=programme), pk=follow_id, consent=True)
        .select_related("user", "call", "programme")
        .first()
    )
    if item is None:
        raise HubError(_("This person does not follow the programme or did not agree to be contacted."))
    message = (message or "").strip()
    if not message:
        raise HubError(_("Write a message to invite this person."))
    # Lock the organisation row so that two representatives cannot both send the twentieth invitation.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if sent_today(now, kind=RelayKind.INVITATION, organisation=organisation) >= INVITATIONS_PER_DAY:
        raise HubError(
            _("{organisation} has sent {count} invitations today; try again tomorrow.").format(
                organisation=organisation.short_name, count=INVITATIONS_PER_DAY
            )
        )
    target = item.target
    sender = person_card(user, organisation=organisation)
    # In the follower's language, not the sender's.
    with in_language_of(user=item.user):
        subject = _("Invitation from %(organisation)s: %(programme)s") % {
            "organisation": organisation.short_name,
            "programme": target,
        }
        body = (
            _(
                "%(name)s of %(organisation)s invites you, as a follower of %(programme)s on the partnership hub, "
                "to get in touch."
            )
            % {"name": sender.name, "organisation": organisation, "programme": target}
            + f"\n\n{message}\n\n"
            + _("To answer, write to %(email)s.") % {"email": user.email}
            + f"\n{settings.SITE_URL}{target.get_absolute_url()}\n\n"
            + _(
                "You receive this because you follow this programme and agreed that its owner may contact you. "
                "To stop, unfollow it or untick the consent box on its page."
            )
        )
    relay = RelayMessage.objects.create(
        kind=RelayKind.INVITATION,
        sender=user,
        organisation=organisation,
        recipient=item.user,
        follow=item,
        subject=subject[:200],
        body=message,
    )
    queue_email(to=item.user.email, subject=subject, body=body, kind="hub_invitation")
    record(
        "hub.follower_invited",
        relay,
        actor=user,
        summary=f"{organisation.short_name} invited a follower of {target}",
        organisation=organisation.pk,
        follow=item.pk,
    )
    return relay
