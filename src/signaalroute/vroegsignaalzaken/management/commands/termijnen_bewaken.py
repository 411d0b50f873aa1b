import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from signaalroute.terugkoppeling.services import tussenstanden_terugkoppelen
from signaalroute.vroegsignaalzaken.services import termijnen_bewaken


class Command(BaseCommand):
    help = (
        "Zet nazorg die aan de beurt is terug in de werkvoorraad en maak meldingen voor "
        "termijnen die verlopen of bijna verlopen en voor geplande vervolgacties; partners "
        "krijgen een tussenstand van signalen waarvan de afsluittermijn verstreek. Eén melding "
        "per zaak, termijn en gebruiker: veilig om dagelijks vanuit cron te draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument("--datum", help="Peildatum als JJJJ-MM-DD (standaard: vandaag).")

    def handle(self, *args, datum: str | None = None, **options):
        try:
            peildatum = datetime.date.fromisoformat(datum) if datum else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum {datum!r}: gebruik JJJJ-MM-DD.") from exc
        aantal = termijnen_bewaken(vandaag=peildatum)
        tussenstanden = tussenstanden_terugkoppelen(vandaag=peildatum)
        self.stdout.write(f"{aantal} nieuwe melding(en), {tussenstanden} tussenstand(en).")
