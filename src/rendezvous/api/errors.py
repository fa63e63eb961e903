"""The one error shape every refusal of the API takes, and the responses each kind of operation documents."""

from ninja import Schema
from pydantic import ConfigDict, Field


class Error(Schema):
    """Every refusal: a sentence saying why, in plain words."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"detail": "Only the edition's organisers may do this."}]}
    )

    detail: str = Field(description="Why the request was refused.")


class FieldError(Schema):
    type: str
    loc: list[str | int] = Field(description='Where the error is, e.g. ["body", "payload", "email"].')
    msg: str


class FieldErrors(Schema):
    """Invalid input (422): one entry per field that is missing or wrong."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"detail": [{"type": "missing", "loc": ["body", "payload", "title"], "msg": "Field required"}]}
            ]
        }
    )

    detail: list[FieldError]


# What any operation may answer besides its success: a malformed request (400), an address too long (414, from the
# server in front), too many requests (429), the database busy (503).
COMMON = {400: Error, 414: Error, 429: Error, 503: Error}
PUBLIC = {**COMMON, 401: Error, 404: Error, 422: FieldErrors}
SIGNED_IN = {**PUBLIC, 403: Error}
WRITE = {**SIGNED_IN, 409: Error}
UPDATE = {**WRITE, 412: Error}


def responses(success: dict, errors: dict) -> dict:
    return {**errors, **success}
