"""Organisers' messages to participants and the wording of the automatic e-mails: thin callers of
services/messages.py, each an `organiser_page` of its edition (check-in staff and other organisers get 403)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from rendezvous.events.permissions import organiser_page

from . import notifications
from .message_forms import EmailTextForm, MessageForm
from .models import EmailText
from .services import messages as message_services
from .services.errors import RegistrationError

PREVIEW_RECIPIENTS = 50


@organiser_page
@require_http_methods(["GET", "POST"])
def compose(request, edition):
    """Write, preview (count and one personalised copy), confirm, send."""
    form = MessageForm(request.POST or None, edition=edition)
    context = {"edition": edition, "form": form, "placeholders": notifications.PLACEHOLDERS}
    if request.method == "POST" and form.is_valid():
        data, filters = form.cleaned_data, form.filters()
        try:
            if request.POST.get("action") == "send" and data["expected_count"] is not None:
                sent = message_services.send_message(
                    request.user,
                    edition,
                    subject=data["subject"],
                    body=data["body"],
                    expected_count=data["expected_count"],
                    **filters,
                )
                messages.success(
                    request,
                    ngettext(
                        "The message is on its way to %(count)d person.",
                        "The message is on its way to %(count)d people.",
                        sent,
                    )
                    % {"count": sent},
                )
                return redirect("registration:organise_messages", slug=edition.slug)
            count, sample = message_services.preview(edition, data["subject"], data["body"], **filters)
        except RegistrationError as error:
            form.add_error(None, str(error))
        else:
            confirm = MessageForm(
                initial={**data, "expected_count": count}, edition=edition
            )  # the same message, with the count the organiser confirms
            context.update(
                previewed=True,
                count=count,
                sample=sample,
                confirm=confirm,
                addresses=list(
                    message_services.recipients(edition, **filters).values_list("email", flat=True)[:PREVIEW_RECIPIENTS]
                ),
            )
    return render(request, "registration/organise/messages.html", context)


@organiser_page
def email_texts(request, edition):
    own = set(EmailText.objects.filter(edition=edition).values_list("kind", flat=True))
    kinds = [(kind, default.label, kind in own) for kind, default in notifications.DEFAULTS.items()]
    return render(request, "registration/organise/email_texts.html", {"edition": edition, "kinds": kinds})


@organiser_page
@require_http_methods(["GET", "POST"])
def email_text(request, edition, kind):
    if kind not in notifications.DEFAULTS:
        raise Http404(_("There is no automatic e-mail of that kind."))
    subject, body = notifications.text_for(edition, kind)
    form = EmailTextForm(request.POST or None, initial={"subject": subject, "body": body})
    context = {
        "edition": edition,
        "kind": kind,
        "label": notifications.DEFAULTS[kind].label,
        "form": form,
        "placeholders": notifications.PLACEHOLDERS,
        "customised": EmailText.objects.filter(edition=edition, kind=kind).exists(),
    }
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "reset":
        message_services.reset_email_text(request.user, edition, kind)
        messages.success(request, _("The e-mail is back to the default wording."))
        return redirect("registration:organise_email_text", slug=edition.slug, kind=kind)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if action == "save":
                message_services.save_email_text(request.user, edition, kind, **data)
                messages.success(request, _("Saved: the next e-mails of this kind use this wording."))
                return redirect("registration:organise_email_text", slug=edition.slug, kind=kind)
            context["sample"] = message_services.preview_email_text(edition, kind, **data)
        except RegistrationError as error:
            form.add_error(None, str(error))
    elif request.method == "GET":
        context["sample"] = notifications.render(edition, kind, notifications.sample_values(edition))
    return render(request, "registration/organise/email_text.html", context)
