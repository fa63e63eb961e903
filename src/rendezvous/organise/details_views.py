"""Organiser pages for the edition's own record: details, venues and rooms, organising bodies (rules in details.py).

A refused change is shown on the page with its reason (status 400), never as a server error.
"""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rendezvous.events.permissions import organiser_page
from rendezvous.programme.editing import find_organisations

from . import details
from .forms import (
    AddOrganisingBodyForm,
    EditionDetailsForm,
    OrganisationSearchForm,
    OrganisingBodyForm,
    RoomForm,
    VenueForm,
)


@organiser_page
def details_page(request, edition):
    # The form edits a detached copy, so a refused change never touches the edition the service loads.
    form = EditionDetailsForm(
        request.POST if request.method == "POST" else None,
        instance=type(edition).objects.get(pk=edition.pk),
    )
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in details.DETAIL_FIELDS if name in form.cleaned_data}
        try:
            changed = details.update_details(edition, changes, actor=request.user)
        except details.DetailsError as error:
            form.add_error(None, str(error))
        else:
            if changed:
                messages.success(request, _("The edition's details are saved."))
            else:
                messages.info(request, _("Nothing was changed."))
            return redirect("organise:details", edition.slug)
    status = 400 if form.errors else 200
    context = {"edition": edition, "form": form, "current": "details"}
    return render(request, "organise/details.html", context, status=status)


# --- Venues and rooms ----------------------------------------------------------------------------------------------


def _venue_form(venue, data=None):
    initial = {"name": venue.name, "address": venue.address, "city": venue.city, "country": venue.country.code or ""}
    return VenueForm(data, initial=initial, prefix=f"venue-{venue.pk}")


def _room_form(room, data=None):
    return RoomForm(data, initial={"name": room.name, "capacity": room.capacity}, prefix=f"room-{room.pk}")


def _venues_page(request, edition, *, bound=None, error="", status=200):
    """The page, with `bound` (a form the organiser just sent, keyed like the page's forms) shown with its errors."""
    bound = bound or {}
    venues = []
    for venue in details.venues_of(edition):
        rooms = [
            {"room": room, "form": bound.get(f"room-{room.pk}") or _room_form(room), "used": len(room.sessions.all())}
            for room in venue.rooms.all()
        ]
        venues.append(
            {
                "venue": venue,
                "form": bound.get(f"venue-{venue.pk}") or _venue_form(venue),
                "new_room": bound.get(f"new-room-{venue.pk}") or RoomForm(prefix=f"new-room-{venue.pk}"),
                "rooms": rooms,
            }
        )
    if error:
        messages.error(request, error)
    context = {
        "edition": edition,
        "venues": venues,
        "new_venue": bound.get("new-venue") or VenueForm(prefix="new-venue"),
        "current": "venues",
    }
    return render(request, "organise/venues.html", context, status=status)


def _done(request, edition, text):
    messages.success(request, text)
    return redirect("organise:venues", edition.slug)


@organiser_page
def venues_page(request, edition):
    if request.method != "POST":
        return _venues_page(request, edition)
    form = VenueForm(request.POST, prefix="new-venue")
    if form.is_valid():
        try:
            venue = details.add_venue(edition, actor=request.user, **form.cleaned_data)
        except details.DetailsError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, edition, _("Venue %(name)s added.") % {"name": venue.name})
    return _venues_page(request, edition, bound={"new-venue": form}, status=400)


@require_POST
@organiser_page
def change_venue(request, edition, pk):
    form = VenueForm(request.POST, prefix=f"venue-{pk}")
    if form.is_valid():
        try:
            venue = details.change_venue(edition, pk, actor=request.user, **form.cleaned_data)
        except details.DetailsError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, edition, _("Venue %(name)s saved.") % {"name": venue.name})
    return _venues_page(request, edition, bound={f"venue-{pk}": form}, status=400)


@require_POST
@organiser_page
def delete_venue(request, edition, pk):
    try:
        details.delete_venue(edition, pk, actor=request.user)
    except details.DetailsError as error:
        return _venues_page(request, edition, error=str(error), status=400)
    return _done(request, edition, _("Venue deleted."))


