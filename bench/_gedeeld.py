"""Shared set-up of the benchmarks (not a benchmark itself: `run.py` skips `_*.py`)."""

from __future__ import annotations

import os


def database_voorbereiden() -> None:
    """Create the benchmark database if needed. Benchmarks empty their database, so they
    refuse one whose name does not contain 'bench'."""
    import psycopg

    url = os.environ["DATABASE_URL"]
    name = url.rsplit("/", 1)[1]
    if "bench" not in name:
        raise SystemExit("The benchmark empties its database: use a name with 'bench' in it.")
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def landelijke_regio():
    """A national postcode table: 340 municipalities (CBS 8001-8340) owning all PC4 areas.
    Returns the municipalities; creates them only once."""
    from signaalroute.gemeenten.models import Gemeente, Postcodegebied, Uitvoeringsorganisatie

    bestaand = list(Gemeente.objects.filter(cbs_code__startswith="8").order_by("cbs_code"))
    if len(bestaand) >= 340:
        return bestaand
    org, _ = Uitvoeringsorganisatie.objects.get_or_create(code="bench", naam="Bench")
    gemeenten = Gemeente.objects.bulk_create(
        Gemeente(
            cbs_code=f"{8000 + i + 1}",
            naam=f"Gemeente {i}",
            inwoners=50000,
            uitvoeringsorganisatie=org,
        )
        for i in range(340)
    )
    Postcodegebied.objects.bulk_create(
        Postcodegebied(postcode=str(pc4), gemeente=gemeenten[pc4 % 340])
        for pc4 in range(1000, 10000)
    )
    return gemeenten
