"""Admin permissions for the people who run an edition.

An organiser (EditionStaff with the organiser role) may edit editions and the registration policy in
the admin without anyone hand-granting Django model permissions; the admin classes scope every list to the editions
they organise (events.admin.EditionScopedAdmin). Users, groups, the outbox and the audit trail stay with superusers.

What the organiser pages of the product replace is no longer granted here (the admin is for platform staff):
staff (organise/staff), the registration policy, registrations and invitations (registration's organiser pages), and
the shared people and organisations, which no edition's organiser may change for every edition that uses them. What
is left (the edition's details, venues, rooms and the programme) goes once the programme editor pages exist.
"""

from django.contrib.auth.backends import ModelBackend

VIEW, ADD, CHANGE, DELETE = "view", "add", "change", "delete"
EVERYTHING = {VIEW, ADD, CHANGE, DELETE}

ORGANISER_PERMISSIONS: dict[str, dict[str, set[str]]] = {
    "events": {
        "edition": {VIEW, CHANGE},
        "venue": EVERYTHING,
        "room": EVERYTHING,
        "editionorganiser": EVERYTHING,
    },
    # The programme, registration, people and organisations are edited in the organiser pages, not in the admin.
}


def _is_edition_organiser(user) -> bool:
    if not (user.is_active and user.is_staff):
        return False
    cached = getattr(user, "_rendezvous_is_edition_organiser", None)
    if cached is None:
        cached = user.edition_roles.filter(role="organiser").exists()
        user._rendezvous_is_edition_organiser = cached
    return cached


class EditionOrganiserBackend(ModelBackend):
    """Grants ORGANISER_PERMISSIONS to edition organisers; authenticates nobody (ModelBackend does that)."""

    def authenticate(self, request, **credentials):
        return None

    def has_perm(self, user_obj, perm, obj=None):
        if not _is_edition_organiser(user_obj):
            return False
        app_label, _, codename = perm.partition(".")
        action, _, model = codename.partition("_")
        return action in ORGANISER_PERMISSIONS.get(app_label, {}).get(model, set())

    def has_module_perms(self, user_obj, app_label):
        return _is_edition_organiser(user_obj) and app_label in ORGANISER_PERMISSIONS
