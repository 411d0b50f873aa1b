"""The DDAS document of a hand-built region: valid against the official schemas, minimised,
with the right signals and cases for the period, in a fixed number of queries."""

import datetime as dt
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from signaalroute.contrib.ddas import selectors
from signaalroute.contrib.ddas.document import (
    SCHEMA_MAP,
    DdasValidatieFout,
    ddas_document,
    ddas_pagina,
    valideren,
)
from signaalroute.contrib.ddas.mapping import FORMATEN

from .conftest import (
    ACHTERNAMEN,
    EMAIL,
    GEBOORTEDATUM,
    STRAAT,
    TELEFOON,
    TOT,
    VAN,
    VOORNAMEN,
    WOONPLAATS,
    _signaal,
    _zaak,
)
from .officieel import officiele_fouten, schemapad

pytestmark = pytest.mark.django_db

NU = dt.datetime(2025, 2, 5, 10, 30, tzinfo=dt.UTC)


def document(versie="1.2", **kwargs):
    kwargs.setdefault("gemeenten", selectors.ddas_gemeenten())
    return ddas_document(van=VAN, tot=TOT, versie=versie, nu=NU, **kwargs)


def levering(doc, gemeente):
    (gevonden,) = [lev for lev in doc["leveringen"] if lev["gemeentecode"] == gemeente.cbs_code]
    return gevonden


def signaal_ids(doc):
    return {s["ID"] for lev in doc["leveringen"] for s in lev["vroegsignalen"]}


def zaak_signaal_ids(doc):
    return {
        tuple(s["ID"] for s in zaak["vroegsignalen"])
        for lev in doc["leveringen"]
        for zaak in lev["vroegsignaalzaken"]
    }


def test_the_bundled_schemas_are_the_official_files():
    for versie in FORMATEN:
        eigen = SCHEMA_MAP / f"v{versie}-json_schema_Uitwisselmodel.json"
        assert json.loads(eigen.read_text()) == json.loads(schemapad(versie).read_text())


@pytest.mark.parametrize("versie", FORMATEN)
def test_the_document_validates_against_the_official_schema(regio, versie):
    doc = document(versie)
    assert officiele_fouten(doc, versie) == []
    valideren(doc, versie)


def test_the_header_names_period_supplier_and_moment(regio, settings):
    settings.DDAS_CODE_GEGEVENSLEVERANCIER = "SR-TEST"
    doc = document()
    assert doc["startdatumLevering"] == "2025-01-01"
    assert doc["einddatumLevering"] == "2025-01-31"
    assert doc["aanleverdatumEnTijd"] == "2025-02-05T10:30:00Z"
    assert doc["codeGegevensleverancier"] == "SR-TEST"


def test_supplier_code_defaults_to_signaalroute(regio, settings):
    del settings.DDAS_CODE_GEGEVENSLEVERANCIER
    assert document()["codeGegevensleverancier"] == "SIGNAALROUTE"


def test_a_levering_per_connected_municipality_numbered_with_its_organisation(regio):
    doc = document()
    assert [(lev["teller"], lev["gemeentecode"]) for lev in doc["leveringen"]] == [
        (1, "1001"),
        (2, "1002"),
    ]
    assert levering(doc, regio.gemeente_a)["aanleverendeOrganisatie"] == {
        "naam": "Kredietbank Aadorp",
        "kvk-nummer": "40123456",
    }
    assert levering(doc, regio.gemeente_b)["aanleverendeOrganisatie"] == {
        "naam": "Gemeente Beekstad"
    }


def test_v0_9_names_the_organisation_with_an_underscore(regio):
    lev = document("0.9")["leveringen"][0]
    assert "aanleverende_organisatie" in lev
    assert "aanleverendeOrganisatie" not in lev


def test_a_municipality_that_left_is_delivered_only_when_asked_for(regio):
    assert regio.buiten["gemeente_weg"].uuid.hex not in json.dumps(document())
    doc = document(gemeenten=selectors.ddas_gemeenten(cbs_codes=["1003"]))
    assert signaal_ids(doc) == {str(regio.buiten["gemeente_weg"].uuid)}


