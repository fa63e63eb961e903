"""The HTTP API. Each endpoint calls the same services as the web pages; the schema is at /api/openapi.json."""

from ninja import NinjaAPI

api = NinjaAPI(title="Rendezvous API", version="1", urls_namespace="api")


@api.get("/health", summary="Liveness check")
def health(request) -> dict:
    return {"status": "ok"}
