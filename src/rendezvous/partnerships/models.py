"""The partnership hub: programmes open to cooperation, their calls, applications, reviews and published results."""

import os
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from rendezvous.core import uploads
from rendezvous.core.models import OrganisationType
from rendezvous.events.models import TIMEZONE_CHOICES


class Destination(models.TextChoices):
    MOON = "moon", gettext_lazy("Moon")
    MARS = "mars", gettext_lazy("Mars")
    SMALL_BODIES = "small_bodies", gettext_lazy("Small bodies")
    OUTER_PLANETS = "outer_planets", gettext_lazy("Outer planets and their moons")
    ASTRONOMY = "astronomy", gettext_lazy("Astronomy and astrophysics")
    HELIOPHYSICS = "heliophysics", gettext_lazy("Heliophysics and space weather")
    EARTH_MOON = "earth_moon", gettext_lazy("Earth-Moon infrastructure")
    LOW_EARTH_ORBIT = "low_earth_orbit", gettext_lazy("Low Earth orbit and space stations")
    OTHER = "other", gettext_lazy("Other")


class Phase(models.TextChoices):
    CONCEPT = "concept", gettext_lazy("Concept")
    IN_DEVELOPMENT = "in_development", gettext_lazy("In development")
    OPERATING = "operating", gettext_lazy("Operating")
    COMPLETED = "completed", gettext_lazy("Completed")


class CooperationForm(models.TextChoices):
    PAYLOADS = "payloads", gettext_lazy("Payloads")
    DATA = "data", gettext_lazy("Data")
    GROUND_SEGMENT = "ground_segment", gettext_lazy("Ground segment")
    JOINT_RESEARCH = "joint_research", gettext_lazy("Joint research")
    EDUCATION = "education", gettext_lazy("Education and capacity-building")


