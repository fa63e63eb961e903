"""Presentation materials: downloads, the public index, the organisers' page and the speakers' page.

Thin: who may upload or see what is in permissions, when a file becomes public in publication, what a file is and
every change in material_services.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext, gettext_lazy
from django.views.decorators.http import require_http_methods

from rendezvous.core.permissions import is_organiser
from rendezvous.events.permissions import organiser_page
from rendezvous.events.services import date_range_label, get_visible_edition

from . import material_services, materials, permissions, publication
from .models import Contribution, Material, MaterialKind, MaterialVisibility

# Served files never run as a page of this site: no scripts, no plugins, no loads, whatever their content.
SANDBOX = "sandbox; default-src 'none'"
FOLLOW_POLICY = "policy"


def download(request, slug, material_uuid):
    """Stream one file through the storage API, if the reader may see it now."""
    edition = get_visible_edition(request.user, slug)
    material = get_object_or_404(
        Material.objects.select_related("contribution__session"),
        uuid=material_uuid,
        contribution__session__edition=edition,
    )
    material.contribution.session.edition = edition  # the edition it was found in, without another query
    policy = publication.policy_for(edition)
    if not request.user.is_authenticated and not permissions.can_download(request.user, material, policy=policy):
        return redirect_to_login(request.get_full_path())
    permissions.require_download(request.user, material, policy=policy)
    public = publication.effective_visibility(material, policy=policy) == MaterialVisibility.PUBLIC
    try:
        handle = material.file.open("rb")
    except FileNotFoundError:
        raise Http404(gettext("The file is missing from the storage.")) from None
    # Only PDF may open in the browser's own viewer; anything else is a download, never a page.
    response = FileResponse(
        handle,
        content_type=material.content_type,
        as_attachment=material.content_type != materials.PDF,
        filename=material.original_filename,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response["Cache-Control"] = "public, max-age=300" if public else "private, no-store"
    return response


def index(request, slug):
    """Public files of the edition by session, filtered by session, speaker or organisation."""
    edition = get_visible_edition(request.user, slug)
    filters = material_services.IndexFilters(
        session=request.GET.get("session", "")[:80],
        speaker=request.GET.get("speaker", "")[:20],
        organisation=request.GET.get("organisation", "")[:20],
    )
    found = material_services.materials_index(edition, filters)
    return render(
        request,
        "programme/materials/index.html",
        {
            "edition": edition,
            "date_label": date_range_label(edition.start_date, edition.end_date),
            "index": found,
            "filters": filters,
            "filtered": bool(filters.session or filters.speaker or filters.organisation),
        },
    )


# --- Uploads -------------------------------------------------------------------------------------------------


class UploadForm(forms.Form):
    kind = forms.ChoiceField(choices=MaterialKind.choices, label=gettext_lazy("What it is"))
    title = forms.CharField(max_length=300, required=False, label=gettext_lazy("Title (optional)"))
    file = forms.FileField(
        label=gettext_lazy("File"), help_text=gettext_lazy("Slides: PDF or PPTX. Paper: PDF. Video: MP4.")
    )


class OrganiserUploadForm(UploadForm):
    contribution = forms.ModelChoiceField(queryset=Contribution.objects.none(), label=gettext_lazy("Contribution"))
    visibility = forms.ChoiceField(
        choices=[(FOLLOW_POLICY, gettext_lazy("Follow the edition's policy")), *MaterialVisibility.choices],
        initial=FOLLOW_POLICY,
        label=gettext_lazy("Who may see it"),
    )

    field_order = ["contribution", "kind", "title", "file", "visibility"]

    def __init__(self, *args, edition, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contribution"].queryset = (
            Contribution.objects.filter(session__edition=edition)
            .select_related("session")
            .order_by("session__start", "order", "id")
        )
        self.fields["contribution"].label_from_instance = lambda c: f"{c.session.shown_title} — {c.title}"


class PolicyForm(forms.Form):
    publish_slides_after_session = forms.BooleanField(
        required=False, label=gettext_lazy("Publish slides and papers once their session has ended")
    )
    publish_videos = forms.BooleanField(
        required=False, label=gettext_lazy("Publish pre-recorded videos once their session has ended")
    )


def _override(value: str) -> str | None:
    return None if value in ("", FOLLOW_POLICY) else value


def _store(request, form, contribution, *, visibility=None) -> bool:
    """Hand a valid form's file to the services; a refusal becomes a form error, so nothing typed is lost."""
    try:
        material_services.add_material(
            contribution,
            form.cleaned_data["file"],
            kind=form.cleaned_data["kind"],
            title=form.cleaned_data["title"],
            actor=request.user,
            visibility_override=visibility,
        )
    except material_services.MaterialError as error:
        form.add_error("file", f"{error} Please choose the file again.")
        return False
    messages.success(
        request,
        gettext("“%(name)s” was added to “%(title)s”.")
        % {"name": form.cleaned_data["file"].name, "title": contribution.title},
    )
    return True


