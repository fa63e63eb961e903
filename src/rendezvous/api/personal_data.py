"""A person's own data through the API: the export (a fresh sign-in required, as on the site) and the erasure request.

Session auth only: a token given to another system must not be able to download or erase a person.
Passport details are never part of the export (documents.personal_data.SECRET_FIELDS).
"""

from ninja import Router, Schema, Status
from ninja.security import django_auth

from rendezvous.documents import erasure, personal_data

router = Router(tags=["Personal data"])


class Message(Schema):
    detail: str


class ErasureRequestOut(Schema):
    requested_at: str
    pending: bool


@router.get(
    "/me/data",
    auth=django_auth,
    response={200: dict, 401: Message, 403: Message},
    summary="Everything the system holds about me (JSON; needs a sign-in of the last minutes)",
)
def my_data(request):
    return personal_data.as_json(request.user, actor=request.user)


@router.post(
    "/me/erasure",
    auth=django_auth,
    response={201: ErasureRequestOut, 401: Message},
    summary="Ask for the erasure of my data",
)
def request_erasure(request):
    erasure_request = erasure.request_erasure(request.user, actor=request.user)
    return Status(
        201,
        {"requested_at": erasure_request.requested_at.isoformat(), "pending": erasure_request.completed_at is None},
    )
