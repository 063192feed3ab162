"""manage.py issue_api_token <organisation-slug>: print a new API token, once."""

from django.core.management.base import BaseCommand, CommandError

from veilignet.accounts.models import Organisation
from veilignet.api.services import issue_token


class Command(BaseCommand):
    help = "Issue a new partner API token for an organisation and print it (shown only once)."

    def add_arguments(self, parser):
        parser.add_argument("organisation", help="the organisation's slug, e.g. politie-hvb")

    def handle(self, *args, organisation, **options):
        try:
            org = Organisation.objects.get(slug=organisation)
        except Organisation.DoesNotExist:
            raise CommandError(f"No organisation with slug {organisation!r}.") from None
        _, raw = issue_token(org)
        self.stderr.write(f"New API token for {org.name} (store it now; it is not kept):")
        self.stdout.write(raw)
