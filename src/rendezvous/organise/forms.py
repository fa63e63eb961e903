from django import forms
from django.utils.translation import gettext_lazy as _

from rendezvous.events.models import TIMEZONE_CHOICES, EditionFormat, StaffRole


class EditionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name in addresses"), max_length=50, help_text=_("Letters, digits and hyphens, e.g. third-2026.")
    )
    start = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    timezone = forms.ChoiceField(label=_("Time zone of the venue"), choices=TIMEZONE_CHOICES, initial="UTC")
    format = forms.ChoiceField(label=_("Format"), choices=EditionFormat.choices, initial=EditionFormat.HYBRID)


class CloneForm(forms.Form):
    title = forms.CharField(label=_("Title of the new edition"), max_length=300)
    slug = forms.SlugField(
        label=_("Short name in addresses"), max_length=50, help_text=_("Letters, digits and hyphens, e.g. third-2026.")
    )
    start = forms.DateField(
        label=_("First day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("Every session moves by the same number of days, at the same time of day."),
    )
    format = forms.ChoiceField(label=_("Format"), choices=EditionFormat.choices)


class StaffForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), choices=StaffRole.choices, initial=StaffRole.CHECKIN)
