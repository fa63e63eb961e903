"""CSV files that organisers upload (the registrations to import, the people to invite): read as text or refused
with a reason they can act on, before a single row is looked at."""

import csv

from django.utils.translation import gettext as _

from .errors import ImportFailed, at_line

MAX_CSV_BYTES = 1024 * 1024
# What browsers send for a .csv or .txt file; Windows browsers label CSV files as Excel's.
ACCEPTED_CONTENT_TYPES = {"", "text/csv", "text/plain", "application/csv", "application/vnd.ms-excel"}
ACCEPTED_SUFFIXES = (".csv", ".txt")


class CsvFileError(ImportFailed):
    """The upload is not a usable CSV file; nothing was imported. `errors` holds 'line N: reason' or file-level text."""


def read_csv_upload(upload) -> str:
    """The text of an uploaded CSV file, or CsvFileError if it is too large, not text, or not UTF-8.

    The name and the type the browser gives only keep out what is plainly another kind of file; the content decides:
    a NUL byte means binary, and the text must decode as UTF-8 (a spreadsheet's byte-order mark is dropped)."""
    name = (upload.name or "").lower()
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if not name.endswith(ACCEPTED_SUFFIXES) or content_type not in ACCEPTED_CONTENT_TYPES:
        raise CsvFileError([_("the file must be a CSV text file (.csv)")])
    if upload.size > MAX_CSV_BYTES:
        size = f"{upload.size / 1_048_576:.1f}"
        raise CsvFileError([_("the file is %(size)s MB; the limit is 1 MB") % {"size": size}])
    upload.seek(0)
    raw = upload.read(MAX_CSV_BYTES + 1)
    if len(raw) > MAX_CSV_BYTES:
        raise CsvFileError([_("the file is larger than 1 MB")])
    if b"\x00" in raw:
        raise CsvFileError([_("the file is not text (it contains binary data); export it as CSV")])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise CsvFileError([_("the file is not UTF-8 text; save it as 'CSV UTF-8'")]) from None


def unreadable_line(line: int, error: csv.Error) -> str:
    """What the csv module could not read, at its line: a field over csv.field_size_limit() (131,072 characters), or
    a line it cannot parse (a stray quote). The person gets the line, not a server error."""
    if "field limit" in str(error):
        reason = _("a field is longer than %(limit)s characters") % {"limit": f"{csv.field_size_limit():,}"}
    else:
        reason = _("not readable as CSV (%(error)s)") % {"error": error}
    return at_line(line, reason)
