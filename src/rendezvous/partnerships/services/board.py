"""The partners-wanted board: finding live posts, writing, editing and withdrawing one's own, and answering a post
through the relay, which keeps every address off the pages."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core.audit import record
from rendezvous.core.i18n import and_list, in_language_of
from rendezvous.core.outbox import queue_email

from .. import search
from ..models import TOPIC_LABELS, BoardPost, CallStatus, PostKind, PostReport, RelayKind, RelayMessage, SearchKind
from ..permissions import (
    approved_registration,
    represented_organisations,
    require_answer_post,
    require_edit_post,
    require_post,
    require_report_post,
)
from .errors import HubError
from .people import person_card
from .regions import countries_in_region
from .relay import BOARD_CONTACTS_PER_DAY, sent_today, staff_addresses

POST_LIFETIME_DAYS = 90
POSTS_PER_PAGE = 20


def live_posts(today=None):
    today = today or timezone.localdate()
    return BoardPost.objects.filter(withdrawn_at__isnull=True, expires_on__gte=today)


def find_posts(*, q="", kind="", country="", region="", organisation_type="", topic="", today=None):
    """Live board posts matching the filters, newest first, with what the list shows loaded."""
    posts = live_posts(today).select_related("organisation", "programme", "call")
    if q:
        # As people type it (case, accents, apostrophes ignored): the post itself or its organisation.
        matching = set(search.ranked_objects(q, SearchKind.POST))
        organisations = list(search.ranked_objects(q, SearchKind.ORGANISATION))
        posts = posts.filter(Q(pk__in=matching) | Q(organisation__in=organisations))
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
        raise HubError(_("A post needs a title and a text."))
    if fields.get("kind") not in PostKind.values:
        raise HubError(_("Say whether you offer or need something."))
    if fields.get("topic") not in TOPIC_LABELS:
        raise HubError(_("Choose a topic."))
    if not fields.get("country"):
        raise HubError(_("Say which country the offer or need comes from."))
    call, programme = fields.get("call"), fields.get("programme")
    if call is not None and call.status == CallStatus.DRAFT:
        raise HubError(_("This call is not published."))
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
        raise HubError(_("The expiry date is in the past."))
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
    require_post(user)
    post = BoardPost.objects.create(author=user, **_post_fields(user, fields))
    record("hub.post_created", post, actor=user, summary=f"{post.get_kind_display()}: {post.title}")
    return post


@transaction.atomic
def update_post(post, user, **fields):
    require_edit_post(user, post)
    if post.withdrawn_at:
        raise HubError(_("This post was withdrawn."))
    for name, value in _post_fields(user, fields).items():
        setattr(post, name, value)
    post.save()
    record("hub.post_updated", post, actor=user, summary=post.title)
    return post


@transaction.atomic
def withdraw_post(post, user, now=None):
    require_edit_post(user, post)
    if post.withdrawn_at is None:
        post.withdrawn_at = now or timezone.now()
        post.save(update_fields=["withdrawn_at", "updated_at"])
        record("hub.post_withdrawn", post, actor=user, summary=post.title)
    return post


def sender_description(sender) -> str:
    """How the relay introduces a sender, truthfully: their name, their organisation and country as the hub knows
    them, and whether they are registered for an edition of the workshop."""
    registration = approved_registration(sender)
    card = person_card(sender, registration=registration)
    who = card.name
    if card.organisation:
        who += f", {card.organisation}" + (f" ({card.country_name})" if card.country_name else "")
    if registration is not None:
        who += " \u2014 " + _("registered and approved for {edition}").format(edition=registration.edition)
    else:
        who += " \u2014 " + _("not registered for any edition of the workshop")
    if represented_organisations(sender).exists():
        names = and_list(o.short_name for o in represented_organisations(sender).order_by("name"))
        who += "; " + _("representative on the hub of {organisations}").format(organisations=names)
    return who


@transaction.atomic
def contact_author(post, sender, *, message: str, reply_to: bool = False, now=None):
    """Pass a message to a post's author by e-mail, which names the sender's address to answer; the mail's Reply-To
    is the sender only if they ticked it (so that "Reply" in the author's mail program reaches them)."""
    now = now or timezone.now()
    require_answer_post(sender, post)
    if post.withdrawn_at or post.expires_on < timezone.localdate(now):
        raise HubError(_("This post is no longer on the board."))
    if post.author_id == sender.pk:
        raise HubError(_("This is your own post."))
    message = (message or "").strip()
    if not message:
        raise HubError(_("Write a message for the author."))
    if sent_today(now, kind=RelayKind.BOARD_CONTACT, sender=sender) >= BOARD_CONTACTS_PER_DAY:
        raise HubError(
            _(
                "The hub passes on at most {count} answers per person in 24 hours, to keep the board free of "
                "unwanted mail; you have reached that limit. Try again tomorrow."
            ).format(count=BOARD_CONTACTS_PER_DAY)
        )
    with in_language_of(user=post.author):
        who = sender_description(sender)
        subject = _("About your post on the partners-wanted board: %(title)s") % {"title": post.title}
        body = (
            _("%(who)s answers your %(kind)s “%(title)s”:")
            % {"who": who, "kind": post.get_kind_display().lower(), "title": post.title}
            + f"\n\n{message}\n\n"
            + _("To reply, write to %(email)s.") % {"email": sender.email}
            + f"\n{settings.SITE_URL}{post.get_absolute_url()}\n\n"
            + _("The partnership hub passed this message on without showing your address.")
        )
    relay = RelayMessage.objects.create(
        kind=RelayKind.BOARD_CONTACT,
        sender=sender,
        recipient=post.author,
        post=post,
        subject=subject[:200],
        body=message,
    )
    queue_email(
        to=post.author.email,
        subject=subject,
        body=body,
        kind="hub_board_contact",
        reply_to=sender.email if reply_to else "",
    )
    record("hub.board_contact", relay, actor=sender, summary=post.title, post=post.pk)
    return relay


@transaction.atomic
def report_post(post, reporter, *, reason: str) -> PostReport:
    """Tell the platform's staff about a post; each person reports a post once."""
    require_report_post(reporter, post)
    reason = (reason or "").strip()
    if not reason:
        raise HubError(_("Say what is wrong with this post."))
    if PostReport.objects.filter(post=post, reporter=reporter).exists():
        raise HubError(_("You have already reported this post; the platform's staff will look at it."))
    report = PostReport.objects.create(post=post, reporter=reporter, reason=reason)
    url = f"{settings.SITE_URL}{post.get_absolute_url()}"
    for address in staff_addresses():
        queue_email(
            to=address,
            subject=_("A board post was reported: {title}").format(title=post.title),
            body=_("{person} reported the post “{title}”:\n\n{reason}\n\n{url}").format(
                person=reporter.email, title=post.title, reason=reason, url=url
            ),
            kind="hub_post_reported",
        )
    record("hub.post_reported", post, actor=reporter, summary=post.title)
    return report
