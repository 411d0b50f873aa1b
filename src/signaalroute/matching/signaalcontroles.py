"""The checks every new signal goes through after intake, in order, before household matching
and triage:

1. rules: exclusion list, legal persons, repeats, the municipality's thresholds
   (`rules.controles`): "Niet opgepakt: ..." with the reason;
2. the BRP check (`brp.py`): a strong match with a deceased person or one who left the
   municipality gives "Inwoner is overleden" / "Persoon is geen inwoner (meer)"; drop-outs go to
   the review tray and on to matching (the household at the address is still signalled);
3. known in debt help (`contrib.shv`): "Inwoner al bekend bij schuldhulpverlening", naming the
   worker to hand the signal to.

A signal is checked once: `gecontroleerd_op` is set when all steps are done, so a worker's
override is not undone by the next run. When the BRP cannot be reached the run stops after
step 1; the signals wait (unmatched) for the next run. `signalen_verwerken` then matches and
triages the new cases (`triage.services.zaken_trieren`).
"""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.contrib.brp.client import BrpClient, brp_client, brp_ingeschakeld
from signaalroute.contrib.brp.exceptions import BrpFout
from signaalroute.contrib.shv.bronnen import ShvBron
from signaalroute.contrib.shv.services import shv_controleren
from signaalroute.gemeenten.models import Gemeente
from signaalroute.triage.services import zaken_trieren
from signaalroute.vroegsignaalzaken.constants import Signaalstatus
from signaalroute.vroegsignaalzaken.services import signaalstatussen_zetten

from .brp import brp_controle_uitvoeren
from .models import Signaaldrempel, Uitsluiting
from .rules.controles import Drempel, Eerder, Signaalfeiten, signaal_beoordelen
from .selectors import matchinginstellingen_van
from .services import Matchingresultaat, signalen_matchen

logger = logging.getLogger(__name__)

BRP_VOORSTELLEN = {
    "overleden": Signaalstatus.OVERLEDEN,
    "geen_inwoner": Signaalstatus.GEEN_INWONER,
}


@dataclass
class Controleresultaat:
    gemeente: str
    statussen: Counter = field(default_factory=Counter)  # status given -> number of signals
    brp: Counter = field(default_factory=Counter)  # BRP outcome -> number of signals
    gecontroleerd: int = 0
    brp_fout: str = ""  # why the BRP step stopped (no personal data)
    matching: Matchingresultaat | None = None
    bakjes: Counter = field(default_factory=Counter)  # tray -> number of new cases triaged

    @property
    def compleet(self) -> bool:
        return not self.brp_fout

    def als_dict(self) -> dict[str, Any]:
        uitkomst = {
            "gemeente": self.gemeente,
            "gecontroleerd": self.gecontroleerd,
            "statussen": dict(sorted(self.statussen.items())),
            "brp": dict(sorted(self.brp.items())),
        }
        if self.brp_fout:
            uitkomst["brp_fout"] = self.brp_fout
        if self.matching is not None:
            uitkomst["zaken_gevormd"] = self.matching.zaken_gevormd
            uitkomst["zaken_aangevuld"] = self.matching.zaken_aangevuld
            uitkomst["bakjes"] = dict(sorted(self.bakjes.items()))
        return uitkomst


def _te_controleren(gemeente: Gemeente):
    return Vroegsignaal.objects.filter(
        gemeente=gemeente,
        gecontroleerd_op__isnull=True,
        vroegsignaalzaak__isnull=True,
        status=Signaalstatus.NOG_NIET_OPGEPAKT,
    )


def _arrears_key(signaal: dict) -> tuple:
    """The same arrears of the same partner: customer number (or address) + date it arose."""
    wie = signaal["klantnummer"] or (signaal["postcode"], signaal["huisnummer"])
    return (signaal["signaalpartner_id"], wie, signaal["ontstaansdatum"])


