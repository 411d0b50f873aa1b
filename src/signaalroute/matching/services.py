"""Household matching: bundle a municipality's new signals into cases (`Vroegsignaalzaak`).

Set-based: per run a handful of queries, whatever the volume: the run's unmatched signals, the
addresses' earlier signals in the look-back period, the addresses' cases, the districts; then
cases, history rows and household features are written with `bulk_create` and the signals are
linked with one `UPDATE ... FROM unnest(...)` (PostgreSQL) or `bulk_update` (elsewhere).

Idempotent: only signals without a case are read, and the municipality row is locked for the
run, so a second run (or a concurrent one) finds nothing left to bundle.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.gemeenten.models import Gemeente, Postcodegebied
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import Signaalstatus, Zaakfase, Zaaksoort
from signaalroute.vroegsignaalzaken.models import (
    Vroegsignaalzaak,
    Zaakwijziging,
)

from .models import Huishoudkenmerken, Referentieteller
from .rules import huishoudens as r
from .selectors import matchinginstellingen_van, ongematchte_signalen

Adres = tuple[str, int, str, str]

_ADRESVELDEN = ("postcode", "huisnummer", "huisletter", "huisnummertoevoeging")


@dataclass
class Matchingresultaat:
    gemeente: str
    periode_start: datetime.date
    periode_einde: datetime.date
    zaken_gevormd: int = 0
    zaken_aangevuld: int = 0
    signalen_gebundeld: int = 0
    signalen_niet_gebundeld: int = 0
    per_soort: dict[str, int] = field(default_factory=dict)
    crisis: int = 0
    recidive: int = 0
    gaten_dichten: int = 0
    slepers: int = 0
    telt_als_match: int = 0
    alleen_brief: int = 0

    def __str__(self) -> str:
        soorten = ", ".join(f"{k} {v}" for k, v in sorted(self.per_soort.items()))
        return (
            f"{self.gemeente} {self.periode_start}..{self.periode_einde}: "
            f"{self.zaken_gevormd} zaken gevormd ({soorten or 'geen'}), "
            f"{self.zaken_aangevuld} aangevuld, {self.signalen_gebundeld} signalen gebundeld, "
            f"{self.signalen_niet_gebundeld} niet gebundeld"
        )


@dataclass
class _Signaal:
    id: int
    adres: Adres
    gegevens: r.Huishoudsignaal


def _periode_en_filter(beleid: r.Matchingbeleid, peildatum: datetime.date):
    """The run's period and which unmatched signals it takes."""
    if beleid.periodesoort == r.Periodesoort.DOORLOPEND:
        kalendermaand = r.periode_van(peildatum).maand
        periode = r.Periode(start=peildatum, einde=peildatum, maand=kalendermaand)
        return periode, Q(signaaldatum__lte=peildatum)
    periode = r.laatste_afgesloten_periode(peildatum, afsluitdag=beleid.afsluitdag)
    # Crisis signals do not wait for the period to close.
    crisis = Q(crisissignaal=True) | Q(eindelevering=True)
    return periode, Q(signaaldatum__lte=periode.einde) | (crisis & Q(signaaldatum__lte=peildatum))


def _zaakperiode(
    beleid: r.Matchingbeleid, run: r.Periode, signalen: list[_Signaal], peildatum: datetime.date
) -> r.Periode:
    if beleid.periodesoort == r.Periodesoort.DOORLOPEND:
        start = min(s.gegevens.signaaldatum for s in signalen)
        return r.Periode(start=start, einde=peildatum, maand=run.maand)
    laatste = max(s.gegevens.signaaldatum for s in signalen)
    eigen = r.periode_van(laatste, afsluitdag=beleid.afsluitdag)
    # Late signals of an earlier period are matched in this run's period.
    return eigen if r.maandnummer(eigen.maand) > r.maandnummer(run.maand) else run


def _maandbegin(periode: r.Periode, terug: int, afsluitdag: int) -> datetime.date:
    nummer = r.maandnummer(periode.maand) - terug
    jaar, maand = nummer // 12, nummer % 12 + 1
    return r.periode_van(datetime.date(jaar, maand, 1), afsluitdag=afsluitdag).start


