"""Webhooks: endpoints registered by organisers (per edition) or by a hub publisher's representatives (per organisation
publishing calls), deliveries queued with the change and sent by the workers.

A happening announced in a transaction (core.happenings; every audit entry is one) becomes one Delivery row per
endpoint that asked for its event, written in that same transaction: a change that rolls back sends nothing, and
nothing is sent inside a request. The periodic job `webhooks.deliver` posts due deliveries, signed, and retries
failures with a growing pause; an endpoint that has failed for a day is disabled and its owner told by e-mail.
"""

import hashlib
import hmac
import ipaddress
import json
import secrets
import socket
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit, outbox
from rendezvous.core.permissions import require_organiser

from .models import EDITION_EVENTS, HUB_EVENTS, Delivery, DeliveryState, Endpoint, WebhookEvent
from .permissions import require_manage_endpoint, require_manage_publisher_endpoints

# The happening (an audit action or an announcement) each webhook event comes from.
EVENT_OF = {
    "registration.submitted": WebhookEvent.REGISTRATION_CREATED,
    "registration.approved": WebhookEvent.REGISTRATION_APPROVED,
    "registration.rejected": WebhookEvent.REGISTRATION_REJECTED,
    "registration.cancelled": WebhookEvent.REGISTRATION_CANCELLED,
    "registration.promoted": WebhookEvent.REGISTRATION_PROMOTED,
    "participation.checked_in": WebhookEvent.CHECK_IN,
    "online.joined": WebhookEvent.ONLINE_JOIN,
    # Announced by the hub (partnerships.services.happenings) with the publishing organisation, not an edition.
    "application.submitted": WebhookEvent.APPLICATION_SUBMITTED,
    "selection.published": WebhookEvent.SELECTION_PUBLISHED,
}
PROGRAMME_PREFIXES = ("session.", "contribution.")
TIMEOUT_SECONDS = 10
MAX_ATTEMPTS = 15
FAILING_LIMIT = timedelta(days=1)
CLAIM_LEASE = timedelta(minutes=2)
BATCH = 50
ENDPOINT_CACHE_SECONDS = 60


def _event_of(happening: str) -> str | None:
    if happening in EVENT_OF:
        return EVENT_OF[happening]
    if happening.startswith(PROGRAMME_PREFIXES):
        return WebhookEvent.PROGRAMME_CHANGED
    return None


def on_happening(sender, edition=None, publisher=None, obj=None, data=None, **kwargs) -> None:
    """Queue a delivery to every active endpoint of the edition (or of the hub publisher) that asked for this event
    (in the caller's transaction)."""
    event = _event_of(sender)
    if event is None:
        return
    if edition is not None and event in EDITION_EVENTS:
        endpoint_ids = _listening("edition", edition.pk, event)
        owner = {"edition": edition.slug}
    elif publisher is not None and event in HUB_EVENTS:
        endpoint_ids = _listening("publisher", publisher.pk, event)
        owner = {"edition": None, "publisher": {"id": publisher.pk, "name": publisher.name}}
    else:
        return
    if not endpoint_ids:
        return
    data = dict(data or {})
    # An audit entry names its object by type and id (a bulk-written one has no instance at hand).
    object_type, object_id = data.pop("object_type", None), data.pop("object_id", None)
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, obj.pk
    reference = {"type": object_type, "id": str(object_id)} if object_type else None
    now = timezone.now()
    body = {"event": event, "occurred_at": now.isoformat(), **owner, "object": reference, "data": data}
    payload = json.loads(json.dumps(body, cls=DjangoJSONEncoder))
    Delivery.objects.bulk_create(
        [
            Delivery(endpoint_id=endpoint_id, event=event, payload=payload, next_attempt_at=now)
            for endpoint_id in endpoint_ids
        ]
    )


def _cache_key(owner: str, owner_id) -> str:
    return f"webhooks:endpoints:{owner}:{owner_id}"


def _listening(owner: str, owner_id, event: str) -> list[int]:
    """The active endpoints of the edition (or publisher) that asked for `event`. Kept in the cache for a minute (and
    dropped when an endpoint changes): most happenings are in editions without endpoints, and asking the database on
    every one would add a query to every change (an application inside the seat lock among them)."""
    key = _cache_key(owner, owner_id)
    table = cache.get(key)
    if table is None:
        table = list(Endpoint.objects.filter(**{f"{owner}_id": owner_id, "active": True}).values_list("pk", "events"))
        cache.set(key, table, ENDPOINT_CACHE_SECONDS)
    return [endpoint_id for endpoint_id, events in table if event in events]


