from django.core.management.base import BaseCommand, CommandError

from signaalroute.audit.services import logboek_controleren


class Command(BaseCommand):
    help = (
        "Controleer de hashketen van het logboek: neem eerst nog niet verzegelde regels op in "
        "de keten en loop dan alle regels op volgorde na. Meldt de eerste verbroken regel en "
        "eindigt dan met exitcode 1; schrijft anders het laatste volgnummer en de laatste hash "
        "(noteer die buiten Signaalroute)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--niet-verzegelen",
            action="store_true",
            help="Alleen controleren; regels die nog niet in de keten zitten niet opnemen.",
        )

    def handle(self, *args, niet_verzegelen: bool = False, **options):
        controle = logboek_controleren(verzegelen=not niet_verzegelen)
        if not controle.intact:
            raise CommandError(
                f"Keten verbroken bij volgnummer {controle.fout_volgnummer}"
                + (f" (regel-id {controle.fout_id})" if controle.fout_id else "")
                + f": {controle.fout}. {controle.gecontroleerd} regel(s) daarvoor zijn in orde.",
                returncode=1,
            )
        self.stdout.write(
            f"Keten intact: {controle.gecontroleerd} regel(s) gecontroleerd, "
            f"{controle.onverzegeld} nog niet in de keten. "
            f"Laatste volgnummer {controle.kop_volgnummer}, hash {controle.kop_hash or '-'}."
        )
