import json

from django.core.management.base import BaseCommand, CommandError

from signaalroute.gemeenten.models import Gemeente
from signaalroute.matching.services import signaalcontroles_uitvoeren


class Command(BaseCommand):
    help = (
        "Geef nieuwe signalen die niet worden opgepakt hun status (uitsluitingslijst, "
        "rechtspersoon, herhaalde melding, drempel van de gemeente), vóór de matching."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; standaard alle aangesloten gemeenten")

    def handle(self, *args, gemeente=None, **options):
        gemeenten = Gemeente.objects.filter(aangesloten=True)
        if gemeente:
            gemeenten = gemeenten.filter(cbs_code=gemeente.upper().removeprefix("GM").zfill(4))
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {gemeente!r}")
        uitkomst = {g.cbs_code: dict(signaalcontroles_uitvoeren(gemeente=g)) for g in gemeenten}
        self.stdout.write(json.dumps(uitkomst, indent=2))
