"""The organisers' registration policy page (rules in services/editing.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.events.permissions import organiser_page

from . import services
from .policy_forms import PolicyForm, RuleFormSet
from .services.editing import PolicyError, effective_closing, save_policy


def _initial(policy):
    zone = policy.edition.zone

    def local(moment):
        return timezone.localtime(moment, zone).replace(tzinfo=None) if moment else None

    policy_initial = {
        "opens_at": local(policy.opens_at),
        "closes_at": local(policy.closes_at),
        "moderated": policy.moderated,
        "in_person_capacity": policy.in_person_capacity,
        "online_capacity": policy.online_capacity,
    }
    rules_initial = [
        {
            "countries": [country.code for country in rule.countries],
            "all_other_countries": rule.all_other_countries,
            "route": rule.route,
            "modes": rule.modes,
            "note": rule.note,
        }
        for rule in policy.rules.all()
    ]
    return policy_initial, rules_initial


@organiser_page
def policy_page(request, edition):
    policy = services.get_policy(edition)
    status = 200
    needs_confirmation = False
    # Typed times are on the edition's clock, whatever the organiser's own zone.
    with timezone.override(edition.zone):
        if request.method == "POST":
            form = PolicyForm(request.POST)
            rules = RuleFormSet(request.POST, prefix="rules")
            if form.is_valid() and rules.is_valid():
                # An untouched spare rule has no cleaned data; a deleted one is left out.
                kept = [rule for rule in rules.forms if rule.cleaned_data and not rule.cleaned_data.get("DELETE")]
                try:
                    save_policy(
                        edition,
                        actor=request.user,
                        opens_at=form.cleaned_data["opens_at"],
                        closes_at=form.cleaned_data["closes_at"],
                        moderated=form.cleaned_data["moderated"],
                        in_person_capacity=form.cleaned_data["in_person_capacity"],
                        online_capacity=form.cleaned_data["online_capacity"],
                        rules=[rule.rule_input() for rule in kept],
                        confirm_capacity=form.cleaned_data["confirm_capacity"],
                    )
                except PolicyError as error:
                    for message in error.messages:
                        form.add_error(None, message)
                    needs_confirmation = error.needs_confirmation
                else:
                    messages.success(request, _("Registration policy saved."))
                    return redirect("registration:organise_policy", edition.slug)
            status = 400
        else:
            policy_initial, rules_initial = _initial(policy)
            form = PolicyForm(initial=policy_initial)
            rules = RuleFormSet(initial=rules_initial, prefix="rules")
        context = {
            "edition": edition,
            "policy": policy,
            "form": form,
            "rules": rules,
            "current": "policy",
            "closes": effective_closing(policy),
            "window_text": services.window_text(policy),
            "needs_confirmation": needs_confirmation,
            "seats": services.seats(edition),
        }
        return render(request, "registration/organise/policy.html", context, status=status)
