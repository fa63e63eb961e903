"""Retention: per edition, passport details and applicants' personal data are removed once their period has passed.

Run daily by the workers (`DocumentsConfig.ready`) and by `rendezvous purge_personal_data [--dry-run]`.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.events.models import Edition
from rendezvous.registration.models import CLOSED_STATUSES, Registration

from .erasure import ERASED_DOMAIN, anonymise_registration
from .models import ErasureRecord, VisaLetterRequest
from .pdf import settings_of
from .visa import erase_passport

logger = logging.getLogger(__name__)


@dataclass
class EditionPurge:
    edition: str
    passports: int = 0
    closed_applications: int = 0
    other_applications: int = 0

    @property
    def anything(self) -> bool:
        return bool(self.passports or self.closed_applications or self.other_applications)


@dataclass
class PurgeReport:
    dry_run: bool
    editions: list[EditionPurge] = field(default_factory=list)

    def lines(self) -> list[str]:
        template = (
            _(
                "%(edition)s: would remove passport details of %(passports)d visa letter request(s), would anonymise "
                "%(closed)d rejected or cancelled and %(others)d other application(s)"
            )
            if self.dry_run
            else _(
                "%(edition)s: removed passport details of %(passports)d visa letter request(s), anonymised "
                "%(closed)d rejected or cancelled and %(others)d other application(s)"
            )
        )
        return [
            template
            % {
                "edition": purge.edition,
                "passports": purge.passports,
                "closed": purge.closed_applications,
                "others": purge.other_applications,
            }
            for purge in self.editions
            if purge.anything
        ] or [_("Nothing to remove.")]


def periods(edition) -> dict[str, int]:
    document_settings = settings_of(edition)
    return {
        "passport_days": document_settings.passport_retention_days,
        "closed_days": document_settings.closed_retention_days,
        "other_days": document_settings.retention_days,
    }


def purge(*, today: datetime.date | None = None, dry_run: bool = False) -> PurgeReport:
    today = today or timezone.localdate()
    report = PurgeReport(dry_run=dry_run)
    for edition in Edition.objects.filter(end_date__lt=today).order_by("end_date", "pk"):
        with transaction.atomic():
            report.editions.append(_purge_edition(edition, today, dry_run))
    return report


def _purge_edition(edition, today: datetime.date, dry_run: bool) -> EditionPurge:
    days = periods(edition)
    outcome = EditionPurge(edition.slug)
    live = Registration.objects.filter(edition=edition).exclude(email__endswith="@" + ERASED_DOMAIN)
    passports = VisaLetterRequest.objects.filter(edition=edition).exclude(sealed_passport="")
    expired = {
        "passports": edition.end_date + datetime.timedelta(days=days["passport_days"]) < today,
        "closed": edition.end_date + datetime.timedelta(days=days["closed_days"]) < today,
        "other": edition.end_date + datetime.timedelta(days=days["other_days"]) < today,
    }
    closed = live.filter(status__in=CLOSED_STATUSES) if expired["closed"] else live.none()
    others = live.exclude(status__in=CLOSED_STATUSES) if expired["other"] else live.none()
    letters = passports if expired["passports"] else passports.none()
    outcome.passports, outcome.closed_applications = letters.count(), closed.count()
    outcome.other_applications = others.count()
    if dry_run or not outcome.anything:
        return outcome
    for letter in letters.select_for_update():
        erase_passport(letter)
    counts: dict = {}
    for registration in list(closed.select_related("invitation")) + list(others.select_related("invitation")):
        anonymise_registration(registration, counts)
    counts["passports"] = outcome.passports
    ErasureRecord.objects.create(reason=ErasureRecord.Reason.RETENTION, edition=edition, counts=counts)
    return outcome


def purge_quietly() -> str:
    """The periodic job: the report as the job's outcome line."""
    report = purge()
    summary = "; ".join(report.lines())
    logger.info("purge_personal_data: %s", summary)
    return summary
