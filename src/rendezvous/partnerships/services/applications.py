"""Applications to a call: eligibility, requested resources within the budgets, attachments, submitting and editing
before the stage's deadline, and which applications a person may see."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from rendezvous.core import uploads
from rendezvous.core.audit import record

from .. import selection
from ..models import Application, ApplicationStatus, Attachment, Call, PlatformBudget, ResourceRequest, StageKind
from ..permissions import can_see_all_applications, is_signed_in, require_apply_for, require_edit_application
from .calls import require_stage_open, submission_stage
from .errors import HubError
from .happenings import application_submitted
from .representation import ineligibility

MAX_ATTACHMENT_BYTES = 20 * 1_048_576


@dataclass
class RequestedResources:
    """What an application asks of one platform, as entered."""

    platform: PlatformBudget
    mass_kg: Decimal
    power_w: Decimal | None = None
    data_mb: Decimal | None = None


def visible_applications(user, call: Call):
    """The applications of `call` that `user` may see."""
    applications = call.applications.select_related("organisation").prefetch_related("requests__platform")
    if can_see_all_applications(user, call):
        return applications
    if not is_signed_in(user):
        return applications.none()
    return applications.filter(organisation__hub_members__user=user).distinct()


def check_eligibility(call: Call, organisation) -> None:
    reason = ineligibility(call, organisation)
    if reason:
        raise HubError(reason)


def check_requests(call: Call, requests: list[RequestedResources]) -> None:
    """Refuse a request that alone exceeds a platform's budget, or a payload call without any platform."""
    if call.kind == "payload_hosting" and not any(r.mass_kg for r in requests):
        raise HubError(_("Say which platform your payload needs and its mass."))
    budgets = {}
    for platform in call.budgets.all():
        for code, capacity in platform.limits().items():
            budgets[(platform.platform, code)] = capacity
    for request in requests:
        if request.platform.call_id != call.pk:
            raise HubError(_("{platform} is not a platform of this call.").format(platform=request.platform.platform))
        if any(amount is not None and amount < 0 for amount in (request.mass_kg, request.power_w, request.data_mb)):
            raise HubError(_("Requested resources cannot be negative."))
    candidate = selection.Candidate(
        id="new",
        score=Decimal(0),
        requests={
            (r.platform.platform, code): amount
            for r in requests
            for code, amount in (("mass_kg", r.mass_kg), ("power_w", r.power_w), ("data_mb", r.data_mb))
            if amount
        },
    )
    try:
        selection.check_selection([candidate], budgets)
    except selection.SelectionError as error:
        raise HubError(_("This application alone exceeds the call's budget. {reason}").format(reason=error)) from None


def _save_requests(application: Application, requests: list[RequestedResources]) -> None:
    application.requests.all().delete()
    ResourceRequest.objects.bulk_create(
        ResourceRequest(
            application=application,
            platform=r.platform,
            mass_kg=r.mass_kg,
            power_w=r.power_w,
            data_mb=r.data_mb,
        )
        for r in requests
        if r.mass_kg or r.power_w or r.data_mb
    )


@transaction.atomic
def submit_application(
    call: Call,
    organisation,
    user,
    *,
    title: str,
    summary: str,
    team: str = "",
    countries=(),
    requests: list[RequestedResources] = (),
    stage: str = StageKind.LETTER_OF_INTEREST,
    attachment=None,
    now=None,
) -> Application:
    """Submit a letter of interest or a proposal for `organisation`, before the stage's deadline."""
    require_apply_for(user, organisation)
    require_stage_open(call, submission_stage(call, stage), now)
    check_eligibility(call, organisation)
    requests = list(requests)
    check_requests(call, requests)
    application = Application.objects.create(
        call=call,
        organisation=organisation,
        stage=stage,
        title=title,
        summary=summary,
        team=team,
        countries=list(countries),
        submitted_by=user,
    )
    _save_requests(application, requests)
    _attach(application, attachment)
    record("hub.application_submitted", application, actor=user, summary=f"{organisation.short_name}: {title}")
    application_submitted(application)
    return application


@transaction.atomic
def update_application(
    application: Application, user, *, title, summary, team="", countries=(), requests=(), attachment=None, now=None
) -> Application:
    """Edit an application until its stage's deadline; only its organisation's representatives may."""
    require_edit_application(user, application)
    call = application.call
    require_stage_open(call, submission_stage(call, application.stage), now)
    if application.status != ApplicationStatus.SUBMITTED:
        raise HubError(_("This application can no longer be edited."))
    requests = list(requests)
    check_requests(call, requests)
    application.title, application.summary, application.team = title, summary, team
    application.countries = list(countries)
    application.save()
    _save_requests(application, requests)
    _attach(application, attachment)
    record("hub.application_updated", application, actor=user, summary=title)
    return application


def check_attachment(upload) -> uploads.Detected:
    """A letter or proposal attachment must really be a PDF (parsed, not judged by its name) of at most 20 MB."""
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise HubError(_("The attachment is {size:.1f} MB; the limit is 20 MB.").format(size=upload.size / 1_048_576))
    try:
        return uploads.check(upload, (uploads.PDF,))
    except uploads.UploadRefused as error:
        raise HubError(_("The attachment must be a PDF file. {reason}").format(reason=error)) from None


def _attach(application: Application, upload) -> None:
    if upload:
        detected = check_attachment(upload)
        # The uploaded name is never kept: the stored name is generated with the detected type's extension.
        upload.name = f"attachment.{detected.extension}"
        Attachment.objects.create(application=application, file=upload)
