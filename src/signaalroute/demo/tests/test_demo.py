"""`manage.py demo`: a believable region with the real-world shape, re-runnable, and an account
for every role that can log in with password and TOTP code."""

import datetime
from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from signaalroute.aanleveringen.constants import Aanleverkanaal, Aanleverstatus
from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.demo.organisaties import ACCOUNTS, DEMO_WACHTWOORD, demo_verwijderen, totp_sleutel
from signaalroute.demo.personen import PLACEHOLDER_GEBOORTEDATA
from signaalroute.gemeenten.models import Gemeente, Postcodegebied, Team, Uitvoeringsorganisatie
from signaalroute.matching.models import Signaaldrempel
from signaalroute.matching.signaalcontroles import signalen_verwerken
from signaalroute.signaalpartners.constants import Signaalpartnersoort as Soort
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.triage.models import Triage, Triageregelset
from signaalroute.vroegsignaalzaken.constants import Signaalstatus, Zaakfase, Zaaksoort
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak, Zaakwijziging

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def uitvoer(django_db_setup, django_db_blocker):
    """Build the demo once for this module (it takes a few seconds); remove it afterwards."""
    with django_db_blocker.unblock():
        stdout = StringIO()
        call_command("demo", force=True, stdout=stdout)
        yield stdout.getvalue()
        demo_verwijderen()


def vingerafdruk() -> dict:
    """Counts and content of the demo data, to compare two runs."""
    return {
        "gemeenten": list(Gemeente.objects.values_list("cbs_code", "naam", "inwoners")),
        "partners": list(Signaalpartner.objects.values_list("code", "soort").order_by("code")),
        "users": sorted(User.objects.values_list("username", "rol")),
        "aanleveringen": Aanlevering.objects.count(),
        "signalen": sorted(
            Vroegsignaal.objects.values_list(
                "signaalpartner__code", "postcode", "huisnummer", "achternaam", "bedrag", "status"
            )
        ),
        "zaken": sorted(
            Vroegsignaalzaak.objects.values_list("referentie", "soort", "fase", "eindresultaat")
        ),
        "contactpogingen": Contactpoging.objects.count(),
        "zaakwijzigingen": Zaakwijziging.objects.count(),
        "totp": sorted(TOTPDevice.objects.values_list("user__username", "key", "confirmed")),
    }


def aandelen(waarden) -> dict:
    telling = Counter(waarden)
    totaal = sum(telling.values())
    return {sleutel: aantal / totaal for sleutel, aantal in telling.items()}


def test_the_region_has_two_municipalities_one_organisation_and_partners_of_every_type(uitvoer):
    organisatie = Uitvoeringsorganisatie.objects.get(code="kredietbank-lo")
    gemeenten = {g.cbs_code: g for g in organisatie.gemeenten.annotate(n=Count("wijken"))}
    assert {code: (g.naam, g.inwoners, g.n) for code, g in gemeenten.items()} == {
        "9901": ("Lindeveld", 45_000, 5),
        "9902": ("Oosterwaarde", 15_000, 3),
    }
    soorten = Counter(Signaalpartner.objects.values_list("soort", flat=True))
    assert soorten == {Soort.ZORG: 2, Soort.ENERGIE: 2, Soort.WATER: 1, Soort.HUUR: 2}
    for partner in Signaalpartner.objects.all():
        assert len(partner.kvk_nummer) == 8 and partner.criteria
        assert partner.contactpersonen.exists()
    assert Team.objects.get(naam="Wijkteam Centrum").extern
    assert Team.objects.get(naam="Jongerenteam").extern is False
    assert Postcodegebied.objects.filter(postcode__regex=r"^\d{4}[A-Z]{2}$").exists()
    for code in ("kredietbank-lo", "9901", "9902", "zorgverzekeraar-zuid", "polderstroom"):
        assert code in uitvoer


def test_every_signal_routes_through_the_postcode_table_to_its_municipality(uitvoer):
    tabel = dict(Postcodegebied.objects.values_list("postcode", "gemeente_id"))
    for postcode, gemeente_id in Vroegsignaal.objects.values_list("postcode", "gemeente_id"):
        assert tabel.get(postcode, tabel.get(postcode[:4])) == gemeente_id


def test_about_four_signals_per_1000_inhabitants_per_month(uitvoer):
    for gemeente in Gemeente.objects.annotate(n=Count("vroegsignalen")):
        per_1000_per_maand = gemeente.n / (gemeente.inwoners / 1000) / 12
        assert 3.6 <= per_1000_per_maand <= 4.4, gemeente.naam
    maanden = Vroegsignaal.objects.dates("signaaldatum", "month")
    assert len(maanden) == 12


