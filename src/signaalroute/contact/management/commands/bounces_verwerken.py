"""Read bounces (RFC 3464 delivery status notifications) from a directory of .eml files or a
Maildir, and mark the e-mail addresses of permanently failed messages invalid.

    src/manage.py bounces_verwerken /var/mail/bounces [--verwijderen]

Idempotent: reading the same bounce twice changes nothing. Prints counts only.
"""

import mailbox
from collections import Counter
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from signaalroute.contact.services import bounce_verwerken


class Command(BaseCommand):
    help = "Verwerk bounces (DSN) uit een map met .eml-bestanden of een Maildir."

    def add_arguments(self, parser):
        parser.add_argument("map", type=Path)
        parser.add_argument(
            "--verwijderen", action="store_true", help="Verwijder verwerkte berichten."
        )

    def handle(self, *args, map: Path, verwijderen: bool, **options):
        if not map.is_dir():
            raise CommandError("Geen map.")
        telling: Counter = Counter()
        if (map / "cur").is_dir() and (map / "new").is_dir():
            box = mailbox.Maildir(map, create=False)
            for sleutel in list(box.keys()):
                telling[bounce_verwerken(box.get_bytes(sleutel))] += 1
                if verwijderen:
                    box.remove(sleutel)
        else:
            for pad in sorted(map.glob("*.eml")):
                telling[bounce_verwerken(pad.read_bytes())] += 1
                if verwijderen:
                    pad.unlink()
        self.stdout.write(", ".join(f"{k}: {v}" for k, v in sorted(telling.items())) or "niets")
