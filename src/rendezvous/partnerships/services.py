"""Rules of the partnership hub: who may see and do what, deadlines in the call's zone, budgets, selection."""

import secrets
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Avg, Count, Q
from django.utils import timezone

from rendezvous.core import uploads
from rendezvous.core.audit import record

from . import selection
from .models import (
    TOPIC_LABELS,
    Application,
    ApplicationStatus,
    Attachment,
    BoardPost,
    Call,
    CallRole,
    CallStage,
    CallStatus,
    Follow,
    HubProfile,
    OrganisationMember,
    PlatformBudget,
    PostKind,
    Programme,
    RelayKind,
    RelayMessage,
    ResourceRequest,
    Result,
    Review,
    Selection,
    StageKind,
)


class HubError(Exception):
    """A request the hub's rules refuse; the message says why in plain words."""


STAGE_CLOSED = {
    StageKind.LETTER_OF_INTEREST: "Letters of interest closed on {when}.",
    StageKind.FULL_PROPOSAL: "Full proposals closed on {when}.",
}


# --- who is who ---


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def represented_organisations(user):
    """Organisations `user` may act for on the hub."""
    from rendezvous.core.models import Organisation

    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(hub_members__user=user).distinct()


def is_representative(user, organisation) -> bool:
    return _signed_in(user) and OrganisationMember.objects.filter(user=user, organisation=organisation).exists()


def has_call_role(user, call: Call, *roles: str) -> bool:
    if not _signed_in(user):
        return False
    if user.is_superuser:
        return True
    return call.team.filter(user=user, role__in=roles or CallRole.values).exists()


def is_reviewer(user, call: Call) -> bool:
    return has_call_role(user, call, CallRole.REVIEWER)


def is_selecting_officer(user, call: Call) -> bool:
    return has_call_role(user, call, CallRole.SELECTING_OFFICER)


def can_view_application(user, application: Application) -> bool:
    """Only the applicant organisation's representatives and the call's team; never another applicant."""
    return is_representative(user, application.organisation) or has_call_role(user, application.call)


def visible_applications(user, call: Call):
    """The applications of `call` that `user` may see."""
    applications = call.applications.select_related("organisation").prefetch_related("requests__platform")
    if has_call_role(user, call):
        return applications
    if not _signed_in(user):
        return applications.none()
    return applications.filter(organisation__hub_members__user=user).distinct()


def require_view(user, application: Application) -> None:
    if not can_view_application(user, application):
        raise PermissionDenied("Only the applicant organisation and the call's reviewers may see this application.")


# --- deadlines ---


def local_deadline(call: Call, stage: CallStage) -> str:
    """'1 February 2023 at 23:59 (Asia/Shanghai)': the deadline as the call states it."""
    moment = timezone.localtime(stage.deadline, call.zone)
    return f"{moment.day} {moment:%B %Y} at {moment:%H:%M} ({call.timezone})"


def submission_stage(call: Call, kind: str = StageKind.LETTER_OF_INTEREST) -> CallStage:
    stage = call.stages.filter(kind=kind).first()
    if stage is None:
        raise HubError(f"This call does not take {StageKind(kind).label.lower()}s.")
    return stage


def open_stage(call: Call, now=None) -> CallStage | None:
    """The submission stage that takes applications now, if any."""
    now = now or timezone.now()
    if call.status != CallStatus.OPEN:
        return None
    return call.stages.filter(kind__in=list(STAGE_CLOSED), deadline__gte=now).order_by("deadline").first()


def closed_message(call: Call, now=None) -> str:
    """Why an open call takes no application now ('Letters of interest closed on ...'), or '' if it does."""
    now = now or timezone.now()
    if call.status != CallStatus.OPEN or open_stage(call, now) is not None:
        return ""
    last = call.stages.filter(kind__in=list(STAGE_CLOSED), deadline__lt=now).order_by("-deadline").first()
    return STAGE_CLOSED[last.kind].format(when=local_deadline(call, last)) if last else ""


def require_stage_open(call: Call, stage: CallStage, now=None) -> None:
    now = now or timezone.now()
    if call.status != CallStatus.OPEN:
        raise HubError("This call is not open for applications.")
    if now > stage.deadline:
        raise HubError(STAGE_CLOSED[stage.kind].format(when=local_deadline(call, stage)))


