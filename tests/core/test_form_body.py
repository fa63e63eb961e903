"""A plain multipart form is parsed by the `multipart` package (core.form_body), with the very result Django's parser
gives: the same fields, the same (empty) files, the same errors — and anything not plain is left to Django."""

import pytest
from django.core.exceptions import RequestDataTooBig
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rendezvous.core.form_body import SimpleFormBodyMiddleware, parse_plain_form

BOUNDARY = "----WebKitFormBoundaryRendezvous0123"
SIMPLE_NAMES = st.from_regex(r"[A-Za-z0-9_.\-]{1,12}", fullmatch=True)
ANY_NAMES = st.one_of(SIMPLE_NAMES, st.text(max_size=12))


def part(name: str, value: bytes, filename: str | None = None, headers: tuple[str, ...] = ()) -> bytes:
    disposition = f'form-data; name="{name}"' + ("" if filename is None else f'; filename="{filename}"')
    lines = [f"Content-Disposition: {disposition}", *headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + value


def body(parts: list[bytes], *, preamble: bytes = b"", epilogue: bytes = b"", closed: bool = True) -> bytes:
    delimiter = f"--{BOUNDARY}".encode()
    text = preamble + b"".join(delimiter + b"\r\n" + p + b"\r\n" for p in parts)
    return text + (delimiter + b"--\r\n" + epilogue if closed else b"")


def request(data: bytes, content_type: str = f"multipart/form-data; boundary={BOUNDARY}"):
    return RequestFactory().generic("POST", "/", data=data, content_type=content_type)


def parsed(req) -> tuple:
    """What the request's POST and FILES hold, or the error reading them raised."""
    try:
        files = {name: [(f.name, f.read()) for f in values] for name, values in req.FILES.lists()}
        return dict(req.POST.lists()), files, req.POST._mutable
    except Exception as error:  # noqa: BLE001 - the comparison is of which error
        return type(error).__name__


def by_django(data: bytes, **kwargs) -> tuple:
    return parsed(request(data, **kwargs))


def by_middleware(data: bytes, **kwargs) -> tuple:
    req = request(data, **kwargs)
    try:
        SimpleFormBodyMiddleware(lambda r: HttpResponse())(req)
    except Exception as error:  # noqa: BLE001
        return type(error).__name__
    return parsed(req)


BROWSER_FORM = body(
    [
        part("csrfmiddlewaretoken", b"x" * 64),
        part("given_name", "Zhang Wěi".encode()),
        part("country", b"CN"),
        part("topics", b"launch"),
        part("topics", b"rovers"),
        part("nomination_letter", b"", filename="", headers=("Content-Type: application/octet-stream",)),
        part("note", b"line one\r\nline two\r\n--not the boundary"),
    ]
)


def test_a_browser_form_is_parsed_by_the_fast_path_with_djangos_result():
    req = request(BROWSER_FORM)
    assert parse_plain_form(req) is True
    assert parsed(req) == by_django(BROWSER_FORM)
    assert req.POST.getlist("topics") == ["launch", "rovers"]
    assert req.POST["given_name"] == "Zhang Wěi"
    assert req.POST["nomination_letter"] == ""  # an empty file input is a field, as Django makes it
    assert req.POST["note"] == "line one\r\nline two\r\n--not the boundary"


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(body([part("letter", b"%PDF-1.7", filename="letter.pdf")]), id="a file"),
        pytest.param(body([part("a", b"1", headers=("Content-Transfer-Encoding: base64",))]), id="base64 part"),
        pytest.param(body([part('a"b', b"1")]), id="quoted name"),
        pytest.param(body([part("a", b"1")], closed=False), id="unclosed"),
        pytest.param(body([part("a", b"x" * 70_000)]), id="large body"),
        pytest.param(b"", id="empty body"),
    ],
)
def test_anything_not_plain_is_left_to_django(data):
    req = request(data)
    assert parse_plain_form(req) is False
    assert parsed(req) == by_django(data)


def test_a_file_still_arrives_as_a_file():
    data = body([part("a", b"1"), part("letter", b"%PDF-1.7 text", filename="letter.pdf")])
    assert by_middleware(data) == ({"a": ["1"]}, {"letter": [("letter.pdf", b"%PDF-1.7 text")]}, False)


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=3)
def test_too_many_fields_is_djangos_error():
    data = body([part(f"f{i}", b"1") for i in range(8)])
    assert by_middleware(data) == by_django(data) == "TooManyFieldsSent"


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=100)
def test_too_large_a_body_is_djangos_error():
    data = body([part("a", b"x" * 200)])
    with pytest.raises(RequestDataTooBig):
        request(data).POST  # noqa: B018
    assert by_middleware(data) == by_django(data)


def test_an_undecodable_value_is_replaced_as_django_does():
    data = body([part("a", b"caf\xe9")])
    assert by_middleware(data) == by_django(data) == ({"a": ["caf\ufffd"]}, {}, False)


def test_a_latin1_request_is_decoded_in_its_charset():
    content_type = f"multipart/form-data; charset=latin-1; boundary={BOUNDARY}"
    data = body([part("a", b"caf\xe9")])
    assert by_middleware(data, content_type=content_type) == by_django(data, content_type=content_type)


def test_not_multipart_is_not_touched():
    req = RequestFactory().post("/", data="a=1", content_type="application/x-www-form-urlencoded")
    SimpleFormBodyMiddleware(lambda r: HttpResponse())(req)
    assert not hasattr(req, "_post")
    assert req.POST["a"] == "1"


HEADERS = st.lists(
    st.sampled_from(
        [
            "Content-Type: text/plain",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Type: application/octet-stream",
            "Content-Transfer-Encoding: base64",
            "Content-Length: 3",
            "X-Other: 1",
        ]
    ),
    max_size=2,
)
PARTS = st.builds(
    part,
    name=ANY_NAMES,
    value=st.one_of(st.binary(max_size=40), st.text(max_size=40).map(str.encode)),
    filename=st.one_of(st.none(), st.just(""), st.text(max_size=8)),
    headers=HEADERS.map(tuple),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    parts=st.lists(PARTS, max_size=6),
    preamble=st.sampled_from([b"", b"preamble\r\n", b"\r\n"]),
    epilogue=st.sampled_from([b"", b"epilogue", b"\r\n"]),
    closed=st.booleans(),
)
def test_any_body_gives_djangos_result(parts, preamble, epilogue, closed):
    data = body(parts, preamble=preamble, epilogue=epilogue, closed=closed)
    assert by_middleware(data) == by_django(data)


@settings(max_examples=200, deadline=None)
@given(data=st.binary(max_size=300))
def test_any_bytes_give_djangos_result(data):
    assert by_middleware(data) == by_django(data)


@override_settings(FILE_UPLOAD_HANDLERS=["django.core.files.uploadhandler.TemporaryFileUploadHandler"])
def test_other_upload_handlers_leave_the_form_to_django():
    req = request(BROWSER_FORM)
    assert parse_plain_form(req) is False
    assert parsed(req) == by_django(BROWSER_FORM)


def test_the_middleware_parses_before_the_csrf_check_reads_the_form():
    # After it, Django's parser would already have read the body and the fast path would never be taken.
    from django.conf import settings as django_settings

    order = django_settings.MIDDLEWARE
    assert order.index("rendezvous.core.form_body.SimpleFormBodyMiddleware") < order.index(
        "django.middleware.csrf.CsrfViewMiddleware"
    )
