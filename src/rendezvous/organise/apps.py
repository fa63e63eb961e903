from django.apps import AppConfig


class OrganiseConfig(AppConfig):
    """The secretariat's pages that span apps: editions created or cloned, staff, the audit trail and the outbox."""

    name = "rendezvous.organise"
    label = "organise"
    verbose_name = "Organise"
