"""Participants' documents (certificates of attendance, visa invitation letters) and the records of a person's data.

Passport details live only in `VisaLetterRequest.sealed_passport`, encrypted with the keys of `PASSPORT_ENCRYPTION_KEYS`
(`crypto.py`); nothing else stores them, so the admin, exports, logs and the API cannot show them by accident.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DocumentSettings(models.Model):
    """What an edition's documents say (signature block, letterhead, costs) and how long it keeps personal data."""

    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="document_settings")
    issuing_organisations = models.CharField(
        max_length=400, blank=True, help_text=_("Empty: the edition's organising organisations.")
    )
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=300, blank=True)
    letterhead = models.TextField(blank=True, help_text=_("The host's name and address, one line each."))
    costs_statement = models.TextField(
        blank=True,
        help_text=_("Who covers which costs, e.g. 'The host covers accommodation; the participant covers travel.'"),
    )
    passport_retention_days = models.PositiveIntegerField(
        default=30, help_text=_("Passport details are erased this many days after the edition ends.")
    )
    closed_retention_days = models.PositiveIntegerField(
        default=183, help_text=_("Rejected and cancelled applications are anonymised this many days after the end.")
    )
    retention_days = models.PositiveIntegerField(
        default=1826, help_text=_("Other applications are anonymised this many days after the edition ends.")
    )

    def __str__(self) -> str:
        return f"Document settings of {self.edition.slug}"


class VisaLetterOfficer(models.Model):
    """An organiser who may read passport details and decide visa letter requests. Not every organiser may."""

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="visa_letter_officers")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="visa_letter_roles")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "user"], name="one_visa_officer_row")]

    def __str__(self) -> str:
        return f"{self.user} reviews visa letters of {self.edition.slug}"


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    ONLINE = "online", _("online")
    BOTH = "both", _("in person and online")


class Certificate(models.Model):
    """A certificate of attendance. The reference is the only way to find it from outside (the verification page)."""

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="certificates")
    registration = models.OneToOneField(
        "registration.Registration", on_delete=models.CASCADE, related_name="certificate"
    )
    reference = models.CharField(max_length=43, unique=True)
    holder_name = models.CharField(max_length=320, help_text=_("As the person wrote it, in their script and order."))
    mode = models.CharField(max_length=12, choices=AttendanceMode.choices)
    contribution = models.CharField(max_length=500, blank=True, help_text=_("Speakers: what they presented."))
    issued_at = models.DateTimeField(default=timezone.now)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revocation_reason = models.CharField(max_length=300, blank=True)

    def __str__(self) -> str:
        return f"Certificate {self.pk} of {self.edition.slug}"

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None


class VisaLetterStatus(models.TextChoices):
    REQUESTED = "requested", _("waiting for review")
    APPROVED = "approved", _("approved")
    DECLINED = "declined", _("declined")


class VisaLetterRequest(models.Model):
    """A participant's request for a visa invitation letter; the letter itself is drawn from it on each download."""

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="visa_letter_requests")
    registration = models.OneToOneField(
        "registration.Registration", on_delete=models.CASCADE, related_name="visa_letter_request"
    )
    sealed_passport = models.TextField(
        blank=True, help_text="Encrypted passport details (documents/crypto.py); empty once erased."
    )
    needed_from = models.DateField()
    needed_until = models.DateField()
    status = models.CharField(max_length=12, choices=VisaLetterStatus.choices, default=VisaLetterStatus.REQUESTED)
    reference = models.CharField(max_length=43, unique=True, null=True, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decline_reason = models.TextField(blank=True)
    passport_erased_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Visa letter request {self.pk} of {self.edition.slug}"

    @property
    def is_valid(self) -> bool:
        return self.status == VisaLetterStatus.APPROVED and self.revoked_at is None


class ErasureRequest(models.Model):
    """A person asked to be erased. Kept until done; the user link goes with the erasure itself."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="erasure_requests"
    )
    requested_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Erasure request {self.pk}"


class ErasureRecord(models.Model):
    """That an erasure happened, and what it touched, without any personal data."""

    class Reason(models.TextChoices):
        REQUEST = "request", _("the person asked")
        ORGANISER = "organiser", _("an organiser erased the person")
        RETENTION = "retention", _("the retention period ended")

    at = models.DateTimeField(default=timezone.now)
    reason = models.CharField(max_length=12, choices=Reason.choices)
    edition = models.ForeignKey("events.Edition", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    counts = models.JSONField(default=dict, help_text="What was anonymised or removed, by kind.")

    def __str__(self) -> str:
        return f"Erasure {self.pk} ({self.reason})"
