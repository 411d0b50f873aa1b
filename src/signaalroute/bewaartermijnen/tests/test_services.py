"""Applying retention: a case closed without help long enough ago loses its personal data,
one with help or closed recently keeps it, and the figures still count it."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from signaalroute.aanleveringen.constants import Aanleverstatus, Regelstatus
from signaalroute.aanleveringen.models import Aanleverbestand, Aanleverregel
from signaalroute.aanleveringen.tests.factories import AanleveringFactory, VroegsignaalFactory
from signaalroute.audit.models import Auditregel
from signaalroute.bewaartermijnen.models import Bewaarinstellingen, Opschoonrapport
from signaalroute.bewaartermijnen.services import (
    alle_bewaartermijnen_toepassen,
    bewaartermijnen_toepassen,
)
from signaalroute.contact.constants import Berichtstatus, Kanaal
from signaalroute.contact.models import Bericht
from signaalroute.contact.services import standaardsjablonen_aanmaken
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.matching.models import Brpcontrole
from signaalroute.rapportages.cijfers.zaken import resultaten, zaken_per_postcode
from signaalroute.rapportages.rules import Periode
from signaalroute.vroegsignaalzaken.constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Eindresultaat,
    Hulpstap,
    Signaalstatus,
    Zaakfase,
)
from signaalroute.vroegsignaalzaken.models import (
    Contactgegeven,
    Contactpoging,
    Melding,
    Nazorg,
    Overdracht,
    Zaakwijziging,
)
from signaalroute.vroegsignaalzaken.tests.factories import VroegsignaalzaakFactory

pytestmark = pytest.mark.django_db

VANDAAG = datetime.date(2025, 9, 1)
BSN = "111222333"


def _dagen_terug(dagen: int) -> datetime.date:
    return VANDAAG - datetime.timedelta(days=dagen)


def _moment(dag: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(dag, datetime.time(12)))


def _zaak(gemeente, *, eindresultaat, gesloten_dagen_terug, signaal_dagen_terug=None, **extra):
    """A closed case with one signal of a named person and everything that hangs on it."""
    signaaldag = _dagen_terug(signaal_dagen_terug or gesloten_dagen_terug + 40)
    zaak = VroegsignaalzaakFactory(
        gemeente=gemeente,
        fase=Zaakfase.AFGESLOTEN,
        eindresultaat=eindresultaat,
        afgesloten_op=_moment(_dagen_terug(gesloten_dagen_terug)),
        matchingsdatum=signaaldag,
        startdatum_matchingperiode=signaaldag,
        einddatum_matchingperiode=signaaldag,
        postcode="1234AB",
        huisnummer=12,
        reden_intern="Meneer Jansen wil niet",
        **extra,
    )
    signaal = VroegsignaalFactory(
        gemeente=gemeente,
        vroegsignaalzaak=zaak,
        signaaldatum=signaaldag,
        bsn=BSN,
        achternaam="Jansen",
        telefoonnummer="0612345678",
        email="jansen@voorbeeld.nl",
        klantnummer="K-1",
        straat="Dorpsstraat",
        woonplaats="Aadorp",
        postcode="1234AB",
        huisnummer=12,
        status=Signaalstatus.OPGEPAKT,
    )
    Contactpoging.objects.create(
        vroegsignaalzaak=zaak,
        soort=Contactsoort.TELEFOON,
        datum=signaaldag,
        bereikt=True,
        notitie="Sprak met J. Jansen, 06-12345678",
    )
    Contactgegeven.objects.create(
        vroegsignaalzaak=zaak,
        soort=Contactgegevensoort.TELEFOON,
        waarde="0611111111",
        bron=Contactgegevenbron.MEDEWERKER,
    )
    Contactgegeven.objects.create(
        vroegsignaalzaak=zaak,
        soort=Contactgegevensoort.TELEFOON,
        waarde="0622222222",
        bron=Contactgegevenbron.INWONER,
        geldig=False,
    )
    standaardsjablonen_aanmaken(gemeente=gemeente)
    Bericht.objects.create(
        vroegsignaalzaak=zaak,
        kanaal=Kanaal.BRIEF,
        sjabloon=gemeente.berichtsjablonen.get(kanaal=Kanaal.BRIEF),
        ontvanger="Dorpsstraat 12, 1234 AB Aadorp",
        inhoud="Beste meneer Jansen",
        status=Berichtstatus.VERZONDEN,
        idempotentiesleutel=f"bericht-{zaak.pk}",
    )
    Overdracht.objects.create(
        vroegsignaalzaak=zaak,
        organisatie="Schuldhulp Aadorp",
        contactpersoon="Mevr. Pietersen",
        datum=signaaldag,
        afspraken="Jansen komt dinsdag langs",
    )
    Nazorg.objects.create(
        vroegsignaalzaak=zaak,
        gepland_op=signaaldag,
        reden="Nabellen",
        notitie="Gaat goed met Jansen",
        afgerond_op=_moment(signaaldag),
    )
    Zaakwijziging.objects.create(
        vroegsignaalzaak=zaak, fase_naar=Zaakfase.AFGESLOTEN, toelichting="Jansen verhuist"
    )
    Brpcontrole.objects.create(
        vroegsignaal=signaal,
        gemeente=gemeente,
        uitkomst="bevestigd",
        reden="J. Jansen gevonden",
        kandidaten=[{"naam": "J. Jansen", "bsn": BSN}],
        bsn=BSN,
        uitgevoerd_op=_moment(signaaldag),
    )
    Aanleverregel.objects.create(
        aanlevering=signaal.aanlevering,
        regelnummer=signaal.pk,
        status=Regelstatus.WAARSCHUWING,
        gegevens={"achternaam": "Jansen"},
        vroegsignaal=signaal,
    )
    return zaak


def _gewist(zaak) -> bool:
    signaal = zaak.vroegsignalen.get()
    return signaal.bsn == "" and signaal.achternaam == ""


@pytest.fixture
def zonder_hulp(tenant_a):
    return _zaak(tenant_a, eindresultaat=Eindresultaat.GEEN_CONTACT, gesloten_dagen_terug=200)


def test_case_closed_without_help_over_six_months_ago_is_purged(tenant_a, users, zonder_hulp):
    Melding.objects.create(
        gebruiker=users["vroegsignaleerder"],
        vroegsignaalzaak=zonder_hulp,
        soort="afsluiten",
        stand="verlopen",
        termijn=_dagen_terug(230),
        tekst="Zaak VS-1: termijn verlopen",
    )
    rapport = bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)

    signaal = zonder_hulp.vroegsignalen.get()
    assert (signaal.bsn, signaal.achternaam, signaal.geboortedatum) == ("", "", None)
    assert (signaal.telefoonnummer, signaal.email, signaal.klantnummer) == ("", "", "")
    assert (signaal.straat, signaal.woonplaats, signaal.postcode, signaal.huisnummer) == (
        "",
        "",
        "1234",
        0,
    )
    # What the figures need stays.
    assert signaal.bedrag == 25000 and signaal.status == Signaalstatus.OPGEPAKT
    zonder_hulp.refresh_from_db()
    assert (zonder_hulp.reden_intern, zonder_hulp.postcode, zonder_hulp.huisnummer) == (
        "",
        "1234",
        0,
    )
    assert zonder_hulp.eindresultaat == Eindresultaat.GEEN_CONTACT
    poging = zonder_hulp.contactpogingen.get()
    assert poging.notitie == "" and poging.bereikt and poging.soort == Contactsoort.TELEFOON
    assert all(
        w.startswith("[verwijderd]")
        for w in zonder_hulp.contactgegevens.values_list("waarde", flat=True)
    )
    assert zonder_hulp.contactgegevens.filter(geldig=False).count() == 1
    bericht = zonder_hulp.berichten.get()
    assert (bericht.ontvanger, bericht.inhoud, bericht.status) == ("", "", Berichtstatus.VERZONDEN)
    overdracht = zonder_hulp.overdrachten.get()
    assert (overdracht.contactpersoon, overdracht.afspraken, overdracht.organisatie) == (
        "",
        "",
        "Schuldhulp Aadorp",
    )
    assert zonder_hulp.nazorg.get().notitie == ""
    assert not zonder_hulp.meldingen.exists()
    assert zonder_hulp.historie.get().toelichting == ""
    controle = Brpcontrole.objects.get(vroegsignaal=signaal)
    assert (controle.bsn, controle.kandidaten, controle.uitkomst) == ("", [], "bevestigd")
    assert Aanleverregel.objects.get(vroegsignaal=signaal).gegevens == {}

    assert rapport.aantallen["signalen"] == 1 and rapport.aantallen["contactgegevens"] == 2
    assert not rapport.droog


def test_case_with_help_is_kept(tenant_a):
    zaak = _zaak(
        tenant_a,
        eindresultaat=Eindresultaat.VERVOLGHULP_FINANCIEEL,
        hulpstap=Hulpstap.SCHULDHULP,
        gesloten_dagen_terug=400,
    )
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert not _gewist(zaak)
    zaak.refresh_from_db()
    assert zaak.reden_intern


def test_case_with_help_is_purged_when_the_municipality_set_a_term(tenant_a):
    Bewaarinstellingen.objects.create(gemeente=tenant_a, met_hulp_maanden=12)
    zaak = _zaak(tenant_a, eindresultaat=Eindresultaat.QUICK_FIX, gesloten_dagen_terug=400)
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert _gewist(zaak)


def test_case_closed_recently_is_kept(tenant_a):
    zaak = _zaak(tenant_a, eindresultaat=Eindresultaat.GEEN_CONTACT, gesloten_dagen_terug=150)
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert not _gewist(zaak)
    assert zaak.contactpogingen.get().notitie


def test_open_case_and_case_with_after_care_to_come_are_kept(tenant_a):
    zaak = _zaak(tenant_a, eindresultaat=Eindresultaat.HOEFT_GEEN_HULP, gesloten_dagen_terug=300)
    Nazorg.objects.create(vroegsignaalzaak=zaak, gepland_op=VANDAAG)
    open_zaak = _zaak(
        tenant_a,
        eindresultaat="",
        gesloten_dagen_terug=300,
    )
    type(open_zaak).objects.filter(pk=open_zaak.pk).update(fase=Zaakfase.IN_BEHANDELING)
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert not _gewist(zaak) and not _gewist(open_zaak)


def test_address_waits_while_household_matching_may_look_back_at_it(tenant_a):
    """Closed over six months ago, but its signal is from within the 6-month look-back plus a
    month: the signal waits for a later run."""
    zaak = _zaak(
        tenant_a,
        eindresultaat=Eindresultaat.GEEN_CONTACT,
        gesloten_dagen_terug=190,
        signaal_dagen_terug=200,
    )
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert not _gewist(zaak)
    zaak.refresh_from_db()
    assert zaak.reden_intern == "" and zaak.huisnummer == 12


def test_other_municipality_is_untouched(tenant_a, tenant_b):
    zaak_b = _zaak(tenant_b, eindresultaat=Eindresultaat.GEEN_CONTACT, gesloten_dagen_terug=300)
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert not _gewist(zaak_b)


def test_signal_held_back_by_a_check_is_purged_after_its_term(tenant_a):
    oud = VroegsignaalFactory(
        gemeente=tenant_a,
        status=Signaalstatus.NIET_OPGEPAKT_ONTERECHT,
        signaaldatum=_dagen_terug(250),
        bsn=BSN,
    )
    type(oud).objects.filter(pk=oud.pk).update(aangemaakt_op=_moment(_dagen_terug(250)))
    nieuw = VroegsignaalFactory(
        gemeente=tenant_a, status=Signaalstatus.NIET_OPGEPAKT_ONTERECHT, bsn=BSN
    )
    wachtend = VroegsignaalFactory(gemeente=tenant_a, signaaldatum=_dagen_terug(250), bsn=BSN)
    type(wachtend).objects.filter(pk=wachtend.pk).update(aangemaakt_op=_moment(_dagen_terug(250)))
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    oud.refresh_from_db(), nieuw.refresh_from_db(), wachtend.refresh_from_db()
    assert oud.bsn == "" and oud.achternaam == ""
    assert nieuw.bsn == BSN  # received recently
    assert wachtend.bsn == BSN  # not held back: still waiting for matching


def test_dry_run_counts_but_changes_nothing(tenant_a, zonder_hulp):
    rapport = bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG, droog=True)
    assert rapport.droog and rapport.aantallen["signalen"] == 1
    assert not _gewist(zonder_hulp)
    assert not Auditregel.objects.filter(actie="opschonen").exists()


def test_second_run_finds_nothing_left_to_do(tenant_a, zonder_hulp):
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    tweede = bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert tweede.aantallen == {}


def test_run_is_recorded_in_the_processing_log(tenant_a, zonder_hulp):
    rapport = bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    regel = Auditregel.objects.get(actie="opschonen")
    assert regel.object_uuid == rapport.uuid
    assert regel.verwerkingsactiviteit == "bewaartermijnen"
    assert "AVG art. 5" in regel.grondslag
    assert "Jansen" not in regel.omschrijving and BSN not in regel.omschrijving


def test_figures_still_count_a_purged_case(tenant_a, zonder_hulp):
    periode = Periode(van=_dagen_terug(400), tot=VANDAAG)
    voor = (resultaten([tenant_a.pk], periode), zaken_per_postcode([tenant_a.pk], periode))
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    na = (resultaten([tenant_a.pk], periode), zaken_per_postcode([tenant_a.pk], periode))
    assert voor == na
    assert na[0] == {Eindresultaat.GEEN_CONTACT: 1}


def test_brp_candidates_go_once_nothing_is_left_to_review(tenant_a):
    signaal = VroegsignaalFactory(gemeente=tenant_a)
    nog_beoordelen = VroegsignaalFactory(gemeente=tenant_a)
    kandidaten = [{"naam": "Medebewoner", "bsn": "123456782"}]
    klaar = Brpcontrole.objects.create(
        vroegsignaal=signaal,
        gemeente=tenant_a,
        uitkomst="bevestigd",
        kandidaten=kandidaten,
        uitgevoerd_op=_moment(_dagen_terug(40)),
    )
    open_ = Brpcontrole.objects.create(
        vroegsignaal=nog_beoordelen,
        gemeente=tenant_a,
        uitkomst="twijfel",
        naar_controle=True,
        kandidaten=kandidaten,
        uitgevoerd_op=_moment(_dagen_terug(40)),
    )
    bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    klaar.refresh_from_db(), open_.refresh_from_db()
    assert klaar.kandidaten == [] and open_.kandidaten == kandidaten


def test_stale_debt_help_list_is_removed(tenant_a):
    oud = SchuldhulpRegistratie.objects.create(gemeente=tenant_a, achternaam="Oud", bsn=BSN)
    SchuldhulpRegistratie.objects.filter(pk=oud.pk).update(ingelezen_op=_moment(_dagen_terug(100)))
    recent = SchuldhulpRegistratie.objects.create(gemeente=tenant_a, achternaam="Nieuw")
    SchuldhulpRegistratie.objects.filter(pk=recent.pk).update(
        ingelezen_op=_moment(_dagen_terug(10))
    )
    rapport = bewaartermijnen_toepassen(gemeente=tenant_a, peildatum=VANDAAG)
    assert list(SchuldhulpRegistratie.objects.values_list("achternaam", flat=True)) == ["Nieuw"]
    assert rapport.aantallen["shv_registraties"] == 1


def test_processed_delivery_files_are_removed(tenant_a):
    oud = AanleveringFactory(status=Aanleverstatus.VERWERKT)
    type(oud).objects.filter(pk=oud.pk).update(ontvangen_op=_moment(_dagen_terug(60)))
    Aanleverbestand.objects.create(aanlevering=oud, inhoud=b"bsn;naam")
    bezig = AanleveringFactory(status=Aanleverstatus.ONTVANGEN)
    type(bezig).objects.filter(pk=bezig.pk).update(ontvangen_op=_moment(_dagen_terug(60)))
    Aanleverbestand.objects.create(aanlevering=bezig, inhoud=b"bsn;naam")
    rapporten = alle_bewaartermijnen_toepassen(peildatum=VANDAAG)
    assert list(Aanleverbestand.objects.values_list("aanlevering_id", flat=True)) == [bezig.pk]
    platform = next(r for r in rapporten if r.gemeente is None)
    assert platform.aantallen == {"aanleverbestanden": 1}


def test_command_dry_run_writes_reports_and_changes_nothing(tenant_a, zonder_hulp, capsys):
    call_command("bewaartermijnen_toepassen", "--droog", "--datum", VANDAAG.isoformat())
    assert "Proefdraai" in capsys.readouterr().out
    assert not _gewist(zonder_hulp)
    assert Opschoonrapport.objects.filter(droog=True, gemeente=tenant_a).exists()
    call_command("bewaartermijnen_toepassen", "--datum", VANDAAG.isoformat())
    assert _gewist(zonder_hulp)


def test_task_applies_retention(tenant_a, zonder_hulp):
    from signaalroute.bewaartermijnen.tasks import bewaartermijnen_toepassen_taak

    uitkomst = bewaartermijnen_toepassen_taak.call(peildatum=VANDAAG.isoformat())
    assert uitkomst[tenant_a.cbs_code] > 0
    assert _gewist(zonder_hulp)
