import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from signaalroute.bewaartermijnen.services import alle_bewaartermijnen_toepassen


class Command(BaseCommand):
    help = (
        "Pas de bewaartermijnen van elke gemeente toe: wis de persoonsgegevens van zaken die "
        "zonder hulp zijn afgesloten en van tegengehouden signalen na de ingestelde termijn, "
        "en verwijder verwerkte bestanden, oude BRP-kandidaten en een verouderde SHV-lijst. "
        "Schrijft per gemeente een opschoonrapport. Veilig om dagelijks te draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--droog", action="store_true", help="Alleen tellen wat er zou gebeuren; niets wissen."
        )
        parser.add_argument("--datum", help="Peildatum als JJJJ-MM-DD (standaard: vandaag).")
        parser.add_argument(
            "--gemeente", action="append", dest="cbs_codes", help="CBS-code; mag vaker."
        )

    def handle(self, *args, droog=False, datum=None, cbs_codes=None, **options):
        try:
            peildatum = datetime.date.fromisoformat(datum) if datum else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"Ongeldige datum {datum!r}: gebruik JJJJ-MM-DD.") from exc
        rapporten = alle_bewaartermijnen_toepassen(
            peildatum=peildatum, droog=droog, cbs_codes=cbs_codes
        )
        kop = "Proefdraai (er is niets gewist)" if droog else "Bewaartermijnen toegepast"
        self.stdout.write(f"{kop}, peildatum {peildatum.isoformat()}:")
        for rapport in rapporten:
            naam = rapport.gemeente.naam if rapport.gemeente else "bestanden (platform)"
            regels = ", ".join(f"{soort} {n}" for soort, n in sorted(rapport.aantallen.items()))
            self.stdout.write(f"  {naam}: {regels or 'niets te doen'}")
