"""Debt development from the partner: row-by-row validation (by signal UUID or klantnummer +
signal date), rejected rows kept with reasons, only the partner's own signals, the same verdict
through the portal upload and POST /api/v1/schuldontwikkelingen."""

import datetime as dt
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.signaalpartners.constants import Scope
from signaalroute.terugkoppeling.models import (
    Schuldontwikkeling,
    Schuldontwikkelingbatch,
    Schuldontwikkelingkanaal,
)
from signaalroute.terugkoppeling.schuldontwikkeling import (
    csv_lezen,
    rij_lezen,
    schuldontwikkelingen_melden,
)

from .test_api import _urls, client_voor, signaal_van, valideer  # noqa: F401
from .test_portaal import _csv

pytestmark = pytest.mark.django_db
URL = "/api/v1/schuldontwikkelingen"
VANDAAG = dt.date.today()
PEIL = (VANDAAG - dt.timedelta(days=1)).isoformat()
SIGNAALDATUM = VANDAAG - dt.timedelta(days=120)


# --- one row, no database ------------------------------------------------------------------


def test_a_complete_row_by_klantnummer_is_read():
    rij = rij_lezen(
        2,
        {
            "klantnummer": "K1",
            "signaaldatum": "01-03-2026",
            "code": "Regeling",
            "peildatum": "2026-06-01",
            "bedrag": "1.234,50",
        },
        vandaag=dt.date(2026, 7, 1),
    )
    assert not rij.redenen
    assert (rij.klantnummer, rij.signaaldatum, rij.code) == ("K1", dt.date(2026, 3, 1), "regeling")
    assert rij.peildatum == dt.date(2026, 6, 1) and rij.bedrag == 123450


@pytest.mark.parametrize(
    ("gegevens", "code"),
    [
        ({"code": "gegroeid", "peildatum": "2026-06-01"}, "signaal_onbekend"),
        (
            {"klantnummer": "K1", "code": "gegroeid", "peildatum": "2026-06-01"},
            "signaaldatum_ontbreekt",
        ),
        (
            {"signaal": "geen-uuid", "code": "gegroeid", "peildatum": "2026-06-01"},
            "signaal_ongeldig",
        ),
        (
            {"signaal": str(uuid.uuid4()), "code": "beter", "peildatum": "2026-06-01"},
            "code_onbekend",
        ),
        ({"signaal": str(uuid.uuid4()), "peildatum": "2026-06-01"}, "code_ontbreekt"),
        ({"signaal": str(uuid.uuid4()), "code": "gegroeid"}, "peildatum_ontbreekt"),
        (
            {"signaal": str(uuid.uuid4()), "code": "gegroeid", "peildatum": "31-02-2026"},
            "datum_ongeldig",
        ),
        (
            {"signaal": str(uuid.uuid4()), "code": "gegroeid", "peildatum": "2026-12-01"},
            "peildatum_toekomst",
        ),
        (
            {
                "signaal": str(uuid.uuid4()),
                "code": "gegroeid",
                "peildatum": "2026-06-01",
                "bedrag": "-5",
            },
            "bedrag_negatief",
        ),
        (
            {
                "signaal": str(uuid.uuid4()),
                "code": "geen_achterstand",
                "peildatum": "2026-06-01",
                "bedrag": "10",
            },
            "bedrag_bij_geen_achterstand",
        ),
    ],
)
def test_a_row_that_cannot_be_used_says_why(gegevens, code):
    rij = rij_lezen(2, gegevens, vandaag=dt.date(2026, 7, 1))
    assert code in [r.code for r in rij.redenen]


def test_csv_reading_keeps_row_numbers_and_refuses_a_file_without_the_columns():
    inhoud = "Klantnummer;Signaaldatum;Code;Peildatum\nK1;01-03-2026;gegroeid;01-06-2026\n;;;\nK2;01-03-2026;regeling;01-06-2026\n"
    rijen = csv_lezen(inhoud.encode("cp1252"))
    assert [(n, r["Klantnummer"]) for n, r in rijen] == [(2, "K1"), (4, "K2")]
    assert rij_lezen(*rijen[0], vandaag=dt.date(2026, 7, 1)).klantnummer == "K1"
    with pytest.raises(ValidatieFout):
        csv_lezen(b"naam;adres\nJansen;Dorpsstraat 1\n")
    with pytest.raises(ValidatieFout):
        csv_lezen(b"")


# --- the service ---------------------------------------------------------------------------


@pytest.fixture
def partners(users):
    return users["partnergebruiker"].signaalpartner, users["partnergebruiker_b"].signaalpartner


