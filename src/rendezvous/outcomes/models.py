"""Outcome documents (e.g. the "Hainan Initiative"): a title, paragraphs, amendments, versions, adoption.

Once a document is adopted its text is frozen. Services refuse changes first; the `save`/`delete` methods below
refuse them again so that no admin action, shell session or forgotten code path can alter an adopted text.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy


class OutcomeLocked(Exception):
    """Raised on any attempt to change an adopted outcome document."""

    def __init__(self, message: str = "The outcome document has been adopted; its text can no longer change."):
        super().__init__(message)


class OutcomeStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    OPEN = "open", gettext_lazy("Open for amendments")
    CLOSED = "closed", gettext_lazy("Closed for amendments")
    ADOPTED = "adopted", gettext_lazy("Adopted")


class OutcomeDocument(models.Model):
    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="outcome_document")
    title = models.CharField(max_length=300, help_text=gettext_lazy('e.g. "Hainan Initiative"'))
    subtitle = models.CharField(
        max_length=500,
        blank=True,
        help_text=gettext_lazy("e.g. Outcome document of the ... Workshop (the adoption date is added when adopted)."),
    )
    status = models.CharField(max_length=10, choices=OutcomeStatus.choices, default=OutcomeStatus.DRAFT)
    adopted_on = models.DateField(null=True, blank=True)
    current_version = models.PositiveIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.title

    @property
    def is_adopted(self) -> bool:
        return self.status == OutcomeStatus.ADOPTED

    @property
    def is_open(self) -> bool:
        return self.status == OutcomeStatus.OPEN

    @property
    def adoption_line(self) -> str:
        """'adopted on 24 November 2022', as the report's annex writes it; empty until adopted."""
        if not self.is_adopted or not self.adopted_on:
            return ""
        return f"adopted on {self.adopted_on.day} {self.adopted_on:%B %Y}"

    def stored_is_adopted(self) -> bool:
        return bool(self.pk) and OutcomeDocument.objects.filter(pk=self.pk, status=OutcomeStatus.ADOPTED).exists()

    def save(self, *args, **kwargs):
        # The adopting save itself is allowed (stored status not yet adopted); every save after it is not.
        if self.stored_is_adopted():
            raise OutcomeLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.stored_is_adopted():
            raise OutcomeLocked()
        return super().delete(*args, **kwargs)


def document_is_adopted(document_id) -> bool:
    return OutcomeDocument.objects.filter(pk=document_id, status=OutcomeStatus.ADOPTED).exists()


class ParagraphKind(models.TextChoices):
    PREAMBULAR = "preambular", gettext_lazy("Preambular")
    CHAPEAU = "chapeau", gettext_lazy("Chapeau")
    OPERATIVE = "operative", gettext_lazy("Operative")


class Paragraph(models.Model):
    """One paragraph. Operative paragraphs are numbered when shown; the number is derived from the order."""

    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="paragraphs")
    kind = models.CharField(max_length=10, choices=ParagraphKind.choices, default=ParagraphKind.OPERATIVE)
    order = models.PositiveIntegerField(default=0)
    text = models.TextField()

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:60]

    def save(self, *args, **kwargs):
        if document_is_adopted(self.document_id):
            raise OutcomeLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if document_is_adopted(self.document_id):
            raise OutcomeLocked()
        return super().delete(*args, **kwargs)


class AmendmentAction(models.TextChoices):
    REPLACE = "replace", gettext_lazy("Replace the paragraph")
    INSERT_AFTER = "insert_after", gettext_lazy("Insert a new paragraph after it")
    DELETE = "delete", gettext_lazy("Delete the paragraph")


class AmendmentStatus(models.TextChoices):
    PROPOSED = "proposed", gettext_lazy("Proposed")
    ACCEPTED = "accepted", gettext_lazy("Accepted")
    DECLINED = "declined", gettext_lazy("Declined")


class Amendment(models.Model):
    """A participant's proposal on one paragraph, decided by the secretariat.

    `paragraph` is cleared if the paragraph is later deleted; `document` and `original_text` keep the record readable.
    """

    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="amendments")
    paragraph = models.ForeignKey(
        Paragraph, null=True, blank=True, on_delete=models.SET_NULL, related_name="amendments"
    )
    paragraph_label = models.CharField(
        max_length=20, blank=True, help_text=gettext_lazy("e.g. PP 3 or OP 2, when proposed.")
    )
    original_text = models.TextField(
        blank=True, help_text=gettext_lazy("The paragraph as it read when the amendment was proposed.")
    )
    proposer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=12, choices=AmendmentAction.choices)
    proposed_text = models.TextField(blank=True)
    reason = models.TextField()
    status = models.CharField(max_length=10, choices=AmendmentStatus.choices, default=AmendmentStatus.PROPOSED)
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    class Meta:
        ordering = ["proposed_at", "id"]

    def __str__(self) -> str:
        return f"Amendment {self.pk} ({self.get_action_display()}, {self.get_status_display()})"

    def save(self, *args, **kwargs):
        if document_is_adopted(self.document_id):
            raise OutcomeLocked()
        super().save(*args, **kwargs)


class DocumentVersion(models.Model):
    """The whole text after a change: title, subtitle and every paragraph, so any two versions can be compared."""

    document = models.ForeignKey(OutcomeDocument, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    snapshot = models.JSONField(default=dict)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["document", "number"]
        constraints = [models.UniqueConstraint(fields=["document", "number"], name="unique_outcome_version_number")]

    def __str__(self) -> str:
        return f"{self.document} v{self.number}"

    def save(self, *args, **kwargs):
        if document_is_adopted(self.document_id):
            raise OutcomeLocked()
        super().save(*args, **kwargs)
