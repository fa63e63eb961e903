from django.contrib import admin
from django.urls import include, path

from rendezvous.api.account_views import api_tokens
from rendezvous.core import health, observability
from rendezvous.core.views import admin_login, set_language

urlpatterns = [
    path("health/live", health.live, name="health_live"),
    path("health/ready", health.ready, name="health_ready"),
    path("metrics", observability.metrics, name="metrics"),
    path("admin/login/", admin_login),  # platform staff: password + second factor, never the password alone
    path("admin/", admin.site.urls),
    path("language/", set_language, name="set_language"),
    path("api/", include("rendezvous.api.urls")),
    path("accounts/api-tokens/", api_tokens, name="api_tokens"),
    path("accounts/", include("rendezvous.core.urls")),
    path("", include("rendezvous.events.urls")),
    path("", include("rendezvous.programme.urls")),
    path("", include("rendezvous.registration.urls")),
    path("", include("rendezvous.participation.urls")),
    path("", include("rendezvous.organise.urls")),
    path("", include("rendezvous.reports.urls")),
    path("", include("rendezvous.outcomes.urls")),
    path("", include("rendezvous.partnerships.urls")),
    path("", include("rendezvous.webhooks.urls")),
    path("", include("rendezvous.documents.urls")),
]
# Uploaded files are never served from MEDIA_URL, not even in development: every download goes through a view that
# checks who may see the file (materials, nomination letters, attachments).

# A database that went away (restart, failover) answers 503 "busy, try again" instead of 500 (core.middleware).
handler500 = "rendezvous.core.middleware.server_error"
