from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

# Each app contributes its own demo content; order matters: regions, then the thematic areas
# that workplan actions refer to.
SEEDERS = [
    "regions.seed",
    "handbook.seed",
    "toolkit.seed",
    "toolkit.reporting.seed",
    "toolkit.compare.seed",
    "toolkit.publishing.seed",
    # Last: translations of everything the seeders above created.
    "handbook.translation.starter",
]


class Command(BaseCommand):
    help = "Create (or complete) the demo network, regions, accounts and content. Idempotent."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Create demo accounts even when DEBUG is off (never on a public server).",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with DEBUG off. Use --force on a private server."
            )
        for dotted in SEEDERS:
            try:
                module = import_module(dotted)
            except ModuleNotFoundError as error:
                if error.name != dotted:
                    raise
                continue
            module.seed(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
