"""Who may do what with presentation materials: predicates `can_<verb>(user, obj)` and `require_<verb>(user, obj)`.

The services call `require_...` for the person they act for (views, the API and commands all go through them);
views ask the same `can_...` first only to send an anonymous visitor to sign in or to hide a button.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext as _

from rendezvous.core.permissions import is_organiser
from rendezvous.events.participants import is_approved_participant

from .models import Contribution, ContributionSpeaker, Material, MaterialPolicy, MaterialVisibility
from .publication import effective_visibility


def speaker_condition(user) -> Q:
    """A speaker is known by their Person: linked to the account, or carrying the account's e-mail address."""
    condition = Q(person__user=user)
    if user.email:
        condition |= Q(person__email__iexact=user.email.strip())
    return condition


def is_speaker_of(user, contribution: Contribution) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return ContributionSpeaker.objects.filter(speaker_condition(user), contribution=contribution).exists()


def _is_approved_participant(user, edition) -> bool:
    return is_approved_participant(user, edition)


def can_upload(user, contribution: Contribution) -> bool:
    """Organisers for any contribution of their edition; speakers for their own contributions only."""
    return is_organiser(user, contribution.session.edition) or is_speaker_of(user, contribution)


def require_upload(user, contribution: Contribution) -> None:
    if not can_upload(user, contribution):
        raise PermissionDenied(_("Only the edition's organisers and the contribution's speakers may add files to it."))


def can_choose_visibility(user, edition) -> bool:
    """Who sees a file beyond the edition's policy is the organisers' decision."""
    return is_organiser(user, edition)


def require_choose_visibility(user, edition) -> None:
    if not can_choose_visibility(user, edition):
        raise PermissionDenied(_("Only organisers may choose who sees a file."))


def can_set_policy(user, edition) -> bool:
    return is_organiser(user, edition)


def require_set_policy(user, edition) -> None:
    if not can_set_policy(user, edition):
        raise PermissionDenied(_("Only organisers may change the publication policy."))


def can_download(user, material: Material, *, policy: MaterialPolicy, now=None) -> bool:
    """Public files for anyone; participants' files for approved registrants; the rest for organisers.

    A contribution's own speakers may always fetch its files (they uploaded them, or need to check them).
    """
    visibility = effective_visibility(material, policy=policy, now=now)
    if visibility == MaterialVisibility.PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    edition = material.contribution.session.edition
    if is_organiser(user, edition) or is_speaker_of(user, material.contribution):
        return True
    return visibility == MaterialVisibility.PARTICIPANTS and _is_approved_participant(user, edition)


def require_download(user, material: Material, *, policy: MaterialPolicy, now=None) -> None:
    if not can_download(user, material, policy=policy, now=now):
        raise PermissionDenied(_("This file is not available to you."))


def can_delete(user, material: Material) -> bool:
    """Organisers may remove any file; a speaker only a file they uploaded to their own contribution."""
    if is_organiser(user, material.contribution.session.edition):
        return True
    return material.uploaded_by_id == getattr(user, "pk", None) and is_speaker_of(user, material.contribution)


def require_delete(user, material: Material) -> None:
    if not can_delete(user, material):
        raise PermissionDenied(_("Only organisers, or the speaker who uploaded it, may remove this file."))


def can_edit_programme(user, edition) -> bool:
    """The programme (sessions, contributions, chairs, speakers) is edited by the edition's organisers only."""
    return is_organiser(user, edition)


def require_edit_programme(user, edition) -> None:
    if not can_edit_programme(user, edition):
        raise PermissionDenied(_("Only the edition's organisers may change its programme."))
