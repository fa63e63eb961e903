"""Series and their editions: what, when, where, in which format and language, organised by whom."""

import uuid
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

TIMEZONE_CHOICES = sorted((name, name) for name in zoneinfo.available_timezones())


class Series(models.Model):
    name = models.CharField(max_length=255)
    slug = models.SlugField(unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "series"

    def __str__(self) -> str:
        return self.name


class EditionFormat(models.TextChoices):
    IN_PERSON = "in_person", gettext_lazy("In person")
    ONLINE = "online", gettext_lazy("Online")
    HYBRID = "hybrid", gettext_lazy("Hybrid")


class EditionStatus(models.TextChoices):
    DRAFT = "draft", gettext_lazy("Draft")
    PUBLISHED = "published", gettext_lazy("Published")
    ARCHIVED = "archived", gettext_lazy("Archived")


# The edition's own texts an organiser may also give in other languages for the edition page; everything else written
# for an edition (programme, abstracts, outcome document) stays in the working language it was written in.
TRANSLATABLE_FIELDS = ("title", "summary", "how_to_take_part")


@dataclass(frozen=True)
class EditionTexts:
    """The edition's title, summary and how-to-take-part text as one reader gets them."""

    title: str
    summary: str
    how_to_take_part: str
    translated: bool  # False: every text is the working language's own


class Edition(models.Model):
    uuid = models.UUIDField(
        default=uuid.uuid4, unique=True, editable=False, help_text=gettext_lazy("Stable id for feeds.")
    )
    series = models.ForeignKey(Series, null=True, blank=True, on_delete=models.PROTECT, related_name="editions")
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text=gettext_lazy("Ordinal in the series."))
    title = models.CharField(max_length=300)
    short_title = models.CharField(max_length=120, blank=True)
    slug = models.SlugField(unique=True)
    start_date = models.DateField()
    end_date = models.DateField()
    timezone = models.CharField(max_length=64, choices=TIMEZONE_CHOICES, default="UTC")
    format = models.CharField(max_length=12, choices=EditionFormat.choices, default=EditionFormat.HYBRID)
    working_languages = models.CharField(
        max_length=120, default="English", help_text=gettext_lazy("Comma-separated, e.g. 'English, Chinese'.")
    )
    status = models.CharField(max_length=12, choices=EditionStatus.choices, default=EditionStatus.DRAFT)
    city = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True)
    summary = models.TextField(blank=True, help_text=gettext_lazy("One paragraph: what the edition is about."))
    objectives = models.TextField(blank=True)
    how_to_take_part = models.TextField(blank=True)
    translations = models.JSONField(
        default=dict,
        blank=True,
        help_text=gettext_lazy(
            "The title, summary and how-to-take-part text in other languages, by language code; an empty text falls "
            "back to the working language's."
        ),
    )
    online_platform = models.CharField(max_length=80, blank=True, help_text=gettext_lazy("e.g. Zoom; shown publicly."))
    online_meeting_url = models.URLField(
        blank=True, help_text=gettext_lazy("Shown only to approved participants, never on a public page.")
    )
    website = models.URLField(blank=True)
    organisers_require_strong_second_factor = models.BooleanField(
        _("organisers must use an authenticator app"),
        default=False,
        help_text=_("Organisers without one are asked to enrol before the organiser pages open."),
    )
    contact_email = models.EmailField(
        blank=True,
        help_text=gettext_lazy("The secretariat's address, shown to applicants who need an invitation."),
    )
    document_symbol = models.CharField(max_length=40, blank=True, help_text=gettext_lazy("e.g. A/AC.105/1294"))
    organisers = models.ManyToManyField("core.Organisation", through="EditionOrganiser", blank=True)
    # Bumped whenever the programme changes, so cached pages and feeds are rebuilt.
    programme_version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_date"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The edition cannot end before it starts.")})
        if self.timezone and self.timezone not in zoneinfo.available_timezones():
            raise ValidationError({"timezone": _("Unknown time zone: %(zone)s.") % {"zone": self.timezone}})
        self._clean_translations()

    def _clean_translations(self) -> None:
        translations = self.translations or {}
        languages = {code for code, _name in settings.LANGUAGES}
        if not isinstance(translations, dict) or not set(translations) <= languages:
            raise ValidationError({"translations": _("Translations are given by language: %(languages)s.")
                                   % {"languages": ", ".join(sorted(languages))}})  # fmt: skip
        title_limit = self._meta.get_field("title").max_length
        for texts in translations.values():
            if not isinstance(texts, dict) or not set(texts) <= set(TRANSLATABLE_FIELDS):
                raise ValidationError(
                    {"translations": _("Only the title, summary and how to take part are translated.")}
                )
            if not all(isinstance(text, str) for text in texts.values()):
                raise ValidationError({"translations": _("A translation is a text.")})
            if len(texts.get("title", "")) > title_limit:
                raise ValidationError(
                    {"translations": _("A translated title has at most %(limit)s characters.") % {"limit": title_limit}}
                )

    def texts_in(self, language: str | None) -> EditionTexts:
        """The title, summary and how-to-take-part text in `language` where the organisers gave them, else the
        working language's."""
        given = (self.translations or {}).get(language or "", {})
        values = {field: (given.get(field) or "").strip() for field in TRANSLATABLE_FIELDS}
        return EditionTexts(
            **{field: values[field] or getattr(self, field) for field in TRANSLATABLE_FIELDS},
            translated=any(values.values()),
        )

    @property
    def for_reader(self) -> EditionTexts:
        """`texts_in` the language of the page being rendered."""
        return self.texts_in(get_language())

    def get_absolute_url(self) -> str:
        return reverse("events:edition", kwargs={"slug": self.slug})

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    @property
    def is_public(self) -> bool:
        return self.status in (EditionStatus.PUBLISHED, EditionStatus.ARCHIVED)

    @property
    def is_past(self) -> bool:
        return self.end_date < timezone.localdate(timezone=self.zone)

    @property
    def languages(self) -> list[str]:
        return [lang.strip() for lang in self.working_languages.split(",") if lang.strip()]


