from django.db import models
from django.utils.translation import gettext_lazy as _


class Opschoonsoort(models.TextChoices):
    """What a purge run counts, one code per kind of row and what happens to it."""

    SIGNALEN = (
        "signalen",
        _("Signalen: naam, BSN, geboortedatum, contact en adres (tot PC4) gewist"),
    )
    ZAKEN = "zaken", _("Zaken: interne reden en vervolgactie gewist")
    ZAAKADRESSEN = "zaakadressen", _("Zaken: adres teruggebracht tot PC4")
    CONTACTPOGINGEN = "contactpogingen", _("Contactpogingen: notitie en afspraak gewist")
    CONTACTGEGEVENS = "contactgegevens", _("Contactgegevens: waarde gewist")
    BERICHTEN = "berichten", _("Berichten: ontvanger en inhoud gewist")
    OVERDRACHTEN = "overdrachten", _("Warme overdrachten: contactpersoon en afspraken gewist")
    NAZORG = "nazorg", _("Nazorg: reden en notitie gewist")
    MELDINGEN = "meldingen", _("Meldingen verwijderd")
    TOELICHTINGEN = "toelichtingen", _("Historie: vrije toelichting gewist")
    BRP_CONTROLES = "brp_controles", _("BRP-controles van opgeschoonde signalen gewist")
    BRP_KANDIDATEN = "brp_kandidaten", _("BRP-controles: medebewoners (kandidaten) gewist")
    BELRONDEREGELS = "belronderegels", _("Callcenterresultaten: regelgegevens gewist")
    AANLEVERREGELS = "aanleverregels", _("Aanleverregels: gegevens zoals aangeleverd gewist")
    SHV_REGISTRATIES = "shv_registraties", _("Schuldhulpregistraties (SHV-lijst) verwijderd")
    AANLEVERBESTANDEN = "aanleverbestanden", _("Aangeleverde bestanden verwijderd")
    BELRONDEBESTANDEN = "belrondebestanden", _("Callcenterbestanden verwijderd")
