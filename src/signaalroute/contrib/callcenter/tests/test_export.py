"""Making a call round and exporting its call list: only what a callcenter needs, only valid
phone numbers, every cell safe to open in a spreadsheet, audited without personal data."""

import csv
import datetime as dt
import io

import pytest
import python_calamine
from django.utils import timezone

from signaalroute.audit.constants import Auditactie
from signaalroute.audit.models import Auditregel
from signaalroute.contrib.callcenter.constants import Belrondestatus
from signaalroute.contrib.callcenter.selectors import Belfilter, belbare_zaken
from signaalroute.contrib.callcenter.services import bellijst_exporteren, belronde_aanmaken
from signaalroute.core.exceptions import ValidatieFout
from signaalroute.triage.models import Triage
from signaalroute.triage.services import actieve_regelset
from signaalroute.vroegsignaalzaken.constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Dagdeel,
    Ongeldigreden,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak
from signaalroute.vroegsignaalzaken.services import (
    Pogingsgegevens,
    contactgegeven_ongeldig_melden,
    contactgegeven_toevoegen,
    contactpoging_registreren,
)

from .conftest import ronde_maken, zaak_maken

pytestmark = pytest.mark.django_db

KOLOMMEN = [
    "belronde",
    "referentie",
    "naam",
    "telefoon_1",
    "telefoon_2",
    "gemeente",
    "voorkeur_dagdeel",
    "datum",
    "tijd",
    "bereikt",
    "gevonden_telefoonnummer",
    "notitie",
]


def csv_lezen(inhoud: bytes) -> list[dict]:
    assert inhoud.startswith("\ufeff".encode())  # BOM: Dutch Excel opens UTF-8 correctly
    return list(csv.DictReader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def xlsx_lezen(inhoud: bytes) -> list[list]:
    werkmap = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(inhoud))
    return werkmap.get_sheet_by_index(0).to_python()


def test_the_call_list_holds_only_what_a_callcenter_needs(tenant_a, coordinator):
    zaak = zaak_maken(tenant_a, telefoon="06-12345678", achternaam="Jansen")
    contactgegeven_toevoegen(
        zaak=zaak,
        door=coordinator,
        soort=Contactgegevensoort.TELEFOON,
        waarde="020 123 4567",
        bron=Contactgegevenbron.MEDEWERKER,
    )
    belronde = ronde_maken(tenant_a, [zaak], coordinator)

    inhoud, naam = bellijst_exporteren(belronde=belronde, door=coordinator)

    rijen = csv_lezen(inhoud)
    assert naam == f"bellijst-{belronde.code}.csv"
    assert list(rijen[0]) == KOLOMMEN
    assert rijen[0]["belronde"] == belronde.code
    assert rijen[0]["referentie"] == zaak.referentie
    assert rijen[0]["naam"] == "J. Jansen"
    assert {rijen[0]["telefoon_1"], rijen[0]["telefoon_2"]} == {"06 12345678", "020 123 4567"}
    assert rijen[0]["gemeente"] == tenant_a.naam
    assert all(rijen[0][k] == "" for k in ("datum", "tijd", "bereikt", "notitie"))
    tekst = inhoud.decode("utf-8-sig")
    for persoonlijk in ("1234AB", "123456782", "Dorpsstraat", "j@example.nl", "250", "1985"):
        assert persoonlijk not in tekst


