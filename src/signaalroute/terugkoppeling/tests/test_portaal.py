"""The partner's feedback pages: only its own signals (in every municipality), the hidden
reason never shown, filters, paging, exports (with formula neutralisation), wrong contact
details, and access per role."""

import csv
import datetime as dt
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone

from signaalroute.terugkoppeling.constants import Terugkoppelcode as T
from signaalroute.terugkoppeling.constants import Terugkoppelmoment as M
from signaalroute.vroegsignaalzaken.constants import Contactgegevensoort

from .test_api import GEHEIM, _urls, andere_reden, onjuist, rij, signaal_van  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner_a(users):
    return users["partnergebruiker"].signaalpartner


@pytest.fixture
def partner_b(users):
    return users["partnergebruiker_b"].signaalpartner


@pytest.fixture
def als_a(users, login_as):
    return login_as(users["partnergebruiker"])


def _csv(response) -> list[list[str]]:
    tekst = b"".join(response.streaming_content if response.streaming else [response.content])
    return list(csv.reader(io.StringIO(tekst.decode("utf-8-sig")), delimiter=";"))


# --- access ----------------------------------------------------------------------------------

PAGINAS = [
    ("terugkoppeling:overzicht", {}),
    ("terugkoppeling:export", {"formaat": "csv"}),
    ("terugkoppeling:export", {"formaat": "xlsx"}),
    ("terugkoppeling:contactgegevens", {}),
    ("terugkoppeling:contactgegevens_export", {"formaat": "csv"}),
    ("terugkoppeling:schuldontwikkeling", {}),
]


@pytest.mark.parametrize(("naam", "kwargs"), PAGINAS)
def test_only_partner_users_open_the_feedback_pages(client, users, login_as, naam, kwargs):
    url = reverse(naam, kwargs=kwargs)
    anoniem = client.get(url)
    assert anoniem.status_code == 302 and reverse("accounts:login") in anoniem.url
    for rol in ("coordinator", "vroegsignaleerder", "functioneel_beheerder", "auditor"):
        assert login_as(users[rol]).get(url).status_code == 403, rol
    assert login_as(users["partnergebruiker"]).get(url).status_code == 200


# --- the list ----------------------------------------------------------------------------------


def test_list_shows_own_signals_in_every_municipality_and_never_another_partners(
    als_a, partner_a, partner_b, tenant_a, tenant_b
):
    signaal_van(partner_a, tenant_a, klantnummer="EIGEN-A")
    rij(signaal_van(partner_a, tenant_b, klantnummer="EIGEN-B"))
    rij(signaal_van(partner_b, tenant_a, klantnummer="VAN-PARTNER-B"))
    html = als_a.get(reverse("terugkoppeling:overzicht")).content.decode()
    assert "EIGEN-A" in html and "EIGEN-B" in html
    assert tenant_a.naam in html and tenant_b.naam in html
    assert "VAN-PARTNER-B" not in html
    # A signal without feedback yet is "ontvangen".
    assert str(T.ONTVANGEN.label) in html


def test_latest_feedback_per_signal_with_the_collection_pause(als_a, partner_a, tenant_a):
    signaal = signaal_van(partner_a, tenant_a, klantnummer="K-PAUZE")
    rij(signaal, code=T.OPGEPAKT, moment=M.OPGEPAKT)
    pauze = dt.date(2027, 1, 31)
    rij(signaal, code=T.HULP_GEACCEPTEERD, moment=M.HULP_GEACCEPTEERD, betalingspauze_tot=pauze)
    response = als_a.get(reverse("terugkoppeling:overzicht"))
    [regel] = response.context["signalen"]
    assert regel.laatste_code == T.HULP_GEACCEPTEERD
    html = response.content.decode()
    assert str(T.HULP_GEACCEPTEERD.label) in html
    assert "31-01-2027" in html
    assert f'data-code="{T.HULP_GEACCEPTEERD}"' in html
    assert f'data-code="{T.OPGEPAKT}"' not in html  # only the latest code


def test_andere_reden_shows_as_niet_opgepakt_and_the_reason_is_never_shown(
    als_a, partner_a, tenant_a
):
    andere_reden(signaal_van(partner_a, tenant_a, klantnummer="K-GEHEIM"))
    for url in (
        reverse("terugkoppeling:overzicht"),
        reverse("terugkoppeling:export", kwargs={"formaat": "csv"}),
    ):
        tekst = als_a.get(url).content.decode("utf-8-sig")
        assert "K-GEHEIM" in tekst
        assert 'data-code="niet_opgepakt"' in tekst or ";niet_opgepakt;Niet opgepakt;" in tekst
        assert GEHEIM not in tekst
        assert "andere reden" not in tekst.lower()
        assert "andere_reden" not in tekst


