"""The Django admin is the platform staff's tool (superusers), never an organiser's (issue 11).

Organisers run their editions on the product's organiser pages, which check their right over every edition a record
belongs to and audit each change; the admin does neither. `is_staff` still marks an account that signs in as an
organiser (password and a second factor, core.services); it opens nothing here.
"""

import functools

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class PlatformAdminSite(admin.AdminSite):
    site_header = gettext_lazy("Rendezvous — platform staff")
    site_title = gettext_lazy("Rendezvous platform staff")

    def has_permission(self, request):
        user = request.user
        return user.is_active and user.is_superuser

    def admin_view(self, view, cacheable=False):
        """A signed-in person who is not platform staff is told so (403), not sent to a sign-in page they have
        already passed; anonymous visitors are sent to sign in as before."""
        inner = super().admin_view(view, cacheable)

        @functools.wraps(view)
        def platform_staff_only(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied(
                    _(
                        "The administration pages are for platform staff only. Organisers run their editions "
                        "from the organiser pages."
                    )
                )
            return inner(request, *args, **kwargs)

        return platform_staff_only


class PlatformAdminConfig(AdminConfig):
    """django.contrib.admin with PlatformAdminSite as `admin.site` (named in INSTALLED_APPS)."""

    default_site = "rendezvous.core.admin_site.PlatformAdminSite"
