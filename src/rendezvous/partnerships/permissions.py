"""Who may do what on the partnership hub: one answer for services, views, templates and the API.

`can_<verb>(user, obj) -> bool` answers the question (a view uses it to hide a button); `require_<verb>(user, obj)`
raises PermissionDenied with a reason in plain words. Services that act for a person call `require_...` themselves,
so every door (page, API, command) applies the same rule.

Who may do what in connecting stakeholders (issue 6, item 5):
- following a programme or a call needs a signed-in user, nothing more: it only tells the person about deadlines;
- the owner sees a follower only if the follower ticked the consent box, and never their e-mail address;
- posting on the partners-wanted board needs an approved registration in any edition (someone the secretariat has
  accepted as a participant) or being an organisation's representative on the hub; anyone signed in may answer a
  post through the relay, which keeps every address off the pages.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from rendezvous.core.models import Organisation
from rendezvous.registration.models import Registration

from .models import Application, BoardPost, Call, CallRole, OrganisationMember

# --- who is who ---


def is_signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and user.is_active


def represented_organisations(user):
    """Organisations `user` may act for on the hub."""
    if not is_signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(hub_members__user=user).distinct()


def is_representative(user, organisation) -> bool:
    return is_signed_in(user) and OrganisationMember.objects.filter(user=user, organisation=organisation).exists()


def managed_publishers(user):
    """The organisations publishing calls on the hub that `user` manages there: a publisher's representatives are its
    hub managers (they already decide who joins them), and they alone register its webhook endpoints."""
    return represented_organisations(user).filter(hub_calls__isnull=False).distinct()


def has_call_role(user, call: Call, *roles: str) -> bool:
    """Whether `user` is on the call's team (in one of `roles`, or in any role if none is given)."""
    if not is_signed_in(user):
        return False
    if user.is_superuser:
        return True
    return call.team.filter(user=user, role__in=roles or CallRole.values).exists()


def is_reviewer(user, call: Call) -> bool:
    return has_call_role(user, call, CallRole.REVIEWER)


def is_selecting_officer(user, call: Call) -> bool:
    return has_call_role(user, call, CallRole.SELECTING_OFFICER)


def owning_organisations(user, programme):
    """The owners of `programme` that `user` represents (empty for anyone else)."""
    return represented_organisations(user).filter(pk__in=programme.owners.values("pk")).order_by("name")


def approved_registration(user):
    """The person's most recent approved registration in any edition, matched by e-mail; None if there is none."""
    if not is_signed_in(user):
        return None
    return (
        Registration.objects.approved()
        .filter(email__iexact=user.email)
        .select_related("organisation")
        .order_by("-created_at", "-id")
        .first()
    )


# --- calls and applications ---


def can_apply(user, call: Call) -> bool:
    """Whether `user` may apply to `call` for some organisation (the stage's deadline is checked separately)."""
    return represented_organisations(user).exists()


def require_apply(user, call: Call) -> None:
    if not can_apply(user, call):
        raise PermissionDenied(
            _(
                "Only representatives of an organisation may apply. Ask to represent your organisation on the hub "
                "(Partnership hub › My hub › Represent an organisation); once it is approved, you can apply."
            )
        )


def can_apply_for(user, organisation) -> bool:
    return is_representative(user, organisation)


def require_apply_for(user, organisation) -> None:
    if not can_apply_for(user, organisation):
        raise PermissionDenied(_("Only a representative of the organisation may apply on its behalf."))


def can_view_application(user, application: Application) -> bool:
    """Only the applicant organisation's representatives and the call's team; never another applicant."""
    return is_representative(user, application.organisation) or has_call_role(user, application.call)


def require_view_application(user, application: Application) -> None:
    if not can_view_application(user, application):
        raise PermissionDenied(_("Only the applicant organisation and the call's reviewers may see this application."))


def can_edit_application(user, application: Application) -> bool:
    """Only the applicant organisation's representatives (the deadline and the status are the services' rules)."""
    return is_representative(user, application.organisation)


def require_edit_application(user, application: Application) -> None:
    if not can_edit_application(user, application):
        raise PermissionDenied(_("Only a representative of the applicant organisation may edit this application."))


def can_see_all_applications(user, call: Call) -> bool:
    """The call's team sees every application and its reviews; an applicant sees only their own."""
    return has_call_role(user, call)


def can_review(user, call: Call) -> bool:
    return is_reviewer(user, call)


def require_review(user, call: Call) -> None:
    if not can_review(user, call):
        raise PermissionDenied(_("Only the call's reviewers may score its applications."))


