from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Warning, register  # noqa: A004  (Django's name)

from rendezvous.core.pdf_text import missing_scripts

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


@register()
def pdf_fonts_installed(app_configs, **kwargs):
    """Badges, certificates and visa letters embed the fonts of names in every script: say which are missing before
    someone's name prints as empty boxes or in a font their viewer may not have."""
    return [
        Warning(
            f"No installed font draws {script} script on badges, certificates and visa letters.",
            hint=f"apt-get install {package} (see .ci/run).",
            id="documents.W001",
        )
        for script, package in missing_scripts()
    ]
