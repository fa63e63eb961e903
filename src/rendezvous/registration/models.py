"""Registration data: an edition's policy (rules by country, window, moderation, capacity), applications, invitations.

State changes go through `services/`; the models only hold data and the invariants the database can enforce
(one application per person and edition, one per form token, one registration per invitation).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext, gettext_lazy
from django_countries.fields import CountryField

from rendezvous.core.models import Gender, OrganisationType
from rendezvous.core.names import person_name


class Route(models.TextChoices):
    OPEN = "open", gettext_lazy("Open: anyone may apply")
    INVITATION = "invitation", gettext_lazy("Invitation only")
    CLOSED = "closed", gettext_lazy("Closed")


class Attendance(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("In person")
    ONLINE = "online", gettext_lazy("Online")


class Role(models.TextChoices):
    PARTICIPANT = "participant", gettext_lazy("Participant")
    SPEAKER = "speaker", gettext_lazy("Speaker")


class Status(models.TextChoices):
    PENDING = "pending", gettext_lazy("Pending review")
    APPROVED = "approved", gettext_lazy("Approved")
    WAITLISTED = "waitlisted", gettext_lazy("On the waiting list")
    REJECTED = "rejected", gettext_lazy("Not accepted")
    CANCELLED = "cancelled", gettext_lazy("Cancelled")


# A pending or approved participant holds a seat in their attendance mode; speakers sit outside public capacity.
SEAT_HOLDING_STATUSES = (Status.PENDING, Status.APPROVED)
# The states other apps ask about, written once: as conditions (for aggregates) and as RegistrationQuerySet methods.
IS_APPROVED = Q(status=Status.APPROVED)
HOLDS_SEAT = Q(role=Role.PARTICIPANT, status__in=SEAT_HOLDING_STATUSES)
IS_WAITLISTED = Q(status=Status.WAITLISTED)
CLOSED_STATUSES = (Status.REJECTED, Status.CANCELLED)


class RegistrationQuerySet(models.QuerySet):
    def approved(self):
        """Participants and speakers the organisers accepted: who the report counts, who gets a badge or a link."""
        return self.filter(IS_APPROVED)

    def holding_seats(self):
        """Participants holding a seat in their attendance mode (pending or approved)."""
        return self.filter(HOLDS_SEAT)

    def waitlisted(self):
        return self.filter(IS_WAITLISTED)


class RegistrationPolicy(models.Model):
    """The edition's registration rules, edited by organisers. Its row is also the lock that serialises seat-taking."""

    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="registration_policy")
    opens_at = models.DateTimeField(null=True, blank=True, help_text=gettext_lazy("Empty: open now."))
    closes_at = models.DateTimeField(null=True, blank=True, help_text=gettext_lazy("Empty: no closing date."))
    moderated = models.BooleanField(
        default=True, help_text=gettext_lazy("Applications on an open route wait for an organiser's decision.")
    )
    in_person_capacity = models.PositiveIntegerField(null=True, blank=True, help_text=gettext_lazy("Empty: unlimited."))
    online_capacity = models.PositiveIntegerField(null=True, blank=True, help_text=gettext_lazy("Empty: unlimited."))
    privacy_notice = models.TextField(
        blank=True, help_text=gettext_lazy("Shown next to the consent box; what is kept, why, and for how long.")
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "registration policies"

    def __str__(self) -> str:
        return f"Registration policy of {self.edition}"

    def capacity_for(self, attendance: str) -> int | None:
        return self.in_person_capacity if attendance == Attendance.IN_PERSON else self.online_capacity


class RegistrationRule(models.Model):
    """One line of the policy: applicants based in these countries (or anywhere else) take this route."""

    policy = models.ForeignKey(RegistrationPolicy, on_delete=models.CASCADE, related_name="rules")
    order = models.PositiveSmallIntegerField(
        default=0, help_text=gettext_lazy("Rules are tried in this order; first match wins.")
    )
    countries = CountryField(
        multiple=True, blank=True, help_text=gettext_lazy("Countries of residence this rule covers.")
    )
    all_other_countries = models.BooleanField(
        default=False, help_text=gettext_lazy("Covers every country not matched above.")
    )
    route = models.CharField(max_length=12, choices=Route.choices, default=Route.OPEN)
    note = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("Shown to applicants, e.g. who to contact.")
    )
    allowed_modes = models.CharField(
        max_length=40,
        default="in_person,online",
        help_text=gettext_lazy(
            "Comma-separated attendance modes this rule's applicants may choose (in_person, online)."
        ),
    )

    class Meta:
        ordering = ["order", "id"]

    @property
    def modes(self) -> list[str]:
        """The attendance modes allowed, in the order Attendance lists them."""
        chosen = {mode.strip() for mode in self.allowed_modes.split(",")}
        return [mode for mode in Attendance.values if mode in chosen]

    def __str__(self) -> str:
        return f"{self.scope_label} → {self.get_route_display()}"

    @property
    def scope_label(self) -> str:
        if self.all_other_countries:
            return gettext("All other countries")
        return ", ".join(country.name for country in self.countries) or "(no countries)"

    def matches(self, country_code: str) -> bool:
        return self.all_other_countries or country_code.upper() in {c.code for c in self.countries}