def _volgnummers_reserveren(jaar: int, aantal: int) -> int:
    """Reserve `aantal` case numbers of `jaar`; returns the first. Continues after the highest
    existing `VS-<jaar>-NNNNNN` (the demo numbers cases itself)."""
    Referentieteller.objects.get_or_create(jaar=jaar)
    teller = Referentieteller.objects.select_for_update().get(jaar=jaar)
    hoogste = (
        Vroegsignaalzaak.objects.filter(referentie__startswith=f"VS-{jaar}-")
        .order_by("-referentie")
        .values_list("referentie", flat=True)
        .first()
    )
    bestaand = (r.volgnummer_uit_referentie(hoogste, jaar) or 0) if hoogste else 0
    eerste = max(teller.laatste, bestaand) + 1
    teller.laatste = eerste + aantal - 1
    teller.save(update_fields=["laatste"])
    return eerste


def _signalen_koppelen(koppelingen: list[tuple[int, int]]) -> None:
    """Set `vroegsignaalzaak` of many signals: (signal id, case id) pairs."""
    if not koppelingen:
        return
    if connection.vendor == "postgresql":
        tabel = connection.ops.quote_name(Vroegsignaal._meta.db_table)
        sql = f"UPDATE {tabel} AS v SET vroegsignaalzaak_id = d.zaak "  # noqa: S608 (table name)
        sql += "FROM unnest(%s::bigint[], %s::bigint[]) AS d(id, zaak) "
        sql += "WHERE v.id = d.id AND v.vroegsignaalzaak_id IS NULL"
        with connection.cursor() as cursor:
            cursor.execute(sql, [[s for s, _ in koppelingen], [z for _, z in koppelingen]])
        return
    Vroegsignaal.objects.bulk_update(
        [Vroegsignaal(pk=s, vroegsignaalzaak_id=z) for s, z in koppelingen],
        ["vroegsignaalzaak"],
        batch_size=500,
    )


def _postcodefilter(postcodes: set[str]) -> Q:
    return Q(postcode__any=sorted(postcodes))


