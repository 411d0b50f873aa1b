"""DDAS (v1.2) enumerations as stable snake_case codes with Dutch labels.

`contrib/ddas` maps these codes to the literal DDAS values at the edge.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Signaalstatus(models.TextChoices):
    """DDAS `EnumSignaalstatus`."""

    NOG_NIET_OPGEPAKT = "nog_niet_opgepakt", _("Nog niet opgepakt")
    OPGEPAKT = "opgepakt", _("Opgepakt")
    NIET_OPGEPAKT_ONTERECHT = "niet_opgepakt_onterecht", _("Niet opgepakt: onterecht signaal")
    NIET_OPGEPAKT_HERHAALD = "niet_opgepakt_herhaald", _("Niet opgepakt: herhaalde melding")
    NIET_OPGEPAKT_ANDERE_REDEN = "niet_opgepakt_andere_reden", _("Niet opgepakt: andere reden")
    BEKEND_BIJ_SHV = "bekend_bij_shv", _("Inwoner al bekend bij schuldhulpverlening")
    OVERLEDEN = "overleden", _("Inwoner is overleden")
    GEEN_INWONER = "geen_inwoner", _("Persoon is geen inwoner (meer) in de gemeente")


# The statuses a check (or a worker overriding one) may give a signal that is not in a case.
CONTROLESTATUSSEN = frozenset(
    {
        Signaalstatus.NIET_OPGEPAKT_ONTERECHT,
        Signaalstatus.NIET_OPGEPAKT_HERHAALD,
        Signaalstatus.NIET_OPGEPAKT_ANDERE_REDEN,
        Signaalstatus.BEKEND_BIJ_SHV,
        Signaalstatus.OVERLEDEN,
        Signaalstatus.GEEN_INWONER,
    }
)


class Eindresultaat(models.TextChoices):
    """DDAS `EnumEindresultaat` (v1.2)."""

    NIET_OPGEPAKT_ONTERECHT = "niet_opgepakt_onterecht", _("Niet opgepakt: onterecht signaal")
    NIET_OPGEPAKT_HERHAALD = "niet_opgepakt_herhaald", _("Niet opgepakt: herhaalde melding")
    NIET_OPGEPAKT_ANDERE_REDEN = "niet_opgepakt_andere_reden", _("Niet opgepakt: andere reden")
    OVERLEDEN = "overleden", _("Inwoner is overleden")
    GEEN_INWONER = "geen_inwoner", _("Persoon is geen inwoner (meer) in de gemeente")
    BEKEND_BIJ_SHV = "bekend_bij_shv", _("Inwoner al bekend bij schuldhulpverlening")
    ANDER_TRAJECT = "ander_traject", _("Inwoner heeft al een ander lopend traject")
    GEEN_CONTACT = "geen_contact", _("Definitief geen contact kunnen krijgen")
    GEEN_REACTIE = "geen_reactie", _("Geen reactie na eerder contact")
    HOEFT_GEEN_HULP = (
        "hoeft_geen_hulp",
        _("Inwoner regelt het zelf/hoeft geen hulp vanuit vroegsignalering"),
    )
    ZELF_BETAALD = "zelf_betaald", _("Inwoner heeft zelf al betaald/betalingsregeling getroffen")
    QUICK_FIX = "quick_fix", _("(Budget)advies en/of quick fix")
    VERVOLGHULP = "vervolghulp", _("Vervolghulp en/of verwijzing")
    VERVOLGHULP_FINANCIEEL = "vervolghulp_financieel", _("Vervolghulp en/of verwijzing financieel")
    VERVOLGHULP_NIET_FINANCIEEL = (
        "vervolghulp_niet_financieel",
        _("Vervolghulp en/of verwijzing niet financieel"),
    )
    VERWIJZING_ZONDER_INWONER = (
        "verwijzing_zonder_inwoner",
        _("Verwijzing zonder tussenkomst inwoner"),
    )


class Contactsoort(models.TextChoices):
    """DDAS `EnumContactsoort` (v1.2)."""

    ADMINISTRATIEF = "administratief", _("Administratief")
    AFSPRAAK_OP_LOCATIE = "afspraak_op_locatie", _("Afspraak op locatie")
    BRIEF = "brief", _("Brief")
    HUISBEZOEK = "huisbezoek", _("Huisbezoek")
    KAARTJE = "kaartje", _("Kaartje")
    MAIL = "mail", _("Mail")
    ONBEKEND = "onbekend", _("Onbekend")
    OVERIGE = "overige", _("Overige")
    SMS_WHATSAPP = "sms_whatsapp", _("SMS/Whatsapp")
    TELEFOON = "telefoon", _("Telefoon")


class Dagdeel(models.TextChoices):
    OCHTEND = "ochtend", _("Ochtend")
    MIDDAG = "middag", _("Middag")
    AVOND = "avond", _("Avond")


class Zaaksoort(models.TextChoices):
    """Divosa definitions (BRIEF §5)."""

    ENKELVOUDIG = "enkelvoudig", _("Enkelvoudig")
    MEERVOUDIG = "meervoudig", _("Meervoudig")
    OPEENVOLGEND = "opeenvolgend", _("Opeenvolgend")


class Zaakfase(models.TextChoices):
    """The working state of a case (the transition table is in `workflow.py`)."""

    NIEUW = "nieuw", _("Nieuw")
    IN_BEHANDELING = "in_behandeling", _("In behandeling")
    NIEUWE_POGING = "nieuwe_poging", _("Nog geen contact, nieuwe poging gepland")
    NAZORG = "nazorg", _("Nazorg")
    AFGESLOTEN = "afgesloten", _("Afgesloten")


class Hulpstap(models.TextChoices):
    """The concrete step behind "help accepted" (BRIEF §4). Each maps to exactly one DDAS result
    (`workflow.HULPSTAP_RESULTAAT`), so "help accepted" means the same in every municipality."""

    BETALINGSREGELING = "betalingsregeling", _("Betalingsregeling getroffen met hulp")
    BUDGETPLAN = "budgetplan", _("Budgetadvies of budgetplan gemaakt")
    INKOMEN = "inkomen", _("Toeslag, uitkering of kwijtschelding aangevraagd")
    ADMINISTRATIE = "administratie", _("Administratie op orde gebracht")
    SCHULDHULP = "schuldhulp", _("Verwezen naar schuldhulpverlening")
    BEWIND = "bewind", _("Verwezen naar beschermingsbewind of budgetbeheer")
    FINANCIEEL_ANDERS = "financieel_anders", _("Andere financiële hulp (bijv. thuisadministratie)")
    NIET_FINANCIEEL = (
        "niet_financieel",
        _("Verwezen naar niet-financiële hulp (wijkteam, maatschappelijk werk, zorg)"),
    )


class Nazorguitkomst(models.TextChoices):
    GAAT_GOED = "gaat_goed", _("Gaat goed, geen hulp nodig")
    ALSNOG_HULP = "alsnog_hulp", _("Alsnog hulp geaccepteerd")
    NIET_BEREIKT = "niet_bereikt", _("Niet bereikt")
    NIEUWE_ACHTERSTAND = "nieuwe_achterstand", _("Nieuwe achterstanden, hulp niet gewenst")


class Contactgegevensoort(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoonnummer")
    EMAIL = "email", _("E-mailadres")
    ADRES = "adres", _("Adres")


class Contactgegevenbron(models.TextChoices):
    SIGNAALPARTNER = "signaalpartner", _("Signaalpartner")
    INWONER = "inwoner", _("Inwoner zelf")
    MEDEWERKER = "medewerker", _("Medewerker")
    CALLCENTER = "callcenter", _("Callcenter")


class Ongeldigreden(models.TextChoices):
    ONBEKEND_NUMMER = "bestaat_niet", _("Bestaat niet / onbereikbaar")
    ANDER_PERSOON = "ander_persoon", _("Hoort bij iemand anders")
    ONBESTELBAAR = "onbestelbaar", _("Onbestelbaar / retour")


class Termijnsoort(models.TextChoices):
    EERSTE_CONTACT = "eerste_contact", _("Eerste contact")
    AFSLUITEN = "afsluiten", _("Afsluiten")
    VERVOLG = "vervolg", _("Geplande vervolgactie")
    NAZORG = "nazorg", _("Nazorg")
