"""The programme of an edition: typed sessions in rooms, and the contributions made in them."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .materials import upload_to as material_upload_to


class SessionKind(models.TextChoices):
    OPENING = "opening", _("Opening ceremony")
    PLENARY = "plenary", _("Plenary")
    TECHNICAL = "technical", _("Technical session")
    PANEL = "panel", _("Panel discussion")
    SIDE_EVENT = "side_event", _("Side event")
    SPECIAL_EVENT = "special_event", _("Special event")
    CLOSING = "closing", _("Closing ceremony")
    BREAK = "break", _("Break")


class Session(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text=_("Stable id for feeds."))
    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(max_length=16, choices=SessionKind.choices, default=SessionKind.TECHNICAL)
    code = models.CharField(max_length=16, blank=True, help_text=_("As printed in the programme, e.g. 1(a)."))
    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=80)
    description = models.TextField(blank=True)
    start = models.DateTimeField()
    end = models.DateTimeField()
    room = models.ForeignKey("events.Room", null=True, blank=True, on_delete=models.SET_NULL, related_name="sessions")
    do_not_record = models.BooleanField(
        _("do not record"), default=False, help_text=_("The speakers asked not to be recorded or streamed.")
    )
    recording_licence = models.CharField(
        _("recording licence"), max_length=100, blank=True, help_text=_("e.g. CC BY 4.0; empty when not decided.")
    )
    # What calendar clients compare (iCalendar SEQUENCE and LAST-MODIFIED): moved only when what the event shows
    # changes (signals.session_about_to_save and the contribution signals), never by a save that changes nothing.
    sequence = models.PositiveIntegerField(default=0, editable=False)
    changed_at = models.DateTimeField(null=True, blank=True, editable=False)

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
        """The title after the session's code ("Session 3. Opening"), in English: the API, the exports and the audit
        trail carry it as data. Pages show `shown_title`."""
        label = f"Session {self.code}. " if self.code else ""
        return f"{label}{self.title}"

    @property
    def shown_title(self) -> str:
        """The title after the session's code in the reader's language, as the programme's templates write it."""
        if not self.code:
            return self.title
        label = gettext("Session %(code)s.") % {"code": self.code}
        return f"{label} {self.title}"

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
    KEYNOTE = "keynote", _("Keynote speech")
    TECHNICAL = "technical", _("Technical presentation")
    PANEL = "panel", _("Panel intervention")
    STATEMENT = "statement", _("Statement")


class Delivery(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE_LIVE = "online_live", _("Online (live)")
    PRE_RECORDED = "pre_recorded", _("Pre-recorded video")


class Contribution(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False, help_text=_("Stable id for feeds."))
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
    position = models.CharField(max_length=255, blank=True, help_text=_("Position at the time, if known."))
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
    SLIDES = "slides", _("Slides")
    PAPER = "paper", _("Paper")
    VIDEO = "video", _("Video")


class MaterialVisibility(models.TextChoices):
    PUBLIC = "public", _("Public")
    PARTICIPANTS = "participants", _("Registered participants")
    ORGANISERS = "organisers", _("Organisers only")


class MaterialPolicy(models.Model):
    """An edition's publication policy; an edition without one follows the defaults below."""

    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="material_policy")
    publish_slides_after_session = models.BooleanField(
        default=True, help_text=_("Slides and papers become public once their session has ended.")
    )
    publish_videos = models.BooleanField(
        default=False,
        help_text=_("Pre-recorded videos become public once their session has ended (off: never)."),
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
        max_length=160, help_text=_("Cleaned; ends with the detected type's extension.")
    )
    content_type = models.CharField(max_length=120, help_text=_("Detected from the content, not from the name."))
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
        help_text=_("Set by an organiser; empty follows the edition's policy."),
    )

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.display_title

    @property
    def display_title(self) -> str:
        return self.title or self.original_filename
