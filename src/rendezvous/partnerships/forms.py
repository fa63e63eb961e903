"""Forms of the hub's pages; the rules themselves are checked in services."""

from django import forms
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from rendezvous.core.models import Organisation, OrganisationType

from .models import TOPIC_CHOICES, CooperationForm, Destination, Phase, PostKind, Programme
from .services.applications import RequestedResources
from .services.calls import public_calls
from .services.regions import region_choices


class ProgrammeFilterForm(forms.Form):
    q = forms.CharField(required=False, label=gettext_lazy("Search"), widget=forms.TextInput(attrs={"type": "search"}))
    destination = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Destination"),
        choices=[("", gettext_lazy("Any destination")), *Destination.choices],
    )
    phase = forms.ChoiceField(
        required=False, label=gettext_lazy("Phase"), choices=[("", gettext_lazy("Any phase")), *Phase.choices]
    )
    cooperation = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Open to"),
        choices=[("", gettext_lazy("Any form of cooperation")), *CooperationForm.choices],
    )
    country = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Owner's country"),
        choices=lambda: [("", gettext_lazy("Any country")), *countries],
    )
    region = forms.ChoiceField(required=False, label=gettext_lazy("Owner's region"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", gettext_lazy("Any region")), *region_choices()]


class HubSearchForm(forms.Form):
    q = forms.CharField(
        required=False, max_length=200, label=_("Search the hub"), widget=forms.TextInput(attrs={"type": "search"})
    )


# What an application asks of each platform; the platform's name is stored content, the rest is the reader's language.
PLATFORM_RESOURCES = (
    ("mass_kg", gettext_lazy("%(platform)s: mass (kg)")),
    ("power_w", gettext_lazy("%(platform)s: power (W)")),
    ("data_mb", gettext_lazy("%(platform)s: data (MB)")),
)


class ApplicationForm(forms.Form):
    """Title, summary, team and, for payload calls, what each platform is asked for."""

    organisation = forms.ModelChoiceField(queryset=None, empty_label=None, label=gettext_lazy("On behalf of"))
    title = forms.CharField(max_length=250, label=gettext_lazy("Title"))
    summary = forms.CharField(
        max_length=10_000, widget=forms.Textarea(attrs={"rows": 6}), label=gettext_lazy("Summary")
    )
    team = forms.CharField(
        required=False,
        label=gettext_lazy("Team"),
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Members and institutions, one per line."),
    )
    countries = forms.MultipleChoiceField(
        required=False,
        label=gettext_lazy("Countries"),
        choices=lambda: list(countries),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    attachment = forms.FileField(
        required=False,
        label=gettext_lazy("Attachment"),
        help_text=gettext_lazy("A PDF of the letter or proposal (optional)."),
    )

    def __init__(self, *args, call, organisations, editing=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.platforms = list(call.budgets.all())
        self.fields["organisation"].queryset = organisations
        if editing:
            del self.fields["organisation"]
        for platform in self.platforms:
            for code, label in PLATFORM_RESOURCES:
                if code != "mass_kg" and getattr(platform, code) is None:
                    continue
                self.fields[f"{code}_{platform.pk}"] = forms.DecimalField(
                    required=False,
                    min_value=0,
                    max_digits=12,
                    decimal_places=3,
                    label=label % {"platform": platform.platform},
                )

    def platform_fields(self):
        return [self[name] for name in self.fields if name.split("_")[0] in ("mass", "power", "data")]

    def requests(self):
        requested = []
        for platform in self.platforms:
            values = {
                code: self.cleaned_data.get(f"{code}_{platform.pk}") for code in ("mass_kg", "power_w", "data_mb")
            }
            if any(values.values()):
                requested.append(
                    RequestedResources(
                        platform=platform,
                        mass_kg=values["mass_kg"] or 0,
                        power_w=values["power_w"],
                        data_mb=values["data_mb"],
                    )
                )
        return requested


class ReviewForm(forms.Form):
    score = forms.DecimalField(
        min_value=0, max_value=10, decimal_places=2, label=gettext_lazy("Score"), help_text=gettext_lazy("0 to 10.")
    )
    comment = forms.CharField(
        required=False, max_length=5_000, widget=forms.Textarea(attrs={"rows": 3}), label=gettext_lazy("Comment")
    )


# --- connecting stakeholders ---

CONSENT_LABEL = gettext_lazy("Let the programme’s owner see that I follow it and contact me")


class FollowForm(forms.Form):
    consent = forms.BooleanField(required=False, label=CONSENT_LABEL)


class ProfileForm(forms.Form):
    offers = forms.CharField(
        required=False,
        label=gettext_lazy("What I offer"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Shown to the owners of programmes you follow with consent."),
    )
    seeks = forms.CharField(
        required=False, label=gettext_lazy("What I seek"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    digest = forms.BooleanField(
        required=False,
        label=_("Send me a weekly digest of open calls and new board posts that match me"),
        help_text=_("Every mail has a one-click unsubscribe link."),
    )


class InviteForm(forms.Form):
    organisation = forms.ModelChoiceField(
        queryset=None, required=False, empty_label=None, label=gettext_lazy("On behalf of")
    )
    message = forms.CharField(
        max_length=4000, widget=forms.Textarea(attrs={"rows": 4}), label=gettext_lazy("Invitation")
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].widget = forms.HiddenInput()
            self.fields["organisation"].initial = organisations.first().pk


class BoardFilterForm(forms.Form):
    q = forms.CharField(required=False, label=gettext_lazy("Search"), widget=forms.TextInput(attrs={"type": "search"}))
    kind = forms.ChoiceField(
        required=False, label=gettext_lazy("Kind"), choices=[("", gettext_lazy("Offers and needs")), *PostKind.choices]
    )
    topic = forms.ChoiceField(
        required=False, label=gettext_lazy("Topic"), choices=[("", gettext_lazy("Any topic")), *TOPIC_CHOICES]
    )
    country = forms.ChoiceField(
        required=False, label=gettext_lazy("Country"), choices=lambda: [("", gettext_lazy("Any country")), *countries]
    )
    region = forms.ChoiceField(required=False, label=gettext_lazy("Region or group"), choices=[])
    organisation_type = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Organisation type"),
        choices=[("", gettext_lazy("Any type")), *OrganisationType.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].choices = [("", gettext_lazy("Any region")), *region_choices()]


class BoardPostForm(forms.Form):
    kind = forms.ChoiceField(choices=PostKind.choices, widget=forms.RadioSelect, label=gettext_lazy("I post"))
    title = forms.CharField(max_length=200, label=gettext_lazy("Title"))
    text = forms.CharField(
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        label=gettext_lazy("Text"),
        help_text=gettext_lazy("Plain text."),
    )
    topic = forms.ChoiceField(
        choices=[("", gettext_lazy("Choose a topic")), *TOPIC_CHOICES], label=gettext_lazy("Topic")
    )
    organisation_name = forms.CharField(max_length=255, required=False, label=gettext_lazy("Organisation"))
    organisation_type = forms.ChoiceField(choices=OrganisationType.choices, label=gettext_lazy("Organisation type"))
    country = forms.ChoiceField(
        choices=lambda: [("", gettext_lazy("Choose a country")), *countries], label=gettext_lazy("Country")
    )
    call = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("About a call"),
        empty_label=gettext_lazy("No particular call"),
    )
    programme = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label=gettext_lazy("About a programme"),
        empty_label=gettext_lazy("No particular programme"),
    )
    expires_on = forms.DateField(
        required=False,
        label=gettext_lazy("Show until"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("Empty: 90 days from today."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = public_calls().select_related("programme")
        self.fields["programme"].queryset = Programme.objects.all()


class ContactForm(forms.Form):
    message = forms.CharField(
        max_length=4000,
        label=gettext_lazy("Message"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "The author receives it by e-mail with your address to reply to; the board never shows it."
        ),
    )
    reply_to = forms.BooleanField(
        required=False,
        label=_("Let the author answer with “Reply” (my address as the mail’s Reply-To)"),
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        max_length=2000,
        label=_("What is wrong with this post?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The platform's staff receive your report; the author does not see who reported it."),
    )


# --- taking part ---


class OrganisationSearchForm(forms.Form):
    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Find your organisation"),
        widget=forms.TextInput(attrs={"type": "search"}),
        help_text=_("Its name or acronym; case, accents and apostrophes do not matter."),
    )


class RepresentExistingForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=Organisation.objects.all(), widget=forms.HiddenInput)
    message = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Your role in the organisation"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class NewOrganisationForm(forms.Form):
    name = forms.CharField(max_length=255, label=_("Organisation's name"))
    acronym = forms.CharField(max_length=40, required=False, label=_("Acronym"))
    organisation_type = forms.ChoiceField(
        choices=[("", _("Choose a type")), *OrganisationType.choices], label=_("Type")
    )
    country = forms.ChoiceField(choices=lambda: [("", _("Choose a country")), *countries], label=_("Country"))
    message = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Your role in the organisation"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", _("Approve")), ("decline", _("Decline"))])
    reason = forms.CharField(
        required=False,
        max_length=2000,
        label=_("Reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Required to decline; sent to the person."),
    )
