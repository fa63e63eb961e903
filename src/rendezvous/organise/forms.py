from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from django_countries.fields import LazyTypedChoiceField

from rendezvous.events.models import (
    TIMEZONE_CHOICES,
    TRANSLATABLE_FIELDS,
    Edition,
    EditionFormat,
    EditionOrganiserRole,
    StaffRole,
)

from .details import DETAIL_FIELDS, MAX_ORDER, MAX_ROOM_CAPACITY


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


class EditionDetailsForm(forms.ModelForm):
    """The edition's own details; lengths, URLs, the zone and the dates are checked as the model says."""

    online_meeting_url = forms.URLField(
        label=_("Meeting link"),
        max_length=200,
        required=False,
        assume_scheme="https",
        help_text=_("Shown only to approved participants, never on a public page."),
    )
    website = forms.URLField(label=_("Website"), max_length=200, required=False, assume_scheme="https")

    class Meta:
        model = Edition
        # The one list of what an organiser may change on the edition lives with the rule that saves it; the
        # translations are one field per language and text (below), not a JSON box.
        fields = [name for name in DETAIL_FIELDS if name != "translations"]
        labels = {
            "title": _("Title"),
            "short_title": _("Short title"),
            "start_date": _("First day"),
            "end_date": _("Last day"),
            "timezone": _("Time zone of the venue"),
            "format": _("Format"),
            "working_languages": _("Working languages"),
            "city": _("City"),
            "country": _("Country"),
            "online_platform": _("Online platform"),
            "online_meeting_url": _("Meeting link"),
            "website": _("Website"),
            "contact_email": _("Contact e-mail address"),
            "document_symbol": _("Document symbol"),
            "summary": _("Summary"),
            "objectives": _("Objectives"),
            "how_to_take_part": _("How to take part"),
            "organisers_require_strong_second_factor": _("Organisers must use an authenticator app or security key"),
        }
        help_texts = {
            "working_languages": _("Separated by commas, e.g. English, Chinese."),
            "online_platform": _("e.g. Zoom; shown publicly."),
            "contact_email": _("The secretariat's address, shown to applicants who need an invitation."),
            "document_symbol": _("e.g. A/AC.105/1294"),
            "organisers_require_strong_second_factor": _(
                "Organisers without one are asked to enrol before the organiser pages open."
            ),
        }
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
            "how_to_take_part": forms.Textarea(attrs={"rows": 4}),
        }

    # Text areas have no column limit; bounded here so a pasted book is refused with a message, not stored.
    LONG_TEXT = 20_000

    TRANSLATION_LABELS = {
        "title": _("Title"),
        "summary": _("Summary"),
        "how_to_take_part": _("How to take part"),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("summary", "objectives", "how_to_take_part"):
            self.fields[name].max_length = self.LONG_TEXT
            self.fields[name].validators.append(MaxLengthValidator(self.LONG_TEXT))
        self.detail_names = list(self.fields)
        given = self.instance.translations or {}
        self.translation_groups = []  # (language code, language named in itself, [bound fields])
        for code, name in settings.LANGUAGES:
            names = []
            for field in TRANSLATABLE_FIELDS:
                key = f"{field}__{code}"
                long = field != "title"
                self.fields[key] = forms.CharField(
                    # "Title (Français)": each label names its language, so no two fields share a label.
                    label=format_lazy("{} ({})", self.TRANSLATION_LABELS[field], name),
                    required=False,
                    max_length=self.LONG_TEXT if long else Edition._meta.get_field("title").max_length,
                    widget=forms.Textarea(attrs={"rows": 3, "lang": code})
                    if long
                    else forms.TextInput(attrs={"lang": code}),
                    initial=given.get(code, {}).get(field, ""),
                )
                names.append(key)
            self.translation_groups.append((code, name, names))

    def detail_fields(self):
        return [self[name] for name in self.detail_names]

    def translation_fieldsets(self):
        return [(code, name, [self[key] for key in names]) for code, name, names in self.translation_groups]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The edition cannot end before it starts."))
        translations = {}
        for code, _name, names in self.translation_groups:
            texts = {key.split("__")[0]: (data.get(key) or "").strip() for key in names}
            texts = {field: text for field, text in texts.items() if text}
            if texts:
                translations[code] = texts
        data["translations"] = translations
        return data


class VenueForm(forms.Form):
    name = forms.CharField(label=_("Name of the venue"), max_length=255)
    address = forms.CharField(label=_("Address"), max_length=400, required=False)
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    country = LazyTypedChoiceField(label=_("Country"), choices=lambda: [("", "—"), *countries], required=False)


class RoomForm(forms.Form):
    name = forms.CharField(label=_("Name of the room"), max_length=120)
    capacity = forms.IntegerField(
        label=_("Seats"),
        min_value=0,
        max_value=MAX_ROOM_CAPACITY,
        required=False,
        help_text=_("Leave empty if unknown."),
    )


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(label=_("Search organisations"), max_length=200, required=False)


class OrganisingBodyForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=EditionOrganiserRole.choices)
    order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=MAX_ORDER, initial=0, help_text=_("Lower numbers are listed first.")
    )


class AddOrganisingBodyForm(OrganisingBodyForm):
    organisation = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**31 - 1)
