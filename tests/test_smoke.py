import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_api_health_answers(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_admin_is_mounted():
    assert reverse("admin:index") == "/admin/"
