"""`manage.py ddas_exporteren --van JJJJ-MM-DD --tot JJJJ-MM-DD`: the DDAS document for CBS."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signaalroute.contrib.ddas import selectors
from signaalroute.contrib.ddas.constants import STANDAARD_VERSIE, Versie
from signaalroute.contrib.ddas.document import DdasValidatieFout, ddas_levering, valideren
from signaalroute.contrib.ddas.services import ddas_levering_vastleggen


def _datum(waarde: str) -> dt.date:
    try:
        return dt.date.fromisoformat(waarde)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"ongeldige datum {waarde!r}: gebruik JJJJ-MM-DD"
        ) from None


class Command(BaseCommand):
    help = (
        "Schrijft het DDAS-document (levering aan CBS) over een periode: per gemeente de "
        "vroegsignalen met signaaldatum in de periode en de vroegsignaalzaken die in de periode "
        "zijn gematcht of afgesloten, met hun contactpogingen. De cliënt staat er "
        "geminimaliseerd in (alleen BSN, of postcode en huisnummer). Het document wordt eerst "
        "tegen het officiële JSON Schema gecontroleerd; voldoet het niet, dan wordt niets "
        "geschreven en eindigt het commando met een fout."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--van", type=_datum, required=True, help="Eerste dag van de periode (JJJJ-MM-DD)."
        )
        parser.add_argument(
            "--tot",
            type=_datum,
            required=True,
            help="Laatste dag van de periode, inclusief (JJJJ-MM-DD).",
        )
        parser.add_argument(
            "--versie",
            choices=Versie.values,
            default=STANDAARD_VERSIE,
            help=f"Versie van het DDAS-schema (standaard {STANDAARD_VERSIE}).",
        )
        parser.add_argument(
            "--gemeente",
            action="append",
            metavar="CBS-CODE",
            help="Alleen deze gemeente (CBS-code, bijv. 0518); mag vaker. Standaard: alle "
            "aangesloten gemeenten.",
        )
        parser.add_argument(
            "--uitvoer",
            metavar="BESTAND",
            help="Schrijf naar dit bestand in plaats van naar standaarduitvoer.",
        )

    def handle(self, *args, **options):
        van, tot, versie = options["van"], options["tot"], options["versie"]
        if van > tot:
            raise CommandError("--tot ligt vóór --van.")
        cbs_codes = options["gemeente"]
        if cbs_codes is not None:
            cbs_codes = [code.strip().upper().removeprefix("GM") for code in cbs_codes]
        gemeenten = list(selectors.ddas_gemeenten(cbs_codes=cbs_codes))
        if cbs_codes is not None:
            onbekend = sorted(set(cbs_codes) - {gemeente.cbs_code for gemeente in gemeenten})
            if onbekend:
                raise CommandError(f"Onbekende gemeente(n): {', '.join(onbekend)}.")

        document, leveringen = ddas_levering(gemeenten=gemeenten, van=van, tot=tot, versie=versie)
        try:
            valideren(document, versie)
        except DdasValidatieFout as exc:
            raise CommandError(str(exc.message)) from exc

        tekst = json.dumps(document, ensure_ascii=False, indent=2)
        if options["uitvoer"]:
            pad = Path(options["uitvoer"])
            try:
                pad.write_text(tekst + "\n", encoding="utf-8")
            except OSError as exc:
                raise CommandError(f"Kan {pad} niet schrijven: {exc.strerror}.") from exc
        else:
            self.stdout.write(tekst)

        ddas_levering_vastleggen(
            leveringen=leveringen,
            van=van,
            tot=tot,
            versie=versie,
            afnemer="ddas_exporteren",
        )
        if options["uitvoer"]:
            self.stdout.write(
                f"DDAS v{versie} {van} t/m {tot} geschreven naar {options['uitvoer']}: "
                f"{len(leveringen)} levering(en), "
                f"{sum(levering.vroegsignalen for levering in leveringen)} vroegsignalen, "
                f"{sum(levering.vroegsignaalzaken for levering in leveringen)} vroegsignaalzaken."
            )
