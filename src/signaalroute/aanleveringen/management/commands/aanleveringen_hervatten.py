import datetime

from django.core.management.base import BaseCommand

from signaalroute.aanleveringen.services import vastgelopen_aanleveringen_hervatten


class Command(BaseCommand):
    help = (
        "Zet aanleveringen die te lang op 'ontvangen' staan en door geen worker worden "
        "verwerkt opnieuw in de wachtrij (na een gestopte of gecrashte worker). Draai dit "
        "periodiek (cron) en bij het starten van de workers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--minuten", type=int, default=10)

    def handle(self, *args, minuten, **options):
        hervat = vastgelopen_aanleveringen_hervatten(ouder_dan=datetime.timedelta(minutes=minuten))
        self.stdout.write(f"{len(hervat)} aanlevering(en) opnieuw in de wachtrij gezet.")
