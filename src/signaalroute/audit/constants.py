from django.db import models
from django.utils.translation import gettext_lazy as _


class Auditactie(models.TextChoices):
    INLOGGEN = "inloggen", _("Ingelogd")
    INLOGGEN_MISLUKT = "inloggen_mislukt", _("Inloggen mislukt")
    UITLOGGEN = "uitloggen", _("Uitgelogd")
    TWEEDE_FACTOR_INGESTELD = "tweede_factor_ingesteld", _("Tweede factor ingesteld")
    BEKIJKEN = "bekijken", _("Persoonsgegevens bekeken")
    WIJZIGEN = "wijzigen", _("Gegevens gewijzigd")
    EXPORTEREN = "exporteren", _("Gegevens geëxporteerd")
    AANLEVEREN = "aanleveren", _("Signalen aangeleverd")
    OPSCHONEN = "opschonen", _("Gegevens verwijderd (bewaartermijn)")


class Verwerkingsstatus(models.TextChoices):
    """Logboek Dataverwerkingen `status_code`."""

    ONBEKEND = "onbekend", _("Onbekend")
    OK = "ok", _("Uitgevoerd")
    FOUT = "fout", _("Fout")


class Verwerkingsactiviteit(models.TextChoices):
    """The processing activities of the municipality's register of processing activities
    (AVG art. 30) that Signaalroute performs: Logboek Dataverwerkingen
    `dpl.core.processing_activity_id`."""

    TOEGANGSBEVEILIGING = "toegangsbeveiliging", _("Toegang en beveiliging")
    SIGNALEN_ONTVANGEN = "signalen_ontvangen", _("Ontvangen en controleren van vroegsignalen")
    VROEGSIGNALERING = "vroegsignalering", _("Vroegsignalering: contact en hulpaanbod")
    TERUGKOPPELING = "terugkoppeling", _("Terugkoppeling aan signaalpartners")
    STATISTIEK = "statistiek", _("Monitor vroegsignalering (CBS)")
    BEHEER = "beheer", _("Beheer en instellingen")
    BEWAARTERMIJNEN = "bewaartermijnen", _("Verwijderen na de bewaartermijn")
    TOEZICHT = "toezicht", _("Toezicht op het gebruik (logboek)")


# Purpose and legal ground per activity, copied into every log row so that a later change of
# this table does not rewrite history. Defaults: the municipality's privacy officer checks
# them against its own register (docs/security.md).
VERWERKINGSREGISTER: dict[str, tuple[str, str]] = {
    Verwerkingsactiviteit.TOEGANGSBEVEILIGING: (
        "Beveiligen van de toegang tot persoonsgegevens",
        "AVG art. 32",
    ),
    Verwerkingsactiviteit.SIGNALEN_ONTVANGEN: (
        "Ontvangen en controleren van signalen over betalingsachterstanden",
        "Wgs art. 3 lid 3 en 4; Besluit gemeentelijke schuldhulpverlening",
    ),
    Verwerkingsactiviteit.VROEGSIGNALERING: (
        "Inwoners met betalingsachterstanden vroegtijdig hulp aanbieden",
        "Wgs art. 3 lid 3 vroegsignalering",
    ),
    Verwerkingsactiviteit.TERUGKOPPELING: (
        "De signaalpartner laten weten wat met het signaal is gedaan",
        "Wgs art. 3 lid 3; Besluit gemeentelijke schuldhulpverlening",
    ),
    Verwerkingsactiviteit.STATISTIEK: (
        "Landelijke monitor vroegsignalering (geminimaliseerd)",
        "Wgs; Wet op het Centraal Bureau voor de Statistiek",
    ),
    Verwerkingsactiviteit.BEHEER: (
        "Beheer van de voorziening en haar instellingen",
        "AVG art. 32",
    ),
    Verwerkingsactiviteit.BEWAARTERMIJNEN: (
        "Persoonsgegevens niet langer bewaren dan nodig",
        "AVG art. 5 lid 1 onder e",
    ),
    Verwerkingsactiviteit.TOEZICHT: (
        "Controleren wie welke persoonsgegevens verwerkte",
        "AVG art. 5 lid 2 en art. 32",
    ),
}
