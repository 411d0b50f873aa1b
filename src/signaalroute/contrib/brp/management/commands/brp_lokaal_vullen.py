"""`manage.py brp_lokaal_vullen`: fictitious residents in the local BRP for every signal address."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signaalroute.contrib.brp.lokaal.vullen import SEED, lokale_brp_vullen


class Command(BaseCommand):
    help = (
        "Vult de lokale BRP met fictieve bewoners voor elk adres met signalen, met de verschillen "
        "die de echte BRP heeft (volledige voornamen, voorvoegsel apart, accenten, partner, "
        "verhuisd, overleden, andere bewoner). Steeds dezelfde uitkomst bij dezelfde signalen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=SEED, help="Vaste startwaarde.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat.",
        )

    def handle(self, *args, **options):
        if not settings.BRP_LOKAAL:
            raise CommandError("BRP_LOKAAL staat uit: er is geen lokale BRP om te vullen.")
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG staat uit: dit lijkt geen ontwikkelomgeving. De lokale BRP is zonder "
                "inloggen te bevragen en wordt gevuld met namen uit de signalen. Gebruik --force "
                "als dit echt een demo- of testomgeving is."
            )
        begin = time.monotonic()
        resultaat = lokale_brp_vullen(seed=options["seed"])
        self.stdout.write(
            f"Lokale BRP gevuld: {resultaat.personen} personen op {resultaat.adressen} "
            f"signaaladressen in {time.monotonic() - begin:.1f} s."
        )
        for toelichting, aantal in sorted(resultaat.per_toelichting.items()):
            self.stdout.write(f"  {aantal:6d}  {toelichting or '-'}")
