"""`rendezvous api_token create --user EMAIL [--edition SLUG ...] --scope read|write [--expires DAYS] [--name NAME]`
prints a new personal API token once; `api_token list --user EMAIL` and `api_token revoke --user EMAIL PREFIX`."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from rendezvous.events.models import Edition

from ... import tokens
from ...models import TokenScope


class Command(BaseCommand):
    help = "Make, list or revoke personal API tokens."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        create = actions.add_parser("create", help="Make a token and print it (it is shown only this once).")
        create.add_argument("--user", required=True, help="The owner's e-mail address.")
        create.add_argument("--edition", action="append", default=[], help="Limit to this edition (repeatable).")
        create.add_argument("--scope", required=True, choices=TokenScope.values)
        create.add_argument("--expires", type=int, default=None, help="Days until it stops working.")
        create.add_argument("--name", default="", help="What the token is for.")
        listing = actions.add_parser("list", help="The owner's tokens (prefixes only).")
        listing.add_argument("--user", required=True)
        revoke = actions.add_parser("revoke", help="Stop a token working at once.")
        revoke.add_argument("--user", required=True)
        revoke.add_argument("prefix", help="The token's prefix, as `list` shows it.")

    def handle(self, *args, action, user, **options):
        owner = get_user_model().objects.filter(email__iexact=user.strip()).first()
        if owner is None:
            raise CommandError(_("No account with the address %(email)s.") % {"email": user})
        if action == "create":
            self._create(owner, options)
        elif action == "list":
            for api_token in tokens.tokens_of(owner):
                state = "revoked" if api_token.revoked_at else ("usable" if api_token.is_usable() else "expired")
                editions = ",".join(edition.slug for edition in api_token.editions.all()) or "*"
                self.stdout.write(f"{api_token.prefix}\t{api_token.scope}\t{editions}\t{state}\t{api_token.name}")
        else:
            matches = list(tokens.tokens_of(owner).filter(prefix=options["prefix"]))
            if len(matches) != 1:
                raise CommandError(_("No single token of %(email)s has this prefix.") % {"email": owner.email})
            tokens.revoke_token(matches[0], actor=owner)
            self.stdout.write(_("Revoked."))

    def _create(self, owner, options):
        slugs = options["edition"]
        editions = list(Edition.objects.filter(slug__in=slugs))
        unknown = sorted(set(slugs) - {edition.slug for edition in editions})
        if unknown:
            raise CommandError(_("No edition with the slug %(slugs)s.") % {"slugs": ", ".join(unknown)})
        try:
            _api_token, token = tokens.create_token(
                owner,
                name=options["name"],
                scope=options["scope"],
                editions=editions,
                expires_in_days=options["expires"],
            )
        except tokens.TokenError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(token)
