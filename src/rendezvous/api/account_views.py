"""The account page's API tokens: make one (shown once), see them with their prefix and last use, revoke one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from rendezvous.events.models import Edition

from . import tokens
from .models import TokenScope


def _editions_for(user):
    """The editions a token may be limited to: those the person works on (all of them for platform staff)."""
    if user.is_superuser:
        return Edition.objects.order_by("-start_date")
    return Edition.objects.filter(staff__user=user).distinct().order_by("-start_date")


@never_cache
@login_required
def api_tokens(request):
    editions = list(_editions_for(request.user))
    new_token = None
    error = None
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "create":
            chosen_ids = {value for value in request.POST.getlist("editions") if value.isdigit()}
            chosen = [edition for edition in editions if str(edition.pk) in chosen_ids]
            expires = request.POST.get("expires", "").strip()
            try:
                days = int(expires) if expires else None
                _api_token, new_token = tokens.create_token(
                    request.user,
                    name=request.POST.get("name", ""),
                    scope=request.POST.get("scope", ""),
                    editions=chosen,
                    expires_in_days=days,
                )
            except ValueError as failure:
                error = str(failure) if isinstance(failure, tokens.TokenError) else _("Enter a number of days.")
        elif action == "revoke":
            token_id = request.POST.get("token", "")
            api_token = tokens.tokens_of(request.user).filter(pk=int(token_id) if token_id.isdigit() else 0).first()
            if api_token is not None:
                tokens.revoke_token(api_token, actor=request.user)
                messages.success(request, _("The token was revoked: it no longer works."))
            return redirect("api_tokens")
    return render(
        request,
        "api/tokens.html",
        {
            "tokens": tokens.tokens_of(request.user),
            "editions": editions,
            "scopes": TokenScope.choices,
            "new_token": new_token,
            "error": error,
        },
    )
