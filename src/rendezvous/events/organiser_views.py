"""The organisers' dashboard of an edition: one page that leads to every tool the secretariat uses."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from rendezvous.core.permissions import require_organiser
from rendezvous.events.services import get_visible_edition, organiser_overview


def dashboard(request, slug):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    edition = get_visible_edition(request.user, slug)
    require_organiser(request.user, edition)
    return render(request, "events/organise.html", {"edition": edition, **organiser_overview(edition)})