def test_only_own_signals_are_found_and_every_row_gets_a_verdict(partners, tenant_a, tenant_b):
    a, b = partners
    eigen = signaal_van(a, tenant_a, klantnummer="K1", signaaldatum=SIGNAALDATUM)
    elders = signaal_van(a, tenant_b, klantnummer="K2", signaaldatum=SIGNAALDATUM)
    van_b = signaal_van(b, tenant_a, klantnummer="K1", signaaldatum=SIGNAALDATUM)
    rijen = [
        (1, {"signaal": str(eigen.uuid), "code": "gegroeid", "peildatum": PEIL, "bedrag": "600"}),
        (
            2,
            {
                "klantnummer": "K2",
                "signaaldatum": SIGNAALDATUM.isoformat(),
                "code": "regeling",
                "peildatum": PEIL,
            },
        ),
        (3, {"signaal": str(van_b.uuid), "code": "gegroeid", "peildatum": PEIL}),
        (
            4,
            {
                "klantnummer": "ONBEKEND",
                "signaaldatum": SIGNAALDATUM.isoformat(),
                "code": "gegroeid",
                "peildatum": PEIL,
            },
        ),
        (
            5,
            {
                "signaal": str(eigen.uuid),
                "code": "regeling",
                "peildatum": (SIGNAALDATUM - dt.timedelta(days=1)).isoformat(),
            },
        ),
    ]
    batch = schuldontwikkelingen_melden(
        signaalpartner=a, rijen=rijen, kanaal=Schuldontwikkelingkanaal.UPLOAD
    )
    assert (batch.aantal_rijen, batch.aantal_geaccepteerd, batch.aantal_afgewezen) == (5, 2, 3)
    assert {s.vroegsignaal for s in Schuldontwikkeling.objects.all()} == {eigen, elders}
    assert {s.gemeente for s in Schuldontwikkeling.objects.all()} == {tenant_a, tenant_b}
    redenen = {r["regelnummer"]: [x["code"] for x in r["redenen"]] for r in batch.afgewezen}
    # Another partner's signal is "not found", exactly like a typo: nothing is revealed.
    assert redenen == {
        3: ["signaal_niet_gevonden"],
        4: ["signaal_niet_gevonden"],
        5: ["peildatum_voor_signaal"],
    }
    assert batch.afgewezen[0]["gegevens"]["signaal"] == str(van_b.uuid)  # kept as sent
    assert not Schuldontwikkeling.objects.filter(vroegsignaal=van_b).exists()


def test_the_same_report_again_is_not_stored_twice_and_a_different_one_is_rejected(
    partners, tenant_a
):
    a, _ = partners
    signaal = signaal_van(a, tenant_a, signaaldatum=SIGNAALDATUM)
    rijen = [(1, {"signaal": str(signaal.uuid), "code": "verminderd", "peildatum": PEIL})]
    schuldontwikkelingen_melden(signaalpartner=a, rijen=rijen, kanaal="api")
    nog_eens = schuldontwikkelingen_melden(signaalpartner=a, rijen=rijen, kanaal="api")
    assert (nog_eens.aantal_geaccepteerd, nog_eens.aantal_al_gemeld) == (0, 1)
    anders = schuldontwikkelingen_melden(
        signaalpartner=a,
        rijen=[(1, {"signaal": str(signaal.uuid), "code": "deurwaarder", "peildatum": PEIL})],
        kanaal="api",
    )
    assert anders.afgewezen[0]["redenen"][0]["code"] == "al_gemeld"
    assert Schuldontwikkeling.objects.count() == 1


def test_klantnummer_with_two_signals_on_one_date_is_ambiguous(partners, tenant_a, tenant_b):
    a, _ = partners
    signaal_van(a, tenant_a, klantnummer="K9", signaaldatum=SIGNAALDATUM)
    signaal_van(a, tenant_b, klantnummer="K9", signaaldatum=SIGNAALDATUM)
    batch = schuldontwikkelingen_melden(
        signaalpartner=a,
        rijen=[
            (
                1,
                {
                    "klantnummer": "K9",
                    "signaaldatum": SIGNAALDATUM.isoformat(),
                    "code": "gegroeid",
                    "peildatum": PEIL,
                },
            )
        ],
        kanaal="upload",
    )
    assert batch.afgewezen[0]["redenen"][0]["code"] == "signaal_dubbelzinnig"


# --- the portal upload -----------------------------------------------------------------------