@require_http_methods(["GET", "POST"])
@organiser_page
def organise(request, edition):
    """Every file of the edition with who sees it now; upload, override, remove; the edition's policy."""
    here = reverse("programme:organise_materials", kwargs={"slug": edition.slug})
    policy = publication.policy_for(edition)
    upload_form = OrganiserUploadForm(edition=edition)
    policy_form = PolicyForm(
        initial={
            "publish_slides_after_session": policy.publish_slides_after_session,
            "publish_videos": policy.publish_videos,
        }
    )
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "upload":
            upload_form = OrganiserUploadForm(request.POST, request.FILES, edition=edition)
            if upload_form.is_valid():
                visibility = _override(upload_form.cleaned_data["visibility"])
                if _store(request, upload_form, upload_form.cleaned_data["contribution"], visibility=visibility):
                    return redirect(here)
        elif action == "policy":
            policy_form = PolicyForm(request.POST)
            if policy_form.is_valid():
                material_services.set_policy(edition, actor=request.user, **policy_form.cleaned_data)
                messages.success(request, gettext("The publication policy was saved."))
                return redirect(here)
        elif action in ("visibility", "delete"):
            material = get_object_or_404(
                Material.objects.select_related("contribution__session__edition"),
                uuid=request.POST.get("material"),
                contribution__session__edition=edition,
            )
            if action == "delete":
                material_services.delete_material(material, actor=request.user)
                messages.success(
                    request, gettext("“%(display_title)s” was removed.") % {"display_title": material.display_title}
                )
            else:
                choice = request.POST.get("visibility", FOLLOW_POLICY)
                if choice not in (FOLLOW_POLICY, *MaterialVisibility.values):
                    messages.error(request, gettext("Choose who may see the file."))
                else:
                    material_services.set_visibility_override(material, _override(choice), actor=request.user)
                    messages.success(
                        request,
                        gettext("Visibility of “%(display_title)s” saved.") % {"display_title": material.display_title},
                    )
            return redirect(here)
    listed = list(
        Material.objects.filter(contribution__session__edition=edition)
        .select_related("contribution__session", "uploaded_by")
        .order_by("contribution__session__start", "contribution__order", "contribution_id", "uploaded_at", "id")
    )
    for material in listed:
        material.effective = publication.effective_visibility(material, policy=policy)
        material.effective_label = MaterialVisibility(material.effective).label
    return render(
        request,
        "programme/materials/organise.html",
        {
            "edition": edition,
            "materials": listed,
            "upload_form": upload_form,
            "policy_form": policy_form,
            "visibility_choices": [(FOLLOW_POLICY, gettext("Edition policy")), *MaterialVisibility.choices],
            "follow_policy": FOLLOW_POLICY,
        },
    )


@require_http_methods(["GET", "POST"])
def my_materials(request, slug):
    """A speaker's own contributions, with their files and an upload form for each."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    edition = get_visible_edition(request.user, slug)
    here = reverse("programme:my_materials", kwargs={"slug": slug})
    contributions = list(material_services.contributions_of_speaker(request.user, edition))
    failed_form, failed_for = None, None
    if request.method == "POST":
        contribution = next((c for c in contributions if str(c.uuid) == request.POST.get("contribution")), None)
        if contribution is None:
            raise PermissionDenied(gettext("You may add files to your own contributions only."))
        contribution.session.edition = edition
        action = request.POST.get("action", "upload")
        if action == "delete":
            material = get_object_or_404(contribution.materials.all(), uuid=request.POST.get("material"))
            material.contribution = contribution
            material_services.delete_material(material, actor=request.user)
            messages.success(
                request, gettext("“%(display_title)s” was removed.") % {"display_title": material.display_title}
            )
            return redirect(here)
        form = UploadForm(request.POST, request.FILES, auto_id=f"id_{contribution.pk}_%s")
        if form.is_valid() and _store(request, form, contribution):
            return redirect(here)
        failed_form, failed_for = form, contribution.pk
    policy = publication.policy_for(edition)
    for contribution in contributions:
        contribution.session.edition = edition
        # One form per contribution on the page: distinct ids, the same field names.
        auto_id = f"id_{contribution.pk}_%s"
        contribution.form = failed_form if contribution.pk == failed_for else UploadForm(auto_id=auto_id)
        for material in contribution.materials.all():
            material.contribution = contribution
            material.effective_label = MaterialVisibility(
                publication.effective_visibility(material, policy=policy)
            ).label
            material.removable = material.uploaded_by_id == request.user.pk
    return render(
        request,
        "programme/materials/mine.html",
        {"edition": edition, "contributions": contributions, "is_organiser": is_organiser(request.user, edition)},
    )
