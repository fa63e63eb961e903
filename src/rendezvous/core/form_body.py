"""Forms posted as multipart/form-data without a file in them, parsed by the `multipart` package.

A form with a file input is posted as multipart/form-data even when the file is left empty, as the registration form's
nomination letter usually is. Django's multipart parser streams every part through generic buffering built for large
uploads: 0.41 ms in process for the registration form's thirteen fields, a tenth of a submission's CPU under a burst
(issue 15). With `multipart` the same body takes 0.10 ms.

`SimpleFormBodyMiddleware` parses such a body before anything reads `request.POST`. Only bodies whose every part is
plain, as browsers send them, take this path: a small body, a simple field name in a `form-data; name="…"` disposition,
no file (a part with an empty `filename=""`, an empty file input, is a field, as Django makes it), no header beyond
Content-Disposition and Content-Type, and the default upload handlers. Everything else, and anything the strict parser
finds unusual, goes to Django's parser, whose errors and limits then apply as they always have. The result is Django's
own: an immutable QueryDict of the fields decoded in the request's encoding (undecodable bytes replaced) and no files.
`tests/core/test_form_body.py` compares both parsers on generated bodies.
"""

import re
from math import inf

from django.conf import global_settings, settings
from django.http import HttpRequest, QueryDict, UnreadablePostError
from django.http.multipartparser import MultiPartParser
from django.utils.datastructures import MultiValueDict
from multipart import MultipartError, MultipartSegment, PushMultipartParser

# Larger bodies carry a file or a long text: streamed by Django, where the parsing is not what costs.
SIMPLE_BODY_LIMIT = 64 * 1024
_SIMPLE_DISPOSITION = re.compile(r'form-data; name="[A-Za-z0-9_.\-]+"(?:; filename="")?\Z')
_SIMPLE_HEADERS = frozenset({"Content-Disposition", "Content-Type"})


class SimpleFormBodyMiddleware:
    """Parse a plain multipart form's fields before anything reads `request.POST`; leave any other body to Django."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST" and request.content_type == "multipart/form-data":
            parse_plain_form(request)
        return self.get_response(request)


def parse_plain_form(request: HttpRequest) -> bool:
    """Set `request.POST` (and an empty `request.FILES`) from a plain multipart body, as Django's parser would; False,
    leaving the request as it was but for its body being read, when the body is not plain."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    limit = min(SIMPLE_BODY_LIMIT, settings.DATA_UPLOAD_MAX_MEMORY_SIZE or inf)
    if hasattr(request, "_post") or not 0 < length <= limit:
        return False
    try:
        body = request.body
    except UnreadablePostError:
        return False  # as when Django reads it: the form is then empty
    fields = _plain_fields(request, body)
    if fields is None:
        return False
    # Django's own attributes, as HttpRequest._load_post_and_files sets them: POST and FILES then read them (and
    # the upload handlers can no longer be changed, as after Django's parsing).
    request._post, request._files = fields, MultiValueDict()
    return True


def _plain_fields(request: HttpRequest, body: bytes) -> QueryDict | None:
    """The fields of a body whose every part is plain (see the module's docstring), or None."""
    boundary = request.content_params.get("boundary", "")
    if settings.FILE_UPLOAD_HANDLERS != global_settings.FILE_UPLOAD_HANDLERS:
        return None
    if not MultiPartParser.boundary_re.fullmatch(boundary):
        return None
    encoding = request.encoding or settings.DEFAULT_CHARSET
    most = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    values: dict[str, list[str]] = {}
    name, chunks = None, []
    try:
        with PushMultipartParser(boundary, len(body), max_segment_count=most or inf, strict=True) as parser:
            for event in parser.parse(body):
                if isinstance(event, MultipartSegment):
                    if not _plain(event):
                        return None
                    name, chunks = event.name, []
                elif event is None:
                    values.setdefault(name, []).append(b"".join(chunks).decode(encoding, errors="replace"))
                else:
                    chunks.append(event)
    except MultipartError:
        return None
    fields = QueryDict()
    # A QueryDict is a dict of lists of str, which the values already are: appending them one by one through
    # QueryDict's checks cost as much as the parsing.
    dict.update(fields, values)
    return fields


def _plain(segment: MultipartSegment) -> bool:
    headers = [header for header, _value in segment.headerlist]
    return (
        len(set(headers)) == len(headers)
        and _SIMPLE_HEADERS.issuperset(headers)
        and bool(_SIMPLE_DISPOSITION.match(segment.header("Content-Disposition", "")))
    )
