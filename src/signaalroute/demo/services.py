"""Build the demo region: delete what a previous run made, then create it again, in one
transaction and with a fixed seed, so every run gives the same data (dates relative to today)."""

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.contrib.shv.models import SchuldhulpRegistratie
from signaalroute.matching.models import Signaaldrempel
from signaalroute.signaalpartners.constants import Scope
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.signaalpartners.services import partnersleutel_aanmaken
from signaalroute.vroegsignaalzaken.models import (
    Contactpoging,
    Signaalstatuswijziging,
    Vroegsignaalzaak,
    Zaakwijziging,
)

from .contact_inrichten import contact_inrichten
from .controles import drempels_maken, schuldhulplijst_maken, triage_inrichten
from .kalender import historische_tijdstempels
from .organisaties import (
    Account,
    Regio,
    accounts_aanmaken,
    demo_verwijderen,
    regio_aanmaken,
    signaalpartners_aanmaken,
)
from .personen import Personen
from .regio import adresboek_maken
from .signalen import Signaalgenerator
from .zaakbehandeling import zaakbehandeling_aanvullen
from .zaken import Zaakvormer

SEED = 2026


@dataclass(frozen=True)
class Demoresultaat:
    vandaag: dt.date
    regio: Regio
    partners: dict[str, Signaalpartner]
    accounts: list[Account]
    afgewezen_regels: int
    api_partner: str = ""
    api_sleutel: str = ""


@transaction.atomic
def demo_opbouwen(*, vandaag: dt.date | None = None, seed: int = SEED) -> Demoresultaat:
    vandaag = vandaag or timezone.localdate()
    demo_verwijderen()

    adresboek = adresboek_maken(random.Random(seed))
    regio = regio_aanmaken(adresboek)
    partners = signaalpartners_aanmaken(regio.gemeenten)
    accounts = accounts_aanmaken(regio, partners)
    api_partner = next(iter(partners))
    _, api_sleutel = partnersleutel_aanmaken(
        signaalpartner=partners[api_partner],
        naam="Demo-koppeling",
        scopes=[Scope.AANLEVERINGEN_SCHRIJVEN, Scope.AANLEVERINGEN_LEZEN],
    )
    gebruikers = [account.user for account in accounts]

    rng = random.Random(seed)
    signaalplan = Signaalgenerator(
        rng=rng,
        personen=Personen(rng, vandaag, seed),
        adresboek=adresboek,
        gemeenten=regio.gemeenten,
        partners=partners,
        partnergebruikers={u.signaalpartner.code: u for u in gebruikers if u.signaalpartner},
        vandaag=vandaag,
    ).genereren()
    zaakplan = Zaakvormer(
        rng=rng,
        regio=regio,
        adresboek=adresboek,
        behandelaars={u.team.naam: u for u in gebruikers if u.team},
        vandaag=vandaag,
    ).vormen(signaalplan.maanden, signaalplan.signalen)

    with historische_tijdstempels(
        (Aanlevering, "ontvangen_op"),
        (Vroegsignaal, "aangemaakt_op"),
        (Vroegsignaalzaak, "aangemaakt_op"),
        (Contactpoging, "geregistreerd_op"),
        (Zaakwijziging, "op"),
        (Signaalstatuswijziging, "op"),
    ):
        Aanlevering.objects.bulk_create(signaalplan.aanleveringen)
        Vroegsignaalzaak.objects.bulk_create(zaakplan.zaken)
        # Month by month: a signal can point at an earlier month's signal (vorig_signaal).
        # Signals in a case went through the checks; the current month's still have to.
        for signalen in signaalplan.signalen:
            for signaal in signalen:
                if signaal.vroegsignaalzaak is not None:
                    signaal.gecontroleerd_op = signaal.aangemaakt_op
            Vroegsignaal.objects.bulk_create(signalen)
        Contactpoging.objects.bulk_create(zaakplan.contactpogingen)
        Zaakwijziging.objects.bulk_create(zaakplan.zaakwijzigingen)
        Signaalstatuswijziging.objects.bulk_create(zaakplan.statuswijzigingen)

    Signaaldrempel.objects.bulk_create(drempels_maken(regio))
    SchuldhulpRegistratie.objects.bulk_create(
        schuldhulplijst_maken(random.Random(seed), zaakplan.zaken, signaalplan.signalen)
    )
    triage_inrichten(regio, signaalplan.maanden)
    contact_inrichten(regio)
    zaakbehandeling_aanvullen(
        random.Random(seed),
        vandaag,
        [u for u in gebruikers if u.rol in (Rol.VROEGSIGNALEERDER, Rol.COORDINATOR)],
    )

    return Demoresultaat(
        vandaag=vandaag,
        regio=regio,
        partners=partners,
        accounts=accounts,
        afgewezen_regels=signaalplan.afgewezen,
        api_partner=api_partner,
        api_sleutel=api_sleutel,
    )