# --- applications ---


@dataclass
class RequestedResources:
    """What an application asks of one platform, as entered."""

    platform: PlatformBudget
    mass_kg: Decimal
    power_w: Decimal | None = None
    data_mb: Decimal | None = None


def check_eligibility(call: Call, organisation) -> None:
    if call.eligible_organisation_types and organisation.type not in call.eligible_organisation_types:
        raise HubError(f"This call is not open to organisations of the type {organisation.get_type_display()}.")
    if call.eligible_countries and organisation.country not in call.eligible_countries:
        raise HubError("This call is not open to organisations based in your country.")


def check_requests(call: Call, requests: list[RequestedResources]) -> None:
    """Refuse a request that alone exceeds a platform's budget, or a payload call without any platform."""
    if call.kind == "payload_hosting" and not any(r.mass_kg for r in requests):
        raise HubError("Say which platform your payload needs and its mass.")
    budgets = {}
    for platform in call.budgets.all():
        for code, capacity in platform.limits().items():
            budgets[(platform.platform, code)] = capacity
    for request in requests:
        if request.platform.call_id != call.pk:
            raise HubError(f"{request.platform.platform} is not a platform of this call.")
        if any(amount is not None and amount < 0 for amount in (request.mass_kg, request.power_w, request.data_mb)):
            raise HubError("Requested resources cannot be negative.")
    candidate = selection.Candidate(
        id="new",
        score=Decimal(0),
        requests={
            (r.platform.platform, code): amount
            for r in requests
            for code, amount in (("mass_kg", r.mass_kg), ("power_w", r.power_w), ("data_mb", r.data_mb))
            if amount
        },
    )
    try:
        selection.check_selection([candidate], budgets)
    except selection.SelectionError as error:
        raise HubError(f"This application alone exceeds the call's budget. {error}") from None


def _save_requests(application: Application, requests: list[RequestedResources]) -> None:
    application.requests.all().delete()
    ResourceRequest.objects.bulk_create(
        ResourceRequest(
            application=application,
            platform=r.platform,
            mass_kg=r.mass_kg,
            power_w=r.power_w,
            data_mb=r.data_mb,
        )
        for r in requests
        if r.mass_kg or r.power_w or r.data_mb
    )


@transaction.atomic
def submit_application(
    call: Call,
    organisation,
    user,
    *,
    title: str,
    summary: str,
    team: str = "",
    countries=(),
    requests: list[RequestedResources] = (),
    stage: str = StageKind.LETTER_OF_INTEREST,
    attachment=None,
    now=None,
) -> Application:
    """Submit a letter of interest or a proposal for `organisation`, before the stage's deadline."""
    if not is_representative(user, organisation):
        raise PermissionDenied("Only a representative of the organisation may apply on its behalf.")
    require_stage_open(call, submission_stage(call, stage), now)
    check_eligibility(call, organisation)
    requests = list(requests)
    check_requests(call, requests)
    application = Application.objects.create(
        call=call,
        organisation=organisation,
        stage=stage,
        title=title,
        summary=summary,
        team=team,
        countries=list(countries),
        submitted_by=user,
    )
    _save_requests(application, requests)
    _attach(application, attachment)
    record("hub.application_submitted", application, actor=user, summary=f"{organisation.short_name}: {title}")
    return application


@transaction.atomic
def update_application(
    application: Application, user, *, title, summary, team="", countries=(), requests=(), attachment=None, now=None
) -> Application:
    """Edit an application until its stage's deadline; only its organisation's representatives may."""
    if not is_representative(user, application.organisation):
        raise PermissionDenied("Only a representative of the applicant organisation may edit this application.")
    call = application.call
    require_stage_open(call, submission_stage(call, application.stage), now)
    if application.status != ApplicationStatus.SUBMITTED:
        raise HubError("This application can no longer be edited.")
    requests = list(requests)
    check_requests(call, requests)
    application.title, application.summary, application.team = title, summary, team
    application.countries = list(countries)
    application.save()
    _save_requests(application, requests)
    _attach(application, attachment)
    record("hub.application_updated", application, actor=user, summary=title)
    return application


