"""Forms of the organisers' registration pages: queue filters, decisions, capacity, invitations."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext, gettext_lazy
from django_countries import countries

from rendezvous.core.models import OrganisationType
from rendezvous.core.validators import EmailAddressField

from .models import Attendance, Registration, Role, Status
from .services.editing import MAX_CAPACITY
from .services.invitations import CSV_COLUMNS


def _any(label: str, choices) -> list[tuple[str, str]]:
    return [("", label)] + list(choices)


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string; a value that is not a choice is ignored, not an error."""

    q = forms.CharField(label=gettext_lazy("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=_any(gettext_lazy("Any status"), Status.choices)
    )
    country = forms.ChoiceField(label=gettext_lazy("Country"), required=False)
    organisation_type = forms.ChoiceField(
        label=gettext_lazy("Organisation type"),
        required=False,
        choices=_any(gettext_lazy("Any type"), OrganisationType.choices),
    )
    attendance = forms.ChoiceField(
        label=gettext_lazy("Mode"), required=False, choices=_any(gettext_lazy("Any mode"), Attendance.choices)
    )
    role = forms.ChoiceField(
        label=gettext_lazy("Role"), required=False, choices=_any(gettext_lazy("Any role"), Role.choices)
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        present = set(
            Registration.objects.filter(edition=edition).order_by().values_list("country", flat=True).distinct()
        )
        # Only the countries applicants come from, in UN order: a list of 82, not 250.
        self.fields["country"].choices = _any(
            gettext("Any country"), [(code, name) for code, name in countries if code in present]
        )
        self.fields["q"].widget.attrs.update(placeholder=gettext("Name, e-mail or organisation"), type="search")

    def filters(self) -> dict[str, str]:
        """Keyword arguments for `services.registrations_for_review`; invalid values count as 'any'."""
        self.is_valid()
        cleaned = getattr(self, "cleaned_data", {})
        values = {
            name: cleaned.get(name, "") for name in ("status", "country", "organisation_type", "attendance", "role")
        }
        values["search"] = cleaned.get("q", "")
        return values


class DecisionForm(forms.Form):
    """Approve or reject one or many applications, with an optional reason that the applicant is told."""

    action = forms.ChoiceField(choices=[("approve", "Approve"), ("reject", "Reject")])
    reason = forms.CharField(
        label=gettext_lazy("Reason (optional; included in the e-mail to the applicant)"),
        required=False,
        max_length=500,
        widget=forms.TextInput,
    )

    def __init__(self, data=None, *args, **kwargs):
        # A row's own button posts "approve:ID" or "reject:ID" in `one`; it wins over the checkboxes.
        self.selected_ids: list[int] = []
        if data is not None:
            data = data.copy()
            one = data.get("one", "")
            if one:
                action, _, pk = one.partition(":")
                data["action"] = action
                self.selected_ids = [int(pk)] if pk.isdigit() else []
            else:
                self.selected_ids = [int(value) for value in data.getlist("ids") if value.isdigit()]
        super().__init__(data, *args, **kwargs)

    def clean(self):
        cleaned = super().clean()
        if not self.selected_ids:
            raise forms.ValidationError(gettext("Select at least one application first."))
        return cleaned


class CapacityForm(forms.Form):
    # Bounded: a 20-digit number would overflow the column (OverflowError, a 500) rather than fail validation.
    in_person = forms.IntegerField(
        label=gettext_lazy("In-person places"),
        required=False,
        min_value=0,
        max_value=MAX_CAPACITY,
        help_text=gettext_lazy("Empty: unlimited."),
    )
    online = forms.IntegerField(
        label=gettext_lazy("Online places"),
        required=False,
        min_value=0,
        max_value=MAX_CAPACITY,
        help_text=gettext_lazy("Empty: unlimited."),
    )
    query = forms.CharField(required=False, widget=forms.HiddenInput)


class InviteForm(forms.Form):
    email = EmailAddressField(label=gettext_lazy("E-mail address"))
    given_name = forms.CharField(label=gettext_lazy("Given name"), max_length=150, required=False)
    family_name = forms.CharField(label=gettext_lazy("Family name"), max_length=150, required=False)
    role = forms.ChoiceField(
        label=gettext_lazy("Invite as"), choices=Role.choices, initial=Role.PARTICIPANT, widget=forms.RadioSelect
    )


class InvitationCSVForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=(
            format_lazy(
                gettext_lazy(
                    "UTF-8, at most 1 MB, header row {columns}; role is participant or speaker. Everyone is "
                    "invited, or nobody if a line is wrong."
                ),
                columns=",".join(CSV_COLUMNS),
            )
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class RegistrationCSVForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "UTF-8, at most 1 MB, with the header row below. Everyone is imported, or nobody if a line is wrong."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )
