from django.core.management.base import BaseCommand

from handbook.translation.starter import load


class Command(BaseCommand):
    help = (
        "Store the shipped translations of the starter content (priorities, checklist, Handbook, "
        "Framework, questionnaire, indicator library) where none exists yet. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("languages", nargs="*", help="Language codes; all when left out.")

    def handle(self, *args, languages=(), **options):
        created = load(list(languages) or None)
        self.stdout.write(f"{created} translations stored.")