def test_numbers_marked_wrong_and_invalid_numbers_are_left_out(tenant_a, coordinator):
    fout = zaak_maken(tenant_a, telefoon="06-11111111")
    contactgegeven_ongeldig_melden(
        zaak=fout,
        door=coordinator,
        soort=Contactgegevensoort.TELEFOON,
        waarde="06-11111111",
        reden=Ongeldigreden.ANDER_PERSOON,
        vroegsignaal=fout.vroegsignalen.get(),
    )
    onzin = zaak_maken(tenant_a, telefoon="0612")
    contactgegeven_toevoegen(
        zaak=onzin,
        door=coordinator,
        soort=Contactgegevensoort.TELEFOON,
        waarde="+32 470 12 34 56",
        bron=Contactgegevenbron.CALLCENTER,
    )
    belronde = ronde_maken(tenant_a, [fout, onzin], coordinator)

    rijen = {
        r["referentie"]: r
        for r in csv_lezen(bellijst_exporteren(belronde=belronde, door=coordinator)[0])
    }

    assert rijen[fout.referentie]["telefoon_1"] == ""
    assert rijen[onzin.referentie]["telefoon_1"] == "00 32 470 12 34 56"
    assert "0612" not in str(rijen)
    assert "11111111" not in str(rijen)


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_every_cell_is_neutralised_against_formulas(tenant_a, coordinator, formaat):
    zaak = zaak_maken(tenant_a, achternaam='=HYPERLINK("http://x","klik")')
    belronde = ronde_maken(tenant_a, [zaak], coordinator, formaat=formaat)

    inhoud, _naam = bellijst_exporteren(belronde=belronde, door=coordinator)

    if formaat == "csv":
        naam = csv_lezen(inhoud)[0]["naam"]
    else:
        rijen = xlsx_lezen(inhoud)
        assert rijen[0] == KOLOMMEN[:3] + ["telefoon_1"] + KOLOMMEN[5:]
        naam = rijen[1][2]
        assert b"<f>" not in inhoud  # no formula anywhere in the workbook
    assert naam.startswith("'J. =HYPERLINK") or naam.startswith("J. =HYPERLINK")
    # The cell itself never starts with a formula character.
    assert not naam.startswith(("=", "+", "-", "@"))


def test_a_name_starting_like_a_formula_gets_an_apostrophe(tenant_a, coordinator):
    zaak = zaak_maken(tenant_a, achternaam="x")
    zaak.vroegsignalen.update(voorletters="", achternaam="=1+2")
    belronde = ronde_maken(tenant_a, [zaak], coordinator, formaat="xlsx")

    rijen = xlsx_lezen(bellijst_exporteren(belronde=belronde, door=coordinator)[0])

    assert rijen[1][2] == "'=1+2"


def test_preferred_part_of_the_day_comes_from_the_planned_follow_up(tenant_a, coordinator):
    zaak = zaak_maken(tenant_a)
    contactpoging_registreren(
        zaak=zaak,
        door=coordinator,
        versie=None,
        gegevens=Pogingsgegevens(
            soort=Contactsoort.TELEFOON,
            datum=timezone.localdate(),
            bereikt=False,
            vervolg_op=timezone.localdate() + dt.timedelta(days=2),
            vervolg_dagdeel=Dagdeel.AVOND,
        ),
    )
    belronde = ronde_maken(tenant_a, [zaak], coordinator)

    rij = csv_lezen(bellijst_exporteren(belronde=belronde, door=coordinator)[0])[0]

    assert rij["voorkeur_dagdeel"] == "avond"


def test_export_is_audited_with_the_count_only_and_marks_the_round(ronde, coordinator):
    bellijst_exporteren(belronde=ronde, door=coordinator)

    regel = Auditregel.objects.get(actie=Auditactie.EXPORTEREN)
    assert regel.omschrijving == f"Bellijst {ronde.code} geëxporteerd: 2 zaken (csv)"
    assert regel.gemeente == ronde.gemeente
    assert "Jansen" not in regel.omschrijving
    ronde.refresh_from_db()
    assert ronde.status == Belrondestatus.GEEXPORTEERD
    assert ronde.aantal_downloads == 1


def test_a_case_closed_after_the_round_was_made_is_not_on_the_list(ronde, zaken, coordinator):
    Vroegsignaalzaak.objects.filter(pk=zaken[0].pk).update(fase=Zaakfase.AFGESLOTEN)

    rijen = csv_lezen(bellijst_exporteren(belronde=ronde, door=coordinator)[0])

    assert [r["referentie"] for r in rijen] == [zaken[1].referentie]


