"""Taking part: asking to represent an organisation, deciding on such requests, and what a call's page tells its
reader about who may apply and how.

An existing organisation's representatives decide who joins them; platform staff decide for a new organisation (and
for one that nobody represents yet). Both sides are told by e-mail through the outbox, in the decision's transaction.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core.audit import record
from rendezvous.core.i18n import and_list, listed
from rendezvous.core.models import Organisation, OrganisationType
from rendezvous.core.outbox import queue_email

from .. import search
from ..models import Call, OrganisationMember, RepresentationRequest, RepresentationStatus, SearchKind
from ..permissions import (
    is_platform_staff,
    is_representative,
    is_signed_in,
    represented_organisations,
    require_decide_representation,
    require_request_representation,
)
from .calls import open_stage
from .errors import HubError
from .relay import staff_addresses


def _site(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def deciders_of(representation_request) -> list[str]:
    """Who is asked to decide: the organisation's representatives, else platform staff."""
    if representation_request.organisation_id:
        emails = sorted(
            {
                m.user.email
                for m in OrganisationMember.objects.filter(
                    organisation=representation_request.organisation, user__is_active=True
                ).select_related("user")
                if m.user.email
            }
        )
        if emails:
            return emails
    return staff_addresses()


def find_organisations(q: str, limit: int = 20):
    """Organisations whose name or acronym matches what was typed (case, accents and apostrophes ignored), best
    first, through the hub's full-text search."""
    ranked = search.ranked_objects(q, SearchKind.ORGANISATION, limit=limit)
    found = Organisation.objects.in_bulk(list(ranked))
    return [found[pk] for pk in ranked if pk in found]


@transaction.atomic
def request_representation(
    actor,
    *,
    organisation=None,
    name: str = "",
    acronym: str = "",
    organisation_type: str = "",
    country: str = "",
    message: str = "",
) -> RepresentationRequest:
    """Ask to represent `organisation`, or a new organisation described by name, acronym, type and country."""
    require_request_representation(actor)
    message = (message or "").strip()
    if organisation is not None:
        if is_representative(actor, organisation):
            raise HubError(_("You already represent {organisation}.").format(organisation=organisation))
        if RepresentationRequest.objects.filter(
            user=actor, organisation=organisation, status=RepresentationStatus.PENDING
        ).exists():
            raise HubError(_("You have already asked to represent {organisation}.").format(organisation=organisation))
        fields = {"organisation": organisation}
    else:
        name, acronym = (name or "").strip(), (acronym or "").strip()
        if not name:
            raise HubError(_("Give the organisation's name, or choose an organisation the hub knows."))
        if organisation_type not in OrganisationType.values:
            raise HubError(_("Choose the organisation's type."))
        if not country:
            raise HubError(_("Choose the country where the organisation is based."))
        existing = Organisation.objects.filter(name__iexact=name).first()
        if existing is not None:
            raise HubError(
                _("The hub already knows {organisation}: search for it and ask to represent it.").format(
                    organisation=existing
                )
            )
        if RepresentationRequest.objects.filter(
            user=actor, organisation=None, name__iexact=name, status=RepresentationStatus.PENDING
        ).exists():
            raise HubError(_("You have already asked to represent {organisation}.").format(organisation=name))
        fields = {"name": name, "acronym": acronym, "organisation_type": organisation_type, "country": country}
    representation_request = RepresentationRequest.objects.create(user=actor, message=message, **fields)
    label = representation_request.organisation_label
    who = actor.get_full_name() or actor.email
    decide_url = _site(reverse("partnerships:representation_requests"))
    for address in deciders_of(representation_request):
        queue_email(
            to=address,
            subject=_("{person} asks to represent {organisation} on the partnership hub").format(
                person=who, organisation=label
            ),
            body=_(
                "{person} <{email}> asks to represent {organisation} on the partnership hub{new}.\n\n{message}\n\n"
                "Approve or decline, with a reason, at {url}"
            ).format(
                person=who,
                email=actor.email,
                organisation=label,
                new=_(" (an organisation the hub does not know yet)")
                if representation_request.is_new_organisation
                else "",
                message=message or _("(No message.)"),
                url=decide_url,
            ),
            kind="hub_representation_requested",
        )
    queue_email(
        to=actor.email,
        subject=_("Your request to represent {organisation}").format(organisation=label),
        body=_(
            "We received your request to represent {organisation} on the partnership hub. {deciders} will approve or "
            "decline it; you will get an e-mail either way.\n\nFollow it at {url}"
        ).format(
            organisation=label,
            deciders=_("Its representatives")
            if not representation_request.is_new_organisation
            and representation_request.organisation.hub_members.exists()
            else _("The platform's staff"),
            url=decide_url,
        ),
        kind="hub_representation_received",
    )
    record("hub.representation_requested", representation_request, actor=actor, summary=label)
    return representation_request


