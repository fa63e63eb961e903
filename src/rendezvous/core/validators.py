"""E-mail addresses the platform will write to: well formed, at most 254 characters, and (in production) at a public
domain, never a machine name, an address literal such as `[127.0.0.1]` or `localhost`.

Every form field and API field that takes an address uses `validate_email` (or `EmailAddressField`), so the web forms
and the API refuse the same addresses with the same words. Development and the tests send to `*.localhost` (the demo
uses rendezvous.localhost); the setting EMAIL_ALLOW_LOCAL_DOMAINS allows that and is off in production.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.utils.translation import gettext_lazy as _

# RFC 5321: a path is at most 256 octets including the angle brackets, so an address at most 254.
MAX_EMAIL_LENGTH = 254
# Names that never reach the public Internet (RFC 2606, RFC 6761, RFC 6762 and common private suffixes).
LOCAL_SUFFIXES = ("localhost", "local", "localdomain", "internal", "intranet", "lan", "home.arpa", "invalid", "test")

# Django's own message, already translated into every UN language.
_well_formed = EmailValidator()


def is_public_domain(domain: str) -> bool:
    domain = domain.strip().rstrip(".").lower()
    if not domain or domain.startswith("[") or "." not in domain:
        return False
    if domain.replace(".", "").isdigit():
        return False
    return not any(domain == suffix or domain.endswith("." + suffix) for suffix in LOCAL_SUFFIXES)


def validate_email(value: str) -> None:
    """Raise ValidationError unless `value` is an address the platform may store and write to."""
    value = value or ""
    if len(value) > MAX_EMAIL_LENGTH:
        raise ValidationError(
            _("An e-mail address has at most %(limit)d characters; this one has %(length)d."),
            code="max_length",
            params={"limit": MAX_EMAIL_LENGTH, "length": len(value)},
        )
    _well_formed(value)
    if getattr(settings, "EMAIL_ALLOW_LOCAL_DOMAINS", False):
        return
    domain = value.rpartition("@")[2]
    if not is_public_domain(domain):
        raise ValidationError(
            _("Use an address at a public domain (like name@example.org); %(domain)s cannot receive our mail."),
            code="local_domain",
            params={"domain": domain},
        )


class EmailAddressField(forms.EmailField):
    """A form field for an address: at most 254 characters, and checked by `validate_email`."""

    default_validators = [validate_email]

    def widget_attrs(self, widget):
        # validate_email gives the length error in its own words; the browser is told the limit too.
        return {**super().widget_attrs(widget), "maxlength": str(MAX_EMAIL_LENGTH)}
