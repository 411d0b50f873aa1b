import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signaalroute.contrib.shv.services import shv_lijst_importeren
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Gemeente


class Command(BaseCommand):
    help = (
        "Lees de lijst van inwoners die bekend zijn bij schuldhulpverlening in (CSV uit het "
        "schuldhulpsysteem; vervangt de vorige lijst van de gemeente)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="CBS-code, bijv. 0363")
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, gemeente, bestand, **options):
        code = gemeente.upper().removeprefix("GM").zfill(4)
        gemeente_obj = Gemeente.objects.filter(cbs_code=code).first()
        if gemeente_obj is None:
            raise CommandError(f"Onbekende gemeente: {gemeente!r}")
        try:
            resultaat = shv_lijst_importeren(gemeente=gemeente_obj, inhoud=bestand.read_bytes())
        except OSError as exc:
            raise CommandError(f"Kan {bestand} niet lezen: {exc.strerror}") from exc
        except ValidatieFout as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            json.dumps(
                {"ingelezen": resultaat.ingelezen, "fouten": resultaat.fouten},
                ensure_ascii=False,
                indent=2,
            )
        )
