"""Load the built-in evaluation questionnaire (the 18 questions of seed 000, annex 2)."""

from django.core.management.base import BaseCommand

from veilignet.governance.services import load_evaluation_template


class Command(BaseCommand):
    help = "Create or update the built-in evaluation questionnaire from the shipped CSV."

    def handle(self, *args, **options):
        questionnaire = load_evaluation_template()
        count = questionnaire.questions.count()
        self.stdout.write(f"Loaded '{questionnaire.title}' with {count} questions.")