def _adres(signaal) -> tuple:
    return (signaal.postcode, signaal.huisnummer, signaal.huisletter, signaal.huisnummertoevoeging)


@transaction.atomic
def regelcontroles_uitvoeren(*, gemeente: Gemeente) -> Counter:
    """Step 1: exclusion list, legal persons, repeats and thresholds for the municipality's
    unchecked signals. A signal held back here is done (`gecontroleerd_op` set)."""
    drempels = {
        d.soort: Drempel(d.minimum_bedrag, d.minimale_achterstand_dagen)
        for d in Signaaldrempel.objects.filter(gemeente=gemeente)
    }
    uitgesloten = {
        (u.postcode, u.huisnummer, u.huisletter, u.huisnummertoevoeging)
        for u in Uitsluiting.objects.filter(gemeente=gemeente)
    }
    terugkijken = matchinginstellingen_van(gemeente=gemeente).terugkijkperiode_maanden * 365 // 12
    nieuw = list(_te_controleren(gemeente).select_for_update().order_by("signaaldatum", "id"))
    eerder: dict[tuple, list[dict]] = {}
    for vorig in Vroegsignaal.objects.filter(
        gemeente=gemeente, ontstaansdatum__any={s.ontstaansdatum for s in nieuw}
    ).values(
        "id",
        "signaalpartner_id",
        "klantnummer",
        "postcode",
        "huisnummer",
        "ontstaansdatum",
        "bedrag",
        "signaaldatum",
    ):
        eerder.setdefault(_arrears_key(vorig), []).append(vorig)
    besluiten = []
    for signaal in nieuw:
        besluit = signaal_beoordelen(
            Signaalfeiten(
                soort=signaal.soort,
                bedrag=signaal.bedrag,
                ontstaansdatum=signaal.ontstaansdatum,
                signaaldatum=signaal.signaaldatum,
                rechtspersoon=signaal.rechtspersoon,
                crisis=signaal.crisissignaal or signaal.eindelevering or signaal.warme_overdracht,
            ),
            drempels=drempels,
            uitgesloten=_adres(signaal) in uitgesloten,
            eerder=[
                Eerder(v["bedrag"], v["signaaldatum"])
                for v in eerder.get(_arrears_key(signaal.__dict__), [])
                if (v["signaaldatum"], v["id"]) < (signaal.signaaldatum, signaal.pk)
            ],
            terugkijken_dagen=terugkijken,
        )
        if besluit is not None:
            besluiten.append((signaal, besluit.status, besluit.reden))
    signaalstatussen_zetten(besluiten)
    Vroegsignaal.objects.filter(pk__any=[s.pk for s, _, _ in besluiten]).update(
        gecontroleerd_op=timezone.now()
    )
    return Counter(status for _, status, _ in besluiten)