def test_partner_types_have_the_national_shares(uitvoer):
    shares = aandelen(Vroegsignaal.objects.values_list("signaalpartner__soort", flat=True))
    assert 0.40 <= shares[Soort.ZORG] <= 0.50
    assert 0.18 <= shares[Soort.ENERGIE] <= 0.26
    assert 0.16 <= shares[Soort.HUUR] <= 0.24
    assert 0.09 <= shares[Soort.WATER] <= 0.17

    energie = Vroegsignaal.objects.filter(signaalpartner__soort=Soort.ENERGIE)
    eindelevering = energie.filter(eindelevering=True)
    assert 0.18 <= eindelevering.count() / energie.count() <= 0.32
    for signaal in eindelevering:
        assert signaal.crisissignaal
        assert 28 <= (signaal.einddatum_levering - signaal.signaaldatum).days <= 42


def test_arrears_start_before_the_signal_within_the_partner_window(uitvoer):
    for signaal in Vroegsignaal.objects.select_related("signaalpartner"):
        partner = signaal.signaalpartner
        dagen = (signaal.signaaldatum - signaal.ontstaansdatum).days
        assert dagen >= (partner.minimale_achterstand_dagen or 30)
        if partner.soort == Soort.ZORG:
            assert dagen <= 100
        if partner.minimum_bedrag:
            assert signaal.bedrag >= partner.minimum_bedrag
        assert signaal.termijnbedrag and signaal.aantal_onbetaalde_termijnen


def test_about_11_percent_multiple_and_40_percent_consecutive_cases(uitvoer):
    shares = aandelen(Vroegsignaalzaak.objects.values_list("soort", flat=True))
    assert 0.07 <= shares[Zaaksoort.MEERVOUDIG] <= 0.15
    assert 0.32 <= shares[Zaaksoort.OPEENVOLGEND] <= 0.50
    for zaak in Vroegsignaalzaak.objects.filter(soort=Zaaksoort.MEERVOUDIG)[:50]:
        assert zaak.vroegsignalen.values("signaalpartner").distinct().count() >= 2


def test_every_earlier_signal_belongs_to_the_case_of_its_address_and_month(uitvoer):
    deze_maand = timezone.localdate().replace(day=1)
    eerder = Vroegsignaal.objects.filter(signaaldatum__lt=deze_maand)
    assert not eerder.filter(vroegsignaalzaak__isnull=True).exists()
    assert not eerder.filter(gecontroleerd_op__isnull=True).exists()
    # This month's signals still go through the checks and matching (`signalen_verwerken`).
    nieuw = Vroegsignaal.objects.filter(signaaldatum__gte=deze_maand)
    assert nieuw.exists()
    assert not nieuw.filter(vroegsignaalzaak__isnull=False).exists()
    assert not nieuw.filter(gecontroleerd_op__isnull=False).exists()
    for signaal in eerder.select_related("vroegsignaalzaak")[:500]:
        zaak = signaal.vroegsignaalzaak
        assert (zaak.postcode, zaak.huisnummer, zaak.huisnummertoevoeging) == (
            signaal.postcode,
            signaal.huisnummer,
            signaal.huisnummertoevoeging,
        )
        assert zaak.startdatum_matchingperiode <= signaal.signaaldatum
        assert signaal.signaaldatum <= zaak.einddatum_matchingperiode


def test_deliveries_count_accepted_and_rejected_rows(uitvoer):
    aanleveringen = Aanlevering.objects.annotate(n=Count("vroegsignalen"))
    assert {(a.kanaal, a.status) for a in aanleveringen} == {
        (Aanleverkanaal.DEMO, Aanleverstatus.VERWERKT)
    }
    for a in aanleveringen:
        assert a.n == a.aantal_geaccepteerd + a.aantal_met_waarschuwing
        assert a.aantal_rijen == a.n + a.aantal_afgewezen
    assert sum(a.aantal_afgewezen for a in aanleveringen) > 0
    assert sum(a.aantal_met_waarschuwing for a in aanleveringen) > 0


def test_signals_have_the_data_quality_problems_of_real_files(uitvoer):
    signalen = Vroegsignaal.objects.all()
    totaal = signalen.count()
    assert 0.30 <= signalen.filter(telefoonnummer="").count() / totaal <= 0.50
    assert signalen.filter(bsn="").count() / totaal >= 0.8
    assert signalen.filter(geboortedatum__in=PLACEHOLDER_GEBOORTEDATA).exists()
    assert signalen.filter(voorvoegsel__in=["van", "de", "van der"]).exists()
    rechtspersonen = signalen.filter(rechtspersoon=True)
    assert 0 < rechtspersonen.count() / totaal < 0.03
    assert set(
        rechtspersonen.filter(vroegsignaalzaak__isnull=False).values_list("status", flat=True)
    ) == {Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN}


