"""The OpenAPI schema and the interactive docs: valid, complete, and served without any CDN."""

import openapi_spec_validator
import pytest

pytestmark = pytest.mark.django_db

PATHS = {
    "/api/editions": {"get"},
    "/api/editions/{slug}": {"get"},
    "/api/editions/{slug}/sessions": {"get"},
    "/api/editions/{slug}/sessions/{session_slug}": {"get"},
    "/api/editions/{slug}/registration/route": {"get"},
    "/api/editions/{slug}/registrations": {"get", "post"},
    "/api/editions/{slug}/registrations/me": {"get"},
    "/api/editions/{slug}/registrations/{registration_id}/approve": {"post"},
    "/api/editions/{slug}/registrations/{registration_id}/reject": {"post"},
}


def test_openapi_json_lists_every_endpoint(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    for path, methods in PATHS.items():
        assert methods <= set(schema["paths"][path]), path
    submit = schema["paths"]["/api/editions/{slug}/registrations"]["post"]
    assert {"200", "201", "403", "409", "422"} <= set(submit["responses"])
    assert "Idempotency-Key" in {parameter["name"] for parameter in submit["parameters"]}


def test_openapi_json_is_a_valid_openapi_document(client):
    openapi_spec_validator.validate(client.get("/api/openapi.json").json())


def test_docs_use_local_assets_only(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html and "https://" not in html
