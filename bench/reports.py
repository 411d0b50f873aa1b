"""Dashboard benchmark: a year of a 100,000-inhabitant municipality on PostgreSQL (issue #9).

BENCH_INWONERS inhabitants (default 100,000) with about 850 cases per 10,000 inhabitants a
year: ~8,500 cases over the last 12 months, ~20,000 signals of six partner types delivered
monthly, ~25,000 contact attempts, a triage, household features and a BRP check per case or
signal, debt development reported for one signal in ten. Next to it a second municipality of
another organisation with a tenth of the data (it must not change the figures).

Measured in one run, as a coordinator (session past the second factor), with the Django test
client (server time: middleware, session, view, every query, template; no network):
- ours: the municipality dashboard `/rapportages/gemeenten/<uuid>/` and the organisation
  dashboard `/rapportages/` for the last 12 months, and one CSV export: BENCH_REQUESTS timed
  requests after warm-up; p50/p95 and the number of queries per request (aim: < 1 s);
- naive baseline: the same main figures computed in Python by looping over every case of the
  year with its signals and contact attempts prefetched;
- physical reference: hand-written SQL for the same figures (one statement per table,
  FILTER clauses, percentile_cont, DISTINCT ON) on a raw cursor, without rendering.

Data is generated in SQL (`INSERT ... SELECT generate_series`).
Last line: RESULT reports_p95_ms=... (then the ratios).
Settings: DATABASE_URL (default postgres://postgres@127.0.0.1:5432/signaalroute_bench_rapport;
the name must contain 'bench': the benchmark empties it), BENCH_INWONERS, BENCH_REQUESTS
(default 20), BENCH_REUSE=1 to keep data of an earlier run with the same size.
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "bench"))
from _gedeeld import database_voorbereiden  # noqa: E402

os.environ.setdefault(
    "DATABASE_URL", "postgres://postgres@127.0.0.1:5432/signaalroute_bench_rapport"
)
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "signaalroute.conf.ci")
os.environ["TASKS_BACKEND"] = "immediate"
warnings.filterwarnings("ignore", message="No directory at")

INWONERS = int(os.environ.get("BENCH_INWONERS", "100000"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "20"))
WARMUP = 2
AIM_MS = 1000
ZAKEN_PER_10000 = 850
SIGNALEN_PER_ZAAK = 20000 / 8500
POGINGEN_PER_ZAAK = 25000 / 8500
SOORTEN = ["zorg", "energie", "huur", "water", "cak_zorgverzekeringen", "duo"]
KANALEN = ["brief", "telefoon", "mail", "huisbezoek", "sms_whatsapp"]
RESULTATEN = [
    "geen_contact", "hoeft_geen_hulp", "quick_fix", "vervolghulp_financieel", "zelf_betaald",
    "niet_opgepakt_herhaald", "geen_reactie", "bekend_bij_shv", "vervolghulp_niet_financieel",
]  # fmt: skip
WIJKEN = 12


def _execute(sql: str, params=None) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _scalar(sql: str, params=None):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def _p(waarden: list[float], q: float) -> float:
    """Percentile (nearest rank) in milliseconds of times in seconds."""
    geordend = sorted(waarden)
    return geordend[min(len(geordend) - 1, max(0, round(q * len(geordend) + 0.5) - 1))] * 1000


# --- data ------------------------------------------------------------------------------------


def _insert_select(model, specifiek: dict[str, str], bron: str, params: dict) -> None:
    """INSERT INTO the model's table every NOT NULL column (and those in `specifiek`), with a
    neutral value for the columns not given, SELECTing from `bron`."""
    from django.db import models

    namen, expressies = [], []
    for f in model._meta.concrete_fields:
        if f.column in specifiek:
            expressie = specifiek[f.column]
        elif f.primary_key or f.null:
            continue
        elif isinstance(f, models.BooleanField):
            expressie = "false"
        elif isinstance(f, models.JSONField):
            expressie = "'{}'::jsonb"
        elif isinstance(f, models.UUIDField):
            expressie = "gen_random_uuid()"
        elif isinstance(f, models.CharField | models.TextField):
            expressie = "''"
        elif isinstance(f, models.DateTimeField):
            expressie = "now()"
        else:
            expressie = "0"
        namen.append(f.column)
        expressies.append(expressie)
    _execute(
        f"INSERT INTO {model._meta.db_table} ({', '.join(namen)}) "  # noqa: S608
        f"SELECT {', '.join(expressies)} FROM {bron}",
        params,
    )


def _leegmaken() -> None:
    _execute(
        "TRUNCATE vroegsignaalzaken_vroegsignaalzaak, aanleveringen_vroegsignaal,"
        " aanleveringen_aanlevering, triage_triageregelset, triage_capaciteit,"
        " terugkoppeling_schuldontwikkelingbatch CASCADE"
    )


def _organisatie(code: str, cbs_code: str, naam: str, inwoners: int):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from signaalroute.accounts.models import User
    from signaalroute.gemeenten.models import Gemeente, Uitvoeringsorganisatie, Wijk

    org, _ = Uitvoeringsorganisatie.objects.get_or_create(code=code, defaults={"naam": naam})
    gemeente, _ = Gemeente.objects.update_or_create(
        cbs_code=cbs_code,
        defaults={"naam": naam, "inwoners": inwoners, "uitvoeringsorganisatie": org},
    )
    for i in range(1, WIJKEN + 1):
        Wijk.objects.get_or_create(
            gemeente=gemeente, code=f"W{i:02d}", defaults={"naam": f"Wijk {i}"}
        )
    coordinator, _ = User.objects.get_or_create(
        username=f"{code}-coordinator",
        defaults={"rol": "coordinator", "uitvoeringsorganisatie": org},
    )
    if not TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists():
        TOTPDevice.objects.create(user=coordinator, name="bench", confirmed=True)
    return gemeente, coordinator


def _partners_en_aanleveringen() -> tuple[list[int], list[int]]:
    """Six partners, each delivering on the 5th-26th of each of the last 13 months (some late).
    Returns the partner ids and the delivery ids, index = partner * 13 + month offset."""
    import datetime

    from django.utils import timezone

    from signaalroute.aanleveringen.models import Aanlevering
    from signaalroute.signaalpartners.models import Signaalpartner

    vandaag = timezone.localdate()
    maand = vandaag.replace(day=1)
    maanden = []
    for _i in range(13):
        maanden.insert(0, maand)
        maand = (maand - datetime.timedelta(days=1)).replace(day=1)
    partners, aanleveringen = [], []
    for p, soort in enumerate(SOORTEN):
        partner, _ = Signaalpartner.objects.get_or_create(
            code=f"bench-rapport-{soort}",
            defaults={"naam": f"Bench {soort}", "soort": soort, "aanleverdag": 20},
        )
        partners.append(partner.pk)
        for m, begin in enumerate(maanden):
            a = Aanlevering.objects.create(signaalpartner=partner, kanaal="api", status="verwerkt")
            dag = min(28, 5 + (p * 7 + m * 3) % 22, vandaag.day if begin == maanden[-1] else 28)
            Aanlevering.objects.filter(pk=a.pk).update(
                ontvangen_op=datetime.datetime.combine(
                    begin.replace(day=dag), datetime.time(9), tzinfo=timezone.get_default_timezone()
                )
            )
            aanleveringen.append(a.pk)
    return partners, aanleveringen


def _genereren(gemeente, zaken: int, partners, aanleveringen, prefix: str) -> None:
    from django.db import transaction

    from signaalroute.aanleveringen.models import Vroegsignaal
    from signaalroute.gemeenten.models import Wijk
    from signaalroute.matching.models import Brpcontrole, Huishoudkenmerken
    from signaalroute.terugkoppeling.schuld import Schuldontwikkeling, Schuldontwikkelingbatch
    from signaalroute.triage.models import Capaciteit, Triage
    from signaalroute.triage.services import actieve_regelset
    from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak

    wijken = list(Wijk.objects.filter(gemeente=gemeente).values_list("pk", flat=True))
    with transaction.atomic():
        regelset = actieve_regelset(gemeente=gemeente)
    for kanaal, n in (("huisbezoek", 40), ("telefoon", 150), ("brief", 400)):
        Capaciteit.objects.create(gemeente=gemeente, kanaal=kanaal, per_maand=n)
    # Cases: matched over the last 365 days; closed 5-45 days after matching when that is in
    # the past, with one of the usual results; first attempt for 85% of the cases.
    _insert_select(
        Vroegsignaalzaak,
        {
            "referentie": "%(prefix)s || lpad(i::text, 6, '0')",
            "gemeente_id": "%(gemeente)s",
            "wijk_id": "CASE WHEN r1 < 0.95 THEN (%(wijken)s::bigint[])[1 + i %% %(nwijken)s] END",
            "postcode": "(1000 + (i * 7) %% 60)::text || chr(65 + i %% 26) || chr(65 + (i / 26) %% 26)",
            "huisnummer": "1 + i %% 300",
            "soort": "(ARRAY['enkelvoudig', 'enkelvoudig', 'enkelvoudig', 'meervoudig',"
            " 'opeenvolgend'])[1 + floor(r2 * 5)::int]",
            "fase": "CASE WHEN dag + sluit < current_date THEN 'afgesloten' ELSE 'in_behandeling' END",
            "matchingsdatum": "dag",
            "startdatum_matchingperiode": "date_trunc('month', dag)::date",
            "einddatum_matchingperiode": "dag",
            "datum_opgepakt": "dag + 1",
            "eindresultaat": "CASE WHEN dag + sluit < current_date THEN"
            " (%(resultaten)s::text[])[1 + floor(power(r3, 1.4) * %(nresultaten)s)::int] ELSE '' END",
            "afgesloten_op": "CASE WHEN dag + sluit < current_date THEN (dag + sluit)::timestamptz + interval '10 hours' END",
            "eerste_contactpoging_op": "CASE WHEN r1 < 0.85 THEN dag + 1 + floor(r2 * 20)::int END",
            "termijn_eerste_contact": "dag + 14",
            "termijn_afsluiten": "dag + 28",
            "crisis": "r3 > 0.98",
            "aangemaakt_op": "now()",
        },
        "(SELECT i, random() AS r1, random() AS r2, random() AS r3,"
        " current_date - floor(random() * 365)::int AS dag, 5 + floor(random() * 40)::int AS sluit"
        " FROM generate_series(1, %(aantal)s) i) s",
        {
            "prefix": prefix,
            "gemeente": gemeente.pk,
            "wijken": wijken,
            "nwijken": len(wijken),
            "resultaten": RESULTATEN,
            "nresultaten": len(RESULTATEN),
            "aantal": zaken,
        },
    )
    _execute(
        "CREATE TEMP TABLE bench_zaak AS SELECT row_number() OVER (ORDER BY id) - 1 AS i, id,"
        " postcode, huisnummer, matchingsdatum FROM vroegsignaalzaken_vroegsignaalzaak"
        " WHERE gemeente_id = %s",
        [gemeente.pk],
    )
    _execute("CREATE INDEX ON bench_zaak (i)")
    signaal = {
        "uuid": "gen_random_uuid()",
        "signaalpartner_id": "(%(partners)s::bigint[])[p + 1]",
        # The delivery of the partner in the month of the signal (13 months back at most).
        "aanlevering_id": "(%(aanl)s::bigint[])[p * 13 + 13 - least(12, greatest(0,"
        " (date_part('year', age(date_trunc('month', current_date), date_trunc('month', z.matchingsdatum - 10))) * 12"
        " + date_part('month', age(date_trunc('month', current_date), date_trunc('month', z.matchingsdatum - 10))))::int))]",
        "soort": "(%(soorten)s::text[])[p + 1]",
        "gemeente_id": "%(gemeente)s",
        "vroegsignaalzaak_id": "z.id",
        "status": "CASE WHEN r < 0.03 THEN 'niet_opgepakt_herhaald' ELSE 'opgepakt' END",
        "bedrag": "2000 + floor(power(r, 3) * 300000)::int",
        "ontstaansdatum": "z.matchingsdatum - 60",
        "signaaldatum": "z.matchingsdatum - 10",
        "achternaam": "'Jansen'",
        "postcode": "z.postcode",
        "huisnummer": "z.huisnummer",
        "aangemaakt_op": "now()",
        "gecontroleerd_op": "now()",
    }
    params = {
        "partners": partners,
        "aanl": aanleveringen,
        "soorten": SOORTEN,
        "gemeente": gemeente.pk,
        "zaken": zaken,
    }
    _insert_select(
        Vroegsignaal,
        signaal,
        "(SELECT i AS zi, floor(power(random(), 1.3) * 6)::int AS p, random() AS r"
        " FROM generate_series(0, %(zaken)s - 1) i) s JOIN bench_zaak z ON z.i = s.zi",
        params,
    )
    _insert_select(
        Vroegsignaal,
        signaal,
        "(SELECT floor(power(random(), 1.5) * %(zaken)s)::int AS zi,"
        " floor(power(random(), 1.3) * 6)::int AS p, random() AS r"
        " FROM generate_series(1, %(extra)s)) s JOIN bench_zaak z ON z.i = s.zi",
        {**params, "extra": round(zaken * (SIGNALEN_PER_ZAAK - 1))},
    )
    _insert_select(
        Contactpoging,
        {
            "uuid": "gen_random_uuid()",
            "vroegsignaalzaak_id": "z.id",
            "soort": "(%(kanalen)s::text[])[1 + floor(power(random(), 1.2) * 5)::int]",
            "datum": "z.matchingsdatum + 1 + floor(random() * 30)::int",
            "bereikt": "random() < 0.35",
            "geregistreerd_op": "now()",
        },
        "(SELECT floor(power(random(), 1.2) * %(zaken)s)::int AS zi"
        " FROM generate_series(1, %(aantal)s)) s JOIN bench_zaak z ON z.i = s.zi",
        {"kanalen": KANALEN, "zaken": zaken, "aantal": round(zaken * POGINGEN_PER_ZAAK)},
    )
    _insert_select(
        Triage,
        {
            "vroegsignaalzaak_id": "z.id",
            "regelset_id": "%(regelset)s",
            "regelnaam": "'Standaard'",
            "uitleg": "'Bench'",
            "bakje": "'Telefoon'",
            "aanpak": "'[]'::jsonb",
            "eerste_kanaal": "(ARRAY['brief', 'telefoon', 'huisbezoek'])[1 + floor(random() * 3)::int]",
            "termijnprofiel": "'standaard'",
            "uiterste_datum": "z.matchingsdatum + 14",
            "redenen": "'[]'::jsonb",
            "maand": "date_trunc('month', z.matchingsdatum)::date",
        },
        "vroegsignaalzaken_vroegsignaalzaak z WHERE z.gemeente_id = %(gemeente)s",
        {"regelset": regelset.pk, "gemeente": gemeente.pk},
    )
    _insert_select(
        Huishoudkenmerken,
        {
            "vroegsignaalzaak_id": "z.id",
            "recidive": "CASE WHEN z.soort = 'opeenvolgend' THEN 1 + z.id %% 3 ELSE 0 END",
            "sleper": "z.id %% 17 = 0",
            "gaten_dichten": "z.id %% 23 = 0",
            "telt_als_match": "z.soort = 'meervoudig'",
        },
        "vroegsignaalzaken_vroegsignaalzaak z WHERE z.gemeente_id = %(gemeente)s",
        {"gemeente": gemeente.pk},
    )
    _insert_select(
        Brpcontrole,
        {
            "vroegsignaal_id": "v.id",
            "gemeente_id": "v.gemeente_id",
            "uitkomst": "CASE WHEN r < 0.85 THEN 'bevestigd' WHEN r < 0.92 THEN 'niet_gevonden'"
            " WHEN r < 0.97 THEN 'verhuisd' ELSE 'twijfel' END",
            "kandidaten": "'[]'::jsonb",
            "naar_controle": "r >= 0.85",
            "uitgevoerd_op": "now()",
            "beoordeling": "CASE WHEN r >= 0.85 AND r2 < 0.5 THEN 'bevestigd'"
            " WHEN r >= 0.85 AND r2 < 0.8 THEN 'geen_bewoner' ELSE '' END",
        },
        "(SELECT *, random() AS r, random() AS r2 FROM aanleveringen_vroegsignaal"
        " WHERE gemeente_id = %(gemeente)s) v",
        {"gemeente": gemeente.pk},
    )
    batch = Schuldontwikkelingbatch.objects.create(signaalpartner_id=partners[0], kanaal="api")
    _insert_select(
        Schuldontwikkeling,
        {
            "uuid": "gen_random_uuid()",
            "vroegsignaal_id": "v.id",
            "signaalpartner_id": "v.signaalpartner_id",
            "gemeente_id": "v.gemeente_id",
            "batch_id": "%(batch)s",
            "code": "(ARRAY['gegroeid', 'deurwaarder', 'betaald_nieuwe_achterstand', 'verminderd',"
            " 'regeling', 'geen_achterstand'])[1 + floor(random() * 6)::int]",
            "peildatum": "v.signaaldatum + 120",
            "kanaal": "'api'",
            "aangemaakt_op": "now()",
        },
        "aanleveringen_vroegsignaal v WHERE v.gemeente_id = %(gemeente)s AND v.id %% 10 = 0",
        {"gemeente": gemeente.pk, "batch": batch.pk},
    )
    _execute("DROP TABLE bench_zaak")


def data_klaarzetten() -> dict:
    from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

    zaken = INWONERS * ZAKEN_PER_10000 // 10000
    groot, coordinator = _organisatie("bench-rapport", "7101", "Rapportstad", INWONERS)
    klein, _ = _organisatie("bench-rapport-ander", "7102", "Anderdorp", INWONERS // 10)
    start = time.perf_counter()
    hergebruik = (
        os.environ.get("BENCH_REUSE") == "1"
        and Vroegsignaalzaak.objects.filter(gemeente=groot).count() == zaken
    )
    if not hergebruik:
        _leegmaken()
        _execute("SELECT setseed(0.9)")
        partners, aanleveringen = _partners_en_aanleveringen()
        _genereren(groot, zaken, partners, aanleveringen, "R-")
        _genereren(klein, zaken // 10, partners, aanleveringen, "A-")
        for tabel in (
            "vroegsignaalzaken_vroegsignaalzaak",
            "vroegsignaalzaken_contactpoging",
            "aanleveringen_vroegsignaal",
            "triage_triage",
            "matching_brpcontrole",
        ):
            _execute(f"VACUUM {tabel}")  # noqa: S608 (fixed table names)
        _execute("ANALYZE")
        _execute("CHECKPOINT")
    tellingen = {
        naam: _scalar(sql, [groot.pk])
        for naam, sql in (
            (
                "zaken",
                "SELECT count(*) FROM vroegsignaalzaken_vroegsignaalzaak WHERE gemeente_id = %s",
            ),
            ("signalen", "SELECT count(*) FROM aanleveringen_vroegsignaal WHERE gemeente_id = %s"),
            (
                "pogingen",
                "SELECT count(*) FROM vroegsignaalzaken_contactpoging c JOIN"
                " vroegsignaalzaken_vroegsignaalzaak z ON z.id = c.vroegsignaalzaak_id WHERE z.gemeente_id = %s",
            ),
        )
    }
    return {
        "gemeente": groot,
        "coordinator": coordinator,
        "tellingen": tellingen,
        "generate_s": time.perf_counter() - start,
        "reused": hergebruik,
    }


# --- ours ------------------------------------------------------------------------------------


def ingelogde_client(user):
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client(SERVER_NAME="localhost")
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = (
        TOTPDevice.objects.filter(user=user, confirmed=True).first().persistent_id
    )
    session.save()
    return client


def meten(client, url: str, params: dict) -> dict:
    from django.db import connection

    for _ in range(WARMUP):
        client.get(url, params)
    queries = []

    def tellen(execute, sql, params_, many, context):
        queries.append(sql)
        return execute(sql, params_, many, context)

    # Counted through a wrapper: the request may reopen the connection.
    with connection.execute_wrapper(tellen):
        response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}")
    tijden = []
    for _ in range(REQUESTS):
        start = time.perf_counter()
        client.get(url, params)
        tijden.append(time.perf_counter() - start)
    return {"tijden": tijden, "queries": len(queries), "bytes": len(response.content)}


# --- naive baseline ----------------------------------------------------------------------------


def naief(gemeente, periode) -> dict:
    """The main figures the obvious way: every case of the year with its signals and attempts
    in memory, counted in Python."""
    from collections import Counter

    from signaalroute.aanleveringen.models import Vroegsignaal
    from signaalroute.rapportages.rules import HULP, mediaan, resultaatgroep
    from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

    per_soort_maand, herhaald = Counter(), Counter()
    for s in Vroegsignaal.objects.filter(
        gemeente=gemeente, signaaldatum__range=(periode.van, periode.tot)
    ):
        per_soort_maand[s.soort, s.signaaldatum.replace(day=1)] += 1
        herhaald[s.soort] += s.status == "niet_opgepakt_herhaald"
    soort, wijk, pc4, resultaat, kruis = Counter(), Counter(), Counter(), Counter(), Counter()
    bereikt = hulp = 0
    dagen_contact, dagen_sluiten = Counter(), Counter()
    zaken = (
        Vroegsignaalzaak.objects.filter(
            gemeente=gemeente, matchingsdatum__range=(periode.van, periode.tot)
        )
        .select_related("wijk", "huishoudkenmerken")
        .prefetch_related("contactpogingen", "vroegsignalen")
    )
    for z in zaken:
        soort[z.soort] += 1
        pogingen = sorted(z.contactpogingen.all(), key=lambda p: (p.datum, p.pk))
        eerste = next((p for p in pogingen if p.bereikt), None)
        is_hulp = z.eindresultaat in HULP
        bereikt += eerste is not None
        hulp += is_hulp
        wijk[z.wijk.naam if z.wijk else ""] += 1
        pc4[z.postcode[:4]] += 1
        resultaat[z.eindresultaat] += 1
        kruis[resultaatgroep(z.eindresultaat), eerste.soort if eerste else "geen_contact"] += 1
        if z.eerste_contactpoging_op:
            dagen_contact[(z.eerste_contactpoging_op - z.matchingsdatum).days] += 1
        if z.afgesloten_op:
            dagen_sluiten[(z.afgesloten_op.date() - z.matchingsdatum).days] += 1
        len(z.vroegsignalen.all())
    return {
        "signalen": sum(per_soort_maand.values()),
        "zaken": sum(soort.values()),
        "bereikt": bereikt,
        "hulp": hulp,
        "mediaan_contact": mediaan(dagen_contact),
        "kruis": kruis,
    }


# --- physical reference ----------------------------------------------------------------------

REFERENTIE = [
    # signals per partner type and month
    "SELECT soort, date_trunc('month', signaaldatum), count(*) FROM aanleveringen_vroegsignaal"
    " WHERE gemeente_id = %(g)s AND signaaldatum BETWEEN %(van)s AND %(tot)s GROUP BY 1, 2",
    # the cohort in one pass
    "SELECT count(*), count(*) FILTER (WHERE soort = 'meervoudig'), count(*) FILTER (WHERE"
    " afgesloten_op IS NOT NULL), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM"
    " vroegsignaalzaken_contactpoging c WHERE c.vroegsignaalzaak_id = z.id AND c.bereikt)),"
    " count(*) FILTER (WHERE eindresultaat IN ('quick_fix', 'vervolghulp_financieel',"
    " 'vervolghulp_niet_financieel', 'vervolghulp')), count(*) FILTER (WHERE h.sleper),"
    " count(*) FILTER (WHERE eerste_contactpoging_op <= termijn_eerste_contact),"
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY eerste_contactpoging_op - matchingsdatum),"
    " percentile_cont(0.5) WITHIN GROUP (ORDER BY afgesloten_op::date - matchingsdatum)"
    " FROM vroegsignaalzaken_vroegsignaalzaak z LEFT JOIN matching_huishoudkenmerken h"
    " ON h.vroegsignaalzaak_id = z.id"
    " WHERE gemeente_id = %(g)s AND matchingsdatum BETWEEN %(van)s AND %(tot)s",
    # per district and PC4
    "SELECT wijk_id, count(*) FROM vroegsignaalzaken_vroegsignaalzaak WHERE gemeente_id = %(g)s"
    " AND matchingsdatum BETWEEN %(van)s AND %(tot)s GROUP BY 1",
    "SELECT left(postcode, 4), count(*) FROM vroegsignaalzaken_vroegsignaalzaak WHERE"
    " gemeente_id = %(g)s AND matchingsdatum BETWEEN %(van)s AND %(tot)s GROUP BY 1",
    # contact attempts per channel
    "SELECT c.soort, count(*), count(*) FILTER (WHERE bereikt), count(DISTINCT"
    " vroegsignaalzaak_id) FROM vroegsignaalzaken_contactpoging c JOIN"
    " vroegsignaalzaken_vroegsignaalzaak z ON z.id = c.vroegsignaalzaak_id WHERE"
    " z.gemeente_id = %(g)s AND c.datum BETWEEN %(van)s AND %(tot)s GROUP BY 1",
    # results
    "SELECT eindresultaat, count(*) FROM vroegsignaalzaken_vroegsignaalzaak WHERE"
    " gemeente_id = %(g)s AND matchingsdatum BETWEEN %(van)s AND %(tot)s GROUP BY 1",
    # capacity
    "SELECT t.maand, t.eerste_kanaal, count(*) FROM triage_triage t JOIN"
    " vroegsignaalzaken_vroegsignaalzaak z ON z.id = t.vroegsignaalzaak_id WHERE"
    " z.gemeente_id = %(g)s AND t.maand BETWEEN date_trunc('month', %(van)s::date) AND %(tot)s"
    " GROUP BY 1, 2",
    # BRP
    "SELECT b.uitkomst, b.beoordeling, count(*) FROM matching_brpcontrole b JOIN"
    " aanleveringen_vroegsignaal v ON v.id = b.vroegsignaal_id WHERE b.gemeente_id = %(g)s"
    " AND v.signaaldatum BETWEEN %(van)s AND %(tot)s GROUP BY 1, 2",
    # repeat signals
    "SELECT soort, count(*), count(*) FILTER (WHERE status = 'niet_opgepakt_herhaald'),"
    " count(vorig_signaal_id) FROM aanleveringen_vroegsignaal WHERE gemeente_id = %(g)s AND"
    " signaaldatum BETWEEN %(van)s AND %(tot)s GROUP BY 1",
    # result x channel of the first attempt that reached the household
    "SELECT z.eindresultaat, e.soort, count(*) FROM vroegsignaalzaken_vroegsignaalzaak z"
    " LEFT JOIN (SELECT DISTINCT ON (vroegsignaalzaak_id) vroegsignaalzaak_id, soort FROM"
    " vroegsignaalzaken_contactpoging WHERE bereikt ORDER BY vroegsignaalzaak_id, datum, id) e"
    " ON e.vroegsignaalzaak_id = z.id WHERE z.gemeente_id = %(g)s AND z.matchingsdatum"
    " BETWEEN %(van)s AND %(tot)s GROUP BY 1, 2",
    # result x latest debt development
    "SELECT o.code, z.eindresultaat, v.status, count(*) FROM aanleveringen_vroegsignaal v"
    " LEFT JOIN vroegsignaalzaken_vroegsignaalzaak z ON z.id = v.vroegsignaalzaak_id LEFT JOIN"
    " LATERAL (SELECT code FROM terugkoppeling_schuldontwikkeling s WHERE s.vroegsignaal_id ="
    " v.id ORDER BY peildatum DESC, id DESC LIMIT 1) o ON true WHERE v.gemeente_id = %(g)s AND"
    " v.signaaldatum BETWEEN %(van)s AND %(tot)s GROUP BY 1, 2, 3",
]


def referentie(gemeente, periode) -> list[float]:
    from django.db import connection

    params = {"g": gemeente.pk, "van": periode.van, "tot": periode.tot}
    tijden = []
    with connection.cursor() as cursor:
        for i in range(WARMUP + REQUESTS):
            start = time.perf_counter()
            for sql in REFERENTIE:
                cursor.execute(sql, params)
                cursor.fetchall()
            if i >= WARMUP:
                tijden.append(time.perf_counter() - start)
    return tijden


# --- run -------------------------------------------------------------------------------------


def main() -> None:
    database_voorbereiden()
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils import timezone

    from signaalroute.rapportages import cijfers
    from signaalroute.rapportages.rules import voorkeuze_periode

    call_command("migrate", verbosity=0)
    data = data_klaarzetten()
    gemeente, coordinator = data["gemeente"], data["coordinator"]
    t = data["tellingen"]
    print(
        f"{'reused' if data['reused'] else 'generated'} {INWONERS:,} inhabitants: {t['zaken']:,}"
        f" cases, {t['signalen']:,} signals, {t['pogingen']:,} contact attempts (+ a municipality"
        f" of another organisation with a tenth) in {data['generate_s']:.1f} s; {REQUESTS}"
        f" requests each after {WARMUP} warm-up; load average {os.getloadavg()[0]:.2f} on"
        f" {os.cpu_count()} cores"
    )
    periode = voorkeuze_periode("laatste_12_maanden", timezone.localdate())
    params = {"periode": "laatste_12_maanden"}
    client = ingelogde_client(coordinator)
    pagina = f"/rapportages/gemeenten/{gemeente.uuid}/"
    ons = {
        "municipality page": meten(client, pagina, params),
        "organisation page": meten(client, "/rapportages/", params),
        "CSV export": meten(client, f"{pagina}export/resultaat_per_kanaal/csv/", params),
    }

    # Same numbers as the naive loop (a sanity check of both).
    figuren = cijfers.dashboardcijfers([gemeente.pk], periode, peildatum=timezone.localdate())
    basis_tijden, naive = [], None
    for _ in range(3):
        start = time.perf_counter()
        naive = naief(gemeente, periode)
        basis_tijden.append(time.perf_counter() - start)
    gelijk = (
        naive["signalen"] == figuren.signalen.totaal
        and naive["zaken"] == figuren.zaken.totaal
        and naive["bereikt"] == figuren.zaken.bereikt
        and naive["hulp"] == figuren.zaken.hulp_geaccepteerd
        and naive["mediaan_contact"] == figuren.doorlooptijden.mediaan_dagen_eerste_contact
        and dict(naive["kruis"]) == figuren.resultaat_per_kanaal.cellen
    )
    start = time.perf_counter()
    for _ in range(5):
        cijfers.dashboardcijfers([gemeente.pk], periode, peildatum=timezone.localdate())
    alleen_cijfers = (time.perf_counter() - start) / 5
    ref = referentie(gemeente, periode)

    print(f"\n{'request':<20}{'p50 ms':>9}{'p95 ms':>9}{'queries':>9}{'kB':>8}")
    for naam, m in ons.items():
        print(
            f"{naam:<20}{_p(m['tijden'], 0.5):>9.1f}{_p(m['tijden'], 0.95):>9.1f}"
            f"{m['queries']:>9}{m['bytes'] / 1024:>8.0f}"
        )
    hoofd = ons["municipality page"]["tijden"]
    p95 = max(_p(m["tijden"], 0.95) for m in ons.values())
    print(
        f"\nfigures only (cijfers.dashboardcijfers, no rendering): {alleen_cijfers * 1000:.1f} ms"
        f"\nnaive baseline (Python loop over every case, signals and attempts prefetched,"
        f" main figures only): p50 {_p(basis_tijden, 0.5):.1f} ms;"
        f" same numbers as ours: {'yes' if gelijk else 'NO'}"
        f"\nreference SQL ({len(REFERENTIE)} hand-written statements, no rendering):"
        f" p50 {_p(ref, 0.5):.1f} ms, p95 {_p(ref, 0.95):.1f} ms"
        f"\nworst p95 {p95:.1f} ms (aim < {AIM_MS} ms: {'met' if p95 < AIM_MS else 'NOT met'});"
        f" load average now {os.getloadavg()[0]:.2f}"
    )
    if not gelijk:
        print("WARNING: the naive baseline and the dashboard disagree")
    print(
        f"RESULT reports_p95_ms={p95:.1f} page_p50_ms={_p(hoofd, 0.5):.1f}"
        f" queries={ons['municipality page']['queries']}"
        f" ratio_naive_to_ours={_p(basis_tijden, 0.5) / _p(hoofd, 0.5):.2f}"
        f" ratio_to_sql={_p(hoofd, 0.5) / _p(ref, 0.5):.2f}"
    )


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        main()
