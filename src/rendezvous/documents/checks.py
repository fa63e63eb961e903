from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, register

from .crypto import configured_keys


@register()
def passport_key_configured(app_configs, **kwargs):
    """Production must seal passport details with a key of its own, not one derived from SECRET_KEY."""
    errors = []
    keys = configured_keys()
    if getattr(settings, "PRODUCTION", False) and not keys:
        errors.append(
            Error(
                "PASSPORT_ENCRYPTION_KEYS is not set.",
                hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'",
                id="documents.E001",
            )
        )
    for key in keys:
        try:
            Fernet(key)
        except ValueError:
            errors.append(Error("A key in PASSPORT_ENCRYPTION_KEYS is not a valid Fernet key.", id="documents.E002"))
    return errors