MAX_ATTACHMENT_BYTES = 20 * 1_048_576


def check_attachment(upload) -> None:
    """A letter or proposal attachment must really be a PDF (parsed, not judged by its name) of at most 20 MB."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise HubError(f"The attachment is {upload.size / 1_048_576:.1f} MB; the limit is 20 MB.")
    try:
        return uploads.check(upload, (uploads.PDF,))
    except uploads.UploadRefused as error:
        raise HubError(f"The attachment must be a PDF file. {error}") from None


def _attach(application: Application, upload) -> None:
    if upload:
        detected = check_attachment(upload)
        # The uploaded name is never kept: the stored name is generated with the detected type's extension.
        upload.name = f"attachment.{detected.extension}"
        Attachment.objects.create(application=application, file=upload)


# --- review and selection ---


@transaction.atomic
def score_application(application: Application, reviewer, score, comment: str = "") -> Review:
    if not is_reviewer(reviewer, application.call):
        raise PermissionDenied("Only the call's reviewers may score its applications.")
    score = Decimal(score)
    if not 0 <= score <= 10:
        raise HubError("A score is between 0 and 10.")
    review, _ = Review.objects.update_or_create(
        application=application, reviewer=reviewer, defaults={"score": score, "comment": comment}
    )
    return review


def budgets_of(call: Call) -> dict[selection.BudgetKey, Decimal]:
    return {
        (platform.platform, code): capacity
        for platform in call.budgets.all()
        for code, capacity in platform.limits().items()
    }


def candidates_of(call: Call) -> list[selection.Candidate]:
    """Each submitted application with its mean review score (0 if not yet reviewed) and its requests."""
    applications = (
        call.applications.filter(~Q(status=ApplicationStatus.WITHDRAWN))
        .annotate(mean_score=Avg("reviews__score"))
        .select_related("organisation")
        .prefetch_related("requests__platform")
    )
    candidates = []
    for application in applications:
        requests = {}
        for request in application.requests.all():
            for code in ("mass_kg", "power_w", "data_mb"):
                amount = getattr(request, code)
                if amount:
                    requests[(request.platform.platform, code)] = amount
        score = Decimal(application.mean_score or 0).quantize(Decimal("0.01"))
        candidates.append(
            selection.Candidate(
                id=application.pk,
                score=score,
                requests=requests,
                label=f"{application.title} ({application.organisation.short_name})",
            )
        )
    return candidates


def propose(call: Call) -> selection.Proposal:
    return selection.propose_selection(candidates_of(call), budgets_of(call))


@transaction.atomic
def select_applications(call: Call, officer, application_ids) -> Selection:
    """Record the selecting officer's choice, refusing any set that exceeds a platform's budget."""
    if not is_selecting_officer(officer, call):
        raise PermissionDenied("Only the call's selecting officer may select applications.")
    if call.results_published:
        raise HubError("The results of this call are already published.")
    wanted = {int(pk) for pk in application_ids}
    candidates = [c for c in candidates_of(call) if c.id in wanted]
    if len(candidates) != len(wanted):
        raise HubError("Some of the chosen applications are not applications to this call.")
    try:
        selection.check_selection(candidates, budgets_of(call))
    except selection.SelectionError as error:
        raise HubError(f"This selection exceeds the call's budget. {error}") from None
    chosen, _ = Selection.objects.update_or_create(
        call=call,
        defaults={"decided_by": officer, "total_score": sum((c.score for c in candidates), Decimal(0))},
    )
    chosen.applications.set(wanted)
    record("hub.selection_made", chosen, actor=officer, summary=f"{len(wanted)} applications", ids=sorted(wanted))
    return chosen


@transaction.atomic
def publish_results(call: Call, officer, now=None) -> list[Result]:
    """Publish the selection on the call's page; applicants learn whether they were selected."""
    if not is_selecting_officer(officer, call):
        raise PermissionDenied("Only the call's selecting officer may publish results.")
    chosen = Selection.objects.filter(call=call).first()
    if chosen is None:
        raise HubError("Select applications before publishing results.")
    if call.results_published:
        raise HubError("The results of this call are already published.")
    selected = list(chosen.applications.select_related("organisation").order_by("title"))
    call.applications.exclude(status=ApplicationStatus.WITHDRAWN).update(status=ApplicationStatus.NOT_SELECTED)
    call.applications.filter(pk__in=[a.pk for a in selected]).update(status=ApplicationStatus.SELECTED)
    results = Result.objects.bulk_create(
        Result(call=call, application=a, title=a.title, partner=a.organisation.short_name, order=order)
        for order, a in enumerate(selected, start=1)
    )
    call.results_published_at = now or timezone.now()
    call.status = CallStatus.CLOSED
    call.save(update_fields=["results_published_at", "status"])
    record("hub.results_published", call, actor=officer, summary=f"{len(results)} selected")
    return results