def _forget_listeners(endpoint: Endpoint) -> None:
    if endpoint.edition_id is not None:
        cache.delete(_cache_key("edition", endpoint.edition_id))
    if endpoint.publisher_id is not None:
        cache.delete(_cache_key("publisher", endpoint.publisher_id))


def endpoint_changed(sender, instance, **kwargs) -> None:
    _forget_listeners(instance)


# --- Endpoints --------------------------------------------------------------------------------------------------------


def _address_is_public(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global and not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved)


def check_url(url: str) -> None:
    """Refuse a URL the workers must not post to: not https (outside development), or resolving to a private,
    loopback or link-local address (in production: anything reachable only from inside)."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValidationError(_("Enter a full https:// address."))
    if parts.scheme != "https" and settings.WEBHOOKS_REQUIRE_HTTPS:
        raise ValidationError(_("Webhook addresses must use https."))
    if settings.WEBHOOKS_ALLOW_PRIVATE_ADDRESSES:
        return
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("This host name does not resolve.")) from None
    if not addresses or not all(_address_is_public(address) for address in addresses):
        raise ValidationError(_("Webhook addresses must be public: private and loopback addresses are refused."))


def _chosen_events(events: list[str], offered: list[str]) -> list[str]:
    chosen = [event for event in offered if event in set(events)]
    if not chosen or len(chosen) != len(set(events)):
        raise ValidationError(_("Choose at least one event from the list."))
    return chosen


def _create(*, url: str, events: list[str], offered: list[str], actor, **owner) -> Endpoint:
    url = (url or "").strip()
    check_url(url)
    chosen = _chosen_events(events, offered)
    with transaction.atomic():
        endpoint = Endpoint.objects.create(
            url=url, events=chosen, secret="whsec_" + secrets.token_urlsafe(32), created_by=actor, **owner
        )
        audit.record("webhook.created", endpoint, actor=actor, edition=owner.get("edition"), summary=url)
    return endpoint


def create_endpoint(edition, *, url: str, events: list[str], actor) -> Endpoint:
    """An endpoint of the edition, for the edition's events; only its organisers add one."""
    require_organiser(actor, edition)
    return _create(url=url, events=events, offered=EDITION_EVENTS, actor=actor, edition=edition)


def create_publisher_endpoint(publisher, *, url: str, events: list[str], actor) -> Endpoint:
    """An endpoint of an organisation publishing calls on the hub, for its calls' events; only its representatives
    add one."""
    require_manage_publisher_endpoints(actor, publisher)
    return _create(url=url, events=events, offered=HUB_EVENTS, actor=actor, publisher=publisher)


def set_active(endpoint: Endpoint, active: bool, *, actor) -> Endpoint:
    require_manage_endpoint(actor, endpoint)
    endpoint.active = active
    endpoint.disabled_at = None if active else timezone.now()
    endpoint.failing_since = None
    endpoint.save(update_fields=["active", "disabled_at", "failing_since"])
    return endpoint


def redeliver(delivery: Delivery, *, actor) -> Delivery:
    """Send the same payload again, as a new delivery (the log keeps both)."""
    require_manage_endpoint(actor, delivery.endpoint)
    return Delivery.objects.create(
        endpoint=delivery.endpoint, event=delivery.event, payload=delivery.payload, next_attempt_at=timezone.now()
    )