def brp_controles_na_aanlevering(
    *, gemeente: Gemeente, client: BrpClient | None = None
) -> tuple[Counter, Counter, str]:
    """Step 2: the BRP check of every unchecked signal that has none yet, each in its own
    transaction (no lock is held during a BRP call). Returns the outcomes, the statuses given
    and, when the BRP failed, why (the remaining signals are checked in the next run)."""
    uitkomsten: Counter = Counter()
    statussen: Counter = Counter()
    if client is None and not brp_ingeschakeld():
        return uitkomsten, statussen, ""
    client = client or brp_client()
    ids = list(
        _te_controleren(gemeente)
        .filter(rechtspersoon=False, brpcontrole__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
    )
    for pk in ids:
        try:
            with transaction.atomic():
                signaal = (
                    _te_controleren(gemeente)
                    .select_for_update(skip_locked=True, of=("self",))
                    .select_related("gemeente")
                    .filter(pk=pk, brpcontrole__isnull=True)
                    .first()
                )
                if signaal is None:  # another run has it
                    continue
                controle = brp_controle_uitvoeren(signaal=signaal, client=client)
                naar = BRP_VOORSTELLEN.get(controle.voorstel)
                if naar and not controle.naar_controle:
                    # A strong match with a deceased person or one who left the municipality.
                    signaalstatussen_zetten([(signaal, naar, f"BRP-controle: {controle.reden}")])
                    statussen[naar] += 1
        except BrpFout as fout:
            logger.warning(
                "BRP-controle gestopt voor gemeente %s: %s (%s)",
                gemeente.cbs_code,
                fout.code,
                fout.oorzaak or fout.http_status,
            )
            return uitkomsten, statussen, str(fout.message)
        uitkomsten[controle.uitkomst] += 1
    return uitkomsten, statussen, ""


@transaction.atomic
def shv_controles_uitvoeren(*, gemeente: Gemeente, bron: ShvBron | None = None) -> int:
    """Step 3: known in debt help? Then marks every signal of this run as checked."""
    signalen = list(_te_controleren(gemeente).select_for_update().filter(rechtspersoon=False))
    besluiten = []
    for signaal in signalen:
        uitkomst = shv_controleren(signaal=signaal, bron=bron)
        if uitkomst.bekend:
            besluiten.append((signaal, Signaalstatus.BEKEND_BIJ_SHV, " ".join(uitkomst.uitleg)))
    signaalstatussen_zetten(besluiten)
    Vroegsignaal.objects.filter(
        gemeente=gemeente, gecontroleerd_op__isnull=True, vroegsignaalzaak__isnull=True
    ).update(gecontroleerd_op=timezone.now())
    return len(besluiten)


def signalen_controleren(
    *,
    gemeente: Gemeente,
    brp: BrpClient | None = None,
    shv: ShvBron | None = None,
) -> Controleresultaat:
    """Steps 1-3 for the municipality's new signals."""
    resultaat = Controleresultaat(gemeente=gemeente.cbs_code)
    resultaat.gecontroleerd = _te_controleren(gemeente).count()
    resultaat.statussen.update(regelcontroles_uitvoeren(gemeente=gemeente))
    resultaat.brp, brp_statussen, resultaat.brp_fout = brp_controles_na_aanlevering(
        gemeente=gemeente, client=brp
    )
    resultaat.statussen.update(brp_statussen)
    if resultaat.compleet:
        bekend = shv_controles_uitvoeren(gemeente=gemeente, bron=shv)
        if bekend:
            resultaat.statussen[Signaalstatus.BEKEND_BIJ_SHV] += bekend
    return resultaat


def controles_opnieuw_klaarzetten(*, gemeente: Gemeente) -> int:
    """Let the checks look again at the municipality's signals that wait for matching, e.g.
    after a new debt-help list or threshold. A worker's override stays: signals a worker
    changed by hand are left alone. Returns how many signals will be checked again."""
    return (
        Vroegsignaal.objects.filter(
            gemeente=gemeente,
            vroegsignaalzaak__isnull=True,
            status=Signaalstatus.NOG_NIET_OPGEPAKT,
            gecontroleerd_op__isnull=False,
        )
        .exclude(statushistorie__door__isnull=False)
        .update(gecontroleerd_op=None)
    )


def signalen_verwerken(
    *,
    gemeente: Gemeente,
    peildatum: datetime.date | None = None,
    brp: BrpClient | None = None,
    shv: ShvBron | None = None,
) -> Controleresultaat:
    """Everything after intake for one municipality: the checks, then household matching of
    the signals whose period has closed (crisis signals at once). Matching waits when the
    checks could not finish, so no signal is bundled unchecked."""
    resultaat = signalen_controleren(gemeente=gemeente, brp=brp, shv=shv)
    if resultaat.compleet:
        peildatum = peildatum or timezone.localdate()
        resultaat.matching = signalen_matchen(gemeente=gemeente, peildatum=peildatum)
        resultaat.bakjes = zaken_trieren(gemeente=gemeente, peildatum=peildatum)
    return resultaat
