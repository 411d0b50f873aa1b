"""`manage.py sms_rapporten_versturen`: the local SMS double delivers what it accepted and
sends the signed delivery reports."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from signaalroute.contrib.sms.lokaal.services import MAX_RAPPORTPOGINGEN, sms_rapporten_versturen


class Command(BaseCommand):
    help = (
        "Laat de lokale sms-gateway de ontvangen berichten afleveren en stuurt de ondertekende "
        "afleverrapporten naar hun statusUrl. Alleen met SMS_LOKAAL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--max-pogingen",
            type=int,
            default=MAX_RAPPORTPOGINGEN,
            help="Zoveel keer wordt een rapport hooguit aangeboden.",
        )

    def handle(self, *args, **options):
        if not settings.SMS_LOKAAL:
            raise CommandError("SMS_LOKAAL staat uit: er is geen lokale sms-gateway.")
        resultaat = sms_rapporten_versturen(max_pogingen=options["max_pogingen"])
        self.stdout.write(
            f"{resultaat.afgehandeld} bericht(en) afgehandeld, {resultaat.verstuurd} rapport(en) "
            f"verstuurd, {resultaat.niet_aangekomen} niet aangekomen."
        )
