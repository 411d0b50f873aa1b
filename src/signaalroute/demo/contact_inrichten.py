"""Outreach for the demo: each municipality's house style and the B1 default texts (version 1,
active), so a coordinator can send the day's letters, e-mails and text messages right away."""

from signaalroute.contact.services import huisstijl_opslaan, standaardsjablonen_aanmaken

from .organisaties import Regio

# Fixed, fictitious team details per demo municipality (the colour is the only visual choice).
KLEUREN = ("#1f4e8c", "#00684a", "#8a2b5f", "#a04a00")


def _sms_afzender(naam: str) -> str:
    return "".join(t for t in naam if t.isalnum())[:11] or "Gemeente"


def contact_inrichten(regio: Regio) -> None:
    for volgnummer, gemeente in enumerate(
        sorted(regio.gemeenten.values(), key=lambda g: g.cbs_code)
    ):
        slug = "".join(t for t in gemeente.naam.lower() if t.isalnum())
        huisstijl_opslaan(
            gemeente=gemeente,
            door=None,
            afzender=f"Gemeente {gemeente.naam}",
            afdeling="Team Geldzorgen",
            retouradres=f"Postbus {100 + volgnummer}, {9000 + volgnummer} AA {gemeente.naam}",
            telefoon="14 0" + gemeente.cbs_code[-3:],
            email=f"geldzorgen@{slug}.example",
            website=f"www.{slug}.example/geldzorgen",
            kleur=KLEUREN[volgnummer % len(KLEUREN)],
            ondertekenaar="Esther van Dam",
            functie_ondertekenaar="Coördinator vroegsignalering",
            sms_afzender=_sms_afzender(gemeente.naam),
        )
        standaardsjablonen_aanmaken(gemeente=gemeente)
