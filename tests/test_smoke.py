import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_api_health_answers(client):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_admin_is_mounted():
    assert reverse("admin:index") == "/admin/"


def test_uploaded_files_are_not_served_from_media_url_even_in_debug(settings):
    import importlib

    import rendezvous.urls

    settings.DEBUG = True
    urls = importlib.reload(rendezvous.urls)
    prefix = settings.MEDIA_URL.strip("/")
    assert not [pattern for pattern in urls.urlpatterns if prefix in str(pattern.pattern)]
