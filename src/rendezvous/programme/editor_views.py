"""The programme editor's pages: thin callers of editing.py, each an `organiser_page` of its edition."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from rendezvous.core.models import Organisation, Person
from rendezvous.events.permissions import organiser_page

from . import editing
from .editor_forms import (
    ContributionForm,
    NewOrganisationForm,
    NewPersonForm,
    PickForm,
    SearchForm,
    SessionForm,
)
from .models import Contribution, ContributionSpeaker, Session, SessionChair


def _session(edition, session_id) -> Session:
    return get_object_or_404(Session.objects.select_related("room__venue", "edition"), edition=edition, pk=session_id)


def _contribution(edition, contribution_id) -> Contribution:
    return get_object_or_404(
        Contribution.objects.select_related("session__edition"), session__edition=edition, pk=contribution_id
    )


def _report(request, saved: editing.Saved, done: str) -> None:
    """Say what was done, and what the timetable check finds about this change, at once."""
    messages.success(request, done)
    if saved.findings:
        messages.warning(
            request,
            ngettext(
                "The timetable check finds %(count)d problem with this session: see below.",
                "The timetable check finds %(count)d problems with this session: see below.",
                len(saved.findings),
            )
            % {"count": len(saved.findings)},
        )


def _apply_error(form, error: editing.ProgrammeEditError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# --- The programme -----------------------------------------------------------------------------------------------


@organiser_page
def index(request, edition):
    sessions = list(editing.sessions_of(edition))
    clashes = editing.find_clashes(edition)
    flagged = {session.pk for clash in clashes for session in clash.sessions}
    for session in sessions:
        session.has_findings = session.pk in flagged
    context = {"edition": edition, "sessions": sessions, "clash_count": len(clashes)}
    return render(request, "programme/editor/index.html", context)


# --- Sessions ----------------------------------------------------------------------------------------------------


@organiser_page
@require_http_methods(["GET", "POST"])
def new_session(request, edition):
    form = SessionForm(request.POST or None, edition=edition)
    if request.method == "POST" and form.is_valid():
        try:
            saved = editing.create_session(request.user, edition, **form.cleaned_data)
        except editing.ProgrammeEditError as error:
            _apply_error(form, error)
        else:
            _report(request, saved, _("The session is saved."))
            return redirect("programme:edit_session", slug=edition.slug, session_id=saved.obj.pk)
    return render(request, "programme/editor/session_form.html", {"edition": edition, "form": form, "session": None})


@organiser_page
@require_http_methods(["GET", "POST"])
def edit_session(request, edition, session_id):
    session = _session(edition, session_id)
    if request.method == "POST":
        form = SessionForm(request.POST, edition=edition)
        if form.is_valid():
            try:
                saved = editing.update_session(request.user, session, **form.cleaned_data)
            except editing.ProgrammeEditError as error:
                _apply_error(form, error)
                session.refresh_from_db()
            else:
                _report(request, saved, _("The session is saved."))
                return redirect("programme:edit_session", slug=edition.slug, session_id=session.pk)
    else:
        form = SessionForm(initial=SessionForm.initial_from(session), edition=edition)
    context = {
        "edition": edition,
        "form": form,
        "session": session,
        "findings": editing.findings_for(session),
        "chairs": session.chairs.select_related("person__organisation", "organisation"),
        "contributions": session.contributions.prefetch_related("speakers__person", "speakers__organisation").order_by(
            "order", "id"
        ),
        **_picker(request, edition),
        "add_url": reverse("programme:add_chair", kwargs={"slug": edition.slug, "session_id": session.pk}),
        "pick_label": _("Add as chair"),
    }
    return render(request, "programme/editor/session_form.html", context)


@organiser_page
@require_http_methods(["GET", "POST"])
def delete_session(request, edition, session_id):
    session = _session(edition, session_id)
    if request.method == "POST":
        editing.delete_session(request.user, session)
        messages.success(request, _("The session “%(title)s” is deleted.") % {"title": session.shown_title})
        return redirect("programme:organise_programme", slug=edition.slug)
    return render(request, "programme/editor/confirm_delete.html", {"edition": edition, "target": session})


# --- Chairs and speakers -----------------------------------------------------------------------------------------


def _picker(request, edition) -> dict:
    """The search box and its results, and the forms to create someone when the search finds nobody."""
    search = SearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    organisations = editing.find_organisations(query) if query else []
    person_form = NewPersonForm(prefix="person")
    person_form.fields["organisation"].widget.choices = [("", _("None, or not in the list"))] + [
        (organisation.pk, str(organisation)) for organisation in organisations
    ]
    return {
        "search": search,
        "query": query,
        "found_people": editing.find_people(query) if query else [],
        "found_organisations": organisations,
        "person_form": person_form,
        "organisation_form": NewOrganisationForm(prefix="organisation", initial={"name": query}),
    }


def _someone(request, edition) -> tuple[Person | None, Organisation | None, str]:
    """Who the organiser picked or created, from the POST of a picker; raises ProgrammeEditError if nothing fits."""
    create = request.POST.get("create", "")
    if create == "person":
        form = NewPersonForm(request.POST, prefix="person")
        if not form.is_valid():
            raise editing.ProgrammeEditError(_first_error(form))
        data = form.cleaned_data
        organisation = None
        if data["organisation"]:
            organisation = Organisation.objects.filter(pk=data["organisation"]).first()
            if organisation is None:
                raise editing.ProgrammeEditError(_("That organisation no longer exists: search again."))
        person = editing.create_person(
            request.user,
            edition,
            given_name=data["given_name"],
            family_name=data["family_name"],
            title=data["title"],
            organisation=organisation,
            position=data["position"],
            namesake_confirmed=data["namesake_confirmed"],
        )
        return person, None, data["position"]
    if create == "organisation":
        form = NewOrganisationForm(request.POST, prefix="organisation")
        if not form.is_valid():
            raise editing.ProgrammeEditError(_first_error(form))
        return None, editing.create_organisation(request.user, edition, **form.cleaned_data), ""
    form = PickForm(request.POST)
    if not form.is_valid():
        raise editing.ProgrammeEditError(_first_error(form))
    data = form.cleaned_data
    person = Person.objects.filter(pk=data["person"]).first() if data["person"] else None
    organisation = Organisation.objects.filter(pk=data["organisation"]).first() if data["organisation"] else None
    if (data["person"] and person is None) or (data["organisation"] and organisation is None):
        raise editing.ProgrammeEditError(_("That record no longer exists: search again."))
    return person, organisation, data["position"]


def _first_error(form) -> str:
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        return f"{label}: {errors[0]}" if label else errors[0]
    return _("Check the form.")


@organiser_page
@require_POST
def add_chair(request, edition, session_id):
    session = _session(edition, session_id)
    try:
        person, organisation, _position = _someone(request, edition)
        saved = editing.add_chair(request.user, session, person=person, organisation=organisation)
    except editing.ProgrammeEditError as error:
        messages.error(request, error.message)
    else:
        _report(request, saved, _("The chair is added."))
    return redirect("programme:edit_session", slug=edition.slug, session_id=session.pk)


@organiser_page
@require_POST
def remove_chair(request, edition, session_id, chair_id):
    chair = get_object_or_404(SessionChair, session__edition=edition, session_id=session_id, pk=chair_id)
    editing.remove_chair(request.user, chair)
    messages.success(request, _("%(name)s no longer chairs this session.") % {"name": chair})
    return redirect("programme:edit_session", slug=edition.slug, session_id=session_id)


@organiser_page
@require_POST
def add_speaker(request, edition, contribution_id):
    contribution = _contribution(edition, contribution_id)
    try:
        person, organisation, position = _someone(request, edition)
        saved = editing.add_speaker(
            request.user, contribution, person=person, organisation=organisation, position=position
        )
    except editing.ProgrammeEditError as error:
        messages.error(request, error.message)
    else:
        _report(request, saved, _("The speaker is added."))
    return redirect("programme:edit_contribution", slug=edition.slug, contribution_id=contribution.pk)


@organiser_page
@require_POST
def remove_speaker(request, edition, contribution_id, speaker_id):
    speaker = get_object_or_404(
        ContributionSpeaker,
        contribution__session__edition=edition,
        contribution_id=contribution_id,
        pk=speaker_id,
    )
    editing.remove_speaker(request.user, speaker)
    messages.success(request, _("%(name)s no longer speaks in this contribution.") % {"name": speaker})
    return redirect("programme:edit_contribution", slug=edition.slug, contribution_id=contribution_id)


# --- Contributions -----------------------------------------------------------------------------------------------


@organiser_page
@require_http_methods(["GET", "POST"])
def new_contribution(request, edition, session_id):
    session = _session(edition, session_id)
    form = ContributionForm(request.POST or None, edition=edition, initial={"session": session.pk})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        target = data.pop("session")
        try:
            saved = editing.create_contribution(request.user, target, **data)
        except editing.ProgrammeEditError as error:
            _apply_error(form, error)
        else:
            _report(request, saved, _("The contribution is saved."))
            return redirect("programme:edit_contribution", slug=edition.slug, contribution_id=saved.obj.pk)
    context = {"edition": edition, "form": form, "session": session, "contribution": None}
    return render(request, "programme/editor/contribution_form.html", context)


@organiser_page
@require_http_methods(["GET", "POST"])
def edit_contribution(request, edition, contribution_id):
    contribution = _contribution(edition, contribution_id)
    if request.method == "POST":
        form = ContributionForm(request.POST, edition=edition)
        if form.is_valid():
            try:
                saved = editing.update_contribution(request.user, contribution, **form.cleaned_data)
            except editing.ProgrammeEditError as error:
                _apply_error(form, error)
                contribution.refresh_from_db()
            else:
                _report(request, saved, _("The contribution is saved."))
                return redirect("programme:edit_contribution", slug=edition.slug, contribution_id=contribution.pk)
    else:
        form = ContributionForm(
            edition=edition,
            initial={
                "session": contribution.session_id,
                "kind": contribution.kind,
                "delivery": contribution.delivery,
                "title": contribution.title,
                "abstract": contribution.abstract,
                "order": contribution.order,
            },
        )
    context = {
        "edition": edition,
        "form": form,
        "session": contribution.session,
        "contribution": contribution,
        "findings": editing.findings_for(contribution.session),
        "speakers": contribution.speakers.select_related("person", "organisation"),
        **_picker(request, edition),
        "add_url": reverse("programme:add_speaker", kwargs={"slug": edition.slug, "contribution_id": contribution.pk}),
        "pick_label": _("Add as speaker"),
        "ask_position": True,
    }
    return render(request, "programme/editor/contribution_form.html", context)


@organiser_page
@require_POST
def move_contribution(request, edition, contribution_id):
    contribution = _contribution(edition, contribution_id)
    editing.move_contribution(request.user, contribution, up=request.POST.get("direction") == "up")
    return redirect("programme:edit_session", slug=edition.slug, session_id=contribution.session_id)


@organiser_page
@require_http_methods(["GET", "POST"])
def delete_contribution(request, edition, contribution_id):
    contribution = _contribution(edition, contribution_id)
    if request.method == "POST":
        editing.delete_contribution(request.user, contribution)
        messages.success(request, _("The contribution “%(title)s” is deleted.") % {"title": contribution.title})
        return redirect("programme:edit_session", slug=edition.slug, session_id=contribution.session_id)
    return render(request, "programme/editor/confirm_delete.html", {"edition": edition, "target": contribution})
