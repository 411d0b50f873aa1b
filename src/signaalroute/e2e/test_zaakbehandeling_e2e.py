"""In the demo a worker takes a case from the work list, records a failed call (quick entry) and
a successful home visit, closes the case with help accepted and a referral to debt help (warm
hand-over); the phase, result, timeline and the partner feedback follow. And two screens on the
same case: the second save gets a clear conflict message and keeps what was typed."""

from io import StringIO

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from signaalroute.demo.organisaties import demo_verwijderen
from signaalroute.terugkoppeling.constants import Terugkoppelcode
from signaalroute.terugkoppeling.models import Terugkoppeling
from signaalroute.vroegsignaalzaken.constants import Eindresultaat, Hulpstap, Zaakfase
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from .test_controles_e2e import demo_inloggen

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def demo(live_server):
    call_command("demo", force=True, stdout=StringIO())
    yield
    demo_verwijderen()


def _zaak_uit_werklijst(page) -> Vroegsignaalzaak:
    page.goto("/werk/werkvoorraad/?fase=nieuw&behandelaar=niemand")
    link = page.locator("table tbody a").first
    referentie = link.inner_text().strip()
    link.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(referentie)
    return Vroegsignaalzaak.objects.get(referentie=referentie)


def test_worker_handles_a_case_from_work_list_to_referral(demo, page, browserfouten):
    demo_inloggen(page, "demo-vroegsignaleerder")
    zaak = _zaak_uit_werklijst(page)
    assert zaak.fase == Zaakfase.NIEUW

    page.get_by_role("button", name="Zaak oppakken").click()
    expect(page.get_by_text("In behandeling").first).to_be_visible()

    page.get_by_role("button", name="niet opgenomen, voicemail ingesproken").click()
    expect(page.get_by_text("Nog geen contact, nieuwe poging gepland").first).to_be_visible()

    page.get_by_text("Andere contactpoging").click()
    poging = page.locator("form", has=page.get_by_role("button", name="Contactpoging opslaan"))
    poging.get_by_label("Soort contact").select_option(label="Huisbezoek")
    poging.get_by_label("Ja, contact gehad").check()
    poging.get_by_label("Notitie").fill("Keukentafelgesprek gevoerd.")
    poging.get_by_role("button", name="Contactpoging opslaan").click()
    expect(page.get_by_text("Keukentafelgesprek gevoerd.").first).to_be_visible()

    page.get_by_text("Zaak afsluiten", exact=True).first.click()
    afsluiten = page.locator("form", has=page.get_by_role("button", name="Zaak afsluiten"))
    afsluiten.get_by_label("Resultaat").select_option(
        label="Hulp geaccepteerd (kies de concrete stap)"
    )
    afsluiten.get_by_label("Concrete stap").select_option(label=str(Hulpstap.SCHULDHULP.label))
    afsluiten.get_by_label("Overgedragen aan (organisatie)").fill("Schuldhulpverlening Deventer")
    afsluiten.get_by_label("Wat is afgesproken").fill("Intake samen gepland op dinsdag.")
    afsluiten.get_by_role("button", name="Zaak afsluiten").click()

    expect(page.get_by_text(str(Eindresultaat.VERVOLGHULP_FINANCIEEL.label)).first).to_be_visible()
    expect(page.get_by_text("Schuldhulpverlening Deventer").first).to_be_visible()

    zaak.refresh_from_db()
    assert zaak.fase == Zaakfase.AFGESLOTEN
    assert zaak.eindresultaat == Eindresultaat.VERVOLGHULP_FINANCIEEL
    assert zaak.hulpstap == Hulpstap.SCHULDHULP
    assert zaak.contactpogingen.count() == 2 and zaak.overdrachten.count() == 1
    acties = list(zaak.historie.values_list("actie", flat=True))
    assert acties[-4:] == ["oppakken", "contact_niet_bereikt", "contact_bereikt", "afsluiten"]
    # Later, partner feedback: help accepted with the collection pause, per signal.
    for signaal in zaak.vroegsignalen.all():
        laatste = Terugkoppeling.objects.filter(vroegsignaal=signaal).last()
        assert laatste.code == Terugkoppelcode.HULP_GEACCEPTEERD
        assert laatste.betalingspauze_tot is not None
    assert not browserfouten, browserfouten.meldingen


def test_second_screen_gets_a_conflict_and_keeps_its_input(demo, page, browserfouten):
    demo_inloggen(page, "demo-vroegsignaleerder")
    zaak = _zaak_uit_werklijst(page)
    tweede = page.context.new_page()
    tweede.goto(page.url)

    page.get_by_role("button", name="Zaak oppakken").click()
    expect(page.get_by_text("In behandeling").first).to_be_visible()

    tweede.get_by_text("Andere contactpoging").click()
    poging = tweede.locator("form", has=tweede.get_by_role("button", name="Contactpoging opslaan"))
    poging.get_by_label("Soort contact").select_option(label="Telefoon")
    poging.get_by_label("Nee, niet bereikt").check()
    poging.get_by_label("Notitie").fill("Mijn notitie van het tweede scherm")
    poging.get_by_role("button", name="Contactpoging opslaan").click()

    expect(tweede.get_by_text("intussen gewijzigd").first).to_be_visible()
    expect(tweede.get_by_label("Notitie").first).to_have_value("Mijn notitie van het tweede scherm")
    assert zaak.contactpogingen.count() == 0
    # One more click saves it, now against the current version.
    tweede.get_by_role("button", name="Contactpoging opslaan").click()
    expect(tweede.get_by_text("Mijn notitie van het tweede scherm").first).to_be_visible()
    assert zaak.contactpogingen.count() == 1
    assert [m for m in browserfouten.meldingen if "409" not in m] == []
