"""Pages for taking part: asking to represent an organisation, and deciding on such requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from .. import permissions, services
from ..forms import DecisionForm, NewOrganisationForm, OrganisationSearchForm, RepresentExistingForm
from ..models import RepresentationRequest
from ..services import HubError
from ..services.representation import find_organisations, own_requests, requests_to_decide


@login_required
@require_http_methods(["GET", "POST"])
def represent(request):
    search = OrganisationSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    found = find_organisations(query) if query else []
    existing_form = RepresentExistingForm()
    # Nothing found: what was searched for is probably the new organisation's name.
    new_form = NewOrganisationForm(initial={"name": query} if query and not found else None)
    if request.method == "POST":
        is_new = request.POST.get("action") == "new"
        form = NewOrganisationForm(request.POST) if is_new else RepresentExistingForm(request.POST)
        if form.is_valid():
            try:
                services.request_representation(request.user, **form.cleaned_data)
            except HubError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Your request was sent; you will get an e-mail when it is approved or declined.")
                )
                return redirect("partnerships:represent")
        if is_new:
            new_form = form
        else:
            existing_form = form
    return render(
        request,
        "partnerships/represent.html",
        {
            "search": search,
            "query": query,
            "found": found,
            "represented": permissions.represented_organisations(request.user).order_by("name"),
            "existing_form": existing_form,
            "new_form": new_form,
            "own_requests": own_requests(request.user),
            "to_decide": requests_to_decide(request.user).exists(),
        },
    )


@login_required
@require_http_methods(["GET"])
def representation_requests(request):
    pending = list(requests_to_decide(request.user))
    return render(
        request,
        "partnerships/representation_requests.html",
        {"pending": [(item, DecisionForm(prefix=f"r{item.pk}")) for item in pending]},
    )


@login_required
@require_POST
def decide_representation(request, pk):
    item = get_object_or_404(RepresentationRequest.objects.select_related("organisation", "user"), pk=pk)
    permissions.require_decide_representation(request.user, item)
    form = DecisionForm(request.POST, prefix=f"r{item.pk}")
    if form.is_valid():
        try:
            services.decide_representation(
                item,
                request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
            )
        except HubError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your decision was sent to {person}.").format(person=item.user.email))
    else:
        messages.error(request, _("Choose whether to approve or decline."))
    return redirect("partnerships:representation_requests")
