import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from signaalroute.signaalpartners.rules import maand_label
from signaalroute.signaalpartners.services import aanleverherinneringen_versturen


class Command(BaseCommand):
    help = (
        "Stuur een herinnering naar signaalpartners van wie de maandelijkse aanlevering "
        "ontbreekt (na de aanleverdag). Eén e-mail per partner per maand, nooit twee keer: "
        "veilig om dagelijks vanuit cron te draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--datum",
            help="Peildatum als JJJJ-MM-DD (standaard: vandaag).",
        )

    def handle(self, *args, datum: str | None = None, **options):
        if datum:
            try:
                peildatum = datetime.date.fromisoformat(datum)
            except ValueError as exc:
                raise CommandError(f"Ongeldige datum {datum!r}: gebruik JJJJ-MM-DD.") from exc
        else:
            peildatum = timezone.localdate()
        resultaat = aanleverherinneringen_versturen(peildatum=peildatum)
        for herinnering in resultaat.verstuurd:
            gemeenten = ", ".join(g["naam"] for g in herinnering.gemeenten)
            self.stdout.write(
                f"Herinnering verstuurd aan {herinnering.signaalpartner.naam} "
                f"({maand_label(herinnering.maand)}): {gemeenten}"
            )
        for partner in resultaat.zonder_adres:
            self.stderr.write(
                f"Geen herinnering aan {partner.naam}: geen contactpersoon met e-mailadres."
            )
        for partner in resultaat.mislukt:
            self.stderr.write(f"Herinnering aan {partner.naam} kon niet worden verstuurd.")
        self.stdout.write(f"{len(resultaat.verstuurd)} herinnering(en) verstuurd.")
        if resultaat.mislukt:
            raise CommandError(f"{len(resultaat.mislukt)} herinnering(en) mislukt.")
