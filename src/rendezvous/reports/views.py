"""Organisers' statistics page, chart CSVs, report downloads and participants exports.

Thin: each view is an `organiser_page` (anonymous visitors go to sign in), then calls `services`, `charts`
or `docx`. Nothing here is public: the participants' personal data leave the site only through these views.
"""

import csv
import functools
import json
import tempfile

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from rendezvous.core import organisations
from rendezvous.core.countries import is_valid_iso2
from rendezvous.core.models import Organisation
from rendezvous.events.permissions import organiser_page
from rendezvous.registration.organiser_forms import QueueFilterForm
from rendezvous.registration.services import registrations_for_review

from . import charts, docx, languages, pdf, services
from .forms import ReportSectionFormSet, ReportSectionTranslationForm, ReportTextForm, ReportTextTranslationForm
from .models import ReportLanguage, ReportSectionTranslation

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PRIVATE = "private, no-store"


def organiser_only(view):
    """An `organiser_page` whose answers are never stored: they carry participants' personal data."""

    @organiser_page
    @functools.wraps(view)
    def wrapper(request, edition, *args, **kwargs):
        response = view(request, edition, *args, **kwargs)
        response["Cache-Control"] = PRIVATE
        return response

    return wrapper


def _attachment(response, filename: str):
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _report_language(request) -> str:
    """The report language asked for (?language=fr), else the reader's; an unknown code is the reader's too."""
    asked = request.GET.get("language", "")
    if asked in languages.REPORT_LANGUAGES:
        return asked
    return languages.report_language(translation.get_language())


def _suffix(language: str) -> str:
    """'' for English (the files keep their names), '-fr' for French..."""
    return "" if language == "en" else f"-{language}"


def _language_choices(current: str) -> list[dict]:
    return [
        {"code": code, "name": label, "current": code == current}
        for code, label in sorted(
            ReportLanguage.choices, key=lambda choice: languages.REPORT_LANGUAGES.index(choice[0])
        )
    ]


@require_GET
@organiser_only
def statistics(request, edition):
    figures = services.edition_statistics(edition)
    drawn = charts.edition_charts(figures)
    summary = figures.figures()
    report_language = _report_language(request)
    context = {
        "edition": edition,
        "statistics": figures,
        "countries": figures.countries_in(languages.report_language(translation.get_language())),
        "figures": summary,
        # Built by charts.svg, which escapes every text it writes.
        # No charts of zeros before anyone registered: the page says so instead.
        "charts": [
            {"name": name, "title": title, "svg": mark_safe(charts.svg(drawn[name], chart_id=f"chart-{name}"))}  # noqa: S308
            for name, title in services.CHARTS.items()
        ]
        if figures.registered
        else [],
        # The Attendance section in the language chosen on the page (the reader's by default).
        "paragraphs": services.attendance_paragraphs(figures, report_language),
        "report_language": report_language,
        "report_languages": _language_choices(report_language),
        "report_direction": "rtl" if report_language == "ar" else "ltr",
        # The export defaults to the participants (approved); the organiser may widen it.
        "filter_form": QueueFilterForm(request.GET or {"status": "approved"}, edition=edition),
        "current": "statistics",
    }
    return render(request, "reports/statistics.html", context)


class _Echo:
    """A file-like object whose write returns the line, so csv.writer can feed a streaming response."""

    def write(self, value):
        return value


@require_GET
@organiser_only
def chart_csv(request, edition, chart):
    if chart not in services.CHARTS:
        raise Http404(gettext("No such chart."))
    header, rows = services.chart_table(services.edition_statistics(edition), chart)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows(rows)
    return _attachment(response, f"{edition.slug}-{chart}.csv")


