"""Platform staff's view of documents. Visa letter requests are not registered at all: their passport details must
never appear in the admin (organisers use the visa letter queue, which audits every view)."""

from django.contrib import admin

from .models import Certificate, DocumentSettings, ErasureRecord, VisaLetterOfficer


@admin.register(DocumentSettings)
class DocumentSettingsAdmin(admin.ModelAdmin):
    list_display = ["edition", "signatory_name", "passport_retention_days"]


@admin.register(VisaLetterOfficer)
class VisaLetterOfficerAdmin(admin.ModelAdmin):
    list_display = ["edition", "user"]
    raw_id_fields = ["user"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["edition", "holder_name", "mode", "issued_at", "revoked_at"]
    list_filter = ["edition"]
    readonly_fields = ["reference", "registration", "issued_by"]


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "reason", "edition"]
    readonly_fields = ["at", "reason", "edition", "counts"]