def signalen_matchen(
    *, gemeente: Gemeente, peildatum: datetime.date, door: Any = None
) -> Matchingresultaat:
    """Bundle the municipality's unmatched signals per household address into cases.

    Monthly periods: the signals up to the end of the latest closed period (and crisis signals
    up to `peildatum`); continuous: everything up to `peildatum`. A signal for an address with
    an open case joins that case; the others form one new case per address.
    """
    with transaction.atomic():
        # One run per municipality at a time; a second run waits, then finds nothing left.
        Gemeente.objects.select_for_update().filter(pk=gemeente.pk).values_list("pk").get()
        beleid = matchinginstellingen_van(gemeente=gemeente).beleid
        afsluitdag = (
            beleid.afsluitdag if beleid.periodesoort == r.Periodesoort.MAAND else r.LAATSTE_DAG
        )
        run, filter_ = _periode_en_filter(beleid, peildatum)
        resultaat = Matchingresultaat(
            gemeente=gemeente.cbs_code, periode_start=run.start, periode_einde=run.einde
        )
        resultaat.signalen_niet_gebundeld = (
            Vroegsignaal.objects.filter(
                gemeente=gemeente,
                vroegsignaalzaak__isnull=True,
                signaaldatum__gte=run.start,
                signaaldatum__lte=run.einde,
            )
            .filter(~Q(status=Signaalstatus.NOG_NIET_OPGEPAKT) | Q(rechtspersoon=True))
            .count()
        )

        # 1. The run's signals, per address.
        per_adres: dict[Adres, list[_Signaal]] = defaultdict(list)
        rijen = (
            ongematchte_signalen(gemeente=gemeente)
            .filter(filter_)
            .order_by()
            .values_list(
                "id",
                *_ADRESVELDEN,
                "signaalpartner_id",
                "soort",
                "signaaldatum",
                "crisissignaal",
                "eindelevering",
            )
        )
        for sid, pc, hn, hl, ht, partner, soort, datum, crisis, einde in rijen.iterator(
            chunk_size=5000
        ):
            adres = (pc, hn, hl, ht)
            per_adres[adres].append(
                _Signaal(
                    sid,
                    adres,
                    r.Huishoudsignaal(
                        partner=partner,
                        soort=soort,
                        signaaldatum=datum,
                        crisissignaal=crisis,
                        eindelevering=einde,
                    ),
                )
            )
        if not per_adres:
            return resultaat
        postcodes = {adres[0] for adres in per_adres}
        in_run = {s.id for signalen in per_adres.values() for s in signalen}

        # 2. The addresses' earlier signals in the look-back period.
        grens = _maandbegin(run, beleid.terugkijkperiode_maanden, afsluitdag)
        eerder: dict[Adres, list[tuple[int, datetime.date, str, str]]] = defaultdict(list)
        historie = (
            Vroegsignaal.objects.filter(
                _postcodefilter(postcodes),
                gemeente=gemeente,
                rechtspersoon=False,
                signaaldatum__gte=grens,
                signaaldatum__lte=peildatum,
            )
            .order_by()
            .values_list(
                "id", *_ADRESVELDEN, "signaalpartner_id", "signaaldatum", "status", "soort"
            )
        )
        for sid, pc, hn, hl, ht, partner, datum, status, soort in historie.iterator(
            chunk_size=5000
        ):
            adres = (pc, hn, hl, ht)
            if adres in per_adres and sid not in in_run:
                eerder[adres].append((partner, datum, status, soort))

        # 3. The addresses' cases: the open one to join, the latest one to refer to.
        open_zaak: dict[Adres, tuple[int, str, str, bool]] = {}
        vorige_zaak: dict[Adres, tuple[int, str]] = {}
        zaken = (
            Vroegsignaalzaak.objects.filter(_postcodefilter(postcodes), gemeente=gemeente)
            .order_by("matchingsdatum", "id")
            .values_list("id", *_ADRESVELDEN, "fase", "soort", "crisis", "referentie")
        )
        for zid, pc, hn, hl, ht, fase, soort, crisis, referentie in zaken:
            adres = (pc, hn, hl, ht)
            if adres not in per_adres:
                continue
            vorige_zaak[adres] = (zid, referentie)
            if fase != Zaakfase.AFGESLOTEN:
                open_zaak[adres] = (zid, fase, soort, crisis)

        koppelingen: list[tuple[int, int]] = []
        if open_zaak:
            _aanvullen(
                per_adres,
                open_zaak,
                beleid,
                door=door,
                resultaat=resultaat,
                koppelingen=koppelingen,
            )

        # 4. New cases for the other addresses.
        nieuw = [adres for adres in per_adres if adres not in open_zaak]
        if nieuw:
            _vormen(
                gemeente,
                nieuw,
                per_adres,
                eerder,
                vorige_zaak,
                beleid,
                run=run,
                afsluitdag=afsluitdag,
                peildatum=peildatum,
                door=door,
                resultaat=resultaat,
                koppelingen=koppelingen,
            )
        _signalen_koppelen(koppelingen)
        resultaat.signalen_gebundeld = len(koppelingen)
        return resultaat


