"""The application form: only what the report needs (the registration CSV's fields), consent and a nomination letter."""

import functools
import uuid

from django import forms
from django.core.cache import cache
from django.utils.choices import BaseChoiceIterator
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from django.utils.translation import get_language, gettext, gettext_lazy
from django_countries import countries

from rendezvous.core.models import Gender, OrganisationType
from rendezvous.core.organisations import suggestions as organisation_suggestions
from rendezvous.core.validators import EmailAddressField

from . import services
from .models import Attendance


def country_choices():
    return _country_choices(get_language())


@functools.cache
def _country_choices(language: str | None) -> tuple[tuple[str, str], ...]:
    # Sorting ~250 translated names is the costliest part of building the form: do it once per language.
    return (("", gettext("Choose the country you are based in")), *((code, str(name)) for code, name in countries))


DATALIST_CACHE_KEY = "registration:organisation-datalist"
DATALIST_SECONDS = 60


class FixedChoices(BaseChoiceIterator):
    """Choices fixed with the form class and shared by every form built from it: Django deep-copies a field's choices,
    lazy labels and all, for every form it builds (a third of building the application form)."""

    def __init__(self, choices):
        self.choices = tuple(choices)

    def __iter__(self):
        return iter(self.choices)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class CountryChoices(BaseChoiceIterator):
    """The country list in the active language, built once; Django neither copies nor re-normalises it per form."""

    def __iter__(self):
        return iter(country_choices())


@functools.cache
def _country_options(language: str | None) -> str:
    return "".join(
        f'<option value="{escape(code)}">{escape(name)}</option>' for code, name in _country_choices(language)
    )


class CountrySelect(forms.Select):
    """The country list without a template per option: Django's Select renders each of the ~250 <option>s through
    its own widget template (over a thousand template nodes, most of a registration page's cost). Here the options'
    HTML is built once per language, escaped as the templates would, and each request only marks the chosen one."""

    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        options = _country_options(get_language())
        chosen = (self.format_value(value) or [""])[0]
        plain = f'<option value="{escape(chosen)}">'
        options = options.replace(plain, plain[:-1] + " selected>", 1)
        # As django/forms/widgets/attrs.html writes them: in order, True as a bare name, False left out.
        attributes = "".join(
            f" {key}" if value is True else f' {key}="{escape(value)}"'
            for key, value in {"name": name, **self.build_attrs(self.attrs, attrs)}.items()
            if value is not False
        )
        return mark_safe(f"<select{attributes}>{options}</select>")  # noqa: S308  every piece is escaped


class CountryForm(forms.Form):
    country = forms.ChoiceField(
        label=gettext_lazy("Country you are based in"), choices=CountryChoices(), widget=CountrySelect
    )

    def __init__(self, *args, **kwargs):
        # Shown above the application form, which has its own `country` field: a different id keeps both labelled.
        kwargs.setdefault("auto_id", "where_%s")
        super().__init__(*args, **kwargs)


class ApplicationForm(forms.Form):
    given_name = forms.CharField(label=gettext_lazy("Given name"), max_length=150)
    family_name = forms.CharField(label=gettext_lazy("Family name"), max_length=150, required=False)
    email = EmailAddressField(
        label=gettext_lazy("E-mail address"), help_text=gettext_lazy("We write to you here; you sign in with it.")
    )
    gender = forms.ChoiceField(
        label=gettext_lazy("Gender"), choices=FixedChoices(Gender.choices), widget=forms.RadioSelect
    )
    country = forms.ChoiceField(
        label=gettext_lazy("Country you are based in"), choices=CountryChoices(), widget=CountrySelect
    )
    organisation_name = forms.CharField(
        label=gettext_lazy("Organisation"),
        max_length=255,
        # The datalist offers the known organisations, so one organisation is not registered under five spellings.
        widget=forms.TextInput(attrs={"list": "known-organisations", "autocomplete": "organization"}),
        help_text=gettext_lazy("Known organisations are suggested as you type (name or acronym)."),
    )
    # No preselected type: a default would be counted in the report's statistics whenever an applicant skips it.
    organisation_type = forms.ChoiceField(
        label=gettext_lazy("Type of organisation"),
        choices=FixedChoices([("", gettext_lazy("Choose the type of organisation")), *OrganisationType.choices]),
    )
    position = forms.CharField(label=gettext_lazy("Position"), max_length=255)
    head_of_agency = forms.BooleanField(
        label=gettext_lazy("I lead my agency or organisation, or one of its directorates"), required=False
    )
    attendance = forms.ChoiceField(
        label=gettext_lazy("I will attend"), choices=FixedChoices(Attendance.choices), widget=forms.RadioSelect
    )
    nomination_letter = forms.FileField(
        label=gettext_lazy("Nomination letter or note verbale (optional)"),
        required=False,
        help_text=format_lazy(gettext_lazy("PDF, at most {size} MB."), size=services.MAX_NOMINATION_BYTES // 1_048_576),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )
    consent = forms.BooleanField(label=gettext_lazy("I have read the privacy notice and agree to it"), required=True)
    form_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, fixed_email: str = "", modes: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if modes:
            # Only the modes the applicant's rule allows (the services refuse the others too).
            self.fields["attendance"].choices = [choice for choice in Attendance.choices if choice[0] in modes]
            if len(modes) == 1:
                self.fields["attendance"].initial = modes[0]
        self.fixed_email = fixed_email
        if fixed_email:
            self.fields["email"].disabled = True
            self.fields["email"].initial = fixed_email
            self.fields["email"].help_text = gettext("Your invitation is for this address.")

    def organisation_datalist(self) -> SafeString:
        """The <datalist> of known organisations (up to 500 options), built at most once a minute per cache: a
        new organisation may be suggested a minute late, and no applicant's page renders 500 options."""
        html = cache.get(DATALIST_CACHE_KEY)
        if html is None:
            options = format_html_join("", '<option value="{}">', ((name,) for name in organisation_suggestions()))
            html = format_html('<datalist id="known-organisations">{}</datalist>', options)
            cache.set(DATALIST_CACHE_KEY, str(html), DATALIST_SECONDS)
        return mark_safe(html)  # noqa: S308  built by format_html above (the cache holds it as a plain str)

    def clean_nomination_letter(self):
        upload = self.cleaned_data.get("nomination_letter")
        if upload:
            try:
                services.check_nomination_letter(upload)
            except services.InvalidDocument as error:
                raise forms.ValidationError(str(error)) from None
        return upload or None

    def application_data(self) -> services.ApplicationData:
        data = self.cleaned_data
        return services.ApplicationData(
            given_name=data["given_name"],
            family_name=data["family_name"],
            email=self.fixed_email or data["email"],
            gender=data["gender"],
            country=data["country"],
            organisation_name=data["organisation_name"],
            organisation_type=data["organisation_type"],
            position=data["position"],
            head_of_agency=data["head_of_agency"],
            attendance=data["attendance"],
            consent=data["consent"],
            nomination_letter=data.get("nomination_letter"),
            form_token=data["form_token"],
        )


class AttendanceForm(forms.Form):
    attendance = forms.ChoiceField(
        label=gettext_lazy("Attendance mode"), choices=Attendance.choices, widget=forms.RadioSelect
    )
