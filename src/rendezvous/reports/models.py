"""The secretariat's texts of an edition's official report, edited by its organisers.

Chapters I (Introduction), II (Background and objectives) and V (Conclusions and recommendations), the opening
paragraph of chapter IV and, per section of chapter IV, the summary of what was said. Rendezvous writes the rest
(the heading block, chapter III Attendance, each section's lead sentence) from the data.

Texts are plain: paragraphs separated by a blank line, each becoming a numbered paragraph of the report; a line
starting with "# " is a subheading (e.g. "# Conclusions").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

PARAGRAPHS_HELP = _('Paragraphs separated by a blank line; a line starting with "# " is a subheading.')


class ReportText(models.Model):
    edition = models.OneToOneField("events.Edition", on_delete=models.CASCADE, related_name="report_text")
    issued_on = models.DateField(_("date of issue"), null=True, blank=True, help_text=_("Printed in the heading."))
    introduction = models.TextField(_("I. Introduction"), blank=True, help_text=PARAGRAPHS_HELP)
    background = models.TextField(_("II. Background and objectives"), blank=True, help_text=PARAGRAPHS_HELP)
    programme_introduction = models.TextField(
        _("IV. Programme: opening paragraph"), blank=True, help_text=PARAGRAPHS_HELP
    )
    conclusions = models.TextField(_("V. Conclusions and recommendations"), blank=True, help_text=PARAGRAPHS_HELP)
    include_statistics_annex = models.BooleanField(
        _("include the statistics annex"),
        default=False,
        help_text=_("Charts and the participants-by-country table, after the report's annex."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Report texts of {self.edition}"


class ReportSection(models.Model):
    """A subsection of chapter IV: one session, or several the secretariat reports on together."""

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="report_sections")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    heading = models.CharField(_("heading"), max_length=300, help_text=_('e.g. "Session 1(a). Space exploration"'))
    sessions = models.ManyToManyField("programme.Session", blank=True, related_name="report_sections")
    lead_sentence = models.BooleanField(
        _("generated lead sentence"),
        default=True,
        help_text=_('Open with "Eleven speakers representing nine space agencies ... made presentations in ...".'),
    )
    summary = models.TextField(_("summary"), blank=True, help_text=PARAGRAPHS_HELP)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.heading


class ReportLanguage(models.TextChoices):
    """The languages a report is issued in besides its working language (the UN's official languages)."""

    ARABIC = "ar", "العربية"
    CHINESE = "zh", "中文"
    ENGLISH = "en", "English"
    FRENCH = "fr", "Français"
    RUSSIAN = "ru", "Русский"
    SPANISH = "es", "Español"


class ReportTextTranslation(models.Model):
    """The secretariat's texts of a report in another language; an empty field falls back to the `ReportText`
    (the working language's), so a version can be issued before every chapter is translated."""

    edition = models.ForeignKey("events.Edition", on_delete=models.CASCADE, related_name="report_translations")
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices)
    introduction = models.TextField(_("I. Introduction"), blank=True, help_text=PARAGRAPHS_HELP)
    background = models.TextField(_("II. Background and objectives"), blank=True, help_text=PARAGRAPHS_HELP)
    programme_introduction = models.TextField(
        _("IV. Programme: opening paragraph"), blank=True, help_text=PARAGRAPHS_HELP
    )
    conclusions = models.TextField(_("V. Conclusions and recommendations"), blank=True, help_text=PARAGRAPHS_HELP)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["edition", "language"], name="one_report_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"Report texts of {self.edition} ({self.language})"


class ReportSectionTranslation(models.Model):
    """A chapter IV section's heading and summary in another language (empty: the working language's)."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(_("language"), max_length=2, choices=ReportLanguage.choices)
    heading = models.CharField(_("heading"), max_length=300, blank=True)
    summary = models.TextField(_("summary"), blank=True, help_text=PARAGRAPHS_HELP)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["section", "language"], name="one_section_translation_per_language")
        ]

    def __str__(self) -> str:
        return f"{self.section} ({self.language})"