class EditionOrganiserRole(models.TextChoices):
    ORGANISER = "organiser", gettext_lazy("Organiser")
    CO_ORGANISER = "co_organiser", gettext_lazy("Co-organiser")
    HOST = "host", gettext_lazy("Host")
    SUPPORTER = "supporter", gettext_lazy("Supporter")


class EditionOrganiser(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="organiser_links")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    role = models.CharField(
        max_length=20, choices=EditionOrganiserRole.choices, default=EditionOrganiserRole.CO_ORGANISER
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["edition", "organisation"], name="unique_edition_organiser")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class Venue(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="venues")
    name = models.CharField(max_length=255)
    address = models.CharField(max_length=400, blank=True)
    city = models.CharField(max_length=120, blank=True)
    country = CountryField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Room(models.Model):
    venue = models.ForeignKey(Venue, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(max_length=120)
    capacity = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["venue__name", "name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.venue.name}"


class StaffRole(models.TextChoices):
    ORGANISER = "organiser", gettext_lazy("Organiser (secretariat)")
    CHECKIN = "checkin", gettext_lazy("Check-in staff")


class EditionStaff(models.Model):
    """Who may run an edition. Superusers may run every edition."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="staff")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="edition_roles")
    role = models.CharField(max_length=12, choices=StaffRole.choices, default=StaffRole.ORGANISER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["edition", "user", "role"], name="unique_edition_staff")]
        verbose_name_plural = "edition staff"

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} of {self.edition.slug}"


class SeriesSecretariat(models.Model):
    """Who may create and clone editions of a series (the secretariat); superusers may for every series."""

    series = models.ForeignKey(Series, on_delete=models.CASCADE, related_name="secretariat")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="secretariat_of")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["series", "user"], name="unique_series_secretariat")]
        verbose_name_plural = "series secretariat"

    def __str__(self) -> str:
        return f"{self.user} — secretariat of {self.series.slug}"
