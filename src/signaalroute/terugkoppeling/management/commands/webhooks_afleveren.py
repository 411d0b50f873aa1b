import time
from collections import Counter

from django.core.management.base import BaseCommand

from signaalroute.terugkoppeling.webhooks.constants import Uitkomst
from signaalroute.terugkoppeling.webhooks.instellingen import Instellingen
from signaalroute.terugkoppeling.webhooks.services import afleveringen_afleveren


class Command(BaseCommand):
    help = (
        "Lever webhookberichten af die nu aan de beurt zijn (nieuwe en herhaalpogingen). "
        "Veilig om elke minuut vanuit cron te draaien, ook als een vorige run nog bezig is: "
        "elk bericht wordt door één run tegelijk verstuurd."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max", type=int, default=2000, help="Hoogstens zoveel berichten per run."
        )
        parser.add_argument(
            "--max-seconden",
            type=float,
            default=50.0,
            help="Geen nieuwe reeks meer beginnen na zoveel seconden (standaard 50).",
        )

    def handle(self, *args, max: int, max_seconden: float, **options):
        batch = Instellingen.uit_settings().batch
        begin = time.monotonic()
        totaal: Counter = Counter()
        while sum(totaal.values()) < max and time.monotonic() - begin < max_seconden:
            telling = afleveringen_afleveren(limiet=min(batch, max - sum(totaal.values())))
            if not telling:
                break
            totaal.update(telling)
        self.stdout.write(
            f"{totaal[Uitkomst.AFGELEVERD]} afgeleverd, {totaal[Uitkomst.OPNIEUW]} opnieuw "
            f"gepland, {totaal[Uitkomst.TE_VEEL_VERZOEKEN]} wacht op Retry-After, "
            f"{totaal[Uitkomst.WEG]} abonnement weg."
        )
