import datetime
import json

from django.core.management.base import BaseCommand, CommandError

from signaalroute.gemeenten.models import Gemeente
from signaalroute.matching.signaalcontroles import (
    controles_opnieuw_klaarzetten,
    signalen_controleren,
    signalen_verwerken,
)


class Command(BaseCommand):
    help = (
        "Controleer nieuwe signalen (uitsluitingslijst, rechtspersoon, herhaalde melding, drempel, "
        "BRP, bekend bij schuldhulp) en bundel ze daarna per huishouden tot zaken. Draait ook na "
        "elke aanlevering; dagelijks draaien vangt signalen op van een periode die net is "
        "afgesloten of van een BRP-storing. Veilig om opnieuw te draaien."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code; standaard alle aangesloten gemeenten")
        parser.add_argument(
            "--datum",
            type=datetime.date.fromisoformat,
            help="Peildatum JJJJ-MM-DD voor de matching (standaard vandaag).",
        )
        parser.add_argument(
            "--zonder-matching", action="store_true", help="Alleen de controles, geen matching."
        )
        parser.add_argument(
            "--opnieuw",
            action="store_true",
            help="Controleer ook signalen die al gecontroleerd zijn en nog op de matching wachten "
            "(bijvoorbeeld na een nieuwe schuldhulplijst). Handmatige wijzigingen blijven staan.",
        )

    def handle(
        self, *args, gemeente=None, datum=None, zonder_matching=False, opnieuw=False, **options
    ):
        gemeenten = Gemeente.objects.filter(aangesloten=True).order_by("cbs_code")
        if gemeente:
            gemeenten = gemeenten.filter(cbs_code=gemeente.upper().removeprefix("GM").zfill(4))
            if not gemeenten.exists():
                raise CommandError(f"Onbekende gemeente: {gemeente!r}")
        if opnieuw:
            for g in gemeenten:
                controles_opnieuw_klaarzetten(gemeente=g)
        uitkomst = [
            (
                signalen_controleren(gemeente=g)
                if zonder_matching
                else signalen_verwerken(gemeente=g, peildatum=datum)
            ).als_dict()
            for g in gemeenten
        ]
        self.stdout.write(json.dumps(uitkomst, indent=2))
        if any("brp_fout" in regel for regel in uitkomst):
            raise CommandError("De BRP was niet bereikbaar; de overige signalen wachten.")
