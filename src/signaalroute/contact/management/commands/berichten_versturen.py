"""Send the e-mails and text messages still queued (after a temporary failure or a lost task).
Run it every few minutes from cron; a message is never sent twice. Prints counts only."""

from django.core.management.base import BaseCommand

from signaalroute.contact.services import berichten_opnieuw_versturen


class Command(BaseCommand):
    help = "Verstuur klaargezette e-mails en sms-berichten opnieuw."

    def handle(self, *args, **options):
        telling = berichten_opnieuw_versturen()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(telling.items())) or "niets")
