import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.selectors import aanlevering_samenvatting
from signaalroute.aanleveringen.services import (
    DubbeleAanlevering,
    aanlevering_ontvangen,
    aanlevering_verwerken,
)
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.signaalpartners.models import Signaalpartner


class Command(BaseCommand):
    help = (
        "Importeer een aanlevering (CSV of XLSX) van een signaalpartner. Schrijft een "
        "JSON-samenvatting naar stdout; stopt alleen met een foutcode als het bestand als "
        "geheel niet te lezen is."
    )

    def add_arguments(self, parser):
        parser.add_argument("--partner", required=True, help="Code van de signaalpartner")
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, partner: str, bestand: Path, **options):
        signaalpartner = Signaalpartner.objects.filter(code=partner, actief=True).first()
        if signaalpartner is None:
            raise CommandError(f"Onbekende of inactieve signaalpartner: {partner!r}")
        try:
            inhoud = bestand.read_bytes()
        except OSError as exc:
            raise CommandError(f"Kan {bestand} niet lezen: {exc.strerror}") from exc
        try:
            aanlevering = aanlevering_ontvangen(
                signaalpartner=signaalpartner,
                kanaal=Aanleverkanaal.OPDRACHTREGEL,
                inhoud=inhoud,
                bestandsnaam=bestand.name,
                wachtrij=False,
            )
        except DubbeleAanlevering as exc:
            samenvatting = {**aanlevering_samenvatting(exc.eerdere), "dubbel": str(exc.message)}
            self.stdout.write(json.dumps(samenvatting, ensure_ascii=False, indent=2))
            return
        except ValidatieFout as exc:
            self.stdout.write(json.dumps({"foutmelding": str(exc.message)}, ensure_ascii=False))
            sys.exit(1)
        aanlevering = aanlevering_verwerken(aanlevering_id=aanlevering.pk) or aanlevering
        aanlevering.refresh_from_db()
        self.stdout.write(
            json.dumps(aanlevering_samenvatting(aanlevering), ensure_ascii=False, indent=2)
        )
        if aanlevering.status == Aanleverstatus.MISLUKT:
            sys.exit(1)