def test_a_municipality_without_signals_gets_an_empty_levering(regio):
    doc = ddas_document(
        gemeenten=selectors.ddas_gemeenten(), van=dt.date(2030, 1, 1), tot=dt.date(2030, 1, 31)
    )
    assert [lev["vroegsignalen"] for lev in doc["leveringen"]] == [[], []]
    assert officiele_fouten(doc, "1.2") == []


def test_no_municipalities_gives_a_valid_document_without_leveringen(db):
    doc = document(gemeenten=[])
    assert "leveringen" not in doc
    assert officiele_fouten(doc, "1.2") == []


def test_signals_in_the_period_including_both_boundaries(regio):
    doc = document()
    assert signaal_ids(doc) == {str(signaal.uuid) for signaal in regio.binnen.values()}


def test_cases_matched_or_closed_in_the_period(regio):
    doc = document()
    verwacht = {
        tuple(str(s.uuid) for s in zaak.vroegsignalen.order_by("id"))
        for zaak in regio.zaken_binnen.values()
    }
    assert zaak_signaal_ids(doc) == verwacht


def test_a_signal_as_ddas_writes_it(regio):
    signaal = regio.binnen["bsn"]
    (geschreven,) = [
        s
        for s in levering(document(), regio.gemeente_a)["vroegsignalen"]
        if s["ID"] == str(signaal.uuid)
    ]
    assert geschreven == {
        "ID": str(signaal.uuid),
        "crisissignaal": True,
        "warmeOverdracht": False,
        "bedrag": 126,
        "ontstaansdatum": (VAN - dt.timedelta(days=45)).isoformat(),
        "signaaldatum": "2025-01-01",
        "status": "Opgepakt",
        "signaalpartner": {"type": "Zorg"},
        "client": {"burgerservicenummer": "123456782"},
    }


def test_the_client_is_the_bsn_alone_or_postcode_and_house_number(regio):
    clients = {
        s["ID"]: s["client"] for lev in document()["leveringen"] for s in lev["vroegsignalen"]
    }
    assert clients[str(regio.binnen["bsn"].uuid)] == {"burgerservicenummer": "123456782"}
    assert clients[str(regio.binnen["adres"].uuid)] == {
        "postcode": "1234AB",
        "huisnummer": "10",
        "huisnummertoevoeging": "A-2",
    }
    assert {frozenset(client) for client in clients.values()} == {
        frozenset({"burgerservicenummer"}),
        frozenset({"postcode", "huisnummer", "huisnummertoevoeging"}),
        frozenset({"postcode", "huisnummer"}),
    }


@pytest.mark.parametrize("versie", FORMATEN)
def test_no_names_birth_dates_or_contact_details_leave(regio, versie):
    tekst = json.dumps(document(versie), ensure_ascii=False)
    for verboden in (*ACHTERNAMEN, VOORNAMEN, "W.T.", TELEFOON, EMAIL, STRAAT, WOONPLAATS):
        assert verboden not in tekst
    assert GEBOORTEDATUM.isoformat() not in tekst
    assert "gesproken" not in tekst  # contact attempt notes stay home


def test_ids_are_the_public_uuids_never_the_primary_key(regio):
    for lev in document()["leveringen"]:
        for signaal in lev["vroegsignalen"]:
            assert len(signaal["ID"]) == 36


