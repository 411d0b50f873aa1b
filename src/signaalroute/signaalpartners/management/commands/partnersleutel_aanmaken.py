from django.core.management.base import BaseCommand, CommandError

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.signaalpartners.constants import Scope
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.signaalpartners.services import partnersleutel_aanmaken


class Command(BaseCommand):
    help = "Maak een API-sleutel voor het systeem van een signaalpartner (eenmalig getoond)."

    def add_arguments(self, parser):
        parser.add_argument("--partner", required=True)
        parser.add_argument("--naam", default="Koppeling")
        parser.add_argument(
            "--scope",
            action="append",
            choices=Scope.values,
            dest="scopes",
            help="Herhaal voor meer scopes (standaard: aanleveren en lezen).",
        )

    def handle(self, *args, partner, naam, scopes, **options):
        signaalpartner = Signaalpartner.objects.filter(code=partner).first()
        if signaalpartner is None:
            raise CommandError(f"Onbekende signaalpartner: {partner!r}")
        scopes = scopes or [Scope.AANLEVERINGEN_SCHRIJVEN, Scope.AANLEVERINGEN_LEZEN]
        try:
            _, sleutel = partnersleutel_aanmaken(
                signaalpartner=signaalpartner, naam=naam, scopes=scopes
            )
        except ValidatieFout as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(sleutel)