def test_old_cases_are_closed_with_history_and_recent_ones_are_open(uitvoer):
    zaken = Vroegsignaalzaak.objects.all()
    oud = zaken.order_by("matchingsdatum").first().matchingsdatum
    for zaak in zaken.filter(matchingsdatum=oud).prefetch_related("historie"):
        assert zaak.fase == Zaakfase.AFGESLOTEN and zaak.eindresultaat and zaak.afgesloten_op
        assert [w.fase_naar for w in zaak.historie.all()][-1] == Zaakfase.AFGESLOTEN
    assert len(set(zaken.values_list("eindresultaat", flat=True))) >= 10
    assert Contactpoging.objects.filter(bereikt=True).exists()
    nieuwste = zaken.order_by("-startdatum_matchingperiode").first().startdatum_matchingperiode
    recent = zaken.filter(startdatum_matchingperiode=nieuwste)
    assert recent.filter(fase=Zaakfase.NIEUW).exists()
    # The demo closes a case at the earliest 28 days after matching (legal persons at once).
    jong = timezone.localdate() - datetime.timedelta(days=27)
    assert (
        not recent.filter(fase=Zaakfase.AFGESLOTEN, matchingsdatum__gte=jong)
        .exclude(vroegsignalen__rechtspersoon=True)
        .exists()
    )
    assert zaken.filter(behandelaar__username="demo-vroegsignaleerder").exists()
    assert Counter(zaken.values_list("team__naam", flat=True)).keys() == {
        "Team Vroegsignalering",
        "Jongerenteam",
        "Wijkteam Centrum",
    }


def test_every_role_has_an_account_with_a_fixed_confirmed_totp_device(uitvoer):
    users = User.objects.filter(username__in=[a.username for a in ACCOUNTS])
    assert set(users.values_list("rol", flat=True)) == set(Rol.values)
    for user in users:
        device = TOTPDevice.objects.get(user=user, confirmed=True)
        assert device.key == totp_sleutel(user.username)
        assert user.check_password(DEMO_WACHTWOORD)
    assert users.get(rol=Rol.PLATFORMBEHEERDER).is_superuser


@pytest.mark.parametrize("username", [a.username for a in ACCOUNTS])
def test_demo_account_logs_in_with_password_and_totp_code(uitvoer, client, username):
    response = client.post(
        reverse("accounts:login"), {"username": username, "password": DEMO_WACHTWOORD}
    )
    assert response.url == reverse("accounts:verificatie")
    device = TOTPDevice.objects.get(user__username=username)
    code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
    response = client.post(reverse("accounts:verificatie"), {"token": code})
    assert response.url == reverse("core:start")
    response = client.get(reverse("core:start"), follow=True)
    assert response.status_code == 200


def test_running_again_gives_the_same_data_without_duplicates(uitvoer):
    eerste = vingerafdruk()
    stdout = StringIO()
    call_command("demo", force=True, stdout=stdout)
    assert vingerafdruk() == eerste
    assert Uitvoeringsorganisatie.objects.filter(code="kredietbank-lo").count() == 1
    geheimen = [regel for regel in uitvoer.splitlines() if "otpauth://" in regel]
    assert geheimen == [regel for regel in stdout.getvalue().splitlines() if "otpauth://" in regel]


def test_refuses_to_run_without_debug_unless_forced(uitvoer, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        call_command("demo", stdout=StringIO())


def test_every_case_was_triaged_in_its_month_with_the_youth_team_set(uitvoer):
    assert not Vroegsignaalzaak.objects.filter(triage__isnull=True).exists()
    vorige_maand = (timezone.localdate().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    vorige = Triage.objects.filter(maand=vorige_maand)
    assert vorige.exists()
    assert len(set(vorige.values_list("bakje", flat=True))) >= 4
    assert (
        Triageregelset.objects.filter(status="actief", jongerenteam__naam="Jongerenteam").count()
        == 2
    )


def test_this_months_signals_go_through_the_checks_and_matching(uitvoer, settings):
    """Runs last in this module: it changes the demo data. BRP off here (`brp_uit`); the
    BRP step against the local BRP is tested in matching/tests/test_signaalcontroles.py."""
    assert Signaaldrempel.objects.count() == 2
    assert SchuldhulpRegistratie.objects.exists()
    for gemeente in Gemeente.objects.filter(aangesloten=True):
        resultaat = signalen_verwerken(gemeente=gemeente)
        assert resultaat.compleet
    nieuw = Vroegsignaal.objects.filter(signaaldatum__gte=timezone.localdate().replace(day=1))
    assert not nieuw.filter(gecontroleerd_op__isnull=True).exists()
    statussen = Counter(nieuw.values_list("status", flat=True))
    assert statussen[Signaalstatus.NIET_OPGEPAKT_ONTERECHT] > 0
    assert statussen[Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN] > 0  # legal persons
    assert statussen[Signaalstatus.NOG_NIET_OPGEPAKT] > statussen.total() / 2
    # Crisis and eindelevering signals do not wait for the month to close.
    gebundeld = nieuw.filter(vroegsignaalzaak__isnull=False)
    assert gebundeld.exists()
    assert (
        not gebundeld.filter(crisissignaal=False, eindelevering=False)
        .exclude(vroegsignaalzaak__vroegsignalen__crisissignaal=True)
        .exclude(vroegsignaalzaak__vroegsignalen__eindelevering=True)
        .exists()
    )
