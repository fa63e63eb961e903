"""The organisers' webhooks page: endpoints (add, pause, resume), and the delivery log with 'send again'."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rendezvous.events.permissions import organiser_page

from . import services
from .models import Delivery, Endpoint, WebhookEvent

LOG_SIZE = 100


@require_http_methods(["GET", "POST"])
@organiser_page
def webhooks(request, edition):
    error = None
    created = None
    if request.method == "POST":
        action = request.POST.get("action")
        endpoint_id = request.POST.get("endpoint", "")
        try:
            if action == "create":
                created = services.create_endpoint(
                    edition, url=request.POST.get("url", ""), events=request.POST.getlist("events"), actor=request.user
                )
            elif action in ("pause", "resume"):
                endpoint = get_object_or_404(Endpoint, pk=int(endpoint_id or 0), edition=edition)
                services.set_active(endpoint, action == "resume", actor=request.user)
                return redirect("webhooks:webhooks", slug=edition.slug)
            elif action == "redeliver":
                delivery = get_object_or_404(
                    Delivery, pk=int(request.POST.get("delivery", "0") or 0), endpoint__edition=edition
                )
                services.redeliver(delivery, actor=request.user)
                messages.success(request, _("The delivery will be sent again within a minute."))
                return redirect("webhooks:webhooks", slug=edition.slug)
        except ValidationError as refusal:
            error = " ".join(refusal.messages)
        except ValueError:
            error = _("Choose an endpoint.")
    deliveries = Delivery.objects.filter(endpoint__edition=edition).select_related("endpoint")[:LOG_SIZE]
    return render(
        request,
        "webhooks/webhooks.html",
        {
            "edition": edition,
            "endpoints": Endpoint.objects.filter(edition=edition),
            "deliveries": deliveries,
            "event_choices": WebhookEvent.choices,
            "created": created,
            "error": error,
        },
    )