def test_upload_in_the_portal_reports_rejected_rows_with_reasons(
    users, login_as, partners, tenant_a
):
    a, b = partners
    signaal_van(a, tenant_a, klantnummer="K1", signaaldatum=SIGNAALDATUM)
    signaal_van(b, tenant_a, klantnummer="KB", signaaldatum=SIGNAALDATUM)
    d = SIGNAALDATUM.strftime("%d-%m-%Y")
    inhoud = (
        "klantnummer;signaaldatum;code;peildatum;bedrag\n"
        f"K1;{d};gegroeid;{PEIL};750,00\n"
        f"KB;{d};gegroeid;{PEIL};\n"
        f"=cmd|' /C calc'!A0;{d};raar;{PEIL};\n"
    ).encode()
    client = login_as(users["partnergebruiker"])
    response = client.post(
        reverse("terugkoppeling:schuldontwikkeling"),
        {"bestand": SimpleUploadedFile("ontwikkeling.csv", inhoud, content_type="text/csv")},
    )
    batch = Schuldontwikkelingbatch.objects.get()
    assert response.status_code == 302
    assert response.url == reverse(
        "terugkoppeling:schuldontwikkeling_batch", kwargs={"uuid": batch.uuid}
    )
    assert (batch.kanaal, batch.gemeld_door) == ("upload", users["partnergebruiker"])
    assert (batch.aantal_rijen, batch.aantal_geaccepteerd, batch.aantal_afgewezen) == (3, 1, 2)
    assert Schuldontwikkeling.objects.get().bedrag == 75000
    html = client.get(response.url).content.decode()
    assert "Geen signaal van uw organisatie gevonden" in html
    # The rejection report: every rejected row as sent, formulas neutralised.
    rapport = _csv(
        client.get(
            reverse(
                "terugkoppeling:schuldontwikkeling_afwijzingen",
                kwargs={"uuid": batch.uuid, "formaat": "csv"},
            )
        )
    )
    assert rapport[0][:2] == ["regelnummer", "redenen"]
    assert [r[0] for r in rapport[1:]] == ["3", "4"]
    assert "'=cmd|' /C calc'!A0" in rapport[2]
    # Another partner cannot open the batch or its report.
    ander = login_as(users["partnergebruiker_b"])
    assert ander.get(response.url).status_code == 404
    assert (
        "ontwikkeling.csv"
        not in ander.get(reverse("terugkoppeling:schuldontwikkeling")).content.decode()
    )


def test_an_unreadable_upload_is_refused_with_a_message(users, login_as):
    response = login_as(users["partnergebruiker"]).post(
        reverse("terugkoppeling:schuldontwikkeling"),
        {
            "bestand": SimpleUploadedFile(
                "x.csv", b"naam;adres\nJansen;1\n", content_type="text/csv"
            )
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["bestand"]
    assert not Schuldontwikkelingbatch.objects.exists()


# --- the API ---------------------------------------------------------------------------------


def test_api_batch_gives_the_same_verdicts_and_needs_the_scope(partners, tenant_a):
    a, b = partners
    eigen = signaal_van(a, tenant_a, klantnummer="K1", signaaldatum=SIGNAALDATUM)
    van_b = signaal_van(b, tenant_a, signaaldatum=SIGNAALDATUM)
    body = {
        "schuldontwikkelingen": [
            {"signaal": str(eigen.uuid), "code": "geen_achterstand", "peildatum": PEIL},
            {"signaal": str(van_b.uuid), "code": "gegroeid", "peildatum": PEIL},
        ]
    }
    client = client_voor(a, scopes=(Scope.SCHULDONTWIKKELING_SCHRIJVEN,))
    response = client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    valideer(response, URL, "post")
    uitkomst = response.json()
    assert (uitkomst["totaal"], uitkomst["geaccepteerd"], uitkomst["afgewezen"]) == (2, 1, 1)
    assert uitkomst["via"] == "api"
    assert uitkomst["afwijzingen"] == [
        {
            "regelnummer": 2,
            "redenen": [
                {
                    "code": "signaal_niet_gevonden",
                    "veld": "signaal",
                    "bericht": "Geen signaal van uw organisatie gevonden met dit signaal of "
                    "klantnummer en deze signaaldatum.",
                }
            ],
        }
    ]
    assert Schuldontwikkeling.objects.get().kanaal == "api"
    # Reading feedback is not reporting; reporting is not reading.
    alleen_lezen = client_voor(a, scopes=(Scope.TERUGKOPPELING_LEZEN,))
    assert alleen_lezen.post(URL, body, format="json").status_code == 403
    assert client.get("/api/v1/terugkoppelingen").status_code == 403


@pytest.mark.parametrize("body", [{}, {"schuldontwikkelingen": []}, {"schuldontwikkelingen": "x"}])
def test_api_batch_of_the_wrong_shape_is_problem_json(partners, body):
    client = client_voor(partners[0], scopes=(Scope.SCHULDONTWIKKELING_SCHRIJVEN,))
    response = client.post(URL, body, format="json")
    assert response.status_code == 400
    assert response["Content-Type"].startswith("application/problem+json")
    assert response.json()["invalidParams"][0]["name"].startswith("schuldontwikkelingen")
