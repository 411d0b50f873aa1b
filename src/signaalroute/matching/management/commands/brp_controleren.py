import json

from django.core.management.base import BaseCommand, CommandError

from signaalroute.contrib.brp.exceptions import BrpFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.matching.brp import brp_controles_uitvoeren


class Command(BaseCommand):
    help = "Voer de BRP-controle uit voor signalen die er nog geen hebben (of alle: --opnieuw)."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; standaard alle aangesloten gemeenten")
        parser.add_argument("--opnieuw", action="store_true")

    def handle(self, *args, gemeente=None, opnieuw=False, **options):
        gemeenten = Gemeente.objects.filter(aangesloten=True)
        if gemeente:
            gemeenten = gemeenten.filter(cbs_code=gemeente.upper().removeprefix("GM").zfill(4))
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {gemeente!r}")
        uitkomst = {}
        for g in gemeenten:
            try:
                uitkomst[g.cbs_code] = dict(brp_controles_uitvoeren(gemeente=g, opnieuw=opnieuw))
            except BrpFout as exc:
                raise CommandError(f"BRP niet bereikbaar: {exc.message}") from exc
        self.stdout.write(json.dumps(uitkomst, indent=2))
