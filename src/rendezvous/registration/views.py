"""Participant pages: apply (country first, so nobody fills in a form they may not send), redeem an invitation,
and one's own registration. Thin: every rule is in `services`."""

import hashlib
import secrets
import uuid
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_http_methods

from rendezvous.core import ratelimit
from rendezvous.core.countries import is_valid_iso2
from rendezvous.events.services import get_visible_edition

from . import page_cache, services
from .forms import ApplicationForm, AttendanceForm, CountryForm
from .models import Attendance, Route

RECENT_EDITION_SECONDS = 2
# How old the policy, rules and seats' state shown on the registration page may be (a saved policy shows at once):
# the age the group commit reads them at too.
RECENT_POLICY_SECONDS = services.public_page.RECENT_POLICY_SECONDS

# Fragments of the registration page that are the same for every applicant (the rules, the country step, the form's
# fields) are rendered once and kept this long; their key is a digest of everything they show, so a change to the
# policy, its rules, the seats' state, the edition, the country chosen or the reader's language gives a new key at
# once, on every web server sharing the cache.
FRAGMENT_SECONDS = 600
# At most this many keys are derived from one page state (see front_door_key); beyond, they are worked out each time.
MAX_DERIVED_KEYS = 1024
# Part of the key, so that a release with other markup or labels never serves fragments an older one put in a shared
# cache (CACHE_URL): a digest of the templates and the form they come from.
FRAGMENTS_VERSION = hashlib.sha256(
    b"".join(
        (Path(__file__).parent / name).read_bytes()
        for name in ("templates/registration/apply.html", "templates/registration/_field.html", "forms.py")
    )
).hexdigest()[:16]


def _personal() -> dict:
    """Fragment settings for a page showing one person's data: never stored, and under a key no one else has."""
    return {"fragment_seconds": 0, "fragment_key": secrets.token_hex(16)}


def _page_context(state: services.PageState) -> dict:
    # The seats' state comes from at most `capacity` entries of the seat holders' index, never a count of the
    # edition's registrations; on GET it may be a moment old (see services.public_page).
    policy = state.policy
    return {
        "edition": policy.edition,
        "policy": policy,
        "rules": state.rules,
        "window": services.window_state(policy),
        "window_text": services.window_text(policy),
        "capacity_text": services.capacity_text_of(
            {mode: policy.capacity_for(mode) for mode in Attendance.values}, state.full_modes
        ),
    }


def _fragment_key(state: services.PageState, country: str) -> str:
    """A digest of what the page's shared fragments show (see FRAGMENT_SECONDS). Everything it digests comes from
    `state`, the reader's language and the window's phase, so it is made once per state for each of those."""
    derived_key = ("fragment_key", country, get_language(), services.window_phase(state.policy))
    digest = state.derived.get(derived_key)
    if digest is None:
        context = _page_context(state)
        policy = state.policy
        rules = [
            (rule.pk, rule.order, str(rule.countries), rule.all_other_countries, rule.route, rule.note, rule.modes)
            for rule in state.rules
        ]
        shown = (
            policy.edition_id,
            policy.moderated,
            policy.privacy_notice,
            rules,
            context["window"],
            context["window_text"],
            context["capacity_text"],
            country,
            get_language(),
            FRAGMENTS_VERSION,
        )
        digest = state.derived[derived_key] = hashlib.sha256(repr(shown).encode()).hexdigest()
    return digest


def _submit(request, edition, form, *, invitation_token=None):
    """Run the service for a valid form; return the 'received' response, or None after adding the error to the form."""
    try:
        result = services.submit_application(
            edition, form.application_data(), invitation_token=invitation_token, actor=request.user
        )
    except services.RegistrationError as error:
        form.add_error(None, str(error))
        return None
    registration = result.registration
    # Only the person who sent this very form learns its status; an address typed by someone else reveals nothing.
    same_form = result.created or registration.form_token == form.cleaned_data["form_token"]
    if not same_form:
        # The page says "we have sent an e-mail" whatever the address: make it true (only the owner reads it).
        services.remind_existing(registration)
    shown = registration if same_form else None

    def received_page(email, **markers):
        context = {"edition": edition, "registration": shown, "email": email, **markers}
        return render(request, "registration/received.html", context)

    return page_cache.received(request, edition, shown, registration.email, received_page)