def test_a_closed_case_with_result_and_contact_attempts(regio):
    zaak = regio.zaken_binnen["gesloten"]
    (geschreven,) = [
        z
        for z in levering(document(), regio.gemeente_a)["vroegsignaalzaken"]
        if z["matchingsdatum"] == "2025-01-10"
    ]
    assert geschreven == {
        "resultaat": "Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering",
        "matchingsdatum": "2025-01-10",
        "startdatumMatchingperiode": "2024-12-11",
        "datumOpgepakt": "2025-01-12",
        "einddatumMatchingperiode": "2025-01-10",
        "vroegsignalen": [{"ID": str(regio.binnen["bsn"].uuid)}],
        "contactpogingen": [
            {"soort": "Telefoon", "bereikt": False, "datum": "2025-01-12", "dagdeel": "Ochtend"},
            {"soort": "Huisbezoek", "bereikt": True, "datum": "2025-01-14", "dagdeel": "Avond"},
            {
                "soort": "Afspraak op locatie",
                "bereikt": True,
                "datum": "2025-01-16",
                "dagdeel": "Middag",
            },
            {"soort": "Onbekend", "bereikt": False, "datum": "2025-01-17"},
        ],
    }
    assert zaak.pk  # the fixture's case


def test_v0_9_uses_its_own_names_and_leaves_out_what_it_does_not_know(regio):
    lev = levering(document("0.9"), regio.gemeente_a)
    (zaak,) = [z for z in lev["vroegsignaalzaken"] if z["matchingsdatum"] == "2025-01-10"]
    assert zaak["resultaat"] == "Inwoner hoeft geen hulp vanuit vroegsignalering"
    assert zaak["startdatum_matchtingperiode"] == "2024-12-11"
    assert zaak["datum_opgepakt"] == "2025-01-12"
    assert [poging.get("soort") for poging in zaak["contactpogingen"]] == [
        "Telefoon",
        "Huisbezoek",
        "Overige",
        None,
    ]
    statussen = {s["ID"]: s.get("status") for s in lev["vroegsignalen"]}
    assert statussen[str(regio.binnen["bsn"].uuid)] is None  # "Opgepakt" is not in v0.9
    assert statussen[str(regio.binnen["adres"].uuid)] == "Nog niet opgepakt"
    clients = [s["client"] for s in lev["vroegsignalen"]]
    assert {"Burgerservicenummer": "123456782"} in clients


def test_an_open_case_has_no_result_and_no_pick_up_date(regio):
    (zaak,) = levering(document(), regio.gemeente_b)["vroegsignaalzaken"]
    assert "resultaat" not in zaak
    assert "datumOpgepakt" not in zaak
    assert "contactpogingen" in zaak and zaak["contactpogingen"] == []


def test_a_fixed_number_of_queries_whatever_the_volume(regio):
    with CaptureQueriesContext(connection) as klein:
        document()
    for dag in range(2, 12):
        signaal = _signaal(regio.gemeente_b, dt.date(2025, 1, dag), bsn="")
        zaak = _zaak(regio.gemeente_b, dt.date(2025, 1, dag), [signaal])
        zaak.contactpogingen.create(soort="brief", bereikt=False, datum=dt.date(2025, 1, dag))
    with CaptureQueriesContext(connection) as groot:
        doc = document()
    assert len(groot) == len(klein) <= 5
    assert len(levering(doc, regio.gemeente_b)["vroegsignaalzaken"]) == 11


def test_valideren_lists_the_problems_without_the_values(regio):
    doc = document()
    signaal = doc["leveringen"][0]["vroegsignalen"][0]
    signaal["client"] = {"burgerservicenummer": "98765"}
    signaal["status"] = "Misschien"
    del doc["codeGegevensleverancier"]
    with pytest.raises(DdasValidatieFout) as fout:
        valideren(doc, "1.2")
    tekst = str(fout.value)
    assert "98765" not in tekst and "Misschien" not in tekst
    assert "$.leveringen[0].vroegsignalen[0].client" in tekst
    assert "$.leveringen[0].vroegsignalen[0].status: waarde staat niet in de enumeratie" in tekst
    assert "verplicht veld ontbreekt (codeGegevensleverancier)" in tekst
    assert fout.value.status == 500


