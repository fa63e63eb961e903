"""The shared kernel: people who sign in, organisations, people as they appear in a programme, the audit trail."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from .names import person_name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """Someone who signs in. Participants sign in by e-mail link; organisers add a password."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    # The language the person chose with the switcher (or used when they first applied): pages and e-mails follow it.
    language = models.CharField(_("language"), max_length=10, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email


class OrganisationType(models.TextChoices):
    SPACE_AGENCY = "space_agency", gettext_lazy("Space agency")
    GOVERNMENT = "government", gettext_lazy("Government")
    INTERGOVERNMENTAL = "intergovernmental", gettext_lazy("Intergovernmental organization")
    ACADEMIA = "academia", gettext_lazy("Academia and research")
    INDUSTRY = "industry", gettext_lazy("Industry")
    NGO = "ngo", gettext_lazy("Non-governmental organization")
    MEDIA = "media", gettext_lazy("Media")
    OTHER = "other", gettext_lazy("Other")


class Organisation(models.Model):
    name = models.CharField(max_length=255, unique=True)
    acronym = models.CharField(max_length=40, blank=True)
    type = models.CharField(max_length=20, choices=OrganisationType.choices, default=OrganisationType.OTHER)
    country = CountryField(
        blank=True, help_text=gettext_lazy("Seat of the organisation; empty for international bodies.")
    )
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def short_name(self) -> str:
        return self.acronym or self.name


class Gender(models.TextChoices):
    FEMALE = "female", gettext_lazy("Female")
    MALE = "male", gettext_lazy("Male")
    OTHER = "other", gettext_lazy("Other")
    UNDISCLOSED = "undisclosed", gettext_lazy("Prefer not to say")


class Person(models.Model):
    """A person as the programme and the records know them (not necessarily someone who signs in)."""

    given_name = models.CharField(max_length=150)
    family_name = models.CharField(max_length=150, blank=True)
    title = models.CharField(max_length=40, blank=True, help_text=gettext_lazy("Honorific, e.g. Dr., Prof."))
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    position = models.CharField(max_length=255, blank=True)
    country = CountryField(blank=True)
    gender = models.CharField(max_length=12, choices=Gender.choices, default=Gender.UNDISCLOSED)
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="person"
    )
    biography = models.TextField(blank=True)

    class Meta:
        ordering = ["family_name", "given_name"]
        verbose_name_plural = "people"

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return person_name(self.given_name, self.family_name, title=self.title)


class AuditEntry(models.Model):
    """Who did what, when: kept for every state change that matters (registrations, adoption, selection)."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    edition = models.ForeignKey(
        "events.Edition", null=True, blank=True, on_delete=models.CASCADE, related_name="audit_entries"
    )
    summary = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        verbose_name_plural = "audit entries"

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"


class OutboxStatus(models.TextChoices):
    QUEUED = "queued", gettext_lazy("Queued")
    SENT = "sent", gettext_lazy("Sent")
    FAILED = "failed", gettext_lazy("Failed")


class OutboxMessage(models.Model):
    """An e-mail written in the same transaction as the change it reports; a worker delivers it later."""

    to = models.EmailField()
    subject = models.CharField(max_length=255)
    body = models.TextField()
    html_body = models.TextField(blank=True)
    reply_to = models.EmailField(
        blank=True, help_text=gettext_lazy("Reply-To, only when the person it names agreed to it.")
    )
    # [{"filename": "event.ics", "content_type": "text/calendar", "content": "BEGIN:VCALENDAR..."}]: text files only.
    attachments = models.JSONField(default=list, blank=True)
    kind = models.CharField(
        max_length=60, blank=True, help_text=gettext_lazy("What the mail is about, e.g. sign_in_link.")
    )
    edition = models.ForeignKey(
        "events.Edition", null=True, blank=True, on_delete=models.SET_NULL, related_name="outbox_messages"
    )
    status = models.CharField(max_length=10, choices=OutboxStatus.choices, default=OutboxStatus.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # Set while a sender is delivering the message; once past, the sender is presumed dead and another may take over.
    claimed_until = models.DateTimeField(null=True, blank=True)
    # The SMTP Message-ID, fixed when the row is written and sent on every attempt so receivers can drop a repeat.
    message_id = models.CharField(max_length=255, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "next_attempt_at"])]
        verbose_name = "outbox message"

    def __str__(self) -> str:
        return f"{self.to}: {self.subject} ({self.status})"


class SignInPurpose(models.TextChoices):
    LINK = "link", gettext_lazy("Sign-in link")
    SECOND_FACTOR = "second_factor", gettext_lazy("Organiser second factor")


class SignInToken(models.Model):
    """A one-time sign-in link; only the SHA-256 of the secret is stored, so a database leak signs nobody in."""

    email = models.EmailField(db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    purpose = models.CharField(max_length=20, choices=SignInPurpose.choices, default=SignInPurpose.LINK)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="sign_in_tokens"
    )
    next_url = models.CharField(max_length=500, default="/")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} for {self.email}"


class SignInAttempt(models.Model):
    """One request that counts towards a rate limit; kept in the database so limits hold across processes."""

    class Kind(models.TextChoices):
        LINK_REQUEST = "link_request", gettext_lazy("Sign-in link requested")
        PASSWORD = "password", gettext_lazy("Organiser password tried")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    email = models.EmailField(blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField(default=False)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["kind", "email", "at"]), models.Index(fields=["kind", "ip", "at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.email or self.ip} at {self.at:%Y-%m-%d %H:%M:%S}"


class WorkerHeartbeat(models.Model):
    """When each background worker last showed it was alive; readiness (`/health/ready`) asks for a recent one."""

    name = models.CharField(max_length=200, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name} at {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ScheduledJob(models.Model):
    """A periodic job the background workers run (core.schedule): when it is next due, and who is running it now.

    The row is the schedule and the lock in one: a worker takes a due job by moving `running_until` forward in one
    conditional UPDATE, so however many workers look at the same moment, one run happens at a time.
    """

    name = models.CharField(max_length=100, unique=True)
    interval_seconds = models.PositiveIntegerField()
    next_run_at = models.DateTimeField()
    running_until = models.DateTimeField(null=True, blank=True)
    running_on = models.CharField(max_length=200, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    last_outcome = models.TextField(blank=True)
    last_failed = models.BooleanField(default=False)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SecurityKey(models.Model):
    """An organiser's WebAuthn credential (a security key or a platform passkey) used as the second factor."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="security_keys")
    name = models.CharField(max_length=64)
    credential_id = models.CharField(
        max_length=1400, unique=True, help_text=gettext_lazy("Base64url, as the browser reports it.")
    )
    public_key = models.BinaryField()
    sign_count = models.PositiveBigIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"


class RateLimitCounter(models.Model):
    """How often one key (an address, a user, an IP) used one limited action in one fixed time window.

    One row per (scope, key, window) incremented by a single upsert, so parallel requests on any web server can never
    pass the limit together (core.ratelimit).
    """

    scope = models.CharField(max_length=40)
    key = models.CharField(max_length=255)
    window = models.BigIntegerField(help_text="Start of the window in seconds since the epoch.")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key", "window"], name="ratelimit_one_counter")]
        indexes = [models.Index(fields=["window"])]

    def __str__(self) -> str:
        return f"{self.scope} {self.key} @{self.window}: {self.count}"
