"""The organisers' dashboard of an edition: one page that leads to every tool the secretariat uses."""

from django.shortcuts import render

from rendezvous.events.permissions import organiser_page
from rendezvous.events.services import organiser_overview


@organiser_page
def dashboard(request, edition):
    return render(request, "events/organise.html", {"edition": edition, **organiser_overview(edition)})