def test_a_round_only_takes_open_cases_the_coordinator_may_see(tenant_a, tenant_b, coordinator):
    eigen = zaak_maken(tenant_a)
    ander = zaak_maken(tenant_b)
    with pytest.raises(ValidatieFout):
        belronde_aanmaken(gemeente=tenant_a, zaken=[eigen, ander], formaat="csv", door=coordinator)
    with pytest.raises(ValidatieFout):
        belronde_aanmaken(gemeente=tenant_b, zaken=[ander], formaat="csv", door=coordinator)
    Vroegsignaalzaak.objects.filter(pk=eigen.pk).update(fase=Zaakfase.AFGESLOTEN)
    with pytest.raises(ValidatieFout):
        belronde_aanmaken(gemeente=tenant_a, zaken=[eigen], formaat="csv", door=coordinator)


def test_round_codes_are_unique_and_readable(tenant_a, coordinator):
    a = belronde_aanmaken(
        gemeente=tenant_a, zaken=[zaak_maken(tenant_a)], formaat="csv", door=coordinator
    )
    b = belronde_aanmaken(
        gemeente=tenant_a, zaken=[zaak_maken(tenant_a)], formaat="xlsx", door=coordinator
    )
    assert a.code != b.code
    assert a.code.startswith(f"BR-{timezone.localdate():%Y}-")


def triage(zaak, kanaal):
    return Triage.objects.create(
        vroegsignaalzaak=zaak,
        regelset=actieve_regelset(gemeente=zaak.gemeente),
        regelnaam="Regel",
        uitleg="Uitleg",
        bakje="Bellen" if kanaal == Contactsoort.TELEFOON else "Brief",
        aanpak=[{"kanaal": kanaal, "aantal": 2}],
        eerste_kanaal=kanaal,
        termijnprofiel="standaard",
        uiterste_datum=timezone.localdate() + dt.timedelta(days=14),
        feiten={},
        maand=timezone.localdate().replace(day=1),
    )


def test_by_default_only_cases_whose_next_step_is_a_call_are_chosen(tenant_a, coordinator):
    bellen = zaak_maken(tenant_a)
    triage(bellen, Contactsoort.TELEFOON)
    brief = zaak_maken(tenant_a)
    triage(brief, Contactsoort.BRIEF)
    zonder_triage = zaak_maken(tenant_a)
    bereikt = zaak_maken(tenant_a)
    triage(bereikt, Contactsoort.TELEFOON)
    contactpoging_registreren(
        zaak=bereikt,
        door=coordinator,
        versie=None,
        gegevens=Pogingsgegevens(
            soort=Contactsoort.TELEFOON, datum=timezone.localdate(), bereikt=True
        ),
    )

    alleen_bellen = belbare_zaken(coordinator, Belfilter(gemeente=tenant_a))
    alle = belbare_zaken(coordinator, Belfilter(gemeente=tenant_a, alleen_bellen=False))

    assert alleen_bellen == [bellen]
    assert set(alle) == {bellen, brief, zonder_triage, bereikt}
    assert belbare_zaken(
        coordinator, Belfilter(gemeente=tenant_a, bakje="Brief", alleen_bellen=False)
    ) == [brief]


def test_cases_can_be_chosen_per_team(tenant_a, users, coordinator):
    team = users["externe_uitvoerder"].team
    van_team = zaak_maken(tenant_a, team=team)
    zaak_maken(tenant_a)

    gekozen = belbare_zaken(
        coordinator, Belfilter(gemeente=tenant_a, team=team, alleen_bellen=False)
    )

    assert gekozen == [van_team]
    assert team.naam in Belfilter(gemeente=tenant_a, team=team).omschrijving()
