"""Admin: read-mostly. Drafting goes through the secretariat's pages (services keep versions and the audit trail)."""

from django.contrib import admin

from .models import Amendment, DocumentVersion, OutcomeDocument, Paragraph


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ParagraphInline(ReadOnlyInline):
    model = Paragraph
    fields = ["order", "kind", "text"]


class VersionInline(ReadOnlyInline):
    model = DocumentVersion
    fields = ["number", "created_at", "created_by", "note"]
    # created_at is not editable: a superuser (who may change) would otherwise get a FieldError (500) on the page.
    readonly_fields = fields


@admin.register(OutcomeDocument)
class OutcomeDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "status", "adopted_on", "current_version"]
    list_filter = ["status"]
    inlines = [ParagraphInline, VersionInline]
    readonly_fields = ["edition", "title", "subtitle", "status", "adopted_on", "current_version"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Amendment)
class AmendmentAdmin(admin.ModelAdmin):
    list_display = ["pk", "document", "paragraph_label", "action", "proposer", "status", "decided_by"]
    list_filter = ["status", "action"]
    readonly_fields = [field.name for field in Amendment._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
