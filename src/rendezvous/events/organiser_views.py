"""The organisers' dashboard of an edition: one page that leads to every tool the secretariat uses."""

from django.shortcuts import render

from rendezvous.events import edition_pages
from rendezvous.events.permissions import organiser_page


@organiser_page
def dashboard(request, edition):
    context = {"edition": edition, **edition_pages.parts_of(edition_pages.DASHBOARD, edition)}
    return render(request, "events/organise.html", context)
