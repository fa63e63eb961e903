"""Organisers edit an edition's registration policy here. Statuses change only through services (audited, mailed)."""

from django.contrib import admin, messages
from django.utils.translation import gettext

from rendezvous.events.admin import EditionScopedAdmin

from . import services
from .models import Invitation, Registration, RegistrationPolicy, RegistrationRule


class RegistrationRuleInline(admin.TabularInline):
    model = RegistrationRule
    extra = 1
    fields = ("order", "countries", "all_other_countries", "route", "note")


@admin.register(RegistrationPolicy)
class RegistrationPolicyAdmin(EditionScopedAdmin):
    list_display = ("edition", "opens_at", "closes_at", "moderated", "in_person_capacity", "online_capacity")
    inlines = [RegistrationRuleInline]
    fields = (
        "edition",
        ("opens_at", "closes_at"),
        "moderated",
        ("in_person_capacity", "online_capacity"),
        "privacy_notice",
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # A raised capacity must give its new seats to the waiting list at once.
        promoted = services.fill_free_seats(form.instance.edition, actor=request.user)
        if promoted:
            messages.info(
                request, gettext("%(len)s waiting application(s) took the seats that opened.") % {"len": len(promoted)}
            )


@admin.register(Registration)
class RegistrationAdmin(EditionScopedAdmin):
    list_display = ("email", "given_name", "family_name", "edition", "country", "role", "attendance", "status")
    list_filter = ("edition", "status", "attendance", "role", "organisation_type")
    search_fields = ("email", "given_name", "family_name", "organisation__name")
    readonly_fields = (
        "status",
        "role",
        "attendance",
        "invitation",
        "form_token",
        "consent_at",
        "created_at",
        "updated_at",
        "queued_at",
        "decided_at",
        "decision_reason",
        "confirmed_at",
        "imported",
    )
    autocomplete_fields = ("organisation",)
    actions = ["approve", "reject"]

    @admin.action(description="Approve the selected applications")
    def approve(self, request, queryset):
        self._bulk(request, queryset, services.approve_registrations)

    @admin.action(description="Reject the selected applications")
    def reject(self, request, queryset):
        self._bulk(request, queryset, services.reject_registrations)

    def _bulk(self, request, queryset, step):
        for edition_id in set(queryset.values_list("edition_id", flat=True)):
            chosen = queryset.filter(edition_id=edition_id)
            result = step(chosen.first().edition, chosen.values_list("pk", flat=True), actor=request.user)
            messages.info(request, gettext("%(len)s changed.") % {"len": len(result.changed)})
            for registration, reason in result.skipped:
                messages.warning(request, f"{registration}: {reason}")


@admin.register(Invitation)
class InvitationAdmin(EditionScopedAdmin):
    list_display = ("email", "edition", "role", "state", "expires_at", "send_count")
    list_filter = ("edition", "state", "role")
    search_fields = ("email", "given_name", "family_name")
    readonly_fields = ("token_hash", "state", "sent_at", "send_count", "used_at", "revoked_at", "invited_by")

    def has_add_permission(self, request):
        # An invitation needs a token and an e-mail: `services.invite` makes both.
        return False
