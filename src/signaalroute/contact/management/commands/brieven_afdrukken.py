"""Put the day's letters (or cards) of a municipality into its print batch and write the PDF.

    src/manage.py brieven_afdrukken --gemeente 0363 --gebruiker demo-coordinator [--kanaal kaartje] [--pdf batch.pdf]

Idempotent: a second run on the same day adds only cases that were not in the batch yet.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.contact import selectors, services
from signaalroute.contact.constants import PRINTKANALEN, Kanaal
from signaalroute.gemeenten.models import Gemeente
from signaalroute.gemeenten.selectors import gemeenten_voor


class Command(BaseCommand):
    help = "Zet de brieven of kaartjes van vandaag in de printbatch en schrijf de PDF."

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", required=True, help="CBS-code van de gemeente.")
        parser.add_argument(
            "--gebruiker", required=True, help="Coördinator op wiens naam de pogingen komen."
        )
        parser.add_argument("--kanaal", default=Kanaal.BRIEF, choices=sorted(PRINTKANALEN))
        parser.add_argument("--pdf", type=Path, help="Schrijf de PDF van de printbatch hierheen.")

    def handle(self, *args, gemeente, gebruiker, kanaal, pdf, **options):
        gemeente_obj = Gemeente.objects.filter(cbs_code=gemeente).first()
        if gemeente_obj is None:
            raise CommandError("Onbekende gemeente.")
        door = User.objects.filter(username=gebruiker, rol=Rol.COORDINATOR, is_active=True).first()
        if door is None:
            raise CommandError("Onbekende of geen actieve coördinator.")
        if not gemeenten_voor(door).filter(pk=gemeente_obj.pk).exists():
            raise CommandError("Deze coördinator werkt niet voor deze gemeente.")
        kandidaten = selectors.te_versturen(user=door, gemeente=gemeente_obj, kanaal=kanaal)
        resultaat = services.brieven_afdrukken(
            zaken=[k.zaak for k in kandidaten], kanaal=kanaal, door=door
        )
        self.stdout.write(f"{resultaat.nieuw} nieuw, {len(resultaat.overgeslagen)} overgeslagen")
        if pdf and resultaat.batch is not None:
            pdf.write_bytes(services.printbatch_pdf(batch=resultaat.batch, door=door))
            self.stdout.write(f"PDF geschreven: {pdf}")
