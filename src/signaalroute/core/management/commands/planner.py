"""The scheduler of the periodic jobs: run one (or several, on several machines) per
installation; they never enqueue a slot twice (`core/planner.py`)."""

import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from signaalroute.core.planner import PLANNING, Planner, planning


def _interval(waarde: str) -> tuple[str, float]:
    code, _, seconden = waarde.partition("=")
    try:
        getal = float(seconden)
    except ValueError:
        getal = 0.0
    if not code or getal <= 0:
        raise ValueError(waarde)
    return code, getal


class Command(BaseCommand):
    help = (
        "Zet de periodieke taken op hun tijd in de wachtrij (blijft draaien; met --eenmalig "
        "één ronde). Meerdere planners tegelijk, ook op meerdere machines, zetten een taak "
        "nooit twee keer in de wachtrij. Taken: "
        + "; ".join(
            f"{t.code} ({f'dagelijks {t.om:%H:%M}' if t.om else f'elke {t.elke}'})"
            for t in PLANNING
        )
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--eenmalig", action="store_true", help="Eén ronde en stoppen (bijvoorbeeld uit cron)."
        )
        parser.add_argument(
            "--tik", type=float, default=15.0, help="Seconden tussen twee rondes (standaard 15)."
        )
        parser.add_argument(
            "--taak",
            action="append",
            dest="taken",
            metavar="CODE",
            help="Alleen deze taak (herhaal voor meer).",
        )
        parser.add_argument(
            "--elke",
            action="append",
            type=_interval,
            default=[],
            metavar="CODE=SECONDEN",
            help="Een ander interval voor een taak (tests, benchmark). Alle planners van een "
            "installatie moeten dezelfde intervallen gebruiken.",
        )

    def handle(self, *args, eenmalig, tik, taken, elke, **options):
        try:
            gekozen = planning(alleen=taken, intervallen=dict(elke))
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        planner = Planner(gekozen)
        if eenmalig:
            ingepland = planner.ronde()
            self.stdout.write(
                f"In de wachtrij: {', '.join(ingepland)}" if ingepland else "Niets te doen."
            )
            return
        stop = threading.Event()
        for signum in (signal.SIGTERM, signal.SIGINT):
            signal.signal(signum, lambda *_: stop.set())
        planner.draaien(tik=tik, stop=stop)