class InvitationState(models.TextChoices):
    OPEN = "open", gettext_lazy("Sent, not used")
    USED = "used", gettext_lazy("Used")
    REVOKED = "revoked", gettext_lazy("Revoked")


class Invitation(models.Model):
    """A single-use, expiring link to register, even where the route is invitation only or closed.

    Only a hash of the token is stored: a database leak gives nobody a working link; re-sending issues a new token.
    """

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField()
    given_name = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    token_hash = models.CharField(max_length=64, unique=True)
    state = models.CharField(max_length=8, choices=InvitationState.choices, default=InvitationState.OPEN)
    expires_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["edition", "state"])]

    def __str__(self) -> str:
        return f"Invitation of {self.email} as {self.get_role_display().lower()}"


class Registration(models.Model):
    """One person's application to one edition, with the fields of the registration CSV (docs/csv-formats.md)."""

    # No index of its own: the one-per-person constraint's index leads with the edition (see Meta's indexes).
    edition = models.ForeignKey(
        "events.Edition", on_delete=models.CASCADE, related_name="registrations", db_index=False
    )
    given_name = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150, blank=True)
    email = models.EmailField(help_text=gettext_lazy("Stored in lower case; the participant signs in with it."))
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    country = CountryField(help_text=gettext_lazy("Country the person is based in."))
    organisation = models.ForeignKey(
        "core.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="registrations"
    )
    organisation_type = models.CharField(
        max_length=20, choices=OrganisationType.choices, default=OrganisationType.OTHER
    )
    position = models.CharField(max_length=255, blank=True)
    head_of_agency = models.BooleanField(
        default=False,
        help_text=gettext_lazy("Leads their agency or one of its directorates (for the report's head-level count)."),
    )
    role = models.CharField(max_length=12, choices=Role.choices, default=Role.PARTICIPANT)
    attendance = models.CharField(max_length=12, choices=Attendance.choices, default=Attendance.IN_PERSON)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    # The language the person applied in: their e-mails (approval, waiting list...) are written in it.
    language = models.CharField(max_length=10, blank=True, default="")
    nomination_letter = models.FileField(
        upload_to="registration/nominations/%Y/",
        blank=True,
        help_text=gettext_lazy("Nomination letter or note verbale (PDF)."),
    )
    invitation = models.OneToOneField(
        Invitation, null=True, blank=True, on_delete=models.SET_NULL, related_name="registration"
    )
    form_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        help_text=gettext_lazy("One per form shown: a second submit finds this application."),
    )
    consent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    queued_at = models.DateTimeField(
        null=True, blank=True, help_text=gettext_lazy("When the application joined the waiting list.")
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(blank=True)
    confirmed_at = models.DateTimeField(
        null=True, blank=True, help_text=gettext_lazy("The participant confirmed they will attend.")
    )
    imported = models.BooleanField(default=False)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint("edition", Lower("email"), name="one_registration_per_person_and_edition"),
        ]
        # Partial indexes: the seat holders and the waiting list of an edition, and nobody else. Counting the seats
        # under the seat lock reads only the holders, however many applications an edition has closed. And the
        # one-per-person constraint's index is then the only one of all an edition's rows, so finding whether an
        # address already applied looks it up there. With an index of every row by edition alone, PostgreSQL chose
        # that one whenever its statistics were older than the edition's rows (an edition opened for registration
        # a minute ago), and read every application of the edition to find one address or count the seats.
        indexes = [
            models.Index(fields=["edition", "attendance"], condition=HOLDS_SEAT, name="registration_seat_holders"),
            models.Index(
                fields=["edition", "attendance", "queued_at"], condition=IS_WAITLISTED, name="registration_waitlist"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} <{self.email}>"

    @property
    def full_name(self) -> str:
        return person_name(self.given_name, self.family_name)

    @property
    def holds_seat(self) -> bool:
        return self.role == Role.PARTICIPANT and self.status in SEAT_HOLDING_STATUSES

    @property
    def is_approved(self) -> bool:
        return self.status == Status.APPROVED

    @property
    def is_cancelled(self) -> bool:
        return self.status == Status.CANCELLED

    @property
    def is_closed(self) -> bool:
        """Rejected or withdrawn: the participant can no longer change the application."""
        return self.status in CLOSED_STATUSES


class EmailText(models.Model):
    """An edition's own wording of one automatic e-mail; without one, the default in notifications.py is sent."""

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="email_texts")
    kind = models.CharField(max_length=24)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "kind"], name="one_email_text_per_kind")]

    def __str__(self) -> str:
        return f"{self.kind} e-mail of {self.edition_id}"
