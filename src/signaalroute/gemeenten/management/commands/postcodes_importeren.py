import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.services import postcodes_importeren


class Command(BaseCommand):
    help = (
        "Importeer een postcodetabel (CSV: postcode;gemeentecode;wijkcode;wijknaam) die PC4 of "
        "PC6 koppelt aan een gemeente en wijk."
    )

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)

    def handle(self, *args, bestand: Path, **options):
        try:
            resultaat = postcodes_importeren(inhoud=bestand.read_bytes())
        except OSError as exc:
            raise CommandError(f"Kan {bestand} niet lezen: {exc.strerror}") from exc
        except ValidatieFout as exc:
            raise CommandError(str(exc.message)) from exc
        self.stdout.write(
            json.dumps(
                {
                    "aangemaakt": resultaat.aangemaakt,
                    "bijgewerkt": resultaat.bijgewerkt,
                    "wijkenAangemaakt": resultaat.wijken_aangemaakt,
                    "fouten": resultaat.fouten,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
