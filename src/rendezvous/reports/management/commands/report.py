"""`rendezvous report attendance EVENT_SLUG [--language ar|en|es|fr|ru|zh] [--format text|json|docx] [--output PATH]`
and `rendezvous report full EVENT_SLUG [--language ...] [--format docx|pdf|text] [--output PATH]`."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rendezvous.events.models import Edition
from rendezvous.reports import docx, pdf, services
from rendezvous.reports.languages import REPORT_LANGUAGES

FORMATS = {"attendance": ("text", "json", "docx"), "full": ("docx", "pdf", "text")}
BINARY = ("docx", "pdf")


class Command(BaseCommand):
    # System checks import every URL and view; a report or an export needs none of them.
    requires_system_checks = []
    help = (
        "The official report. 'attendance': the Attendance section in UN style (text), its figures (json) or a Word "
        "document with its charts and the participants-by-country table (docx). 'full': the whole report as a Word "
        "document as the UN issues it (docx), the same as PDF (pdf, needs LibreOffice) or its text (text)."
    )

    def add_arguments(self, parser):
        # Checked by hand rather than with argparse choices/subparsers, so a mistake gives one line, not a usage block.
        parser.add_argument("part", help="attendance or full")
        parser.add_argument("event_slug", help="The edition's slug, e.g. haikou-2022.")
        parser.add_argument(
            "--format", default="", help="attendance: text (default), json or docx; full: docx (default), pdf or text."
        )
        parser.add_argument("--output", default="", help="Write to this file (required for docx and pdf).")
        parser.add_argument(
            "--language",
            default="en",
            help="The report's language, one of the UN's six: ar, en (default), es, fr, ru or zh.",
        )

    def handle(self, *args, part, event_slug, format, output, language, **options):
        if part not in FORMATS:
            raise CommandError(f"Unknown report '{part}': use attendance or full.")
        if language not in REPORT_LANGUAGES:
            raise CommandError(f"Unknown language '{language}': use one of {', '.join(REPORT_LANGUAGES)}.")
        # `report full SLUG` alone prints the report's text; with --output it writes the Word document.
        fmt = format or ("text" if part == "full" and not output else FORMATS[part][0])
        if fmt not in FORMATS[part]:
            raise CommandError(f"Unknown format '{fmt}' for report {part}: use one of {', '.join(FORMATS[part])}.")
        if fmt in BINARY and not output:
            raise CommandError(f"A {fmt.upper()} file needs --output PATH (or use --format text).")
        try:
            edition = Edition.objects.get(slug=event_slug)
        except Edition.DoesNotExist:
            raise CommandError(f"No edition with slug '{event_slug}'.") from None
        if part == "full":
            try:
                content: bytes | str = _full_report(edition, fmt, language)
            except services.ReportError as error:
                raise CommandError(str(error)) from None
        elif fmt == "docx":
            content = docx.attendance_docx(services.edition_statistics(edition), language)
        elif language != "en":
            statistics = services.edition_statistics(edition)
            if fmt == "json":
                content = json.dumps(services.figures_in(statistics, language), ensure_ascii=False, indent=2) + "\n"
            else:
                content = services.attendance_text_in(statistics, language) + "\n"
        else:
            figures = services.attendance_figures(edition)
            if fmt == "json":
                content = json.dumps(figures, ensure_ascii=False, indent=2) + "\n"
            else:
                content = services.attendance_text(figures) + "\n"
        if not output:
            self.stdout.write(content, ending="")
            return
        path = Path(output)
        try:
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}.") from None
        self.stderr.write(f"Wrote {path} ({path.stat().st_size:,} bytes).")


def _full_report(edition: Edition, fmt: str, language: str) -> bytes | str:
    if fmt == "text":
        document = docx.build_full_report(edition, language)
        return "\n".join(paragraph.text for paragraph in document.paragraphs if paragraph.text) + "\n"
    content = docx.full_report_docx(edition, language)
    return pdf.docx_to_pdf(content) if fmt == "pdf" else content
