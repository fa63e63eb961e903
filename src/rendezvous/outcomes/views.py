"""Pages of the outcome document: the public text, amendments by participants, the secretariat's drafting desk.

Before adoption the draft is shown only to registered participants and organisers; anyone else gets a short
"not yet adopted" page (status 200), which reveals only that a document is being prepared.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rendezvous.core import ratelimit
from rendezvous.core.permissions import ORGANISERS_ONLY, is_organiser
from rendezvous.events.permissions import edition_role_page
from rendezvous.events.services import get_visible_edition

from . import services
from .docx import render_outcome_docx
from .forms import (
    AdoptForm,
    AmendmentForm,
    CorrectAdoptionDateForm,
    CreateDocumentForm,
    DecisionForm,
    HeadingForm,
    ParagraphForm,
)
from .models import Amendment, AmendmentStatus, OutcomeDocument, OutcomeLocked, Paragraph
from .services import OutcomeError


def _document_or_404(edition) -> OutcomeDocument:
    try:
        return edition.outcome_document
    except OutcomeDocument.DoesNotExist:
        raise Http404(gettext("This edition has no outcome document.")) from None


# The secretariat's pages answer 403 to anonymous visitors too: they are never linked for anyone else.
secretariat_page = edition_role_page(is_organiser, ORGANISERS_ONLY, sign_in_anonymous=False)


def outcome_document(request, slug):
    edition = get_visible_edition(request.user, slug)
    document = _document_or_404(edition)
    may_view_draft = services.can_view_draft(request.user, edition)
    if not document.is_adopted and not may_view_draft:
        return render(request, "outcomes/not_adopted.html", {"edition": edition, "document": document})
    may_propose = document.is_open and services.can_propose_amendment(request.user, edition)
    my_amendments = (
        document.amendments.filter(proposer=request.user)
        if request.user.is_authenticated and not document.is_adopted
        else Amendment.objects.none()
    )
    return render(
        request,
        "outcomes/document.html",
        {
            "edition": edition,
            "document": document,
            "paragraphs": services.numbered_paragraphs(document),
            "may_propose": may_propose,
            "may_view_history": may_view_draft,
            "is_organiser": is_organiser(request.user, edition),
            "my_amendments": my_amendments,
        },
    )


def outcome_docx(request, slug):
    edition = get_visible_edition(request.user, slug)
    document = _document_or_404(edition)
    if not document.is_adopted and not services.can_view_draft(request.user, edition):
        raise Http404(gettext("The outcome document has not yet been adopted."))
    response = HttpResponse(
        render_outcome_docx(document),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    suffix = "" if document.is_adopted else "-draft"
    response["Content-Disposition"] = f'attachment; filename="{edition.slug}-outcome{suffix}.docx"'
    return response


@ratelimit.rate_limited("amendment")
def propose_amendment(request, slug, pk):
    edition = get_visible_edition(request.user, slug)
    document = _document_or_404(edition)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not services.can_propose_amendment(request.user, edition):
        raise PermissionDenied(gettext("Only registered participants may propose amendments."))
    paragraph = get_object_or_404(Paragraph, pk=pk, document=document)
    form = AmendmentForm(request.POST or None, initial={"proposed_text": paragraph.text})
    if request.method == "POST" and form.is_valid():
        try:
            amendment = services.propose_amendment(paragraph, actor=request.user, **form.cleaned_data)
        except (OutcomeError, OutcomeLocked) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                gettext("Amendment %(pk)s to %(paragraph_label)s sent to the secretariat.")
                % {"pk": amendment.pk, "paragraph_label": amendment.paragraph_label},
            )
            return redirect("outcomes:document", slug=slug)
    return render(
        request,
        "outcomes/amend.html",
        {
            "edition": edition,
            "document": document,
            "paragraph": paragraph,
            "label": services.paragraph_label(paragraph),
            "form": form,
        },
    )


def history(request, slug):
    edition = get_visible_edition(request.user, slug)
    document = _document_or_404(edition)
    if not services.can_view_draft(request.user, edition):
        raise PermissionDenied(gettext("The drafting history is open to registered participants and organisers."))
    versions = list(document.versions.select_related("created_by"))
    by_number = {version.number: version for version in versions}
    newest = versions[-1].number if versions else 0
    try:
        to_number = int(request.GET.get("to", newest))
        from_number = int(request.GET.get("from", max(to_number - 1, 1)))
    except ValueError:
        to_number, from_number = newest, max(newest - 1, 1)
    older, newer = by_number.get(from_number), by_number.get(to_number)
    rows = services.diff_versions(older, newer) if older and newer else []
    return render(
        request,
        "outcomes/history.html",
        {
            "edition": edition,
            "document": document,
            "versions": versions,
            "older": older,
            "newer": newer,
            "rows": rows,
            "changed_rows": [row for row in rows if row.change != "equal"],
            "adoptions": services.adoption_history(document),
        },
    )


def _manage_context(edition, document, **forms):
    context = {
        "edition": edition,
        "document": document,
        "create_form": forms.get("create_form") or CreateDocumentForm(),
    }
    if document is not None:
        pending = list(document.amendments.filter(status=AmendmentStatus.PROPOSED).select_related("proposer"))
        for amendment in pending:
            amendment.preview = services.amendment_preview(amendment)
        context.update(
            paragraphs=services.numbered_paragraphs(document),
            heading_form=forms.get("heading_form")
            or HeadingForm(initial={"title": document.title, "subtitle": document.subtitle}),
            paragraph_form=forms.get("paragraph_form") or ParagraphForm(),
            adopt_form=forms.get("adopt_form") or AdoptForm(initial={"adopted_on": edition.end_date}, edition=edition),
            correct_form=forms.get("correct_form")
            or CorrectAdoptionDateForm(initial={"adopted_on": document.adopted_on}, edition=edition),
            pending=pending,
            decided=document.amendments.exclude(status=AmendmentStatus.PROPOSED).select_related(
                "proposer", "decided_by"
            ),
        )
    return context


@secretariat_page
def manage(request, edition):
    """The secretariat's desk: heading, paragraphs, opening and closing, amendments, adoption."""
    document = OutcomeDocument.objects.filter(edition=edition).first()
    forms = {}
    if request.method == "POST":
        step = request.POST.get("step", "")
        try:
            done = _manage_step(request, edition, document, step, forms)
        except (OutcomeError, OutcomeLocked) as error:
            messages.error(request, str(error))
            done = False
        if done:
            return redirect("outcomes:manage", slug=edition.slug)
    return render(request, "outcomes/manage.html", _manage_context(edition, document, **forms))