@require_POST
@organiser_page
def add_room(request, edition, pk):
    form = RoomForm(request.POST, prefix=f"new-room-{pk}")
    if form.is_valid():
        try:
            room = details.add_room(edition, pk, actor=request.user, **form.cleaned_data)
        except details.DetailsError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, edition, _("Room %(name)s added.") % {"name": room.name})
    return _venues_page(request, edition, bound={f"new-room-{pk}": form}, status=400)


@require_POST
@organiser_page
def change_room(request, edition, pk):
    form = RoomForm(request.POST, prefix=f"room-{pk}")
    if form.is_valid():
        try:
            room = details.change_room(edition, pk, actor=request.user, **form.cleaned_data)
        except details.DetailsError as error:
            form.add_error(None, str(error))
        else:
            return _done(request, edition, _("Room %(name)s saved.") % {"name": room.name})
    return _venues_page(request, edition, bound={f"room-{pk}": form}, status=400)


@require_POST
@organiser_page
def delete_room(request, edition, pk):
    try:
        details.delete_room(edition, pk, actor=request.user)
    except details.DetailsError as error:
        return _venues_page(request, edition, error=str(error), status=400)
    return _done(request, edition, _("Room deleted."))


# --- Organising bodies ---------------------------------------------------------------------------------------------


def _bodies_page(request, edition, *, bound=None, error="", status=200):
    bound = bound or {}
    search = OrganisationSearchForm(request.GET or None)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    listed = list(details.organising_bodies(edition))
    listed_ids = {link.organisation_id for link in listed}
    found = [
        {
            "organisation": organisation,
            "form": AddOrganisingBodyForm(
                initial={"organisation": organisation.pk, "order": len(listed)}, auto_id=f"id_add_{organisation.pk}_%s"
            ),
        }
        for organisation in (find_organisations(query) if query else [])
        if organisation.pk not in listed_ids
    ]
    links = [
        {
            "link": link,
            "form": bound.get(f"body-{link.pk}")
            or OrganisingBodyForm(initial={"role": link.role, "order": link.order}, prefix=f"body-{link.pk}"),
        }
        for link in listed
    ]
    if error:
        messages.error(request, error)
    context = {
        "edition": edition,
        "links": links,
        "search": search,
        "query": query,
        "found": found,
        "current": "bodies",
    }
    return render(request, "organise/bodies.html", context, status=status)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return f"{errors[0]}"
    return _("The form is not valid.")


def _bodies_done(request, edition, text):
    messages.success(request, text)
    return redirect("organise:bodies", edition.slug)


@organiser_page
def bodies_page(request, edition):
    if request.method != "POST":
        return _bodies_page(request, edition)
    form = AddOrganisingBodyForm(request.POST)
    if not form.is_valid():
        return _bodies_page(request, edition, error=_first_error(form), status=400)
    data = form.cleaned_data
    try:
        link = details.add_organising_body(
            edition, data["organisation"], actor=request.user, role=data["role"], order=data["order"]
        )
    except details.DetailsError as error:
        return _bodies_page(request, edition, error=str(error), status=400)
    return _bodies_done(request, edition, _("%(name)s added.") % {"name": link.organisation})


@require_POST
@organiser_page
def change_body(request, edition, pk):
    form = OrganisingBodyForm(request.POST, prefix=f"body-{pk}")
    if form.is_valid():
        try:
            link = details.change_organising_body(edition, pk, actor=request.user, **form.cleaned_data)
        except details.DetailsError as error:
            return _bodies_page(request, edition, error=str(error), status=400)
        return _bodies_done(request, edition, _("%(name)s saved.") % {"name": link.organisation})
    return _bodies_page(request, edition, bound={f"body-{pk}": form}, status=400)


@require_POST
@organiser_page
def remove_body(request, edition, pk):
    try:
        details.remove_organising_body(edition, pk, actor=request.user)
    except details.DetailsError as error:
        return _bodies_page(request, edition, error=str(error), status=400)
    return _bodies_done(request, edition, _("Organising body removed."))
