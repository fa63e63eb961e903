"""The organisers' form for the report's texts: chapters I, II, IV's opening and V, and chapter IV's sections."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from rendezvous.events.models import Edition
from rendezvous.programme.models import Session, SessionKind

from .models import ReportSection, ReportText, ReportTextTranslation

TEXTAREA = {"rows": 8, "cols": 100}


class ReportTextForm(forms.ModelForm):
    class Meta:
        model = ReportText
        fields = [
            "issued_on",
            "introduction",
            "background",
            "programme_introduction",
            "conclusions",
            "include_statistics_annex",
        ]
        widgets = {
            "issued_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            **{name: forms.Textarea(attrs=TEXTAREA) for name in ("introduction", "background", "conclusions")},
            "programme_introduction": forms.Textarea(attrs={"rows": 3, "cols": 100}),
        }


class ReportSectionForm(forms.ModelForm):
    class Meta:
        model = ReportSection
        fields = ["order", "heading", "sessions", "lead_sentence", "summary"]
        widgets = {
            "sessions": forms.CheckboxSelectMultiple,
            "summary": forms.Textarea(attrs=TEXTAREA),
            "order": forms.NumberInput(attrs={"min": 0, "class": "narrow-number"}),
        }

    def __init__(self, *args, edition: Edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sessions"].queryset = (
            Session.objects.filter(edition=edition).exclude(kind=SessionKind.BREAK).order_by("start", "id")
        )
        self.fields["sessions"].label_from_instance = lambda session: session.shown_title
        self.fields["sessions"].label = _("Sessions")
        self.fields["sessions"].help_text = _("Sessions reported together share this subsection.")


ReportSectionFormSet = inlineformset_factory(
    Edition, ReportSection, form=ReportSectionForm, fk_name="edition", extra=1, can_delete=True
)


class ReportTextTranslationForm(forms.ModelForm):
    """The secretariat's chapters in another language; a chapter left empty follows the working language's."""

    class Meta:
        model = ReportTextTranslation
        fields = ["introduction", "background", "programme_introduction", "conclusions"]
        widgets = {
            **{name: forms.Textarea(attrs=TEXTAREA) for name in ("introduction", "background", "conclusions")},
            "programme_introduction": forms.Textarea(attrs={"rows": 3, "cols": 100}),
        }


class ReportSectionTranslationForm(forms.Form):
    """One chapter IV section's heading and summary in another language."""

    heading = forms.CharField(label=_("heading"), max_length=300, required=False)
    summary = forms.CharField(label=_("summary"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