def _aanvullen(
    per_adres: dict[Adres, list[_Signaal]],
    open_zaak: dict[Adres, tuple[int, str, str, bool]],
    beleid: r.Matchingbeleid,
    *,
    door: Any,
    resultaat: Matchingresultaat,
    koppelingen: list[tuple[int, int]],
) -> None:
    """Signals for an address with an open case join that case."""
    ids = sorted(zid for zid, *_ in open_zaak.values())
    vergrendeld = {
        zid: (fase, soort, crisis)
        for zid, fase, soort, crisis in Vroegsignaalzaak.objects.select_for_update()
        .filter(id__any=ids)
        .values_list("id", "fase", "soort", "crisis")
    }
    partners: dict[int, set[int]] = defaultdict(set)
    for zid, partner in Vroegsignaal.objects.filter(vroegsignaalzaak__id__any=ids).values_list(
        "vroegsignaalzaak_id", "signaalpartner_id"
    ):
        partners[zid].add(partner)

    wijzigen: list[Vroegsignaalzaak] = []
    wijzigingen: list[Zaakwijziging] = []
    wordt_match: list[int] = []
    for adres, (zid, *_) in open_zaak.items():
        if zid not in vergrendeld:  # removed meanwhile: cannot happen under the municipality lock
            continue
        fase, soort, crisis = vergrendeld[zid]
        signalen = per_adres[adres]
        nieuw_partners = {s.gegevens.partner for s in signalen}
        nieuwe_soort = r.soort_na_aanvulling(soort, partners[zid], nieuw_partners)
        nieuwe_crisis = crisis or any(r.is_crisis(s.gegevens) for s in signalen)
        if (nieuwe_soort, nieuwe_crisis) != (soort, crisis):
            wijzigen.append(Vroegsignaalzaak(pk=zid, soort=nieuwe_soort, crisis=nieuwe_crisis))
        huur = any(s.gegevens.soort == Signaalpartnersoort.HUUR for s in signalen)
        if nieuwe_soort == Zaaksoort.MEERVOUDIG or (beleid.huur_telt_als_match and huur):
            wordt_match.append(zid)
        delen = [f"{len(signalen)} signaal/signalen van {len(nieuw_partners)} partner(s)"]
        if nieuwe_soort != soort:
            delen.append(f"nu {nieuwe_soort}")
        if nieuwe_crisis and not crisis:
            delen.append("crisissignaal: voorrang")
        wijzigingen.append(
            Zaakwijziging(
                vroegsignaalzaak_id=zid,
                fase_van=fase,
                fase_naar=fase,
                toelichting="Aangevuld door matching: " + ", ".join(delen) + ".",
                door=door,
            )
        )
        koppelingen.extend((s.id, zid) for s in signalen)
    if wijzigen:
        Vroegsignaalzaak.objects.bulk_update(wijzigen, ["soort", "crisis"], batch_size=500)
    if wordt_match:
        Huishoudkenmerken.objects.filter(vroegsignaalzaak__id__any=wordt_match).update(
            telt_als_match=True, alleen_brief=False
        )
    Zaakwijziging.objects.bulk_create(wijzigingen, batch_size=2000)
    resultaat.zaken_aangevuld = len(wijzigingen)