@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("registration", key=ratelimit.ip_of)
def register(request, slug):
    # Under a burst every applicant loads and posts to the same edition: one this process read a moment ago will do
    # (a saved edition is read afresh at once), since the window, rules and seats are read again from the policy, and
    # in the submission's own transaction.
    edition = get_visible_edition(request.user, slug, max_age=RECENT_EDITION_SECONDS)
    if request.method == "POST":
        country = request.POST.get("country", "").strip().upper()
        # Which attendance modes the form offers, from rules read at most RECENT_POLICY_SECONDS ago (a saved rule is
        # read afresh at once); the submission routes the application on the rules as they are then.
        decision = _decision(services.page_state(edition, max_age=RECENT_POLICY_SECONDS).rules, country)
        form = ApplicationForm(request.POST, request.FILES, modes=decision.modes if decision else None)
        if form.is_valid():
            response = _submit(request, edition, form)
            if response is not None:
                return response
        context = _page_context(services.page_state(edition))
        # The page shows this person's answers and errors: nothing of it is shared.
        context.update(form=form, country=country, decision=decision, **_personal())
        context["country_form"] = CountryForm(initial={"country": country})
        return render(request, "registration/apply.html", context)

    state = services.page_state(edition, max_age=RECENT_POLICY_SECONDS)
    mine = services.registration_for(edition, request.user)
    if mine is not None and not mine.is_cancelled:
        return render(request, "registration/already_registered.html", {**_page_context(state), "registration": mine})
    country = _country_asked(request)
    fragment_key = _fragment_key(state, country)
    page_key = None
    if page_cache.applies_to(request, country):
        page_key = page_cache.key_for(request, edition, fragment_key)
        response = page_cache.cached(request, page_key)
        if response is not None:
            return response
    context = _page_context(state)
    context.update(country=country, fragment_key=fragment_key, fragment_seconds=FRAGMENT_SECONDS)
    if page_key:
        # Rendered once with markers where this applicant's tokens go (see page_cache).
        context["csrf_token"] = page_cache.CSRF_MARKER
    form_token = page_cache.FORM_TOKEN_MARKER if page_key else uuid.uuid4()
    # Built only when a fragment is not cached yet: the template asks for it inside its {% cache %} block.
    context["country_form"] = lambda: CountryForm(initial={"country": country})
    if country:
        decision = _decision(context["rules"], country)
        context["decision"] = decision
        if decision.accepts_applications and context["window"] == "open":
            context["form"] = ApplicationForm(
                initial={"country": country, "form_token": form_token}, modes=decision.modes
            )
    response = render(request, "registration/apply.html", context)
    return page_cache.store(request, page_key, response) if page_key else response


def _country_asked(request) -> str:
    country = request.GET.get("country", "").strip().upper()
    return country if is_valid_iso2(country) else ""


def front_door_key(request, slug: str) -> str | None:
    """The key under which the front door may keep this page for anonymous visitors (see core.front_door): the one
    `page_cache` keeps it under, found as `register` finds it.

    Found once per address as written, language, window phase and version of the edition for each page state (a
    saved policy, rule or edition, or a seat change, gives a new state), then looked up: every applicant of a burst
    loads the same few addresses."""
    edition = get_visible_edition(AnonymousUser(), slug, max_age=RECENT_EDITION_SECONDS, shared=True)
    state = services.page_state(edition, max_age=RECENT_POLICY_SECONDS)
    address = (
        "front_door_key",
        edition.pk,
        edition.updated_at,
        request.path_info,
        request.META.get("QUERY_STRING", ""),
        get_language(),
        services.window_phase(state.policy),
    )
    key = state.derived.get(address)
    if key is None:
        country = _country_asked(request)
        if not page_cache.address_applies(request, country):
            return None
        key = page_cache.key_for(request, edition, _fragment_key(state, country))
        # Bounded: the same address can be written in many ways (percent-escapes, empty pairs).
        if len(state.derived) < MAX_DERIVED_KEYS:
            state.derived[address] = key
    return key


def _decision(rules, country):
    return services.route_by_rules(rules, country) if is_valid_iso2(country) else None


@require_http_methods(["GET", "POST"])
@ratelimit.rate_limited("registration", key=ratelimit.ip_of)
def redeem(request, slug, token):
    edition = get_visible_edition(request.user, slug)
    try:
        invitation = services.find_invitation(edition, token)
    except services.InvitationInvalid as error:
        return render(
            request, "registration/invitation_invalid.html", {"edition": edition, "reason": str(error)}, status=404
        )
    context = _page_context(services.page_state(edition))
    # The form carries the invitation's address and names: nothing of it is shared with other applicants.
    context.update(invitation=invitation, decision=None, country="", **_personal())
    if request.method == "POST":
        form = ApplicationForm(request.POST, request.FILES, fixed_email=invitation.email)
        if form.is_valid():
            response = _submit(request, edition, form, invitation_token=token)
            if response is not None:
                return response
    else:
        form = ApplicationForm(
            fixed_email=invitation.email,
            initial={"given_name": invitation.given_name, "family_name": invitation.family_name},
        )
    context["form"] = form
    return render(request, "registration/apply.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def mine(request, slug):
    """The signed-in person's own registration, found by their address. There is no id to change in this URL."""
    edition = get_visible_edition(request.user, slug)
    registration = services.registration_for(edition, request.user)
    if registration is None:
        return render(request, "registration/mine.html", {"edition": edition, "registration": None}, status=404)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "attendance":
                form = AttendanceForm(request.POST)
                if form.is_valid():
                    services.change_attendance(registration, form.cleaned_data["attendance"], actor=request.user)
                    messages.success(request, gettext("Your attendance mode is changed."))
            elif action == "cancel" and request.POST.get("sure"):
                services.cancel_registration(registration, actor=request.user)
                messages.success(request, gettext("Your registration is cancelled."))
            elif action == "confirm":
                services.confirm_attendance(registration, actor=request.user)
                messages.success(request, gettext("Thank you for confirming."))
        except services.RegistrationError as error:
            messages.error(request, str(error))
        return redirect("registration:mine", slug=edition.slug)
    return render(
        request,
        "registration/mine.html",
        {
            "edition": edition,
            "registration": registration,
            "online_link": services.online_link_for(registration),
            "attendance_form": AttendanceForm(initial={"attendance": registration.attendance}),
            "can_change": not registration.is_closed,
            "can_confirm": registration.is_approved and registration.confirmed_at is None,
            "route_open": Route.OPEN,
        },
    )


@login_required
def my_registrations(request):
    """The header's "My registration": one registration goes straight to its page, several are listed."""
    registrations = list(services.registrations_of(request.user))
    if len(registrations) == 1:
        return redirect("registration:mine", registrations[0].edition.slug)
    return render(request, "registration/my_registrations.html", {"registrations": registrations})
