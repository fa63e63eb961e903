"""Forms of the organisers' messages and of the automatic e-mails' wording (rules in services/messages.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from .models import Attendance, Registration, Role, Status
from .services.messages import BODY_MAX, SUBJECT_MAX


def _any(label, choices) -> list[tuple[str, str]]:
    return [("", label)] + list(choices)


class EmailTextForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=SUBJECT_MAX)
    body = forms.CharField(label=_("Text"), max_length=BODY_MAX, widget=forms.Textarea(attrs={"rows": 14}))


class MessageForm(EmailTextForm):
    status = forms.ChoiceField(label=_("Status"), required=False, choices=_any(_("Any status"), Status.choices))
    attendance = forms.ChoiceField(label=_("Mode"), required=False, choices=_any(_("Any mode"), Attendance.choices))
    country = forms.ChoiceField(label=_("Country"), required=False)
    role = forms.ChoiceField(label=_("Role"), required=False, choices=_any(_("Any role"), Role.choices))
    expected_count = forms.IntegerField(
        required=False,
        min_value=0,
        max_value=10**9,
        widget=forms.HiddenInput,
        error_messages={
            code: _("The number of recipients you confirmed is not valid: preview the message again.")
            for code in ("invalid", "min_value", "max_value")
        },
    )

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        present = set(
            Registration.objects.filter(edition=edition).order_by().values_list("country", flat=True).distinct()
        )
        self.fields["country"].choices = _any(_("Any country"), [(c, n) for c, n in countries if c in present])
        self.order_fields(["status", "attendance", "country", "role", "subject", "body"])

    def filters(self) -> dict[str, str]:
        return {name: self.cleaned_data.get(name, "") for name in ("status", "attendance", "country", "role")}
