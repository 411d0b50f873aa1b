"""Composing one message for one case: the active template version, the merge fields filled
in, the recipient, and for letters and cards the page in the municipality's house style."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from .. import rules, selectors
from ..constants import PRINTKANALEN, Kanaal
from ..models import Berichtsjabloon, Huisstijl
from .sjablonen import standaardsjablonen_aanmaken

GEEN_ONTVANGER = {
    Kanaal.BRIEF: gettext_lazy("Geen volledig en geldig adres bekend."),
    Kanaal.KAARTJE: gettext_lazy("Geen volledig en geldig adres bekend."),
    Kanaal.EMAIL: gettext_lazy("Geen geldig e-mailadres bekend."),
    Kanaal.SMS: gettext_lazy("Geen geldig mobiel nummer bekend."),
}


@dataclass(frozen=True)
class Samenstelling:
    sjabloon: Berichtsjabloon
    ontvanger: selectors.Ontvanger
    onderwerp: str
    inhoud: str
    opmaak: str


def sjabloon_voor(gemeente, kanaal: str) -> Berichtsjabloon:
    """The active version; a municipality without any template starts from the defaults."""
    sjabloon = selectors.actief_sjabloon(gemeente, kanaal)
    if sjabloon is None:
        standaardsjablonen_aanmaken(gemeente=gemeente)
        sjabloon = selectors.actief_sjabloon(gemeente, kanaal)
    if sjabloon is None:
        raise ValidatieFout(
            _("Er is geen actieve tekst voor %(kanaal)s.") % {"kanaal": Kanaal(kanaal).label}
        )
    return sjabloon


def opmaak_maken(
    *,
    kanaal: str,
    huisstijl: Huisstijl,
    naam: str,
    adresregels: list[str],
    onderwerp: str,
    tekst: str,
    referentie: str,
    datum: dt.date,
) -> str:
    """One letter or card page as an HTML fragment; the print batch puts the pages together.
    Every value is escaped by the template; the text becomes paragraphs (`rules.alinea_html`)."""
    return render_to_string(
        "contact/pdf/_kaartje.html" if kanaal == Kanaal.KAARTJE else "contact/pdf/_brief.html",
        {
            "huisstijl": huisstijl,
            "naam": naam,
            "adresregels": adresregels,
            "onderwerp": onderwerp,
            "tekst_html": mark_safe(rules.alinea_html(tekst)),  # noqa: S308 - escaped in rules
            "referentie": referentie,
            "datum": date_format(datum, "j F Y"),
        },
    )


def bericht_samenstellen(
    *, zaak: Vroegsignaalzaak, kanaal: str, datum: dt.date | None = None
) -> Samenstelling:
    """Everything the message of `kanaal` to this case says, or `ValidatieFout` with the
    reason in Dutch (no valid contact detail, a merge field without a value)."""
    datum = datum or timezone.localdate()
    ontvanger = selectors.ontvanger_van(zaak, kanaal)
    if ontvanger is None:
        raise ValidatieFout(GEEN_ONTVANGER[kanaal])
    sjabloon = sjabloon_voor(zaak.gemeente, kanaal)
    huisstijl = selectors.huisstijl_van(zaak.gemeente)
    waarden = selectors.samenvoegwaarden(zaak, huisstijl, datum)
    onderwerp = rules.invullen(sjabloon.onderwerp, waarden)
    tekst = rules.invullen(sjabloon.tekst, waarden)
    ontbrekend = list(dict.fromkeys(onderwerp.ontbrekend + tekst.ontbrekend))
    if ontbrekend:
        raise ValidatieFout(
            _("Voor deze zaak ontbreekt een invulveld: %(velden)s.")
            % {"velden": ", ".join(ontbrekend)}
        )
    opmaak = ""
    if kanaal in PRINTKANALEN:
        adres, _signaal = selectors.adres_van(zaak)
        opmaak = opmaak_maken(
            kanaal=kanaal,
            huisstijl=huisstijl,
            naam=waarden["naam"] or _("De bewoners van"),
            adresregels=adres.regels() if adres else [],
            onderwerp=onderwerp.tekst,
            tekst=tekst.tekst,
            referentie=zaak.referentie,
            datum=datum,
        )
    return Samenstelling(sjabloon, ontvanger, onderwerp.tekst, tekst.tekst, opmaak)


def voorbeeld_samenstellen(
    *, sjabloon: Berichtsjabloon, zaak: Vroegsignaalzaak | None = None
) -> tuple[str, str, str, tuple[str, ...]]:
    """(onderwerp, tekst, opmaak, ontbrekende velden) of a template version, on a real case
    (for case handlers) or on fictitious values."""
    huisstijl = selectors.huisstijl_van(sjabloon.gemeente)
    vandaag = timezone.localdate()
    if zaak is not None:
        waarden = selectors.samenvoegwaarden(zaak, huisstijl, vandaag)
        adres, _signaal = selectors.adres_van(zaak)
        referentie = zaak.referentie
    else:
        waarden = selectors.voorbeeldwaarden(sjabloon.gemeente, huisstijl)
        adres, referentie = rules.VOORBEELDADRES, rules.VOORBEELDWAARDEN["referentie"]
    onderwerp = rules.invullen(sjabloon.onderwerp, waarden)
    tekst = rules.invullen(sjabloon.tekst, waarden)
    opmaak = ""
    if sjabloon.kanaal in PRINTKANALEN:
        opmaak = opmaak_maken(
            kanaal=sjabloon.kanaal,
            huisstijl=huisstijl,
            naam=waarden["naam"],
            adresregels=adres.regels() if adres else [],
            onderwerp=onderwerp.tekst,
            tekst=tekst.tekst,
            referentie=referentie,
            datum=vandaag,
        )
    ontbrekend = tuple(dict.fromkeys(onderwerp.ontbrekend + tekst.ontbrekend))
    return onderwerp.tekst, tekst.tekst, opmaak, ontbrekend
