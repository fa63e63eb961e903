from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AmendmentAction, ParagraphKind

# A paragraph of an outcome document is a few hundred words; the limits keep a pasted book (or an attack) out.
PARAGRAPH_MAX = 20_000
NOTE_MAX = 5_000


class Form(forms.Form):
    """Labels without Django's trailing colon, as on the rest of the site."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class AmendmentForm(Form):
    action = forms.ChoiceField(choices=AmendmentAction.choices, widget=forms.RadioSelect, initial="replace")
    proposed_text = forms.CharField(
        label=_("Proposed text"),
        required=False,
        max_length=PARAGRAPH_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("The whole paragraph as you propose it. Leave empty to delete the paragraph."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        if data.get("action") != AmendmentAction.DELETE and not (data.get("proposed_text") or "").strip():
            self.add_error("proposed_text", _("Give the text you propose."))
        return data


class CreateDocumentForm(Form):
    title = forms.CharField(max_length=300)
    subtitle = forms.CharField(max_length=500, required=False, widget=forms.TextInput())


class HeadingForm(CreateDocumentForm):
    pass


class ParagraphForm(Form):
    kind = forms.ChoiceField(choices=ParagraphKind.choices, initial=ParagraphKind.OPERATIVE, label=_("Kind"))
    text = forms.CharField(max_length=PARAGRAPH_MAX, widget=forms.Textarea(attrs={"rows": 5}), label=_("Text"))


class DecisionForm(Form):
    decision = forms.ChoiceField(choices=[("accept", "Accept"), ("decline", "Decline")])
    note = forms.CharField(
        label=_("Note"), required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdoptForm(Form):
    adopted_on = forms.DateField(label=_("Date of adoption"), widget=forms.DateInput(attrs={"type": "date"}))
    confirm = forms.BooleanField(
        label=_("I confirm: adoption freezes the text for good (only the date can be corrected afterwards)."),
        error_messages={"required": _("Tick the box to confirm the adoption: the text cannot change afterwards.")},
    )

    def __init__(self, *args, edition=None, **kwargs):
        super().__init__(*args, **kwargs)
        if edition is not None:
            # The browser's date picker offers the edition's days only; the service refuses any other date anyway.
            self.fields["adopted_on"].widget.attrs.update(
                min=edition.start_date.isoformat(), max=edition.end_date.isoformat()
            )


class CorrectAdoptionDateForm(AdoptForm):
    confirm = None
    reason = forms.CharField(
        label=_("Why the date changes"),
        max_length=500,
        widget=forms.TextInput(),
        help_text=_("Shown in the version history, e.g. “typed the wrong day”."),
    )