def _manage_step(request, edition, document, step, forms) -> bool:
    """Apply one organiser step; True when done, False when a form is shown again with what was typed."""
    user = request.user
    if step == "create":
        form = forms["create_form"] = CreateDocumentForm(request.POST)
        if not form.is_valid():
            return False
        services.create_document(edition, actor=user, **form.cleaned_data)
        messages.success(request, gettext("Draft started."))
        return True
    if document is None:
        raise OutcomeError(gettext("Start a draft first."))
    if step == "heading":
        form = forms["heading_form"] = HeadingForm(request.POST)
        if not form.is_valid():
            return False
        services.update_heading(document, actor=user, **form.cleaned_data)
        messages.success(request, gettext("Title saved."))
    elif step == "add":
        form = forms["paragraph_form"] = ParagraphForm(request.POST)
        if not form.is_valid():
            return False
        paragraph = services.add_paragraph(document, actor=user, **form.cleaned_data)
        messages.success(
            request, gettext("%(paragraph_label)s added.") % {"paragraph_label": services.paragraph_label(paragraph)}
        )
    elif step == "open":
        services.open_for_amendments(document, actor=user)
        messages.success(request, gettext("The draft is open for amendments by registered participants."))
    elif step == "close":
        services.close_for_amendments(document, actor=user)
        messages.success(request, gettext("The draft is closed for amendments."))
    elif step == "adopt":
        form = forms["adopt_form"] = AdoptForm(request.POST, edition=edition)
        if not form.is_valid():
            return False
        document = services.adopt(document, actor=user, adopted_on=form.cleaned_data["adopted_on"])
        messages.success(
            request,
            gettext("“%(title)s” %(adoption_line)s. The text is now final.")
            % {"title": document.title, "adoption_line": document.adoption_line},
        )
    elif step == "correct_date":
        form = forms["correct_form"] = CorrectAdoptionDateForm(request.POST, edition=edition)
        if not form.is_valid():
            return False
        document = services.correct_adoption_date(
            document, actor=user, adopted_on=form.cleaned_data["adopted_on"], reason=form.cleaned_data["reason"]
        )
        messages.success(request, _("The date of adoption is corrected: %(line)s.") % {"line": document.adoption_line})
    else:
        raise OutcomeError(gettext("Unknown step."))
    return True


@secretariat_page
def edit_paragraph(request, edition, pk):
    document = _document_or_404(edition)
    paragraph = get_object_or_404(Paragraph, pk=pk, document=document)
    form = ParagraphForm(request.POST or None, initial={"kind": paragraph.kind, "text": paragraph.text})
    if request.method == "POST":
        try:
            if request.POST.get("step") == "delete":
                services.delete_paragraph(paragraph, actor=request.user)
                messages.success(request, gettext("Paragraph deleted."))
                return redirect("outcomes:manage", slug=edition.slug)
            if form.is_valid():
                services.edit_paragraph(paragraph, actor=request.user, **form.cleaned_data)
                messages.success(request, gettext("Paragraph saved."))
                return redirect("outcomes:manage", slug=edition.slug)
        except (OutcomeError, OutcomeLocked) as error:
            form.add_error(None, str(error))
    return render(
        request,
        "outcomes/edit_paragraph.html",
        {
            "edition": edition,
            "document": document,
            "paragraph": paragraph,
            "label": services.paragraph_label(paragraph),
            "form": form,
        },
    )


@require_POST
@secretariat_page
def decide_amendment(request, edition, pk):
    document = _document_or_404(edition)
    amendment = get_object_or_404(Amendment, pk=pk, document=document)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, gettext("Choose to accept or decline the amendment."))
        return redirect("outcomes:manage", slug=edition.slug)
    decide = services.accept_amendment if form.cleaned_data["decision"] == "accept" else services.decline_amendment
    try:
        amendment = decide(amendment, actor=request.user, note=form.cleaned_data["note"])
    except (OutcomeError, OutcomeLocked) as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            gettext("Amendment %(pk)s %(lower)s.")
            % {"pk": amendment.pk, "lower": amendment.get_status_display().lower()},
        )
    return redirect(reverse("outcomes:manage", kwargs={"slug": edition.slug}) + "#amendments")