# --- finding programmes ---


def find_programmes(*, q="", destination="", phase="", cooperation="", country="", region=""):
    """Programmes matching the public filters, owners and calls loaded."""
    programmes = Programme.objects.prefetch_related("owners", "calls")
    if q:
        programmes = programmes.filter(
            Q(name__icontains=q)
            | Q(acronym__icontains=q)
            | Q(summary__icontains=q)
            | Q(owners__name__icontains=q)
            | Q(owners__acronym__icontains=q)
        )
    if destination:
        programmes = programmes.filter(destination=destination)
    if phase:
        programmes = programmes.filter(phase=phase)
    if country:
        programmes = programmes.filter(owners__country=country)
    if region:
        programmes = programmes.filter(owners__country__in=countries_in_region(region))
    programmes = list(programmes.distinct())
    if cooperation:
        # A short list of lists: filtered here, since SQLite has no JSON containment lookup.
        programmes = [p for p in programmes if cooperation in p.cooperation_forms]
    return programmes


# --- connecting stakeholders ---
#
# Who may do what (issue 6, item 5):
# - following a programme or a call needs a signed-in user, nothing more: it only tells the person about deadlines;
# - the owner sees a follower only if the follower ticked the consent box, and never their e-mail address;
# - posting on the partners-wanted board needs an approved registration in any edition (someone the secretariat has
#   accepted as a participant) or being an organisation's representative on the hub; anyone signed in may answer a
#   post through the relay, which keeps every address off the pages.

INVITATIONS_PER_DAY = 20  # per organisation
BOARD_CONTACTS_PER_DAY = 10  # per sender
POST_LIFETIME_DAYS = 90
POSTS_PER_PAGE = 20


@dataclass(frozen=True)
class PersonCard:
    """How a follower or a board author appears to others: never with an e-mail address."""

    name: str
    organisation: str
    organisation_type: str
    country: str  # ISO code; '' if unknown
    organisation_id: int | None = None

    @property
    def country_name(self) -> str:
        from rendezvous.core.countries import un_name

        return un_name(self.country) if self.country else ""


def approved_registration(user):
    """The person's most recent approved registration in any edition, matched by e-mail; None if there is none."""
    from rendezvous.registration.models import Registration, Status

    if not _signed_in(user):
        return None
    return (
        Registration.objects.filter(email__iexact=user.email, status=Status.APPROVED)
        .select_related("organisation")
        .order_by("-created_at", "-id")
        .first()
    )


def person_card(user, registration=None, organisation=None) -> PersonCard:
    """Name, organisation and country from the approved registration, else from the organisation represented."""
    registration = registration or approved_registration(user)
    organisation = organisation or represented_organisations(user).order_by("name").first()
    return _card_from(user, registration, organisation)


def _card_from(user, registration, org) -> PersonCard:
    if registration is not None:
        name = " ".join(part for part in (registration.given_name, registration.family_name) if part)
        org = registration.organisation
        return PersonCard(
            name=name or str(user),
            organisation=str(org) if org else "",
            organisation_type=registration.organisation_type,
            country=str(registration.country or ""),
            organisation_id=org.pk if org else None,
        )
    return PersonCard(
        name=user.get_full_name() or "A participant",
        organisation=str(org) if org else "",
        organisation_type=org.type if org else "",
        country=str(org.country or "") if org else "",
        organisation_id=org.pk if org else None,
    )


