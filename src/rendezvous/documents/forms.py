from django import forms
from django.utils.translation import gettext_lazy as _

from .models import DocumentSettings


class VisaLetterForm(forms.Form):
    passport_name = forms.CharField(label=_("Full name exactly as in your passport"), max_length=300)
    nationality = forms.CharField(label=_("Nationality"), max_length=120)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}))
    passport_number = forms.CharField(label=_("Passport number"), max_length=40)
    passport_expiry = forms.DateField(label=_("Passport valid until"), widget=forms.DateInput(attrs={"type": "date"}))
    consulate = forms.CharField(
        label=_("Embassy or consulate where you will apply"),
        max_length=300,
        help_text=_("e.g. Consulate General, Lagos"),
    )
    needed_from = forms.DateField(label=_("Visa needed from"), widget=forms.DateInput(attrs={"type": "date"}))
    needed_until = forms.DateField(label=_("Visa needed until"), widget=forms.DateInput(attrs={"type": "date"}))


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason (sent to the participant)"), widget=forms.Textarea(attrs={"rows": 3}))


class RevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class DocumentSettingsForm(forms.ModelForm):
    class Meta:
        model = DocumentSettings
        fields = [
            "issuing_organisations",
            "signatory_name",
            "signatory_title",
            "letterhead",
            "costs_statement",
            "passport_retention_days",
            "closed_retention_days",
            "retention_days",
        ]
        # Labels here rather than verbose_name on the model: the same words, translatable, without a migration.
        labels = {
            "issuing_organisations": _("Issuing organisations"),
            "signatory_name": _("Signatory's name"),
            "signatory_title": _("Signatory's title"),
            "letterhead": _("Letterhead"),
            "costs_statement": _("Costs statement"),
            "passport_retention_days": _("Days passport details are kept"),
            "closed_retention_days": _("Days rejected and cancelled applications are kept"),
            "retention_days": _("Days other applications are kept"),
        }
        widgets = {
            "letterhead": forms.Textarea(attrs={"rows": 4}),
            "costs_statement": forms.Textarea(attrs={"rows": 3}),
        }
