"""Every read a partner makes of its feedback: the portal pages and the partner API.

Tenancy is decided here, once: a partner sees only rows of its own signals (the feedback row,
the wrong contact detail, the debt development all carry or reach the partner of the signal),
in every municipality it delivered to. What a row may say is decided in `rules`: the stored
code already hides the reason behind "niet opgepakt: andere reden"; nothing here reads the
case, its notes or its internal reason."""

from __future__ import annotations

import base64
import binascii
import datetime as dt
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.accounts.constants import Rol
from signaalroute.accounts.models import User
from signaalroute.core.exceptions import NietGevonden, ValidatieFout
from signaalroute.gemeenten.models import Gemeente
from signaalroute.signaalpartners.models import Signaalpartner
from signaalroute.vroegsignaalzaken.models import Contactgegeven

from .constants import Terugkoppelcode
from .models import Schuldontwikkeling, Schuldontwikkelingbatch, Terugkoppeling

MAX_LIMIT = 1000
STANDAARD_LIMIT = 100


def partner_van(user: User) -> Signaalpartner | None:
    """The partner a portal user acts for; None for every other role."""
    if user.is_authenticated and user.heeft_rol(Rol.PARTNERGEBRUIKER) and user.signaalpartner_id:
        return user.signaalpartner
    return None


# --- feedback rows (API feed) ---------------------------------------------------------------


def terugkoppelingen_van(signaalpartner: Signaalpartner) -> QuerySet[Terugkoppeling]:
    """All feedback rows of the partner's signals, in cursor (id) order."""
    return (
        Terugkoppeling.objects.filter(signaalpartner=signaalpartner)
        .select_related("vroegsignaal", "gemeente")
        .only(
            "id",
            "uuid",
            "code",
            "moment",
            "betalingspauze_tot",
            "aangemaakt_op",
            "vroegsignaal__uuid",
            "vroegsignaal__klantnummer",
            "vroegsignaal__signaaldatum",
            "gemeente__cbs_code",
            "gemeente__naam",
        )
        .order_by("id")
    )


def terugkoppelingen_na(
    signaalpartner: Signaalpartner, *, na: int, limit: int
) -> list[Terugkoppeling]:
    """The partner's rows after cursor `na` (exclusive), at most `limit`, in id order."""
    return list(terugkoppelingen_van(signaalpartner).filter(id__gt=na)[:limit])


def terugkoppeling_ophalen(signaalpartner: Signaalpartner, uuid) -> Terugkoppeling:
    rij = terugkoppelingen_van(signaalpartner).filter(uuid=uuid).first()
    if rij is None:
        raise NietGevonden
    return rij


# --- the portal: latest feedback per signal -------------------------------------------------


@dataclass(frozen=True)
class Terugkoppelfilter:
    gemeente: Gemeente | None = None
    code: str = ""
    van: dt.date | None = None
    tot: dt.date | None = None  # inclusive


def _laatste(veld: str) -> Subquery:
    return Subquery(
        Terugkoppeling.objects.filter(vroegsignaal=OuterRef("pk")).order_by("-id").values(veld)[:1]
    )


