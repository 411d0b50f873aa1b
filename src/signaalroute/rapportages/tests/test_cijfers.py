"""Every figure against the hand-computed numbers of the data set in `conftest.py`."""

import pytest

from signaalroute.gemeenten.models import Gemeente

from .. import cijfers
from ..tabellen import dashboardtabellen, platformtabellen
from .conftest import PEILDATUM, PERIODE, D

pytestmark = pytest.mark.django_db


@pytest.fixture
def alleen_a(dataset):
    return Gemeente.objects.filter(pk=dataset.a.pk)


def test_signals_per_partner_type_and_month_and_per_1000(alleen_a):
    s = cijfers.signaalcijfers(alleen_a, PERIODE)
    assert s.inwoners == 20_000
    assert s.per_soort == {"zorg": 3, "huur": 2}
    assert s.soorten == ["zorg", "huur"]
    assert s.per_maand == {D(2025, 1, 1): 2, D(2025, 2, 1): 2, D(2025, 3, 1): 1}
    assert s.per_soort_maand == {
        ("zorg", D(2025, 1, 1)): 1,
        ("huur", D(2025, 1, 1)): 1,
        ("zorg", D(2025, 2, 1)): 2,
        ("huur", D(2025, 3, 1)): 1,
    }
    assert s.totaal == 5
    assert s.per_duizend(s.totaal) == 0.25
    assert s.per_duizend(3) == 0.15


def test_ids_and_querysets_give_the_same_figures(dataset, alleen_a):
    assert cijfers.signaalcijfers([dataset.a.pk], PERIODE) == cijfers.signaalcijfers(
        alleen_a, PERIODE
    )


def test_case_figures(alleen_a):
    z = cijfers.zaakcijfers(alleen_a, PERIODE)
    assert z.totaal == 4
    assert z.per_soort == {"enkelvoudig": 2, "meervoudig": 1, "opeenvolgend": 1}
    assert (z.afgesloten, z.open, z.crisis) == (3, 1, 0)
    assert (z.bereikt, z.hulp_geaccepteerd) == (1, 1)
    assert (z.bereikt_pct, z.hulp_pct, z.hulp_van_bereikt_pct) == (25.0, 25.0, 100.0)
    assert (z.sleper, z.recidive, z.gaten_dichten) == (1, 2, 1)


def test_cases_per_district_and_postcode(alleen_a):
    wijken = cijfers.zaken_per_wijk(alleen_a, PERIODE)
    assert [(r.naam, r.zaken, r.meervoudig, r.bereikt, r.hulp_geaccepteerd) for r in wijken] == [
        ("Centrum (Aadorp)", 2, 1, 1, 1),
        ("Noord (Aadorp)", 1, 0, 0, 0),
        ("Onbekend", 1, 0, 0, 0),
    ]
    assert (wijken[0].bereikt_pct, wijken[0].hulp_pct) == (50.0, 50.0)
    postcodes = cijfers.zaken_per_postcode(alleen_a, PERIODE)
    assert [(r.code, r.zaken, r.meervoudig, r.bereikt) for r in postcodes] == [
        ("1234", 2, 1, 1),
        ("5678", 2, 0, 0),
    ]


def test_contact_attempts_per_channel_are_those_dated_in_the_period(alleen_a):
    regels = cijfers.contactpogingen_per_kanaal(alleen_a, PERIODE)
    assert [(r.kanaal, r.pogingen, r.bereikt, r.succes_pct, r.zaken) for r in regels] == [
        ("telefoon", 2, 1, 50.0, 2),  # z0's attempt counts: dated in the period
        ("brief", 1, 0, 0.0, 1),
        ("huisbezoek", 1, 0, 0.0, 1),
        ("mail", 1, 0, 0.0, 1),
    ]


def test_results(alleen_a):
    assert cijfers.resultaten(alleen_a, PERIODE) == {
        "": 1,
        "geen_contact": 1,
        "niet_opgepakt_onterecht": 1,
        "quick_fix": 1,
    }


def test_throughput_against_deadlines(alleen_a):
    d = cijfers.doorlooptijden(alleen_a, PERIODE, peildatum=PEILDATUM)
    # First contact: z1 on time, z2 late, z3 deadline passed without attempt; z4 not handled.
    assert (d.eerste_contact_beoordeeld, d.eerste_contact_op_tijd) == (3, 1)
    assert d.eerste_contact_op_tijd_pct == 33.3
    # Closing: z1 and z4 on time, z2 late; z3's deadline has not passed.
    assert (d.afsluiten_beoordeeld, d.afsluiten_op_tijd) == (3, 2)
    assert d.afsluiten_op_tijd_pct == 66.7
    assert d.dagen_tot_eerste_contact == {3: 1, 20: 1}
    assert d.mediaan_dagen_eerste_contact == 11.5
    assert d.dagen_tot_afsluiten == {20: 1, 33: 1, 1: 1}
    assert d.mediaan_dagen_afsluiten == 20


def test_capacity_use_per_month(alleen_a):
    regels = cijfers.capaciteitsgebruik(alleen_a, PERIODE)
    assert [(r.maand, r.kanaal, r.gebruikt, r.capaciteit, r.gebruik_pct) for r in regels] == [
        (D(2025, 1, 1), "huisbezoek", 0, 10, 0.0),
        (D(2025, 1, 1), "telefoon", 1, 20, 5.0),
        (D(2025, 2, 1), "huisbezoek", 1, 10, 10.0),
        (D(2025, 2, 1), "telefoon", 0, 20, 0.0),
        (D(2025, 3, 1), "huisbezoek", 0, 10, 0.0),
        (D(2025, 3, 1), "telefoon", 1, 20, 5.0),
    ]


