"""Public pages of the series and their editions."""

from django.shortcuts import render

from rendezvous.core.permissions import is_organiser
from rendezvous.events import edition_pages, services
from rendezvous.events.models import EditionOrganiserRole


def home(request):
    return render(request, "events/home.html", {"series_list": services.public_editions_by_series()})


def edition(request, slug):
    edition = services.get_visible_edition(request.user, slug)
    organiser_links = list(edition.organiser_links.select_related("organisation"))
    lead_roles = {EditionOrganiserRole.ORGANISER, EditionOrganiserRole.HOST}
    context = {
        "edition": edition,
        "date_label": services.date_range_label(edition.start_date, edition.end_date),
        "zone_label": services.zone_label(edition),
        "format_label": services.format_label(edition),
        "organisers": [link for link in organiser_links if link.role in lead_roles],
        "co_organisers": [link for link in organiser_links if link.role == EditionOrganiserRole.CO_ORGANISER],
        "supporters": [link for link in organiser_links if link.role == EditionOrganiserRole.SUPPORTER],
        "venues": list(edition.venues.all()),
        "register_url": f"{edition.get_absolute_url()}register/",
        "is_organiser": is_organiser(request.user, edition),
        **edition_pages.parts_of(edition_pages.EDITION_PAGE, edition),
    }
    return render(request, "events/edition.html", context)