class Programme(models.Model):
    """A programme or mission an organisation publishes on the hub."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    owners = models.ManyToManyField("core.Organisation", related_name="hub_programmes")
    destination = models.CharField(max_length=20, choices=Destination.choices)
    phase = models.CharField(max_length=20, choices=Phase.choices)
    timeline = models.CharField(max_length=200, blank=True, help_text=gettext_lazy("e.g. 'Launch around 2026'."))
    summary = models.TextField(blank=True)
    cooperation_forms = models.JSONField(
        default=list,
        blank=True,
        help_text=gettext_lazy("Forms of cooperation the programme is open to (CooperationForm codes)."),
    )
    contributions = models.ManyToManyField(
        "programme.Contribution",
        blank=True,
        related_name="hub_programmes",
        help_text=gettext_lazy("Workshop contributions where the programme was presented."),
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        unknown = set(self.cooperation_forms or []) - set(CooperationForm.values)
        if unknown:
            raise ValidationError(
                {
                    "cooperation_forms": gettext("Unknown forms of cooperation: %(forms)s.")
                    % {"forms": ", ".join(sorted(unknown))}
                }
            )

    def get_absolute_url(self) -> str:
        return reverse("partnerships:programme", kwargs={"slug": self.slug})

    @property
    def cooperation_labels(self) -> list[str]:
        return [CooperationForm(code).label for code in self.cooperation_forms if code in CooperationForm.values]


class CallKind(models.TextChoices):
    PAYLOAD_HOSTING = "payload_hosting", gettext_lazy("Payload hosting")
    SCIENTIFIC_QUESTIONS = "scientific_questions", gettext_lazy("Scientific questions")
    DATA_ACCESS = "data_access", gettext_lazy("Data access")
    CAPACITY_BUILDING = "capacity_building", gettext_lazy("Capacity-building")


class CallStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    OPEN = "open", gettext_lazy("Open")
    CLOSED = "closed", gettext_lazy("Closed")


class Call(models.Model):
    """A call for cooperation in a programme; deadlines are set and shown in the call's own time zone."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="calls")
    organisation = models.ForeignKey(
        "core.Organisation",
        on_delete=models.PROTECT,
        related_name="hub_calls",
        help_text=gettext_lazy("The calling organisation."),
    )
    title = models.CharField(max_length=250)
    slug = models.SlugField(unique=True)
    kind = models.CharField(max_length=24, choices=CallKind.choices)
    status = models.CharField(max_length=10, choices=CallStatus.choices, default=CallStatus.DRAFT)
    description = models.TextField(blank=True)
    criteria = models.TextField(blank=True, help_text=gettext_lazy("What reviewers score applications against."))
    timezone = models.CharField(max_length=64, choices=TIMEZONE_CHOICES, default="UTC")
    eligible_organisation_types = models.JSONField(
        default=list, blank=True, help_text=gettext_lazy("OrganisationType codes; empty means every type.")
    )
    eligible_countries = CountryField(multiple=True, blank=True, help_text=gettext_lazy("Empty means every country."))
    announced_in = models.ForeignKey(
        "programme.Contribution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="hub_calls",
        help_text=gettext_lazy("The workshop contribution where the call or its results were announced."),
    )
    results_published_at = models.DateTimeField(null=True, blank=True)
    results_note = models.TextField(blank=True)

    class Meta:
        ordering = ["programme__name", "title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.timezone and self.timezone not in zoneinfo.available_timezones():
            raise ValidationError({"timezone": gettext("Unknown time zone: %(zone)s.") % {"zone": self.timezone}})
        unknown = set(self.eligible_organisation_types or []) - set(OrganisationType.values)
        if unknown:
            raise ValidationError(
                {
                    "eligible_organisation_types": gettext("Unknown types: %(types)s.")
                    % {"types": ", ".join(sorted(unknown))}
                }
            )

    def get_absolute_url(self) -> str:
        return reverse("partnerships:call", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None


class StageKind(models.TextChoices):
    LETTER_OF_INTEREST = "letter_of_interest", gettext_lazy("Letter of interest")
    FULL_PROPOSAL = "full_proposal", gettext_lazy("Full proposal")
    SELECTION = "selection", gettext_lazy("Selection")
    ANNOUNCEMENT = "announcement", gettext_lazy("Announcement")


SUBMISSION_STAGES = (StageKind.LETTER_OF_INTEREST, StageKind.FULL_PROPOSAL)


class CallStage(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(max_length=20, choices=StageKind.choices)
    deadline = models.DateTimeField(help_text=gettext_lazy("Stored in UTC; entered and shown in the call's time zone."))

    class Meta:
        ordering = ["deadline"]
        constraints = [models.UniqueConstraint(fields=["call", "kind"], name="unique_call_stage")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.call}"


class Resource(models.TextChoices):
    """What a platform offers; mass always, power and data volume when the call says so."""

    MASS = "mass_kg", gettext_lazy("Mass")
    POWER = "power_w", gettext_lazy("Power")
    DATA = "data_mb", gettext_lazy("Data volume")


RESOURCE_UNITS = {Resource.MASS: "kg", Resource.POWER: "W", Resource.DATA: "MB"}


class PlatformBudget(models.Model):
    """What one platform (e.g. the lander) can host for the call's selected payloads, all together."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="budgets")
    platform = models.CharField(max_length=80)
    mass_kg = models.DecimalField(max_digits=9, decimal_places=3)
    power_w = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    data_mb = models.DecimalField(
        max_digits=12, decimal_places=3, null=True, blank=True, help_text=gettext_lazy("Data volume in megabytes.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["call", "platform"], name="unique_call_platform")]

    def __str__(self) -> str:
        return f"{self.platform} ({self.call})"

    def limits(self) -> dict[str, object]:
        """Resource code → capacity, for the resources this platform limits."""
        return {code: getattr(self, code) for code in Resource.values if getattr(self, code) is not None}


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", gettext_lazy("Submitted")
    WITHDRAWN = "withdrawn", gettext_lazy("Withdrawn")
    SELECTED = "selected", gettext_lazy("Selected")
    NOT_SELECTED = "not_selected", gettext_lazy("Not selected")


class Application(models.Model):
    """A letter of interest or proposal from a registered organisation, seen only by it and the call's team."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="applications")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="hub_applications")
    stage = models.CharField(
        max_length=20, choices=[(k.value, k.label) for k in SUBMISSION_STAGES], default=StageKind.LETTER_OF_INTEREST
    )
    status = models.CharField(max_length=14, choices=ApplicationStatus.choices, default=ApplicationStatus.SUBMITTED)
    title = models.CharField(max_length=250)
    summary = models.TextField()
    team = models.TextField(blank=True, help_text=gettext_lazy("Team members and their institutions, one per line."))
    countries = CountryField(multiple=True, blank=True)
    is_example = models.BooleanField(default=False, help_text=gettext_lazy("Invented demo data, shown as an example."))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["submitted_at", "id"]

    def __str__(self) -> str:
        return self.title


class ResourceRequest(models.Model):
    """What an application asks of one platform."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="requests")
    platform = models.ForeignKey(PlatformBudget, on_delete=models.CASCADE, related_name="requests")
    mass_kg = models.DecimalField(max_digits=9, decimal_places=3)
    power_w = models.DecimalField(max_digits=9, decimal_places=3, null=True, blank=True)
    data_mb = models.DecimalField(max_digits=12, decimal_places=3, null=True, blank=True)

    class Meta:
        ordering = ["platform__order", "platform_id"]
        constraints = [models.UniqueConstraint(fields=["application", "platform"], name="unique_application_platform")]

    def __str__(self) -> str:
        return f"{self.mass_kg} kg on {self.platform.platform}"


def attachment_path(instance, filename: str) -> str:
    return uploads.generated_name(f"partnerships/applications/{instance.application_id}", os.path.splitext(filename)[1])


class Attachment(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.file.name

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1]


class MemberRole(models.TextChoices):
    REPRESENTATIVE = "representative", gettext_lazy("Representative")


class OrganisationMember(models.Model):
    """A user who may act for an organisation on the hub (submit its applications, see them)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_memberships")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.CASCADE, related_name="hub_members")
    role = models.CharField(max_length=20, choices=MemberRole.choices, default=MemberRole.REPRESENTATIVE)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation", "role"], name="unique_organisation_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.organisation}"


class CallRole(models.TextChoices):
    REVIEWER = "reviewer", gettext_lazy("Reviewer")
    SELECTING_OFFICER = "selecting_officer", gettext_lazy("Selecting officer")


class CallTeamMember(models.Model):
    """Someone of the calling organisation who reviews a call's applications or selects among them."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_call_roles")
    role = models.CharField(max_length=20, choices=CallRole.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user", "role"], name="unique_call_team_member")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.call}"


class Review(models.Model):
    """One reviewer's score of one application (0–10 against the call's criteria)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_reviews")
    score = models.DecimalField(max_digits=4, decimal_places=2)
    comment = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="unique_review"),
            models.CheckConstraint(condition=models.Q(score__gte=0, score__lte=10), name="review_score_0_to_10"),
        ]

    def __str__(self) -> str:
        return f"{self.score} for {self.application}"