# --- Sending ----------------------------------------------------------------------------------------------------------


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """`v1=` and the hex HMAC-SHA256 of `timestamp.body` under the endpoint's secret (docs/webhooks.md)."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"v1={digest}"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # A redirect could lead anywhere, past the address check: a 3xx counts as a failure.
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def _post(endpoint: Endpoint, delivery: Delivery) -> tuple[int | None, str]:
    body = json.dumps({"id": str(delivery.uuid), **delivery.payload}, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked (check_url)
        endpoint.url,
        data=body,
        method="POST",
        headers={
            "Content-Type": "application/json",
            "User-Agent": "Rendezvous-Webhooks/1",
            "Rendezvous-Event": delivery.event,
            "Rendezvous-Delivery": str(delivery.uuid),
            "Rendezvous-Timestamp": timestamp,
            "Rendezvous-Signature": sign(endpoint.secret, timestamp, body),
        },
    )
    try:
        with _opener.open(request, timeout=TIMEOUT_SECONDS) as response:
            return response.status, ""
    except urllib.error.HTTPError as error:
        return error.code, f"HTTP {error.code}"
    except (urllib.error.URLError, OSError, ValueError) as error:
        return None, str(getattr(error, "reason", error))[:300]


def _backoff(attempts: int) -> timedelta:
    return min(timedelta(seconds=30) * (2 ** (attempts - 1)), timedelta(hours=2))


def send(delivery: Delivery) -> Delivery:
    endpoint = delivery.endpoint
    started = time.monotonic()
    try:
        check_url(endpoint.url)  # again at sending: the name may resolve elsewhere now
        status, error = _post(endpoint, delivery)
    except ValidationError as refusal:
        status, error = None, " ".join(refusal.messages)[:300]
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_status = status
    delivery.last_response_ms = int((time.monotonic() - started) * 1000)
    delivery.last_error = error
    if status is not None and 200 <= status < 300:
        delivery.state = DeliveryState.DELIVERED
        delivery.delivered_at = now
        delivery.next_attempt_at = None
        Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
    else:
        if delivery.attempts >= MAX_ATTEMPTS:
            delivery.state = DeliveryState.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + _backoff(delivery.attempts)
        if _note_failure(endpoint, now):
            delivery.state = DeliveryState.FAILED
            delivery.next_attempt_at = None
    delivery.save()
    return delivery


def _note_failure(endpoint: Endpoint, now) -> bool:
    """Whether this failure disabled the endpoint (a day of failures without a success)."""
    Endpoint.objects.filter(pk=endpoint.pk, failing_since__isnull=True).update(failing_since=now)
    endpoint.refresh_from_db(fields=["failing_since", "active"])
    if endpoint.active and now - endpoint.failing_since >= FAILING_LIMIT:
        with transaction.atomic():
            disabled = Endpoint.objects.filter(pk=endpoint.pk, active=True).update(active=False, disabled_at=now)
            _forget_listeners(endpoint)
            if disabled and endpoint.created_by and endpoint.created_by.email:
                outbox.queue_email(
                    to=endpoint.created_by.email,
                    subject=_("Webhook disabled: %(url)s") % {"url": endpoint.url},
                    body=_disabled_message(endpoint),
                    kind="webhook_disabled",
                    edition=endpoint.edition,
                )
            Delivery.objects.filter(endpoint=endpoint, state=DeliveryState.PENDING).update(
                state=DeliveryState.FAILED, next_attempt_at=None
            )
        return True
    return False


def _disabled_message(endpoint: Endpoint) -> str:
    if endpoint.edition is not None:
        return _(
            "Deliveries to %(url)s for %(edition)s have failed for a day, so the endpoint was disabled. "
            "Fix the receiver, then enable it again on the edition's webhooks page; failed deliveries "
            "can be sent again from there."
        ) % {"url": endpoint.url, "edition": endpoint.edition.title}
    return _(
        "Deliveries to %(url)s for the calls of %(organisation)s have failed for a day, so the endpoint was "
        "disabled. Fix the receiver, then enable it again on the organisation's webhooks page on the partnership "
        "hub; failed deliveries can be sent again from there."
    ) % {"url": endpoint.url, "organisation": endpoint.publisher.name}


def _claim(delivery_id: int, seen_at, now) -> bool:
    return (
        Delivery.objects.filter(pk=delivery_id, state=DeliveryState.PENDING, next_attempt_at=seen_at).update(
            next_attempt_at=now + CLAIM_LEASE
        )
        == 1
    )


def deliver_due(now=None) -> str:
    """Send every due delivery of an active endpoint (one worker per delivery: a conditional UPDATE claims it)."""
    now = now or timezone.now()
    due = Delivery.objects.filter(
        state=DeliveryState.PENDING, next_attempt_at__lte=now, endpoint__active=True
    ).values_list("pk", "next_attempt_at")[:BATCH]
    sent = failed = 0
    for delivery_id, seen_at in list(due):
        if not _claim(delivery_id, seen_at, now):
            continue
        delivery = send(
            Delivery.objects.select_related("endpoint__edition", "endpoint__publisher", "endpoint__created_by").get(
                pk=delivery_id
            )
        )
        if delivery.state == DeliveryState.DELIVERED:
            sent += 1
        else:
            failed += 1
    return f"{sent} webhook deliveries sent, {failed} failed"
