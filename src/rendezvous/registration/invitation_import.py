"""Invitations from an uploaded CSV file: the upload is checked (size, text, header, shape of each line) here, and the
rows go to `services.invite_from_csv`, which applies the invitation rules and invites everyone or nobody.

The file has a header row naming exactly the columns `email,given_name,family_name,role` (any order); role is
`participant` or `speaker` (empty: participant).
"""

import csv
import io

from rendezvous.events.models import Edition

from . import services
from .models import Invitation

MAX_CSV_BYTES = 1024 * 1024
COLUMNS = ("email", "given_name", "family_name", "role")
# What browsers send for a .csv or .txt file; Windows browsers label CSV files as Excel's.
ACCEPTED_CONTENT_TYPES = {"", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"}
ACCEPTED_SUFFIXES = (".csv", ".txt")


class InvitationFileError(services.ImportFailed):
    """The upload is not a usable CSV file; nothing was imported. `errors` holds 'line N: reason' or file-level text."""


def read_upload(upload) -> str:
    """The text of an uploaded CSV file, or InvitationFileError if it is too large, not text, or not UTF-8."""
    name = (upload.name or "").lower()
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if not name.endswith(ACCEPTED_SUFFIXES) or content_type not in ACCEPTED_CONTENT_TYPES:
        raise InvitationFileError(["the file must be a CSV text file (.csv)"])
    if upload.size > MAX_CSV_BYTES:
        raise InvitationFileError([f"the file is {upload.size / 1_048_576:.1f} MB; the limit is 1 MB"])
    upload.seek(0)
    raw = upload.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise InvitationFileError(["the file is larger than 1 MB"])
    if b"\x00" in raw:
        raise InvitationFileError(["the file is not text (it contains binary data); export it as CSV"])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvitationFileError(["the file is not UTF-8 text; save it as 'CSV UTF-8'"]) from None


def check_shape(text: str) -> None:
    """Header names exactly COLUMNS and every line has as many fields; InvitationFileError lists every bad line."""
    rows = csv.reader(io.StringIO(text))
    header = next(rows, None)
    if header is None:
        raise InvitationFileError(["line 1: the file is empty; the first line must be " + ",".join(COLUMNS)])
    names = [name.strip().lower() for name in header]
    if sorted(names) != sorted(COLUMNS):
        raise InvitationFileError(
            [f"line 1: the header must be {','.join(COLUMNS)}; found {','.join(names) or '(nothing)'}"]
        )
    errors = []
    data_lines = 0
    blank_line = None
    for row in rows:
        if not row:
            blank_line = rows.line_num
            continue
        # The service numbers rows as if every line held one; a blank line or a field spanning lines in between
        # would shift its numbers, so both are refused here with their own line.
        if blank_line is not None:
            errors.append(f"line {blank_line}: empty line; remove it")
            blank_line = None
        data_lines += 1
        if any("\n" in value or "\r" in value for value in row):
            errors.append(f"line {rows.line_num}: a field spans several lines")
        elif len(row) != len(COLUMNS):
            errors.append(f"line {rows.line_num}: expected {len(COLUMNS)} fields, found {len(row)}")
    if errors:
        raise InvitationFileError(errors)
    if data_lines == 0:
        raise InvitationFileError(["the file has a header but no one to invite"])


def import_invitations(edition: Edition, upload, *, actor=None) -> list[Invitation]:
    """Invite everyone listed in `upload`, or nobody: raises ImportFailed (InvitationFileError for the file itself)
    with every problem as 'line N: reason'."""
    text = read_upload(upload)
    check_shape(text)
    return services.invite_from_csv(edition, text, actor=actor)