def test_brp_drop_outs_and_real_residents(alleen_a):
    b = cijfers.brpcijfers(alleen_a, PERIODE)
    assert b.gecontroleerd == 4  # s6 is from December
    assert b.per_uitkomst == {"bevestigd": 1, "niet_gevonden": 1, "twijfel": 1, "verhuisd": 1}
    assert (b.uitval, b.uitval_pct) == (3, 75.0)
    assert (b.bevestigd_na_beoordeling, b.geen_bewoner_na_beoordeling, b.niet_beoordeeld) == (
        1,
        1,
        1,
    )
    assert b.echte_inwoners_pct == 50.0


def test_repeat_signals_and_updates(alleen_a):
    regels = cijfers.herhaalde_meldingen(alleen_a, PERIODE)
    assert [(r.soort, r.signalen, r.herhaald, r.herhaald_pct, r.updates) for r in regels] == [
        ("zorg", 3, 1, 33.3, 0),
        ("huur", 2, 0, 0.0, 1),
    ]


def test_punctuality_per_partner(alleen_a):
    regels = cijfers.stiptheid(alleen_a, PERIODE, peildatum=PEILDATUM)
    assert [
        (r.signaalpartner, r.op_tijd, r.te_laat, r.ontbreekt, r.nog_niet, r.op_tijd_pct)
        for r in regels
    ] == [
        ("Woonstede", 1, 1, 1, 0, 33.3),  # Jan late, Feb missing, Mar on time
        ("Zorg NV", 1, 1, 1, 0, 33.3),  # Jan on time, Feb late, Mar missing
    ]


def test_punctuality_before_the_agreed_day_is_not_yet_due(alleen_a):
    regels = cijfers.stiptheid(alleen_a, PERIODE, peildatum=D(2025, 3, 20))
    zorg = next(r for r in regels if r.signaalpartner == "Zorg NV")
    assert (zorg.ontbreekt, zorg.nog_niet) == (0, 1)


def test_study_result_by_channel_that_reached(alleen_a):
    k = cijfers.resultaat_per_kanaal(alleen_a, PERIODE)
    assert k.kolommen == ["telefoon", "geen_contact"]
    assert k.cellen == {
        ("hulp_geaccepteerd", "telefoon"): 1,
        ("niet_bereikt", "geen_contact"): 1,
        ("open", "geen_contact"): 1,
        ("niet_opgepakt", "geen_contact"): 1,
    }
    assert k.rij_pct("hulp_geaccepteerd", "telefoon") == 100.0
    assert k.kolom_pct("niet_bereikt", "geen_contact") == 33.3
    assert k.totaal == 4


def test_study_result_by_debt_development_uses_the_latest_report(alleen_a):
    k = cijfers.resultaat_per_schuldontwikkeling(alleen_a, PERIODE)
    assert k.cellen == {
        ("regeling", "hulp_geaccepteerd"): 1,  # s1: latest report, not "gegroeid"
        ("niet_gemeld", "hulp_geaccepteerd"): 1,  # s2
        ("deurwaarder", "niet_bereikt"): 1,  # s3
        ("geen_achterstand", "niet_opgepakt"): 1,  # s4: repeat, no case
        ("niet_gemeld", "open"): 1,  # s5
    }
    assert k.kolom_pct("regeling", "hulp_geaccepteerd") == 50.0
    assert k.rijen[-1] == "niet_gemeld"
    assert k.totaal == 5


def test_another_municipality_is_never_counted(dataset):
    b_alleen = cijfers.dashboardcijfers([dataset.b.pk], PERIODE, peildatum=PEILDATUM)
    assert b_alleen.signalen.totaal == 1
    assert b_alleen.zaken.totaal == 1
    samen = cijfers.dashboardcijfers([dataset.a.pk, dataset.b.pk], PERIODE, peildatum=PEILDATUM)
    assert samen.signalen.inwoners == 70_000
    assert samen.signalen.totaal == 6
    assert samen.zaken.totaal == 5
    assert [(r.kanaal, r.pogingen) for r in samen.kanalen][0] == ("telefoon", 3)


def test_every_table_is_built_and_the_platform_view_suppresses_small_cells(dataset):
    figuren = cijfers.dashboardcijfers([dataset.a.pk, dataset.b.pk], PERIODE, peildatum=PEILDATUM)
    tabellen = {t.sleutel: t for t in dashboardtabellen(figuren)}
    assert tabellen["signalen_per_soort"].rijen == [
        ["Zorgverzekeraar", 3, 0.04, 50.0],
        ["Huur", 2, 0.03, 33.3],
        ["Energie", 1, 0.01, 16.7],
        ["Totaal", 6, 0.09, 100.0],
    ]
    assert "<svg" in tabellen["signalen_per_soort"].grafiek
    platform = {t.sleutel: t for t in platformtabellen(figuren)}
    assert "zaken_per_wijk" not in platform and "stiptheid" not in platform
    # Every count here is below 5: all hidden, and the percentages resting on them too.
    assert platform["signalen_per_soort"].rijen == [
        ["Zorgverzekeraar", "<5", "<5", "<5"],
        ["Huur", "<5", "<5", "<5"],
        ["Energie", "<5", "<5", "<5"],
        ["Totaal", 6, 0.09, 100.0],
    ]
    assert platform["signalen_per_soort"].grafiek == ""
    # Zero is shown: it points to nobody.
    assert platform["zaken_per_soort"].rijen[0][1] == "<5"
    assert all(
        cel in (0, "<5") or isinstance(cel, str) or cel >= 5
        for tabel in platform.values()
        for rij in tabel.rijen
        for cel, kolom in zip(rij, tabel.kolommen, strict=True)
        if kolom.soort == "aantal"
    )