def test_filters_by_municipality_code_and_period(als_a, partner_a, tenant_a, tenant_b):
    oud = rij(signaal_van(partner_a, tenant_a, klantnummer="OUD"), code=T.OPGEPAKT)
    type(oud).objects.filter(pk=oud.pk).update(aangemaakt_op=timezone.now() - dt.timedelta(days=40))
    rij(signaal_van(partner_a, tenant_a, klantnummer="NIEUW"), code=T.BEKEND_BIJ_SHV)
    rij(signaal_van(partner_a, tenant_b, klantnummer="ELDERS"), code=T.BEKEND_BIJ_SHV)
    url = reverse("terugkoppeling:overzicht")

    def klantnummers(**params):
        return {s.klantnummer for s in als_a.get(url, params).context["signalen"]}

    assert klantnummers() == {"OUD", "NIEUW", "ELDERS"}
    assert klantnummers(gemeente=tenant_b.pk) == {"ELDERS"}
    assert klantnummers(code=T.BEKEND_BIJ_SHV) == {"NIEUW", "ELDERS"}
    assert klantnummers(code=T.ONTVANGEN) == set()
    vanaf = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert klantnummers(van=vanaf) == {"NIEUW", "ELDERS"}
    tot = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    assert klantnummers(tot=tot) == {"OUD"}
    assert klantnummers(gemeente=tenant_a.pk, code=T.BEKEND_BIJ_SHV, van=vanaf) == {"NIEUW"}
    assert klantnummers(van=vanaf, tot=timezone.localdate().isoformat()) == {"NIEUW", "ELDERS"}
    # A period that ends before it begins is an error, not an empty list of everything.
    response = als_a.get(url, {"van": vanaf, "tot": tot})
    assert "tot" in response.context["form"].errors


def test_municipality_filter_offers_only_municipalities_the_partner_delivered_to(
    als_a, partner_a, partner_b, tenant_a, tenant_b
):
    signaal_van(partner_a, tenant_a)
    signaal_van(partner_b, tenant_b)
    form = als_a.get(reverse("terugkoppeling:overzicht")).context["form"]
    assert list(form.fields["gemeente"].queryset) == [tenant_a]
    # Choosing another municipality is invalid and shows nothing of it.
    response = als_a.get(reverse("terugkoppeling:overzicht"), {"gemeente": tenant_b.pk})
    assert response.context["form"].errors


def test_pagination_keeps_the_filter(als_a, partner_a, tenant_a):
    for i in range(30):
        rij(signaal_van(partner_a, tenant_a, klantnummer=f"K{i:02d}"), code=T.OPGEPAKT)
    url = reverse("terugkoppeling:overzicht")
    eerste = als_a.get(url, {"code": T.OPGEPAKT})
    assert len(eerste.context["signalen"]) == 25
    assert f"pagina=2&amp;code={T.OPGEPAKT}" in eerste.content.decode()
    tweede = als_a.get(url, {"code": T.OPGEPAKT, "pagina": 2})
    assert len(tweede.context["signalen"]) == 5


# --- exports -----------------------------------------------------------------------------------


def test_csv_export_follows_the_filter_and_neutralises_formulas(
    als_a, partner_a, partner_b, tenant_a, tenant_b
):
    rij(signaal_van(partner_a, tenant_a, klantnummer="=HYPERLINK(1)"), code=T.OPGEPAKT)
    rij(signaal_van(partner_a, tenant_b, klantnummer="ANDERE-GEMEENTE"), code=T.OPGEPAKT)
    rij(signaal_van(partner_b, tenant_a, klantnummer="VAN-B"), code=T.OPGEPAKT)
    url = reverse("terugkoppeling:export", kwargs={"formaat": "csv"})
    response = als_a.get(url, {"gemeente": tenant_a.pk})
    assert response["Content-Disposition"].startswith('attachment; filename="terugkoppeling-')
    kop, *rijen = _csv(response)
    assert kop[:3] == ["signaal", "klantnummer", "signaaldatum"]
    assert [r[1] for r in rijen] == ["'=HYPERLINK(1)"]
    assert rijen[0][5] == T.OPGEPAKT and rijen[0][6] == str(T.OPGEPAKT.label)
    alles = _csv(als_a.get(url))
    assert "VAN-B" not in str(alles)


def test_xlsx_export_writes_text_cells(als_a, partner_a, tenant_a):
    rij(signaal_van(partner_a, tenant_a, klantnummer="=1+1"), code=T.OPGEPAKT)
    response = als_a.get(reverse("terugkoppeling:export", kwargs={"formaat": "xlsx"}))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    with zipfile.ZipFile(io.BytesIO(response.content)) as xlsx:
        blad = xlsx.read("xl/worksheets/sheet1.xml").decode()
        gedeeld = xlsx.read("xl/sharedStrings.xml").decode()
    assert "<f>" not in blad
    assert "=1+1" in gedeeld


# --- wrong contact details -------------------------------------------------------------------


def test_wrong_contact_details_page_and_export_show_only_own(
    als_a, partner_a, partner_b, tenant_a, tenant_b
):
    onjuist(signaal_van(partner_a, tenant_a, klantnummer="K-TEL"), waarde="0612345678")
    onjuist(
        signaal_van(partner_a, tenant_b, klantnummer="K-MAIL"),
        soort=Contactgegevensoort.EMAIL,
        waarde="=fout@example.org",
    )
    onjuist(signaal_van(partner_b, tenant_a, klantnummer="K-B"), waarde="0699999999")
    html = als_a.get(reverse("terugkoppeling:contactgegevens")).content.decode()
    assert "0612345678" in html and "K-MAIL" in html
    assert "Hoort bij iemand anders" in html
    assert "0699999999" not in html and "K-B" not in html
    kop, *rijen = _csv(
        als_a.get(reverse("terugkoppeling:contactgegevens_export", kwargs={"formaat": "csv"}))
    )
    assert kop[:2] == ["signaal", "klantnummer"]
    assert sorted(r[1] for r in rijen) == ["K-MAIL", "K-TEL"]
    assert "'=fout@example.org" in [r[6] for r in rijen]
