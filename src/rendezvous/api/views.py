"""The HTTP API. Each endpoint calls the same services as the web pages; the schema is at /api/openapi.json.

Callers authenticate with a personal token (`Authorization: Bearer <token>`, made on the account page or with
`rendezvous api_token create`) or, for the site's own pages, with the browser session (unsafe methods then need the
CSRF token). Every refusal is a JSON object with a `detail`: a sentence (the service's own message), or a list of
field errors for invalid input (422). The interactive documentation at /api/docs uses the Swagger UI files shipped
inside the pinned django-ninja package ("ninja" is in INSTALLED_APPS so they are served locally; no CDN).
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as ModelValidationError
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError
from pydantic import Field

from rendezvous.participation.services import ParticipationError
from rendezvous.registration import services as registration

from . import personal_data, programme, programme_write  # noqa: F401 - programme_write adds its operations to programme.router
from . import registration as registration_api
from .auth import KeyReused, PreconditionFailed
from .errors import COMMON, Error, responses


class RendezvousAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation) -> str:
        """`list_sessions` -> `listSessions`: stable names that generated clients turn into their method names."""
        head, *rest = operation.view_func.__name__.split("_")
        return head + "".join(part.capitalize() for part in rest)

    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schemes = schema.setdefault("components", {}).setdefault("securitySchemes", {})
        if "TokenAuth" in schemes:
            schemes["TokenAuth"]["description"] = _(
                "A personal API token (made on the account page or with `rendezvous api_token create`): "
                "`Authorization: Bearer rdv_…`."
            )
            schemes["TokenAuth"]["bearerFormat"] = "rdv_…"
        if "SessionAuth" in schemes:
            schemes["SessionAuth"]["description"] = _(
                "The web site's own session, for its pages; unsafe methods also need the X-CSRFToken header."
            )
        for path, operations in schema["paths"].items():
            for operation in operations.values():
                # Open to everyone; a token, when sent, lets an organiser read their edition before it is published.
                if "security" not in operation and path != "/api/health":
                    operation["security"] = [{}, {"TokenAuth": []}]
        return schema


api = RendezvousAPI(
    title="Rendezvous API",
    version="1",
    description=__doc__.split("\n\n", 1)[1].replace("\n", " "),
    urls_namespace="api",
    docs_url="/docs",
)
api.add_router("", programme.router)
api.add_router("", registration_api.router)
api.add_router("", personal_data.router)

# The HTTP status each refusal of the registration service maps to; anything else it refuses is a conflict (409).
REGISTRATION_STATUS = {
    registration.RouteRefused: 403,
    registration.InvitationInvalid: 403,
    registration.RegistrationBusy: 503,
}


@api.exception_handler(registration.RegistrationError)
def registration_refused(request, error: registration.RegistrationError):
    status = next((code for kind, code in REGISTRATION_STATUS.items() if isinstance(error, kind)), 409)
    response = api.create_response(request, {"detail": str(error)}, status=status)
    if status == 503:
        response["Retry-After"] = "2"
    return response


@api.exception_handler(ParticipationError)
def participation_refused(request, error: ParticipationError):
    return api.create_response(request, {"detail": str(error)}, status=409)


@api.exception_handler(PermissionDenied)
def permission_denied(request, error: PermissionDenied):
    return api.create_response(request, {"detail": str(error) or _("You may not do this.")}, status=403)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, error: AuthenticationError):
    response = api.create_response(request, {"detail": _("Unauthorized")}, status=401)
    response["WWW-Authenticate"] = 'Bearer realm="api"'
    return response


@api.exception_handler(ModelValidationError)
def invalid_values(request, error: ModelValidationError):
    """A service's model validation, in the same shape as the schema's own 422."""
    fields = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    detail = [
        {"type": "value_error", "loc": ["body", "payload"] + ([] if field == "__all__" else [field]), "msg": message}
        for field, messages in fields.items()
        for message in messages
    ]
    return api.create_response(request, {"detail": detail}, status=422)


@api.exception_handler(KeyReused)
def key_reused(request, error: KeyReused):
    message = _("This Idempotency-Key was already used for a different request: send a new key.")
    return api.create_response(request, {"detail": message}, status=409)


@api.exception_handler(PreconditionFailed)
def precondition_failed(request, error: PreconditionFailed):
    message = _("It was changed since you read it (If-Match does not match its ETag): read it again, then retry.")
    return api.create_response(request, {"detail": message}, status=412)


class Health(Schema):
    status: str = Field(description='Always "ok" when the application answers.', examples=["ok"])


@api.get("/health", response=responses({200: Health}, COMMON), summary="Liveness check", tags=["Service"])
def get_health(request):
    return {"status": "ok"}


__all__ = ["Error", "api"]
