"""The programme of an edition: typed sessions in rooms, and the contributions made in them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy

from .materials import upload_to as material_upload_to


class SessionKind(models.TextChoices):
    OPENING = "opening", gettext_lazy("Opening ceremony")
    PLENARY = "plenary", gettext_lazy("Plenary")
    TECHNICAL = "technical", gettext_lazy("Technical session")
    PANEL = "panel", gettext_lazy("Panel discussion")
    SIDE_EVENT = "side_event", gettext_lazy("Side event")
    SPECIAL_EVENT = "special_event", gettext_lazy("Special event")
    CLOSING = "closing", gettext_lazy("Closing ceremony")
    BREAK = "break", gettext_lazy("Break")


class Session(models.Model):
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text=gettext_lazy("Stable id for feeds.")
    )
    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=16, choices=SessionKind.choices, default=SessionKind.TECHNICAL)
    code = models.CharField(
        max_length=16, blank=True, help_text=gettext_lazy("As printed in the programme, e.g. 1(a).")
    )
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = models.ForeignKey("events.Room", null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")

    class Meta:
        ordering = ["start", "end", "id"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "slug"], name="unique_session_slug"),
            models.CheckConstraint(condition=models.Q(end__gt=models.F("start")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.display_title

    def clean(self) -> None:
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": "A session must end after it starts."})

    @property
    def display_title(self) -> str:
        label = f"Session {self.code}. " if self.code else ""
        return f"{label}{self.title}"

    def get_absolute_url(self) -> str:
        return reverse("programme:session", kwargs={"slug": self.edition.slug, "session_slug": self.slug})


class SessionChair(models.Model):
    """A chair or moderator: a named person, or an organisation when the record names none."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="chairs")
    person = models.ForeignKey("core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="chair_names_someone",
            )
        ]

    def __str__(self) -> str:
        return str(self.person or self.organisation)


class ContributionKind(models.TextChoices):
    KEYNOTE = "keynote", gettext_lazy("Keynote speech")
    TECHNICAL = "technical", gettext_lazy("Technical presentation")
    PANEL = "panel", gettext_lazy("Panel intervention")
    STATEMENT = "statement", gettext_lazy("Statement")


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("In person")
    ONLINE_LIVE = "online_live", gettext_lazy("Online (live)")
    PRE_RECORDED = "pre_recorded", gettext_lazy("Pre-recorded video")


class Contribution(models.Model):
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text=gettext_lazy("Stable id for feeds.")
    )
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(max_length=12, choices=ContributionKind.choices, default=ContributionKind.TECHNICAL)
    delivery = models.CharField(max_length=14, choices=Delivery.choices, default=Delivery.IN_PERSON)
    title = models.CharField(max_length=300)
    abstract = models.TextField(blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["session__start", "order", "id"]

    def __str__(self) -> str:
        return self.title


class ContributionSpeaker(models.Model):
    """A speaker with the affiliation they had at the time; an organisation alone where no person is named."""

    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "core.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="contributions"
    )
    position = models.CharField(max_length=255, blank=True, help_text=gettext_lazy("Position at the time, if known."))
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | models.Q(organisation__isnull=False),
                name="speaker_names_someone",
            )
        ]

    def __str__(self) -> str:
        if self.person and self.organisation:
            return f"{self.person.full_name} ({self.organisation.short_name})"
        return str(self.person or self.organisation)


# --- Presentation materials (see publication for the publication rules) ------------------------------------------


class MaterialKind(models.TextChoices):
    SLIDES = "slides", gettext_lazy("Slides")
    PAPER = "paper", gettext_lazy("Paper")
    VIDEO = "video", gettext_lazy("Video")


class MaterialVisibility(models.TextChoices):
    PUBLIC = "public", gettext_lazy("Public")
    PARTICIPANTS = "participants", gettext_lazy("Registered participants")
    ORGANISERS = "organisers", gettext_lazy("Organisers only")


class MaterialPolicy(models.Model):
    """An edition's publication policy; an edition without one follows the defaults below."""

    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="material_policy")
    publish_slides_after_session = models.BooleanField(
        default=True, help_text=gettext_lazy("Slides and papers become public once their session has ended.")
    )
    publish_videos = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Pre-recorded videos become public once their session has ended (off: never)."),
    )

    class Meta:
        verbose_name_plural = "material policies"

    def __str__(self) -> str:
        return f"Material policy of {self.edition}"


class Material(models.Model):
    """A file attached to a contribution. Who may see it is computed (publication.effective_visibility)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    contribution = models.ForeignKey(Contribution, on_delete=models.CASCADE, related_name="materials")
    kind = models.CharField(max_length=8, choices=MaterialKind.choices)
    title = models.CharField(max_length=300, blank=True)
    file = models.FileField(upload_to=material_upload_to, max_length=255)
    original_filename = models.CharField(
        max_length=160, help_text=gettext_lazy("Cleaned; ends with the detected type's extension.")
    )
    content_type = models.CharField(
        max_length=120, help_text=gettext_lazy("Detected from the content, not from the name.")
    )
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    visibility_override = models.CharField(
        max_length=12,
        choices=MaterialVisibility.choices,
        null=True,
        blank=True,
        help_text=gettext_lazy("Set by an organiser; empty follows the edition's policy."),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.original_filename
