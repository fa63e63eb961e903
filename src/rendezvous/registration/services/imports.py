"""Importing registrations from the registration CSV (docs/csv-formats.md): the organisers' import page and the
`import_registrations` command."""

import csv
import io
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.countries import is_valid_iso2
from rendezvous.core.models import Gender, Organisation, OrganisationType
from rendezvous.core.validators import validate_email
from rendezvous.events.models import Edition

from ..models import Attendance, Registration, Role, Status
from .application import organisation_named
from .csv_files import read_csv_upload, unreadable_line
from .errors import ImportFailed, at_line
from .policy import get_policy

IMPORT_COLUMNS = (
    "given_name",
    "family_name",
    "email",
    "gender",
    "country",
    "organization",
    "organization_type",
    "role",
    "attendance",
    "status",
    "head_of_agency",
)
_YES_NO = {"yes": True, "no": False}
# The free-text columns and the most their field holds (PostgreSQL refuses a longer value outright).
_LIMITS = {
    "given_name": Registration._meta.get_field("given_name").max_length,
    "family_name": Registration._meta.get_field("family_name").max_length,
    "organization": Organisation._meta.get_field("name").max_length,
}
# The columns that take one of a fixed set of codes, and those codes.
_CODES = {
    "gender": Gender.values,
    "organization_type": OrganisationType.values,
    "role": Role.values,
    "attendance": Attendance.values,
    "status": Status.values,
    "head_of_agency": list(_YES_NO),
}


def column_guide() -> list[tuple[str, str, list[str]]]:
    """Each column of the file, in order, with what it takes (as docs/csv-formats.md says), for the import page: a
    description, or the codes it accepts (typed as they are, in any language)."""
    described = {
        "given_name": _("required"),
        "family_name": _("may be empty"),
        "email": _("a valid address, once per file and per edition"),
        "country": _("the ISO 3166-1 alpha-2 code of the country the person is based in or represents, e.g. FR"),
        "organization": _("the organisation's name; an existing organisation of that name (or acronym) is reused"),
    }
    return [(column, described.get(column, ""), _CODES.get(column, [])) for column in IMPORT_COLUMNS]


def import_registration_file(edition: Edition, upload, *, actor=None) -> int:
    """`import_registrations` for an uploaded file, refused first if it is not a UTF-8 CSV text file."""
    return import_registrations(edition, read_csv_upload(upload), actor=actor)


def _choice_error(column: str, value: str, allowed: Iterable[str]) -> str:
    return _("unknown %(column)s %(value)s (expected one of %(allowed)s)") % {
        "column": column,
        "value": repr(value),
        "allowed": ", ".join(allowed),
    }


def _import_row(row: dict[str, str], seen: set[str], taken: set[str]) -> tuple[dict, list[str]]:
    problems = []
    email = row["email"].lower()
    try:
        validate_email(email)
    except ValidationError:
        problems.append(_("bad e-mail address %(address)s") % {"address": repr(row["email"])})
    else:
        if email in seen:
            problems.append(_("%(email)s appears twice in the file") % {"email": email})
        elif email in taken:
            problems.append(_("%(email)s is already registered for this edition") % {"email": email})
    if not row["given_name"]:
        problems.append(_("given_name is empty"))
    problems += [
        _("%(column)s is longer than %(limit)s characters") % {"column": column, "limit": limit}
        for column, limit in _LIMITS.items()
        if len(row[column]) > limit
    ]
    if not is_valid_iso2(row["country"]):
        problems.append(
            _("unknown country code %(code)s (expected ISO 3166-1 alpha-2, e.g. FR)") % {"code": repr(row["country"])}
        )
    problems += [
        _choice_error(column, row[column], allowed) for column, allowed in _CODES.items() if row[column] not in allowed
    ]
    return {**row, "email": email}, problems


def _read_rows(reader: csv.DictReader, taken: set[str], rows: list[dict], errors: list[str]) -> None:
    """Check the header and every line, adding each checked row to `rows` and each problem to `errors` (a csv.Error
    stops the reading where the csv module gave up)."""
    header = [name.strip() for name in (reader.fieldnames or [])]
    missing = [column for column in IMPORT_COLUMNS if column not in header]
    if missing:
        errors.append(at_line(1, _("missing column(s) %(columns)s") % {"columns": ", ".join(missing)}))
        return
    reader.fieldnames = header
    seen: set[str] = set()
    for raw in reader:
        line_number = reader.line_num
        if None in raw:
            errors.append(at_line(line_number, _("more values than columns")))
            continue
        row = {column: (raw.get(column) or "").strip() for column in IMPORT_COLUMNS}
        row, problems = _import_row(row, seen, taken)
        errors += [at_line(line_number, problem) for problem in problems]
        seen.add(row["email"])
        rows.append(row)


def import_registrations(edition: Edition, csv_text: str, *, actor=None) -> int:
    """Import the registration CSV (docs/csv-formats.md) into `edition`; return the number of rows imported.

    All or nothing: every row is checked first and any bad row raises ImportFailed listing 'line N: reason' (line
    numbers as in the file, the header is line 1) with nothing written. Imported rows keep the status in the file,
    whatever the capacity (they record decisions already taken), and no e-mail is sent. One audit entry records the
    import.
    """
    reader = csv.DictReader(io.StringIO(csv_text.lstrip("\ufeff")))
    # Compared without case, as the unique constraint compares them (with case, 'Cy@Example.org' already there let
    # 'cy@example.org' through to the insert, which the constraint refused with a server error).
    taken = set(
        Registration.objects.filter(edition=edition).annotate(address=Lower("email")).values_list("address", flat=True)
    )
    rows, errors = [], []
    try:
        _read_rows(reader, taken, rows, errors)
    except csv.Error as error:
        # DictReader's own line_num moves only after a line is read; its reader's counts the line it gave up on.
        errors.append(unreadable_line(reader.reader.line_num, error))
    if errors:
        raise ImportFailed(errors)
    now = timezone.now()
    with transaction.atomic():
        organisations: dict[tuple[str, str], Organisation | None] = {}
        registrations = []
        for row in rows:
            key = (row["organization"], row["organization_type"])
            if key not in organisations:
                organisations[key] = organisation_named(row["organization"], row["organization_type"], row["country"])
            registrations.append(
                Registration(
                    edition=edition,
                    given_name=row["given_name"],
                    family_name=row["family_name"],
                    email=row["email"],
                    gender=row["gender"],
                    country=row["country"],
                    organisation=organisations[key],
                    organisation_type=row["organization_type"],
                    role=row["role"],
                    attendance=row["attendance"],
                    status=row["status"],
                    head_of_agency=_YES_NO[row["head_of_agency"]],
                    imported=True,
                    queued_at=now if row["status"] == Status.WAITLISTED else None,
                    decided_at=now if row["status"] in (Status.APPROVED, Status.REJECTED) else None,
                )
            )
        Registration.objects.bulk_create(registrations, batch_size=500)
        audit.record(
            "registration.imported",
            get_policy(edition),
            actor=actor,
            edition=edition,
            summary=f"{len(registrations)} registrations imported from CSV (no e-mail sent)",
            count=len(registrations),
        )
    return len(rows)