class Selection(models.Model):
    """The selecting officer's decision for a call: which applications, with the proposal it was checked against."""

    call = models.OneToOneField(Call, on_delete=models.CASCADE, related_name="selection")
    applications = models.ManyToManyField(Application, blank=True, related_name="selections")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)
    total_score = models.DecimalField(max_digits=9, decimal_places=3, default=0)

    def __str__(self) -> str:
        return f"Selection for {self.call}"


class Result(models.Model):
    """One published result line. Results announced before the hub existed have no application behind them."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="results")
    application = models.OneToOneField(
        Application, null=True, blank=True, on_delete=models.SET_NULL, related_name="result"
    )
    title = models.CharField(max_length=250)
    partner = models.CharField(
        max_length=200, help_text=gettext_lazy("Who is selected, as announced, e.g. 'ESA/Sweden'.")
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return f"{self.title} ({self.partner})"


# --- connecting stakeholders: follows, the partners-wanted board, relayed messages, personal feeds ---


class Follow(models.Model):
    """Someone follows a programme or one of its calls; the owner sees them only if they consented."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_follows")
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    call = models.ForeignKey(Call, null=True, blank=True, on_delete=models.CASCADE, related_name="follows")
    consent = models.BooleanField(
        default=False, help_text=gettext_lazy("Let the programme's owner see that I follow it and contact me.")
    )
    consented_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(programme__isnull=False, call__isnull=True)
                | models.Q(programme__isnull=True, call__isnull=False),
                name="follow_programme_xor_call",
            ),
            models.UniqueConstraint(fields=["user", "programme"], name="unique_follow_programme"),
            models.UniqueConstraint(fields=["user", "call"], name="unique_follow_call"),
        ]

    def __str__(self) -> str:
        return f"{self.user} follows {self.target}"

    @property
    def target(self):
        return self.call or self.programme


