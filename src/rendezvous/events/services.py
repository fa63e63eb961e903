"""Business rules for series and editions."""

from django.http import Http404

from rendezvous.core.permissions import is_organiser

from .models import Edition


def get_visible_edition(user, slug: str) -> Edition:
    """The edition the reader may see: published or archived, or any edition for its organisers."""
    try:
        edition = Edition.objects.get(slug=slug)
    except Edition.DoesNotExist:
        raise Http404("No such edition.") from None
    if not edition.is_public and not is_organiser(user, edition):
        raise Http404("No such edition.")
    return edition