@require_GET
@organiser_only
def attendance_report(request, edition, fmt):
    # English unless a language is asked for: the downloads' English files stay what they always were.
    language = request.GET.get("language", "en")
    if language not in languages.REPORT_LANGUAGES:
        return HttpResponseBadRequest(
            _("Unknown language: use one of %(languages)s.") % {"languages": ", ".join(languages.REPORT_LANGUAGES)},
            content_type="text/plain; charset=utf-8",
        )
    name = f"{edition.slug}-attendance{_suffix(language)}"
    if fmt == "docx":
        content = docx.attendance_docx(services.edition_statistics(edition), language)
        return _attachment(HttpResponse(content, content_type=DOCX_TYPE), f"{name}.docx")
    if language != "en":
        statistics = services.edition_statistics(edition)
        figures = services.figures_in(statistics, language)
        text = services.attendance_text_in(statistics, language)
    else:
        figures = services.attendance_figures(edition)
        text = services.attendance_text(figures)
    if fmt == "json":
        response = HttpResponse(
            json.dumps(figures, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
        return _attachment(response, f"{name}.json")
    response = HttpResponse(text + "\n", content_type="text/plain; charset=utf-8")
    return _attachment(response, f"{name}.txt")


def _asked_language(request) -> str:
    language = request.GET.get("language", "en")
    return language if language in languages.REPORT_LANGUAGES else "en"


@require_GET
@organiser_only
def full_report(request, edition):
    language = _asked_language(request)
    response = HttpResponse(docx.full_report_docx(edition, language), content_type=DOCX_TYPE)
    return _attachment(response, f"{edition.slug}-report{_suffix(language)}.docx")


@require_GET
@organiser_only
def full_report_pdf(request, edition):
    language = _asked_language(request)
    try:
        content = pdf.docx_to_pdf(docx.full_report_docx(edition, language))
    except services.ReportError as error:
        return render(
            request, "reports/report_unavailable.html", {"edition": edition, "reason": str(error)}, status=503
        )
    return _attachment(HttpResponse(content, content_type=PDF_TYPE), f"{edition.slug}-report{_suffix(language)}.pdf")


@require_http_methods(["GET", "POST"])
@organiser_page
def report_texts(request, edition):
    """The secretariat's texts of the report (chapters I, II, V; chapter IV's sections), edited per edition; with
    ?language=xx, the same texts for the report's version in another UN language."""
    language = request.GET.get("language", "en")
    if language != "en":
        if language not in languages.REPORT_LANGUAGES:
            raise Http404(gettext("No such language."))
        return _report_translation(request, edition, language)
    text = services.report_text(edition)
    data = request.POST if request.method == "POST" else None
    text_form = ReportTextForm(data, instance=text, prefix="text")
    sections = ReportSectionFormSet(data, instance=edition, prefix="sections", form_kwargs={"edition": edition})
    if request.method == "POST" and text_form.is_valid() and sections.is_valid():
        services.save_report_texts(request.user, edition, text_form, sections)
        messages.success(request, _("The report texts are saved."))
        return redirect("reports:report_texts", slug=edition.slug)
    context = {
        "edition": edition,
        "text_form": text_form,
        "sections": sections,
        "current": "report",
        "report_languages": _language_choices("en"),
        "report_language": "en",
    }
    return render(request, "reports/report_texts.html", context)


def _report_translation(request, edition, language):
    translated = services.report_translation(edition, language)
    data = request.POST if request.method == "POST" else None
    text_form = ReportTextTranslationForm(data, instance=translated, prefix="text")
    existing = {
        row.section_id: row
        for row in ReportSectionTranslation.objects.filter(section__edition=edition, language=language)
    }
    section_forms = []
    for section in edition.report_sections.all():
        row = existing.get(section.id)
        initial = {"heading": row.heading, "summary": row.summary} if row else {}
        section_forms.append(
            (section, ReportSectionTranslationForm(data, initial=initial, prefix=f"section-{section.pk}"))
        )
    forms_valid = text_form.is_valid() if data is not None else False
    if data is not None and forms_valid and all(form.is_valid() for _section, form in section_forms):
        services.save_report_translation(request.user, edition, language, text_form, section_forms)
        messages.success(request, _("The report texts are saved."))
        return redirect(f"{request.path}?language={language}")
    context = {
        "edition": edition,
        "text_form": text_form,
        "section_forms": section_forms,
        "current": "report",
        "report_languages": _language_choices(language),
        "report_language": language,
        "report_direction": "rtl" if language == "ar" else "ltr",
        "working_text": services.report_text(edition),
    }
    return render(request, "reports/report_translation.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def organisation_duplicates(request):
    """Likely duplicate organisations, each pair with a button merging the newer record into the older one, so the
    report counts every agency and organization once. Staff only: organisations are shared by every edition."""
    if not organisations.can_merge(request.user):
        raise PermissionDenied(_("Only organisers may merge organisations."))
    if request.method == "POST":
        keep = get_object_or_404(Organisation, pk=_number(request.POST.get("keep")))
        duplicate = get_object_or_404(Organisation, pk=_number(request.POST.get("duplicate")))
        if keep.pk == duplicate.pk:
            messages.error(request, _("An organisation cannot be merged into itself."))
        else:
            name = duplicate.name
            organisations.merge(request.user, keep, duplicate)
            messages.success(request, _("“%(old)s” is merged into “%(new)s”.") % {"old": name, "new": keep.name})
        return redirect("reports:organisation_duplicates")
    pairs = organisations.likely_duplicates()
    return render(request, "reports/organisation_duplicates.html", {"pairs": pairs})


def _number(value) -> int:
    """A posted id; 0 (found nowhere, so 404) for anything that is not a whole number."""
    return int(value) if value and str(value).isdigit() else 0


class UnknownFilter(ValueError):
    pass


def _filtered_registrations(request, edition):
    """The queue's filters, strictly: an unknown value is refused (it used to mean 'everyone'). A real country
    nobody applied from is not unknown: it filters to nobody."""
    form = QueueFilterForm(request.GET, edition=edition)
    form.is_valid()
    country = request.GET.get("country", "").strip().upper()
    country_is_real = bool(country) and is_valid_iso2(country)
    refused = [name for name in form.errors if not (name == "country" and country_is_real)]
    if refused:
        raise UnknownFilter(
            _("Unknown value for %(fields)s: use the values the moderation queue offers.")
            % {"fields": ", ".join(sorted(refused))}
        )
    filters = form.filters()
    if country_is_real:
        filters["country"] = country
    return registrations_for_review(edition, **filters)


def _refuse_unknown_filters(view):
    @functools.wraps(view)
    def refusing(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except UnknownFilter as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")

    return refusing


@require_GET
@organiser_only
@_refuse_unknown_filters
def participants_csv(request, edition):
    """Registrations matching the moderation queue's filters, streamed as CSV (UTF-8 with BOM for spreadsheets)."""
    writer = csv.writer(_Echo())
    # Filtered before streaming starts, so an unknown filter is a 400 and not a broken download.
    rows = services.export_rows(_filtered_registrations(request, edition))

    def lines():
        yield "\ufeff"
        for row in rows:
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    return _attachment(response, f"{edition.slug}-participants.csv")


@require_GET
@organiser_only
@_refuse_unknown_filters
def participants_xlsx(request, edition):
    """The filtered registrations as a workbook people use as it is: typed cells, a frozen and filtered header, sized
    columns, labels with their codes beside them, badge, check-in and online-join columns. Written row by row
    (openpyxl write-only) to a temporary file."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    registrations = _filtered_registrations(request, edition)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Participants"))
    sheet.freeze_panes = "A2"
    for index, (_header, width) in enumerate(services.XLSX_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    bold = Font(bold=True)
    header = []
    for title, _width in services.XLSX_COLUMNS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    count = 0
    for row in services.workbook_rows(registrations, edition.zone):
        sheet.append(row)
        count += 1
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(services.XLSX_COLUMNS))}{count + 1}"
    spool = tempfile.TemporaryFile()  # noqa: SIM115 (FileResponse closes it)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=f"{edition.slug}-participants.xlsx", content_type=XLSX_TYPE)