class HubProfile(models.Model):
    """What a person offers and seeks, shown to owners they consented to, and their personal calendar feed."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_profile")
    offers = models.TextField(blank=True, help_text=gettext_lazy("What you or your organisation can offer partners."))
    seeks = models.TextField(blank=True, help_text=gettext_lazy("What partners you are looking for."))
    feed_token = models.CharField(
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=gettext_lazy("Random; the only key to the personal feed."),
    )
    digest = models.BooleanField(
        default=False, help_text="Send a weekly e-mail of open calls and new board posts that match (opt-in)."
    )
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Hub profile of {self.user}"


class PostKind(models.TextChoices):
    OFFER = "offer", gettext_lazy("Offer")
    NEED = "need", gettext_lazy("Need")


# Board topics reuse the programmes' vocabulary: destinations and forms of cooperation (their codes do not overlap).
TOPIC_CHOICES = [
    (gettext_lazy("Destinations"), Destination.choices),
    (gettext_lazy("Forms of cooperation"), CooperationForm.choices),
]
TOPIC_LABELS = dict(Destination.choices) | dict(CooperationForm.choices)


class BoardPost(models.Model):
    """An offer or a need on the partners-wanted board. Contact goes through a relay: no address is ever shown."""

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_posts")
    kind = models.CharField(max_length=6, choices=PostKind.choices)
    title = models.CharField(max_length=200)
    text = models.TextField(help_text=gettext_lazy("Plain text; line breaks are kept."))
    topic = models.CharField(max_length=20, choices=TOPIC_CHOICES)
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="hub_posts"
    )
    organisation_name = models.CharField(
        max_length=255, blank=True, help_text=gettext_lazy("As shown when not a known organisation.")
    )
    organisation_type = models.CharField(max_length=20, choices=OrganisationType.choices)
    country = CountryField()
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts")
    call = models.ForeignKey(Call, null=True, blank=True, on_delete=models.SET_NULL, related_name="posts")
    is_example = models.BooleanField(default=False, help_text=gettext_lazy("Invented demo data, shown as an example."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_on = models.DateField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["withdrawn_at", "expires_on", "created_at"], name="hub_board_listing")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnerships:post", kwargs={"pk": self.pk})

    @property
    def organisation_label(self) -> str:
        return str(self.organisation) if self.organisation_id else self.organisation_name

    @property
    def topic_label(self) -> str:
        return TOPIC_LABELS.get(self.topic, self.topic)


class RelayKind(models.TextChoices):
    INVITATION = "invitation", gettext_lazy("Invitation to a follower")
    BOARD_CONTACT = "board_contact", gettext_lazy("Reply to a board post")


class RelayMessage(models.Model):
    """A message the hub passed on by e-mail without showing either address; counted for rate limits."""

    kind = models.CharField(max_length=14, choices=RelayKind.choices)
    sender = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    follow = models.ForeignKey(Follow, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations")
    post = models.ForeignKey(BoardPost, null=True, blank=True, on_delete=models.SET_NULL, related_name="contacts")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"


# --- taking part: asking to represent an organisation ---


class RepresentationStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for a decision")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class RepresentationRequest(models.Model):
    """A person asks to act for an organisation on the hub: an existing one (its representatives decide) or a new one
    described here (platform staff decide, and approving creates the organisation)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="hub_representation_requests"
    )
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.CASCADE, related_name="hub_representation_requests"
    )
    name = models.CharField(max_length=255, blank=True, help_text="A new organisation's name.")
    acronym = models.CharField(max_length=40, blank=True)
    organisation_type = models.CharField(max_length=20, choices=OrganisationType.choices, blank=True)
    country = CountryField(blank=True)
    message = models.TextField(blank=True, help_text="Who the person is in the organisation, in their words.")
    status = models.CharField(max_length=10, choices=RepresentationStatus.choices, default=RepresentationStatus.PENDING)
    reason = models.TextField(blank=True, help_text="Why it was declined (or a note with an approval).")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user} asks to represent {self.organisation_label}"

    @property
    def organisation_label(self) -> str:
        if self.organisation_id:
            return str(self.organisation)
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_new_organisation(self) -> bool:
        return self.organisation_id is None


# --- search across the hub ---


class SearchKind(models.TextChoices):
    PROGRAMME = "programme", _("Programme")
    CALL = "call", _("Call")
    POST = "post", _("Board post")
    ORGANISATION = "organisation", _("Organisation")


class SearchEntry(models.Model):
    """One findable thing of the hub, kept up to date when it is saved (`partnerships.search`).

    `search_text` is the title and text folded as a person types them: lower case, no accents, no apostrophes, every
    other mark a space ("Chang’e-7" → "change 7"), so the database's full-text search (PostgreSQL's tsvector, SQLite's
    FTS5 table `partnerships_search_fts`) matches whatever variant was typed.
    """

    kind = models.CharField(max_length=14, choices=SearchKind.choices)
    object_id = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    text = models.TextField(blank=True)
    search_text = models.TextField(blank=True)
    url = models.CharField(max_length=300)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="unique_search_entry")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class PostReport(models.Model):
    """Someone reported a board post to the platform's staff (spam, abuse, a wrong claim)."""

    post = models.ForeignKey(BoardPost, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["post", "reporter"], name="unique_post_report")]

    def __str__(self) -> str:
        return f"Report on {self.post}"