def test_valideren_shows_the_first_ten_problems(regio):
    doc = document()
    for signaal in doc["leveringen"][0]["vroegsignalen"]:
        signaal["bedrag"] = "veel"
        signaal["signaaldatum"] = "31-01-2025"
        signaal["onbekend"] = 1
        signaal["status"] = "Zoek"
        signaal["ontstaansdatum"] = "gisteren"
    with pytest.raises(DdasValidatieFout) as fout:
        valideren(doc, "1.2")
    assert len(fout.value.fouten) == 11
    assert fout.value.fouten[-1] == "... en nog 5 fout(en)"
    assert any("ongeldig formaat (verwacht date)" in regel for regel in fout.value.fouten)
    assert any("veld niet toegestaan (onbekend)" in regel for regel in fout.value.fouten)


def test_a_date_time_without_time_zone_is_refused(regio):
    doc = document()
    doc["aanleverdatumEnTijd"] = "2025-02-05T10:30:00"
    with pytest.raises(DdasValidatieFout, match="aanleverdatumEnTijd: ongeldig formaat"):
        valideren(doc, "1.2")


# --- pages (the pull endpoint) ----------------------------------------------------------------


def pagina(page, page_size, **kwargs):
    return ddas_pagina(
        gemeenten=selectors.ddas_gemeenten(**kwargs),
        van=VAN,
        tot=TOT,
        page=page,
        page_size=page_size,
        nu=NU,
    )


def test_pages_together_hold_the_whole_delivery_each_page_valid(regio):
    geheel = document()
    _, verdeling, _ = pagina(1, 2)
    assert verdeling.total_records == 4 + 3
    assert verdeling.total_pages == 4
    signalen, zaken, tellers = set(), set(), {}
    for page in range(1, verdeling.total_pages + 1):
        doc, _, leveringen = pagina(page, 2)
        assert officiele_fouten(doc, "1.2") == []
        aantal = sum(
            len(lev["vroegsignalen"]) + len(lev["vroegsignaalzaken"]) for lev in doc["leveringen"]
        )
        assert aantal == (2 if page < 4 else 1)
        signalen |= signaal_ids(doc)
        zaken |= zaak_signaal_ids(doc)
        for lev in doc["leveringen"]:
            tellers.setdefault(lev["gemeentecode"], set()).add(lev["teller"])
        assert [lev.teller for lev in leveringen] == [lev["teller"] for lev in doc["leveringen"]]
    assert signalen == signaal_ids(geheel)
    assert zaken == zaak_signaal_ids(geheel)
    assert tellers == {"1001": {1}, "1002": {2}}


def test_a_municipality_without_records_is_on_the_first_page_only(regio):
    nieuw = type(regio.gemeente_a).objects.create(
        cbs_code="1000",
        naam="Leegdorp",
        inwoners=1000,
        uitvoeringsorganisatie=regio.gemeente_b.uitvoeringsorganisatie,
    )
    eerste, _, _ = pagina(1, 2)
    tweede, _, _ = pagina(2, 2)
    assert [lev["gemeentecode"] for lev in eerste["leveringen"]] == ["1000", "1001"]
    assert levering(eerste, nieuw)["vroegsignalen"] == []
    assert "1000" not in [lev["gemeentecode"] for lev in tweede["leveringen"]]


def test_a_page_beyond_the_last_has_no_leveringen(regio):
    doc, verdeling, leveringen = pagina(9, 2)
    assert "leveringen" not in doc and leveringen == []
    assert verdeling.total_pages == 4


def test_an_organisations_page_holds_only_its_municipalities(regio):
    doc, verdeling, _ = pagina(1, 100, organisatie="gemeente-b")
    assert [lev["gemeentecode"] for lev in doc["leveringen"]] == ["1002"]
    assert verdeling.total_records == 2


def test_cases_read_in_chunks_give_the_same_document(regio, monkeypatch):
    geheel = document()
    monkeypatch.setattr("signaalroute.contrib.ddas.document.PREFETCH_PER", 1)
    assert document() == geheel
    per_pagina = [pagina(page, 3)[0] for page in (1, 2, 3)]
    assert zaak_signaal_ids(geheel) == set().union(*(zaak_signaal_ids(doc) for doc in per_pagina))