def signalen_met_terugkoppeling(
    signaalpartner: Signaalpartner, filter: Terugkoppelfilter | None = None
) -> QuerySet[Vroegsignaal]:
    """Every signal of the partner with its latest feedback (`laatste_code`, `laatste_moment`,
    `laatste_op`, `laatste_pauze_tot`). A signal without any feedback row is "ontvangen"."""
    filter = filter or Terugkoppelfilter()
    signalen = (
        Vroegsignaal.objects.filter(signaalpartner=signaalpartner)
        .select_related("gemeente")
        .only("id", "uuid", "klantnummer", "signaaldatum", "gemeente__naam", "gemeente__cbs_code")
        .annotate(
            laatste_code=Coalesce(_laatste("code"), Value(Terugkoppelcode.ONTVANGEN.value)),
            laatste_moment=_laatste("moment"),
            laatste_op=_laatste("aangemaakt_op"),
            laatste_pauze_tot=_laatste("betalingspauze_tot"),
        )
    )
    if filter.gemeente is not None:
        signalen = signalen.filter(gemeente=filter.gemeente)
    if filter.code:
        signalen = signalen.filter(laatste_code=filter.code)
    # The period is that of the latest feedback; a signal without feedback counts from the
    # moment it was stored.
    if filter.van is not None or filter.tot is not None:
        signalen = signalen.alias(moment=Coalesce(F("laatste_op"), F("aangemaakt_op")))
    if filter.van is not None:
        signalen = signalen.filter(moment__gte=_begin(filter.van))
    if filter.tot is not None:
        signalen = signalen.filter(moment__lt=_begin(filter.tot + dt.timedelta(days=1)))
    return signalen.order_by(F("laatste_op").desc(nulls_last=True), "-signaaldatum", "-id")


def _begin(dag: dt.date) -> dt.datetime:
    return dt.datetime.combine(dag, dt.time(), tzinfo=timezone.get_default_timezone())


def gemeenten_van(signaalpartner: Signaalpartner) -> QuerySet[Gemeente]:
    """The municipalities the partner delivered signals to (the filter's choices)."""
    return Gemeente.objects.filter(
        pk__in=Vroegsignaal.objects.filter(signaalpartner=signaalpartner).values("gemeente_id")
    ).order_by("naam")


TERUGKOPPEL_KOLOMMEN = [
    "signaal",
    "klantnummer",
    "signaaldatum",
    "gemeente",
    "cbs_code",
    "code",
    "terugkoppeling",
    "moment",
    "datum",
    "incassopauze_tot",
]


def terugkoppeling_tabel(signalen: QuerySet[Vroegsignaal]) -> tuple[list[str], list[list]]:
    """Columns and rows of the portal export: the same fields the list shows."""
    momenten = dict(Terugkoppeling._meta.get_field("moment").choices)
    rijen = [
        [
            str(s.uuid),
            s.klantnummer,
            f"{s.signaaldatum:%Y-%m-%d}",
            s.gemeente.naam,
            s.gemeente.cbs_code,
            s.laatste_code,
            Terugkoppelcode(s.laatste_code).label,
            momenten.get(s.laatste_moment, ""),
            f"{timezone.localtime(s.laatste_op):%Y-%m-%d}" if s.laatste_op else "",
            f"{s.laatste_pauze_tot:%Y-%m-%d}" if s.laatste_pauze_tot else "",
        ]
        for s in signalen.iterator(chunk_size=2000)
    ]
    return TERUGKOPPEL_KOLOMMEN, rijen


# --- wrong contact details (part 4) ---------------------------------------------------------


def onjuiste_contactgegevens_van(signaalpartner: Signaalpartner) -> QuerySet[Contactgegeven]:
    """Phone numbers, e-mail addresses and addresses the municipality found wrong, that this
    partner delivered (on one of its own signals). Newest report first for the portal; the
    API orders them by (reported at, id) for its cursor."""
    return (
        Contactgegeven.objects.filter(
            vroegsignaal__signaalpartner=signaalpartner,
            geldig=False,
            ongeldig_gemeld_op__isnull=False,
        )
        .select_related("vroegsignaal", "vroegsignaal__gemeente")
        .only(
            "id",
            "uuid",
            "soort",
            "waarde",
            "ongeldig_reden",
            "ongeldig_gemeld_op",
            "vroegsignaal__uuid",
            "vroegsignaal__klantnummer",
            "vroegsignaal__signaaldatum",
            "vroegsignaal__gemeente__naam",
            "vroegsignaal__gemeente__cbs_code",
        )
        .order_by("-ongeldig_gemeld_op", "-id")
    )


def cursor_maken(moment: dt.datetime, pk: int) -> str:
    """An opaque cursor for a feed ordered by (moment, id)."""
    tekst = f"{moment.astimezone(dt.UTC).isoformat()}|{pk}"
    return base64.urlsafe_b64encode(tekst.encode()).decode().rstrip("=")


