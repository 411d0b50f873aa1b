"""Triage: each municipality's versioned rule sets, its monthly capacity per team and channel,
and per case which version triaged it, which rule matched and why."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel
from signaalroute.gemeenten.models import Gemeente, Team
from signaalroute.vroegsignaalzaken.constants import Contactsoort
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak


class Regelsetstatus(models.TextChoices):
    CONCEPT = "concept", _("Concept")
    ACTIEF = "actief", _("Actief")
    VERVANGEN = "vervangen", _("Vervangen")


class Triageregelset(PublicIdModel):
    """One version of a municipality's rule set. A concept is edited and simulated; activating
    it replaces the active version, which stays (read-only) for the cases it triaged."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="regelsets", verbose_name=_("gemeente")
    )
    versie = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Regelsetstatus.choices,
        default=Regelsetstatus.CONCEPT,
    )
    inhoud = models.JSONField(
        _("inhoud"), help_text=_("De regels als in de YAML-uitwisseling (bedragen in euro's).")
    )
    jongerenteam = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jongerenteam"),
        help_text=_("Inwoners van 18 tot en met 27 jaar gaan naar dit team."),
    )
    toelichting = models.TextField(_("toelichting"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    geactiveerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geactiveerd door"),
    )
    geactiveerd_op = models.DateTimeField(_("geactiveerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("triageregelset")
        verbose_name_plural = _("triageregelsets")
        ordering = ["gemeente", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "versie"], name="regelset_versie_uniek"),
            models.UniqueConstraint(
                fields=["gemeente"],
                condition=models.Q(status="actief"),
                name="een_actieve_regelset_per_gemeente",
            ),
        ]

    def __str__(self) -> str:
        return f"Regelset {self.gemeente_id} v{self.versie}"


class Capaciteit(models.Model):
    """How many cases a team can take on per month through one channel (e.g. 30 home visits).
    Without a team: a shared pool for the teams without their own capacity for that channel.
    A channel without capacity is unlimited."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="capaciteiten", verbose_name=_("gemeente")
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="capaciteiten",
        verbose_name=_("team"),
    )
    kanaal = models.CharField(_("kanaal"), max_length=30, choices=Contactsoort.choices)
    per_maand = models.PositiveIntegerField(_("per maand"))

    class Meta:
        verbose_name = _("capaciteit")
        verbose_name_plural = _("capaciteiten")
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "team", "kanaal"],
                condition=models.Q(team__isnull=False),
                name="capaciteit_uniek_per_team",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "kanaal"],
                condition=models.Q(team__isnull=True),
                name="capaciteit_uniek_gedeeld",
            ),
        ]

    def __str__(self) -> str:
        return f"Capaciteit {self.gemeente_id} {self.kanaal}"


class Triage(models.Model):
    """How one case was triaged: the rule set version, the rule that matched and why, the tray,
    the planned approach after capacity and overflow, and the facts it looked at."""

    vroegsignaalzaak = models.OneToOneField(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="triage",
        verbose_name=_("vroegsignaalzaak"),
    )
    regelset = models.ForeignKey(
        Triageregelset,
        on_delete=models.PROTECT,
        related_name="triages",
        verbose_name=_("regelset"),
    )
    regelnummer = models.PositiveSmallIntegerField(_("regelnummer"), null=True, blank=True)
    regelnaam = models.CharField(_("regel"), max_length=200)
    uitleg = models.TextField(_("uitleg"))
    bakje = models.CharField(_("bakje"), max_length=100)
    aanpak = models.JSONField(_("aanpak"), default=list)
    aanpak_tekst = models.CharField(_("aanpak"), max_length=300, blank=True)
    eerste_kanaal = models.CharField(_("eerste kanaal"), max_length=30, blank=True)
    termijnprofiel = models.CharField(_("termijnprofiel"), max_length=50)
    prioriteit = models.IntegerField(_("prioriteitsscore"), default=0)
    totaalbedrag = models.PositiveIntegerField(_("totaalbedrag bij triage (centen)"), default=0)
    uiterste_datum = models.DateField(_("eerste contact uiterlijk"))
    uitgeweken = models.BooleanField(_("uitgeweken"), default=False)
    redenen = models.JSONField(_("redenen"), default=list, blank=True)
    feiten = models.JSONField(_("feiten"))
    maand = models.DateField(_("capaciteitsmaand"), help_text=_("Eerste dag van de maand."))
    getrieerd_op = models.DateTimeField(_("getrieerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("triage")
        verbose_name_plural = _("triages")
        indexes = [
            models.Index(fields=["regelset", "maand"], name="triage_regelset_maand"),
            models.Index(fields=["bakje", "uiterste_datum"], name="triage_bakje_termijn"),
            # The work list joins every open case to its triage for tray counts and sorting:
            # an index-only scan instead of reading the wide rows (facts, explanation).
            models.Index(
                fields=[
                    "vroegsignaalzaak",
                    "bakje",
                    "uiterste_datum",
                    "totaalbedrag",
                    "prioriteit",
                ],
                name="triage_werklijst",
            ),
        ]

    def __str__(self) -> str:
        return f"Triage {self.vroegsignaalzaak_id}"
