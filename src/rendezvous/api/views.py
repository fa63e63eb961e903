"""The HTTP API. Each endpoint calls the same services as the web pages; the schema is at /api/openapi.json.

Errors are JSON objects with a `detail`: a sentence for refusals (the service's own message), a list of field errors
for invalid input (422). The interactive documentation at /api/docs uses the Swagger UI files shipped inside the
pinned django-ninja package ("ninja" is in INSTALLED_APPS so they are served locally; no CDN).
"""

from django.core.exceptions import PermissionDenied
from ninja import NinjaAPI

from rendezvous.registration import services as registration

from . import personal_data, programme
from . import registration as registration_api

api = NinjaAPI(
    title="Rendezvous API",
    version="1",
    description=(
        "Editions, their programme, and registration. Public endpoints need no sign-in; 'my registration' and the "
        "organisers' endpoints use the web site's session (sign in first; unsafe methods need the CSRF token)."
    ),
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


@api.exception_handler(PermissionDenied)
def permission_denied(request, error: PermissionDenied):
    return api.create_response(request, {"detail": str(error) or "You may not do this."}, status=403)


@api.get("/health", summary="Liveness check", tags=["Service"])
def health(request) -> dict:
    return {"status": "ok"}
