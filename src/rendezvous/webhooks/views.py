"""The webhooks pages: an edition's (for its organisers) and a hub publisher's (for its representatives). Both list
the endpoints (add, pause, resume) and the delivery log with 'send again', scoped to the one owner in the address."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rendezvous.core.models import Organisation
from rendezvous.events.permissions import organiser_page

from . import services
from .models import EDITION_EVENTS, HUB_EVENTS, Delivery, Endpoint, WebhookEvent
from .permissions import require_manage_publisher_endpoints

LOG_SIZE = 100
# The endpoint just added, for the page the browser is sent to next: its secret is shown on that one page (a reload
# neither adds the endpoint again nor shows the secret again).
JUST_ADDED_SESSION_KEY = "webhooks_endpoint_just_added"


@require_http_methods(["GET", "POST"])
@organiser_page
def webhooks(request, edition):
    return _endpoints_page(
        request,
        owner={"edition": edition},
        create=lambda url, events: services.create_endpoint(edition, url=url, events=events, actor=request.user),
        offered=EDITION_EVENTS,
        context={"edition": edition, "owner_name": edition.short_title or edition.title},
    )


@login_required
@require_http_methods(["GET", "POST"])
def publisher_webhooks(request, organisation_id):
    publisher = get_object_or_404(Organisation, pk=organisation_id)
    # Another organisation's endpoints and deliveries are not shown, nor is the page: the reason says whose it is.
    require_manage_publisher_endpoints(request.user, publisher)
    return _endpoints_page(
        request,
        owner={"publisher": publisher},
        create=lambda url, events: services.create_publisher_endpoint(
            publisher, url=url, events=events, actor=request.user
        ),
        offered=HUB_EVENTS,
        context={"publisher": publisher, "owner_name": publisher.short_name},
    )


def _endpoints_page(request, *, owner: dict, create, offered, context: dict):
    """The page for one owner (`{"edition": ...}` or `{"publisher": ...}`): every endpoint and delivery it names is
    looked up within that owner, so an id of someone else's is simply not found."""
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        endpoint_id = request.POST.get("endpoint", "")
        try:
            if action == "create":
                request.session[JUST_ADDED_SESSION_KEY] = create(
                    request.POST.get("url", ""), request.POST.getlist("events")
                ).pk
                return redirect(request.path)
            elif action in ("pause", "resume"):
                endpoint = get_object_or_404(Endpoint, pk=int(endpoint_id or 0), **owner)
                services.set_active(endpoint, action == "resume", actor=request.user)
                return redirect(request.path)
            elif action == "redeliver":
                delivery = get_object_or_404(
                    Delivery,
                    pk=int(request.POST.get("delivery", "0") or 0),
                    **{f"endpoint__{key}": value for key, value in owner.items()},
                )
                services.redeliver(delivery, actor=request.user)
                messages.success(request, _("The delivery will be sent again within a minute."))
                return redirect(request.path)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        except ValueError:
            error = _("Choose an endpoint.")
    just_added = request.session.pop(JUST_ADDED_SESSION_KEY, None)
    # Within this owner, like every id on the page.
    created = Endpoint.objects.filter(pk=just_added, **owner).first() if just_added else None
    deliveries = Delivery.objects.filter(**{f"endpoint__{key}": value for key, value in owner.items()})
    return render(
        request,
        "webhooks/webhooks.html",
        {
            **context,
            "endpoints": Endpoint.objects.filter(**owner),
            "deliveries": deliveries.select_related("endpoint")[:LOG_SIZE],
            "event_choices": [(value, label) for value, label in WebhookEvent.choices if value in offered],
            "created": created,
            "error": error,
        },
    )
