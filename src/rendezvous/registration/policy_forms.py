"""Forms of the organisers' registration policy page. Times are read and shown on the edition's clock."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import country_choices
from .models import Attendance, Route
from .services.editing import MAX_CAPACITY, MAX_RULES, RuleInput

DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class PolicyForm(forms.Form):
    """Call it inside `timezone.override(edition.zone)`: Django then reads the typed times on the edition's clock."""

    opens_at = forms.DateTimeField(label=_("Registration opens"), required=False, widget=DATETIME_INPUT)
    closes_at = forms.DateTimeField(
        label=_("Registration closes"),
        required=False,
        widget=DATETIME_INPUT,
        help_text=_("Empty: registration closes when the edition ends."),
    )
    moderated = forms.BooleanField(label=_("An organiser reviews every application on an open route"), required=False)
    in_person_capacity = forms.IntegerField(
        label=_("In-person places"),
        required=False,
        min_value=0,
        max_value=MAX_CAPACITY,
        help_text=_("Empty: unlimited."),
    )
    online_capacity = forms.IntegerField(
        label=_("Online places"), required=False, min_value=0, max_value=MAX_CAPACITY, help_text=_("Empty: unlimited.")
    )
    confirm_capacity = forms.BooleanField(label=_("Yes, set a capacity below the seats already held"), required=False)


class RuleForm(forms.Form):
    countries = forms.MultipleChoiceField(
        label=_("Countries of residence"),
        required=False,
        choices=lambda: [(code, name) for code, name in country_choices() if code],
        widget=forms.SelectMultiple(attrs={"size": 8, "data-country-filter": ""}),
    )
    all_other_countries = forms.BooleanField(label=_("All other countries"), required=False)
    route = forms.ChoiceField(label=_("Route"), choices=Route.choices)
    modes = forms.MultipleChoiceField(
        label=_("Attendance allowed"),
        choices=Attendance.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one attendance mode.")},
    )
    note = forms.CharField(
        label=_("Note to applicants"), required=False, max_length=300, help_text=_("e.g. whom to contact.")
    )

    def has_changed(self) -> bool:
        # The spare empty rule has a route and may have modes ticked; without a country it is still empty.
        if not self.initial and self.is_bound:
            countries = self.data.getlist(self.add_prefix("countries")) if hasattr(self.data, "getlist") else []
            if not any(countries) and not self.data.get(self.add_prefix("all_other_countries")):
                return False
        return super().has_changed()

    def rule_input(self) -> RuleInput:
        data = self.cleaned_data
        return RuleInput(
            countries=[code for code in data["countries"] if code],
            all_other_countries=data["all_other_countries"],
            route=data["route"],
            modes=data["modes"],
            note=data["note"],
        )


RuleFormSet = forms.formset_factory(
    RuleForm, extra=1, can_delete=True, max_num=MAX_RULES, validate_max=True, absolute_max=MAX_RULES + 10
)