def may_post(user) -> bool:
    return _signed_in(user) and (
        OrganisationMember.objects.filter(user=user).exists() or approved_registration(user) is not None
    )


def require_may_post(user) -> None:
    if not may_post(user):
        raise PermissionDenied(
            "Only participants with an approved registration and representatives of organisations may post on the "
            "board."
        )


# following


def _target_lookup(target) -> dict:
    if isinstance(target, Programme):
        return {"programme": target, "call": None}
    if isinstance(target, Call):
        if target.status == CallStatus.DRAFT:
            raise HubError("This call is not published.")
        return {"call": target, "programme": None}
    raise TypeError(f"Cannot follow {target!r}.")


def follow_of(user, target):
    if not _signed_in(user):
        return None
    return Follow.objects.filter(user=user, **_target_lookup(target)).first()


@transaction.atomic
def follow(user, target, *, consent: bool, now=None):
    """Follow a programme or a call, or change the consent of an existing follow."""
    if not _signed_in(user):
        raise PermissionDenied("Sign in to follow programmes and calls.")
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
    if not _signed_in(user):
        raise PermissionDenied("Sign in to follow programmes and calls.")
    Follow.objects.filter(user=user, **_target_lookup(target)).delete()


def owning_organisations(user, programme):
    """The owners of `programme` that `user` represents (empty for anyone else)."""
    return represented_organisations(user).filter(pk__in=programme.owners.values("pk")).order_by("name")


def may_see_followers(user, programme) -> bool:
    return owning_organisations(user, programme).exists()


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
    from rendezvous.registration.models import Registration, Status

    if not may_see_followers(user, programme):
        raise PermissionDenied("Only representatives of the programme's owners may see its followers.")
    follows = Follow.objects.filter(Q(programme=programme) | Q(call__programme=programme))
    total = follows.values("user").distinct().count()
    consenting = list(follows.filter(consent=True).select_related("user", "call").order_by("created_at", "id"))
    users = {f.user_id for f in consenting}
    profiles = {p.user_id: p for p in HubProfile.objects.filter(user_id__in=users)}
    emails = {f.user.email.lower(): f.user_id for f in consenting}
    registrations = {}
    for registration in (
        Registration.objects.filter(email__in=list(emails), status=Status.APPROVED)
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
                card=_card_from(item.user, registrations.get(item.user_id), members.get(item.user_id)),
                offers=profile.offers if profile else "",
                seeks=profile.seeks if profile else "",
                invited=item.pk in invited,
            )
        )
    return FollowerList(total=total, consenting=rows)


def _sent_today(now, **filters) -> int:
    return RelayMessage.objects.filter(created_at__gte=now - timedelta(days=1), **filters).count()


@transaction.atomic
def invite_follower(user, follow_id: int, programme, *, message: str, organisation=None, now=None):
    """Send a consenting follower an invitation by e-mail on behalf of an owner; limited per organisation per day."""
    from rendezvous.core.models import Organisation
    from rendezvous.core.outbox import queue_email

    now = now or timezone.now()
    owners = owning_organisations(user, programme)
    if not owners.exists():
        raise PermissionDenied("Only representatives of the programme's owners may invite its followers.")
    organisation = organisation or owners.first()
    if not owners.filter(pk=organisation.pk).exists():
        raise PermissionDenied("You do not represent this organisation.")
    item = (
        Follow.objects.filter(Q(programme=programme) | Q(call__programme=programme), pk=follow_id, consent=True)
        .select_related("user", "call", "programme")
        .first()
    )
    if item is None:
        raise HubError("This person does not follow the programme or did not agree to be contacted.")
    message = (message or "").strip()
    if not message:
        raise HubError("Write a message to invite this person.")
    # Lock the organisation row so that two representatives cannot both send the twentieth invitation.
    Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
    if _sent_today(now, kind=RelayKind.INVITATION, organisation=organisation) >= INVITATIONS_PER_DAY:
        raise HubError(
            f"{organisation.short_name} has sent {INVITATIONS_PER_DAY} invitations today; try again tomorrow."
        )
    target = item.target
    subject = f"Invitation from {organisation.short_name}: {target}"
    sender = person_card(user, organisation=organisation)
    body = (
        f"{sender.name} of {organisation} invites you, as a follower of {target} on the partnership hub, "
        f"to get in touch.\n\n{message}\n\n"
        f"To answer, write to {user.email}.\n"
        f"{settings.SITE_URL}{target.get_absolute_url()}\n\n"
        "You receive this because you follow this programme and agreed that its owner may contact you. "
        "To stop, unfollow it or untick the consent box on its page."
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


# the partners-wanted board


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Filter values: UN regional groups and M49 regions, grouped."""
    from rendezvous.core.countries import REGIONAL_GROUPS, codes_in_un_order, m49_region

    m49 = sorted({m49_region(code).region for code in codes_in_un_order() if m49_region(code).region})
    return [
        ("UN regional groups", [(f"group:{name}", name) for name in REGIONAL_GROUPS]),
        ("Regions (M49)", [(f"m49:{name}", name) for name in m49]),
    ]


def countries_in_region(value: str) -> list[str]:
    from rendezvous.core.countries import REGIONAL_GROUPS, codes_in_un_order, m49_region

    scheme, _, name = value.partition(":")
    if scheme == "group":
        return sorted(REGIONAL_GROUPS.get(name, ()))
    if scheme == "m49":
        return [code for code in codes_in_un_order() if m49_region(code).region == name]
    return []


def live_posts(today=None):
    today = today or timezone.localdate()
    return BoardPost.objects.filter(withdrawn_at__isnull=True, expires_on__gte=today)


def find_posts(*, q="", kind="", country="", region="", organisation_type="", topic="", today=None):
    """Live board posts matching the filters, newest first, with what the list shows loaded."""
    posts = live_posts(today).select_related("organisation", "programme", "call")
    if q:
        posts = posts.filter(
            Q(title__icontains=q)
            | Q(text__icontains=q)
            | Q(organisation_name__icontains=q)
            | Q(organisation__name__icontains=q)
            | Q(organisation__acronym__icontains=q)
        )
    if kind:
        posts = posts.filter(kind=kind)
    if country:
        posts = posts.filter(country=country)
    if region:
        posts = posts.filter(country__in=countries_in_region(region))
    if organisation_type:
        posts = posts.filter(organisation_type=organisation_type)
    if topic:
        posts = posts.filter(topic=topic)
    return posts


def post_defaults(user) -> dict:
    """Organisation, its type and country for a new post, from the registration or the organisation represented."""
    card = person_card(user)
    return {
        "organisation_name": card.organisation,
        "organisation_type": card.organisation_type,
        "country": card.country,
    }


def _post_fields(user, fields: dict) -> dict:
    title, text = (fields.get("title") or "").strip(), (fields.get("text") or "").strip()
    if not title or not text:
        raise HubError("A post needs a title and a text.")
    if fields.get("kind") not in PostKind.values:
        raise HubError("Say whether you offer or need something.")
    if fields.get("topic") not in TOPIC_LABELS:
        raise HubError("Choose a topic.")
    if not fields.get("country"):
        raise HubError("Say which country the offer or need comes from.")
    call, programme = fields.get("call"), fields.get("programme")
    if call is not None and call.status == CallStatus.DRAFT:
        raise HubError("This call is not published.")
    if call is not None and programme is None:
        programme = call.programme
    organisation = None
    name = (fields.get("organisation_name") or "").strip()
    represented = represented_organisations(user)
    registration = approved_registration(user)
    for candidate in [*represented, registration.organisation if registration else None]:
        if candidate is not None and name in (str(candidate), candidate.name, candidate.short_name):
            organisation = candidate
            break
    expires_on = fields.get("expires_on") or timezone.localdate() + timedelta(days=POST_LIFETIME_DAYS)
    if expires_on < timezone.localdate():
        raise HubError("The expiry date is in the past.")
    return {
        "kind": fields["kind"],
        "title": title,
        "text": text,
        "topic": fields["topic"],
        "organisation": organisation,
        "organisation_name": "" if organisation else name,
        "organisation_type": fields.get("organisation_type") or (organisation.type if organisation else "other"),
        "country": fields["country"],
        "programme": programme,
        "call": call,
        "expires_on": expires_on,
    }


@transaction.atomic
def create_post(user, **fields):
    require_may_post(user)
    post = BoardPost.objects.create(author=user, **_post_fields(user, fields))
    record("hub.post_created", post, actor=user, summary=f"{post.get_kind_display()}: {post.title}")
    return post


def require_author(user, post) -> None:
    if not (_signed_in(user) and post.author_id == user.pk):
        raise PermissionDenied("Only the author may edit or withdraw this post.")


@transaction.atomic
def update_post(post, user, **fields):
    require_author(user, post)
    if post.withdrawn_at:
        raise HubError("This post was withdrawn.")
    for name, value in _post_fields(user, fields).items():
        setattr(post, name, value)
    post.save()
    record("hub.post_updated", post, actor=user, summary=post.title)
    return post


@transaction.atomic
def withdraw_post(post, user, now=None):
    require_author(user, post)
    if post.withdrawn_at is None:
        post.withdrawn_at = now or timezone.now()
        post.save(update_fields=["withdrawn_at", "updated_at"])
        record("hub.post_withdrawn", post, actor=user, summary=post.title)
    return post


@transaction.atomic
def contact_author(post, sender, *, message: str, now=None):
    """Pass a message to a post's author by e-mail; the author answers the sender directly, by the address given."""
    from rendezvous.core.outbox import queue_email

    now = now or timezone.now()
    if not _signed_in(sender):
        raise PermissionDenied("Sign in to answer a post.")
    if post.withdrawn_at or post.expires_on < timezone.localdate(now):
        raise HubError("This post is no longer on the board.")
    if post.author_id == sender.pk:
        raise HubError("This is your own post.")
    message = (message or "").strip()
    if not message:
        raise HubError("Write a message for the author.")
    if _sent_today(now, kind=RelayKind.BOARD_CONTACT, sender=sender) >= BOARD_CONTACTS_PER_DAY:
        raise HubError(f"You have answered {BOARD_CONTACTS_PER_DAY} posts today; try again tomorrow.")
    card = person_card(sender)
    who = f"{card.name}" + (f" ({card.organisation}, {card.country_name})" if card.organisation else "")
    subject = f"About your post on the partners-wanted board: {post.title}"
    body = (
        f"{who} answers your {post.get_kind_display().lower()} \u201c{post.title}\u201d:\n\n{message}\n\n"
        f"To reply, write to {sender.email}.\n"
        f"{settings.SITE_URL}{post.get_absolute_url()}\n\n"
        "The partnership hub passed this message on without showing your address."
    )
    relay = RelayMessage.objects.create(
        kind=RelayKind.BOARD_CONTACT,
        sender=sender,
        recipient=post.author,
        post=post,
        subject=subject[:200],
        body=message,
    )
    queue_email(to=post.author.email, subject=subject, body=body, kind="hub_board_contact")
    record("hub.board_contact", relay, actor=sender, summary=post.title, post=post.pk)
    return relay


# profile and personal feed


def profile_of(user):
    profile, _ = HubProfile.objects.get_or_create(user=user)
    return profile


@transaction.atomic
def update_profile(user, *, offers: str, seeks: str):
    if not _signed_in(user):
        raise PermissionDenied("Sign in to say what you offer and seek.")
    profile = profile_of(user)
    profile.offers, profile.seeks = offers.strip(), seeks.strip()
    profile.save(update_fields=["offers", "seeks"])
    return profile


@transaction.atomic
def feed_token(user, *, regenerate: bool = False) -> str:
    """The person's calendar feed key: 32 random bytes; regenerating it makes the old feed URL answer 404."""
    if not _signed_in(user):
        raise PermissionDenied("Sign in to get a calendar feed.")
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


# results in the edition's programme


def announcements_by_contribution(edition) -> dict[int, list[Call]]:
    """Contribution id → the calls announced there, with their result count, for the edition's programme page."""
    announced: dict[int, list[Call]] = {}
    calls = (
        Call.objects.exclude(status=CallStatus.DRAFT)
        .filter(announced_in__session__edition=edition)
        .annotate(result_count=Count("results"))
        .order_by("announced_in", "title")
    )
    for call in calls:
        announced.setdefault(call.announced_in_id, []).append(call)
    return announced
