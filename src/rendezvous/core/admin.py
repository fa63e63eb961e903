"""Admin for people who sign in, organisations and people in the programme, and the audit trail (read-only)."""

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.utils.translation import gettext

from . import outbox
from .models import AuditEntry, Organisation, OutboxMessage, Person, ScheduledJob, SecurityKey, User


class EmailIsUsernameMixin:
    """Addresses are stored in lower case, as `UserManager` does, so one person cannot hold two accounts."""

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        others = User.objects.filter(email__iexact=email).exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(gettext("Someone already signs in with this e-mail address."))
        return email


class UserCreationByEmailForm(EmailIsUsernameMixin, AdminUserCreationForm):
    class Meta:
        model = User
        fields = ("email",)


class UserChangeByEmailForm(EmailIsUsernameMixin, UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Django's user admin with the e-mail address as the username."""

    form = UserChangeByEmailForm
    add_form = UserCreationByEmailForm
    list_display = ("email", "first_name", "last_name", "is_staff", "is_superuser", "is_active", "last_login")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    search_fields = ("email", "first_name", "last_name")
    ordering = ("email",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Name", {"fields": ("first_name", "last_name")}),
        (
            "Permissions",
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "classes": ["collapse"],
            },
        ),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),)
    readonly_fields = ("last_login", "date_joined")


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "acronym", "type", "country")
    list_filter = ("type", "country")
    search_fields = ("name", "acronym")


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("family_name", "given_name", "title", "organisation", "country", "gender")
    list_display_links = ("family_name", "given_name")
    list_filter = ("organisation__type", "country", "gender")
    list_select_related = ("organisation",)
    search_fields = ("given_name", "family_name", "email", "organisation__name", "organisation__acronym")
    autocomplete_fields = ("organisation", "user")
    fieldsets = (
        (None, {"fields": (("title", "given_name", "family_name"), "gender", "country")}),
        ("Affiliation", {"fields": ("organisation", "position")}),
        ("Contact and account", {"fields": ("email", "user")}),
        ("Biography", {"fields": ("biography",)}),
    )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "biography":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 4})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The trail is evidence: organisers may read it, nobody edits it here."""

    list_display = ("at", "action", "object_type", "object_id", "actor", "edition")
    list_filter = ("action", "edition")
    list_select_related = ("actor", "edition")
    search_fields = ("summary", "object_id", "actor__email")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Mail as the outbox holds it: organisers see what failed and why, and can send it again."""

    list_display = ("created_at", "to", "subject", "kind", "status", "attempts", "next_attempt_at", "sent_at")
    list_filter = ("status", "kind", "edition")
    list_select_related = ("edition",)
    search_fields = ("to", "subject")
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]
    actions = ["send_again"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.action(description="Send again (a fresh round of attempts)", permissions=["view"])
    def send_again(self, request, queryset):
        count = outbox.requeue(queryset.values_list("pk", flat=True))
        self.message_user(request, f"{count} message(s) queued again.")


@admin.register(ScheduledJob)
class ScheduledJobAdmin(admin.ModelAdmin):
    """The workers' schedule, for platform staff: what runs how often, when it last ran and how it went."""

    list_display = ("name", "interval_seconds", "next_run_at", "running_on", "last_finished_at", "last_failed")
    readonly_fields = [field.name for field in ScheduledJob._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SecurityKey)
class SecurityKeyAdmin(admin.ModelAdmin):
    """Platform staff remove a lost key here (the organiser then confirms sign-in by e-mailed link or app)."""

    list_display = ("user", "name", "created_at", "last_used_at")
    search_fields = ("user__email", "name")
    readonly_fields = ("user", "credential_id", "public_key", "sign_count", "created_at", "last_used_at")

    def has_add_permission(self, request):
        return False