def _vormen(
    gemeente: Gemeente,
    adressen: list[Adres],
    per_adres: dict[Adres, list[_Signaal]],
    eerder: dict[Adres, list[tuple[int, datetime.date, str, str]]],
    vorige_zaak: dict[Adres, tuple[int, str]],
    beleid: r.Matchingbeleid,
    *,
    run: r.Periode,
    afsluitdag: int,
    peildatum: datetime.date,
    door: Any,
    resultaat: Matchingresultaat,
    koppelingen: list[tuple[int, int]],
) -> None:
    """One new case per address, classified by the rules."""
    plannen: list[tuple[Adres, r.Periode, r.Huishoudclassificatie]] = []
    for adres in adressen:
        signalen = per_adres[adres]
        periode = _zaakperiode(beleid, run, signalen, peildatum)
        eerdere = [
            r.Eerdersignaal(
                partner=partner,
                maanden_terug=r.maanden_terug(datum, periode, afsluitdag=afsluitdag),
                soort=soort,
                status=status,
            )
            for partner, datum, status, soort in eerder.get(adres, ())
        ]
        klasse = r.huishouden_classificeren([s.gegevens for s in signalen], eerdere, beleid)
        if klasse is not None:
            plannen.append((adres, periode, klasse))
    if not plannen:
        return

    postcodes = {adres[0] for adres, _, _ in plannen}
    wijken = dict(
        Postcodegebied.objects.filter(
            _postcodefilter(postcodes | {pc[:4] for pc in postcodes}),
            gemeente=gemeente,
            wijk__isnull=False,
        ).values_list("postcode", "wijk_id")
    )
    eerste = _volgnummers_reserveren(peildatum.year, len(plannen))
    zaken = [
        Vroegsignaalzaak(
            referentie=r.referentie(peildatum.year, eerste + i),
            gemeente_id=gemeente.pk,
            wijk_id=wijken.get(adres[0]) or wijken.get(adres[0][:4]),
            postcode=adres[0],
            huisnummer=adres[1],
            huisletter=adres[2],
            huisnummertoevoeging=adres[3],
            soort=klasse.soort,
            fase=Zaakfase.NIEUW,
            matchingsdatum=peildatum,
            startdatum_matchingperiode=periode.start,
            einddatum_matchingperiode=periode.einde,
            crisis=klasse.crisis,
        )
        for i, (adres, periode, klasse) in enumerate(plannen)
    ]
    Vroegsignaalzaak.objects.bulk_create(zaken, batch_size=2000)

    kenmerken, wijzigingen = [], []
    soorten: Counter[str] = Counter()
    for zaak, (adres, _, klasse) in zip(zaken, plannen, strict=True):
        signalen = per_adres[adres]
        vorige = vorige_zaak.get(adres)
        kenmerken.append(
            Huishoudkenmerken(
                vroegsignaalzaak_id=zaak.pk,
                recidive=klasse.recidive,
                gaten_dichten=klasse.gaten_dichten,
                sleper=klasse.sleper,
                telt_als_match=klasse.telt_als_match,
                alleen_brief=klasse.alleen_brief,
                vorige_zaak_id=vorige[0] if vorige else None,
            )
        )
        wijzigingen.append(
            Zaakwijziging(
                vroegsignaalzaak_id=zaak.pk,
                fase_van="",
                fase_naar=Zaakfase.NIEUW,
                toelichting=_toelichting(klasse, signalen, vorige),
                door=door,
            )
        )
        koppelingen.extend((s.id, zaak.pk) for s in signalen)
        soorten[klasse.soort] += 1
        resultaat.crisis += klasse.crisis
        resultaat.recidive += klasse.recidive > 0
        resultaat.gaten_dichten += klasse.gaten_dichten
        resultaat.slepers += klasse.sleper
        resultaat.telt_als_match += klasse.telt_als_match
        resultaat.alleen_brief += klasse.alleen_brief
    Huishoudkenmerken.objects.bulk_create(kenmerken, batch_size=2000)
    Zaakwijziging.objects.bulk_create(wijzigingen, batch_size=2000)
    resultaat.zaken_gevormd = len(zaken)
    resultaat.per_soort = dict(soorten)


def _toelichting(
    klasse: r.Huishoudclassificatie, signalen: list[_Signaal], vorige: tuple[int, str] | None
) -> str:
    partners = {s.gegevens.partner for s in signalen}
    delen = [klasse.soort, f"{len(signalen)} signaal/signalen van {len(partners)} partner(s)"]
    if klasse.crisis:
        delen.append("crisissignaal: voorrang")
    if klasse.recidive:
        delen.append(f"recidive {klasse.recidive}")
    if klasse.gaten_dichten:
        delen.append("gaten dichten")
    if klasse.sleper:
        delen.append("sleper")
    if klasse.telt_als_match and klasse.soort != Zaaksoort.MEERVOUDIG:
        delen.append("telt als match")
    if klasse.alleen_brief:
        delen.append("alleen brief")
    if vorige:
        delen.append(f"vorige zaak {vorige[1]}")
    return "Gevormd door matching: " + ", ".join(delen) + "."


def alle_gemeenten_matchen(
    *, peildatum: datetime.date, door: Any = None
) -> list[Matchingresultaat]:
    """Match every connected municipality, each in its own transaction."""
    return [
        signalen_matchen(gemeente=gemeente, peildatum=peildatum, door=door)
        for gemeente in Gemeente.objects.filter(aangesloten=True).order_by("cbs_code")
    ]
