"""Organiser pages of the programme. Each is an `organiser_page`: nothing shows before the role is checked."""

from django.shortcuts import render
from django.urls import reverse

from rendezvous.events.permissions import organiser_page

from .timetable import ClashKind, find_clashes


@organiser_page
def timetable_check(request, edition):
    """The timetable's clashes, each with links to the pages where they can be fixed."""
    clashes = find_clashes(edition)
    groups = [
        {"kind": kind, "clashes": [clash for clash in clashes if clash.kind == kind]}
        for kind in ClashKind
        if any(clash.kind == kind for clash in clashes)
    ]
    context = {
        "edition": edition,
        "clashes": clashes,
        "groups": groups,
        "session_count": edition.sessions.count(),
        "sessions_admin_url": reverse("admin:programme_session_changelist") + f"?edition__id__exact={edition.pk}",
        "edition_admin_url": reverse("admin:events_edition_change", args=[edition.pk]),
        # Platform staff keep the admin; organisers fix clashes in the programme editor.
        "use_admin": request.user.has_perm("programme.change_session"),
    }
    return render(request, "programme/organise/timetable_check.html", context)
