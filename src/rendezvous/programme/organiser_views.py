"""Organiser pages of the programme. Each asks `require_organiser` before showing anything."""

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition

from .timetable import ClashKind, find_clashes


def timetable_check(request, slug):
    """The timetable's clashes, each with links to the admin pages where they can be fixed."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    edition = get_object_or_404(Edition, slug=slug)
    require_organiser(request.user, edition)
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
    }
    return render(request, "programme/organise/timetable_check.html", context)
