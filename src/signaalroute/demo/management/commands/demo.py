"""`manage.py demo`: build (or rebuild) the fictitious demo region and print its accounts."""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signaalroute.demo.services import demo_opbouwen
from signaalroute.demo.uitvoer import samenvatting


class Command(BaseCommand):
    help = (
        "Bouwt de fictieve demoregio (Lindeveld en Oosterwaarde) opnieuw op: organisaties, "
        "signaalpartners, 12 maanden signalen en zaken, en demo-accounts met vaste TOTP-geheimen."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Ook uitvoeren als DEBUG uit staat (demo-accounts hebben bekende wachtwoorden).",
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG staat uit: dit lijkt geen ontwikkelomgeving. De demo-accounts hebben een "
                "bekend wachtwoord en TOTP-geheim. Gebruik --force als u dit echt wilt."
            )
        begin = time.monotonic()
        resultaat = demo_opbouwen()
        duur = time.monotonic() - begin
        self.stdout.write("\n".join(samenvatting(resultaat, duur)))