def can_select(user, call: Call) -> bool:
    """Selecting applications and publishing the results are the selecting officer's."""
    return is_selecting_officer(user, call)


def require_select(user, call: Call) -> None:
    if not can_select(user, call):
        raise PermissionDenied(_("Only the call's selecting officer may select applications."))


def require_publish_results(user, call: Call) -> None:
    if not can_select(user, call):
        raise PermissionDenied(_("Only the call's selecting officer may publish results."))


# --- representing an organisation ---


def is_platform_staff(user) -> bool:
    """The platform's administrators: they decide on requests to represent organisations the hub does not know yet."""
    return is_signed_in(user) and (user.is_superuser or user.is_staff)


def can_request_representation(user) -> bool:
    return is_signed_in(user)


def require_request_representation(user) -> None:
    if not can_request_representation(user):
        raise PermissionDenied(_("Sign in to ask to represent an organisation."))


def can_decide_representation(user, representation_request) -> bool:
    """An organisation's representatives decide who joins them; platform staff decide for a new organisation (and
    for an organisation nobody represents yet)."""
    if is_platform_staff(user):
        return True
    organisation = representation_request.organisation
    return organisation is not None and is_representative(user, organisation)


def require_decide_representation(user, representation_request) -> None:
    if not can_decide_representation(user, representation_request):
        raise PermissionDenied(
            _(
                "Only the organisation's representatives, or the platform's staff for a new organisation, may decide "
                "on this request."
            )
        )


# --- connecting stakeholders ---


def can_follow(user, target=None) -> bool:
    return is_signed_in(user)


def require_follow(user, target=None) -> None:
    if not can_follow(user, target):
        raise PermissionDenied(_("Sign in to follow programmes and calls."))


def can_see_followers(user, programme) -> bool:
    return owning_organisations(user, programme).exists()


def require_see_followers(user, programme) -> None:
    if not can_see_followers(user, programme):
        raise PermissionDenied(_("Only representatives of the programme's owners may see its followers."))


def can_invite_followers(user, programme, organisation=None) -> bool:
    """The owners' representatives, on behalf of an owner they represent (any of them if none is named)."""
    owners = owning_organisations(user, programme)
    return owners.filter(pk=organisation.pk).exists() if organisation is not None else owners.exists()


def require_invite_followers(user, programme, organisation=None) -> None:
    if not can_invite_followers(user, programme):
        raise PermissionDenied(_("Only representatives of the programme's owners may invite its followers."))
    if organisation is not None and not can_invite_followers(user, programme, organisation):
        raise PermissionDenied(_("You do not represent this organisation."))


def can_post(user) -> bool:
    return is_signed_in(user) and (
        OrganisationMember.objects.filter(user=user).exists() or approved_registration(user) is not None
    )


def require_post(user) -> None:
    if not can_post(user):
        raise PermissionDenied(
            _(
                "Only participants with an approved registration and representatives of organisations may post on "
                "the board."
            )
        )


def can_edit_post(user, post: BoardPost) -> bool:
    """Editing and withdrawing a post are its author's alone."""
    return is_signed_in(user) and post.author_id == user.pk


def require_edit_post(user, post: BoardPost) -> None:
    if not can_edit_post(user, post):
        raise PermissionDenied(_("Only the author may edit or withdraw this post."))


def can_answer_post(user, post: BoardPost) -> bool:
    return is_signed_in(user)


def require_answer_post(user, post: BoardPost) -> None:
    if not can_answer_post(user, post):
        raise PermissionDenied(_("Sign in to answer a post."))


def can_keep_hub_page(user) -> bool:
    """The personal page (what one offers and seeks, the calendar feed) is for anyone signed in."""
    return is_signed_in(user)


def require_edit_profile(user) -> None:
    if not can_keep_hub_page(user):
        raise PermissionDenied(_("Sign in to say what you offer and seek."))


def require_feed(user) -> None:
    if not can_keep_hub_page(user):
        raise PermissionDenied(_("Sign in to get a calendar feed."))


def can_report_post(user, post: BoardPost) -> bool:
    """Anyone signed in may report a post to the platform's staff, except its author."""
    return is_signed_in(user) and post.author_id != user.pk


def require_report_post(user, post: BoardPost) -> None:
    if not is_signed_in(user):
        raise PermissionDenied(_("Sign in to report a post."))
    if not can_report_post(user, post):
        raise PermissionDenied(_("You cannot report your own post; withdraw it instead."))
