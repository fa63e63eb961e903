"""Forms of the programme editor. They check shapes and lengths; the rules are in editing.py."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from rendezvous.core.models import OrganisationType
from rendezvous.events.models import Room

from .editing import ORDER_MAX
from .models import ContributionKind, Delivery, Session, SessionKind

LOCAL_FORMAT = "%Y-%m-%dT%H:%M"


class ZonedDateTimeField(forms.DateTimeField):
    """A date and time typed in the edition's zone (not the server's, not UTC), shown back in that zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL_FORMAT)

    def __init__(self, *, zone, **kwargs):
        self.zone = zone
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str) and len(value) > 40:
            raise ValidationError(_("Enter a date and time, e.g. 2026-12-01 09:30."), code="invalid")
        with timezone.override(self.zone):
            try:
                return super().to_python(value)
            except OverflowError:
                raise ValidationError(_("Enter a date and time, e.g. 2026-12-01 09:30."), code="invalid") from None

    def prepare_value(self, value):
        if isinstance(value, datetime.datetime) and timezone.is_aware(value):
            return value.astimezone(self.zone).strftime(LOCAL_FORMAT)
        return value


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=SessionKind.choices)
    code = forms.CharField(label=_("Code"), max_length=16, required=False, help_text=_("As printed, e.g. 1(a)."))
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(label=_("Description"), max_length=20000, required=False, widget=forms.Textarea)
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.none(), required=False)

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        zone_label = {"zone": edition.timezone}
        self.fields["start"] = ZonedDateTimeField(zone=edition.zone, label=_("Starts (%(zone)s time)") % zone_label)
        self.fields["end"] = ZonedDateTimeField(zone=edition.zone, label=_("Ends (%(zone)s time)") % zone_label)
        self.fields["room"].queryset = Room.objects.filter(venue__edition=edition).select_related("venue")
        self.fields["room"].empty_label = _("No room (online, or not yet known)")
        self.order_fields(["kind", "code", "title", "start", "end", "room", "description"])

    @staticmethod
    def initial_from(session: Session) -> dict:
        return {
            "kind": session.kind,
            "code": session.code,
            "title": session.title,
            "description": session.description,
            "start": session.start,
            "end": session.end,
            "room": session.room_id,
        }


class ContributionForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Session"), queryset=Session.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=ContributionKind.choices, initial=ContributionKind.TECHNICAL)
    delivery = forms.ChoiceField(label=_("Delivery"), choices=Delivery.choices, initial=Delivery.IN_PERSON)
    title = forms.CharField(label=_("Title"), max_length=300)
    abstract = forms.CharField(label=_("Abstract"), max_length=20000, required=False, widget=forms.Textarea)
    order = forms.IntegerField(
        label=_("Order in the session"),
        min_value=0,
        max_value=ORDER_MAX,
        required=False,
        help_text=_("Empty: last. The arrows on the session's page move it too."),
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["session"].queryset = Session.objects.filter(edition=edition).order_by("start", "id")
        self.fields["session"].label_from_instance = lambda session: session.shown_title


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search people and organisations"), max_length=200, required=False)


class PickForm(forms.Form):
    """An existing person or organisation chosen from the search results."""

    person = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    organisation = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    position = forms.CharField(label=_("Position at the time"), max_length=255, required=False)


class NewPersonForm(forms.Form):
    title = forms.CharField(label=_("Honorific"), max_length=40, required=False, help_text=_("e.g. Dr., Prof."))
    given_name = forms.CharField(label=_("Given name"), max_length=150)
    family_name = forms.CharField(label=_("Family name"), max_length=150, required=False)
    organisation = forms.IntegerField(
        label=_("Organisation"), required=False, min_value=1, max_value=2**31 - 1, widget=forms.Select
    )
    position = forms.CharField(label=_("Position"), max_length=255, required=False)
    namesake_confirmed = forms.BooleanField(
        label=_("This is someone else with the same name as an existing person"), required=False
    )


class NewOrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    acronym = forms.CharField(label=_("Acronym"), max_length=40, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=OrganisationType.choices, initial=OrganisationType.OTHER)
    country = forms.ChoiceField(label=_("Country (seat)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [("", _("International, or none"))] + list(countries)