@transaction.atomic
def decide_representation(representation_request, actor, *, approve: bool, reason: str = "", now=None):
    """Approve (the person becomes a representative; a new organisation is created) or decline with a reason."""
    representation_request = RepresentationRequest.objects.select_for_update().get(pk=representation_request.pk)
    require_decide_representation(actor, representation_request)
    if representation_request.status != RepresentationStatus.PENDING:
        raise HubError(_("This request was already decided."))
    reason = (reason or "").strip()
    if not approve and not reason:
        raise HubError(_("Say why you decline, so that the person knows what to do."))
    if approve:
        organisation = representation_request.organisation
        if organisation is None:
            organisation, _created = Organisation.objects.get_or_create(
                name=representation_request.name,
                defaults={
                    "acronym": representation_request.acronym,
                    "type": representation_request.organisation_type,
                    "country": representation_request.country,
                },
            )
            representation_request.organisation = organisation
        OrganisationMember.objects.get_or_create(user=representation_request.user, organisation=organisation)
    representation_request.status = RepresentationStatus.APPROVED if approve else RepresentationStatus.DECLINED
    representation_request.reason = reason
    representation_request.decided_by = actor
    representation_request.decided_at = now or timezone.now()
    representation_request.save()
    label = representation_request.organisation_label
    if approve:
        subject = _("You represent {organisation} on the partnership hub").format(organisation=label)
        body = _(
            "Your request to represent {organisation} was approved. You can now apply to calls on its behalf.\n\n"
            "{reason}{url}"
        )
    else:
        subject = _("Your request to represent {organisation} was declined").format(organisation=label)
        body = _("Your request to represent {organisation} was declined.\n\nReason: {reason}\n\n{url}")
    queue_email(
        to=representation_request.user.email,
        subject=subject,
        body=body.format(
            organisation=label,
            reason=(f"{reason}\n\n" if approve and reason else reason),
            url=_site(reverse("partnerships:programmes")),
        ),
        kind="hub_representation_decided",
    )
    record(
        "hub.representation_approved" if approve else "hub.representation_declined",
        representation_request,
        actor=actor,
        summary=label,
    )
    return representation_request


def requests_to_decide(user):
    """Pending requests `user` may decide: for the organisations they represent, and, for staff, every one."""
    pending = RepresentationRequest.objects.filter(status=RepresentationStatus.PENDING).select_related(
        "user", "organisation"
    )
    if is_platform_staff(user):
        return pending
    if not is_signed_in(user):
        return pending.none()
    return pending.filter(organisation__in=represented_organisations(user))


def own_requests(user):
    if not is_signed_in(user):
        return RepresentationRequest.objects.none()
    return RepresentationRequest.objects.filter(user=user).select_related("organisation", "decided_by")


# --- what a call's page says about taking part ---


def ineligibility(call: Call, organisation) -> str:
    """Why `organisation` may not apply to `call`, in plain words; '' if it may."""
    if call.eligible_organisation_types and organisation.type not in call.eligible_organisation_types:
        return _("This call is not open to organisations of the type {type}.").format(
            type=organisation.get_type_display()
        )
    if call.eligible_countries and organisation.country not in call.eligible_countries:
        return _("This call is not open to organisations based in your country.")
    return ""


def eligibility_text(call: Call) -> str:
    """'Organisations of every type and country', or the types and countries the call is open to."""
    types = [
        str(OrganisationType(code).label)
        for code in call.eligible_organisation_types
        if code in OrganisationType.values
    ]
    countries = [country.name for country in call.eligible_countries]
    if not types and not countries:
        return _("Organisations of every type and country.")
    if types and countries:
        return _("Organisations of these types: {types}; based in: {countries}.").format(
            types=listed(types), countries=listed(countries)
        )
    if types:
        return _("Organisations of these types, in any country: {types}.").format(types=listed(types))
    return _("Organisations of every type based in: {countries}.").format(countries=listed(countries))


class Reader:
    """Who reads a call's page, as far as taking part goes."""

    ANONYMOUS = "anonymous"
    NO_ORGANISATION = "no_organisation"
    INELIGIBLE = "ineligible"
    ELIGIBLE = "eligible"


@dataclass
class TakingPart:
    """What a call's page says to its reader about applying: who, how, and whether they can now."""

    reader: str
    who: str
    how: str
    eligible: list = field(default_factory=list)
    pending: list = field(default_factory=list)
    can_apply_now: bool = False


def taking_part(user, call: Call, now=None) -> TakingPart:
    who = eligibility_text(call) + " " + _("An organisation applies through a representative on the hub.")
    stage = open_stage(call, now)
    if not is_signed_in(user):
        return TakingPart(
            reader=Reader.ANONYMOUS,
            who=who,
            how=_(
                "Sign in (or create an account) with your e-mail address, then ask to represent your organisation. "
                "Once its representatives or the platform's staff approve, you can apply."
            ),
        )
    organisations = list(represented_organisations(user).order_by("name"))
    pending = list(own_requests(user).filter(status=RepresentationStatus.PENDING))
    if not organisations:
        how = (
            _("Your request to represent {organisations} is waiting for a decision; you will get an e-mail.").format(
                organisations=and_list(r.organisation_label for r in pending)
            )
            if pending
            else _(
                "You do not represent an organisation on the hub yet. Ask to represent yours; once approved, you can "
                "apply."
            )
        )
        return TakingPart(reader=Reader.NO_ORGANISATION, who=who, how=how, pending=pending)
    eligible = [o for o in organisations if not ineligibility(call, o)]
    if not eligible:
        how = " ".join(
            _("{organisation}: {reason}").format(organisation=o.short_name, reason=ineligibility(call, o))
            for o in organisations
        )
        return TakingPart(reader=Reader.INELIGIBLE, who=who, how=how, pending=pending)
    names = and_list(o.short_name for o in eligible)
    if stage is not None:
        how = _("You can apply on behalf of {organisations}.").format(organisations=names)
    else:
        how = _("You represent {organisations}, which may apply, but the call takes no application now.").format(
            organisations=names
        )
    return TakingPart(
        reader=Reader.ELIGIBLE, who=who, how=how, eligible=eligible, pending=pending, can_apply_now=stage is not None
    )