def cursor_lezen(cursor: str, *, parameter: str = "na") -> tuple[dt.datetime, int]:
    try:
        tekst = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        moment, pk = tekst.split("|")
        waarde = dt.datetime.fromisoformat(moment), int(pk)
        if waarde[0].tzinfo is None:
            raise ValueError
        return waarde
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise ValidatieFout(
            "De cursor is ongeldig.",
            invalid_params=[
                {
                    "name": parameter,
                    "code": "ongeldig",
                    "reason": "Gebruik de waarde van 'volgende' uit een eerder antwoord.",
                }
            ],
        ) from None


def onjuiste_contactgegevens_na(
    signaalpartner: Signaalpartner, *, na: str, limit: int
) -> list[Contactgegeven]:
    gegevens = onjuiste_contactgegevens_van(signaalpartner).order_by("ongeldig_gemeld_op", "id")
    if na:
        moment, pk = cursor_lezen(na)
        gegevens = gegevens.filter(
            Q(ongeldig_gemeld_op__gt=moment) | Q(ongeldig_gemeld_op=moment, id__gt=pk)
        )
    return list(gegevens[:limit])


CONTACTGEGEVEN_KOLOMMEN = [
    "signaal",
    "klantnummer",
    "signaaldatum",
    "gemeente",
    "cbs_code",
    "soort",
    "waarde",
    "reden",
    "gemeld_op",
]


def contactgegevens_tabel(gegevens: QuerySet[Contactgegeven]) -> tuple[list[str], list[list]]:
    rijen = [
        [
            str(g.vroegsignaal.uuid),
            g.vroegsignaal.klantnummer,
            f"{g.vroegsignaal.signaaldatum:%Y-%m-%d}",
            g.vroegsignaal.gemeente.naam,
            g.vroegsignaal.gemeente.cbs_code,
            g.get_soort_display(),
            g.waarde,
            g.get_ongeldig_reden_display(),
            f"{timezone.localtime(g.ongeldig_gemeld_op):%Y-%m-%d}",
        ]
        for g in gegevens.iterator(chunk_size=2000)
    ]
    return CONTACTGEGEVEN_KOLOMMEN, rijen


# --- debt development (part 6) --------------------------------------------------------------


def schuldontwikkelingbatches_van(
    signaalpartner: Signaalpartner,
) -> QuerySet[Schuldontwikkelingbatch]:
    return Schuldontwikkelingbatch.objects.filter(signaalpartner=signaalpartner).select_related(
        "gemeld_door"
    )


def schuldontwikkelingbatch_ophalen(
    signaalpartner: Signaalpartner, uuid
) -> Schuldontwikkelingbatch:
    batch = schuldontwikkelingbatches_van(signaalpartner).filter(uuid=uuid).first()
    if batch is None:
        raise NietGevonden
    return batch


def schuldontwikkelingen_van(signaalpartner: Signaalpartner) -> QuerySet[Schuldontwikkeling]:
    return Schuldontwikkeling.objects.filter(signaalpartner=signaalpartner).select_related(
        "vroegsignaal", "gemeente"
    )


AFWIJZING_KOLOMMEN = ["regelnummer", "redenen"]


def afwijzingen_tabel(batch: Schuldontwikkelingbatch) -> tuple[list[str], list[list]]:
    """The rejected rows of a batch with their reasons and the data as sent, to correct and
    send again."""
    velden: list[str] = []
    for rij in batch.afgewezen:
        velden.extend(v for v in rij["gegevens"] if v not in velden)
    rijen = [
        [
            rij["regelnummer"],
            " | ".join(r["bericht"] for r in rij["redenen"]),
            *(rij["gegevens"].get(v, "") for v in velden),
        ]
        for rij in batch.afgewezen
    ]
    return [*AFWIJZING_KOLOMMEN, *velden], rijen
