"""Webhook endpoints, and every delivery to them (the queue and its log in one table).

An endpoint belongs either to an edition (its organisers register it, for the edition's events) or to an organisation
that publishes calls on the hub (its representatives register it, for its calls' events): calls belong to no edition.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class WebhookEvent(models.TextChoices):
    REGISTRATION_CREATED = "registration.created", _("Registration created")
    REGISTRATION_APPROVED = "registration.approved", _("Registration approved")
    REGISTRATION_REJECTED = "registration.rejected", _("Registration rejected")
    REGISTRATION_CANCELLED = "registration.cancelled", _("Registration cancelled")
    REGISTRATION_PROMOTED = "registration.promoted", _("Registration promoted from the waiting list")
    CHECK_IN = "checkin.created", _("Check-in")
    ONLINE_JOIN = "online.joined", _("Online join")
    PROGRAMME_CHANGED = "programme.changed", _("Programme changed")
    APPLICATION_SUBMITTED = "application.submitted", _("Application submitted to a call")
    SELECTION_PUBLISHED = "selection.published", _("Selection published for a call")


# What an edition's endpoint may ask for, and what a hub publisher's may.
HUB_EVENTS = [WebhookEvent.APPLICATION_SUBMITTED, WebhookEvent.SELECTION_PUBLISHED]
EDITION_EVENTS = [event for event in WebhookEvent if event not in HUB_EVENTS]


class Endpoint(models.Model):
    edition = models.ForeignKey(
        "events.Edition", null=True, blank=True, on_delete=models.CASCADE, related_name="webhook_endpoints"
    )
    publisher = models.ForeignKey(
        "core.Organisation",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        help_text="The organisation publishing calls on the hub that owns this endpoint (instead of an edition).",
    )
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(max_length=100, help_text="Signs every delivery (HMAC-SHA256).")
    events = models.JSONField(default=list, help_text="WebhookEvent values this endpoint receives.")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    failing_since = models.DateTimeField(null=True, blank=True, help_text="First failure of the current run of them.")
    disabled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["edition", "publisher", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(edition__isnull=False, publisher__isnull=True)
                | models.Q(edition__isnull=True, publisher__isnull=False),
                name="webhook_endpoint_has_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.url


class DeliveryState(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed")


class Delivery(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    endpoint = models.ForeignKey(Endpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    state = models.CharField(max_length=10, choices=DeliveryState.choices, default=DeliveryState.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_status = models.PositiveSmallIntegerField(null=True, blank=True)
    last_response_ms = models.PositiveIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint_id} ({self.state})"
