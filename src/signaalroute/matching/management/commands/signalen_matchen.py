import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from signaalroute.gemeenten.models import Gemeente
from signaalroute.matching.services import alle_gemeenten_matchen, signalen_matchen


class Command(BaseCommand):
    help = (
        "Bundel nieuwe signalen per huishoudadres tot vroegsignaalzaken (matching). Zonder "
        "--gemeente: alle aangesloten gemeenten. Veilig om opnieuw te draaien: signalen die al "
        "in een zaak zitten, worden overgeslagen."
    )

    def add_arguments(self, parser):
        parser.add_argument("--gemeente", help="CBS-code (4 cijfers) van één gemeente.")
        parser.add_argument(
            "--datum",
            type=datetime.date.fromisoformat,
            help="Peildatum JJJJ-MM-DD (standaard vandaag).",
        )

    def handle(self, *args, gemeente=None, datum=None, **options):
        peildatum = datum or timezone.localdate()
        if gemeente:
            try:
                gemeente_obj = Gemeente.objects.get(cbs_code=gemeente)
            except Gemeente.DoesNotExist as exc:
                raise CommandError(f"Onbekende gemeente: {gemeente}") from exc
            resultaten = [signalen_matchen(gemeente=gemeente_obj, peildatum=peildatum)]
        else:
            resultaten = alle_gemeenten_matchen(peildatum=peildatum)
        for resultaat in resultaten:
            if resultaat.zaken_gevormd or resultaat.zaken_aangevuld or gemeente:
                self.stdout.write(str(resultaat))
        self.stdout.write(
            f"{sum(r.zaken_gevormd for r in resultaten)} zaak/zaken gevormd, "
            f"{sum(r.zaken_aangevuld for r in resultaten)} aangevuld."
        )
