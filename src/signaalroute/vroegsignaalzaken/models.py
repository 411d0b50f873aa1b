"""The household case (`Vroegsignaalzaak`), its contact attempts and its append-only history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel, PublicIdModel
from signaalroute.gemeenten.models import Gemeente, Team, Wijk
from signaalroute.gemeenten.rules import huisnummer_weergave

from .constants import Contactsoort, Dagdeel, Eindresultaat, Signaalstatus, Zaakfase, Zaaksoort


class Vroegsignaalzaak(PublicIdModel):
    """The municipality's case for one household address over a matching period."""

    referentie = models.CharField(_("referentie"), max_length=20, unique=True)
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.PROTECT, related_name="zaken", verbose_name=_("gemeente")
    )
    wijk = models.ForeignKey(
        Wijk,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zaken",
        verbose_name=_("wijk"),
    )
    postcode = models.CharField(_("postcode"), max_length=6)
    huisnummer = models.PositiveIntegerField(_("huisnummer"))
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)

    soort = models.CharField(_("soort"), max_length=20, choices=Zaaksoort.choices)
    fase = models.CharField(
        _("fase"), max_length=20, choices=Zaakfase.choices, default=Zaakfase.NIEUW
    )
    matchingsdatum = models.DateField(_("matchingsdatum"))
    startdatum_matchingperiode = models.DateField(_("startdatum matchingperiode"))
    einddatum_matchingperiode = models.DateField(_("einddatum matchingperiode"))
    datum_opgepakt = models.DateField(_("datum opgepakt"), null=True, blank=True)
    eindresultaat = models.CharField(
        _("eindresultaat"), max_length=40, choices=Eindresultaat.choices, blank=True
    )
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    crisis = models.BooleanField(_("crisis"), default=False)
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zaken",
        verbose_name=_("team"),
    )
    behandelaar = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="zaken",
        verbose_name=_("behandelaar"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("vroegsignaalzaak")
        verbose_name_plural = _("vroegsignaalzaken")
        ordering = ["-matchingsdatum", "referentie"]
        indexes = [
            models.Index(fields=["gemeente", "fase"], name="zaak_gemeente_fase"),
            models.Index(fields=["postcode", "huisnummer"], name="zaak_adres"),
            # Open cases of a municipality for the work list (count, tray counts, sorting).
            models.Index(
                fields=["gemeente", "id", "crisis", "datum_opgepakt"],
                condition=~models.Q(fase="afgesloten"),
                name="zaak_open_werklijst",
            ),
        ]

    def __str__(self) -> str:
        return self.referentie

    @property
    def adres(self) -> str:
        nummer = huisnummer_weergave(self.huisnummer, self.huisletter, self.huisnummertoevoeging)
        return f"{self.postcode} {nummer}"


class Contactpoging(PublicIdModel):
    """DDAS `Contactpoging`: one attempt to reach the household."""

    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="contactpogingen",
        verbose_name=_("vroegsignaalzaak"),
    )
    soort = models.CharField(_("soort"), max_length=30, choices=Contactsoort.choices)
    datum = models.DateField(_("datum"))
    dagdeel = models.CharField(_("dagdeel"), max_length=10, choices=Dagdeel.choices, blank=True)
    bereikt = models.BooleanField(_("bereikt"))
    notitie = models.TextField(_("notitie"), blank=True)
    vervolgafspraak = models.CharField(_("vervolgafspraak"), max_length=200, blank=True)
    geregistreerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door"),
    )
    geregistreerd_op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("contactpoging")
        verbose_name_plural = _("contactpogingen")
        ordering = ["-datum", "-geregistreerd_op"]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} {self.datum}"


class Wijziging(AppendOnlyModel):
    """A history row: why, who and when. Written once, never edited."""

    toelichting = models.TextField(_("toelichting"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["op", "id"]


class Signaalstatuswijziging(Wijziging):
    """Append-only history of a signal's DDAS status: who, when, from what to what, and why."""

    vroegsignaal = models.ForeignKey(
        "aanleveringen.Vroegsignaal",
        on_delete=models.CASCADE,
        related_name="statushistorie",
        verbose_name=_("vroegsignaal"),
    )
    van = models.CharField(_("van"), max_length=40, choices=Signaalstatus.choices, blank=True)
    naar = models.CharField(_("naar"), max_length=40, choices=Signaalstatus.choices)

    class Meta(Wijziging.Meta):
        verbose_name = _("signaalstatuswijziging")
        verbose_name_plural = _("signaalstatuswijzigingen")


class Zaakwijziging(Wijziging):
    """Append-only history of a case: phase and result changes, with who, when and why."""

    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="historie",
        verbose_name=_("vroegsignaalzaak"),
    )
    fase_van = models.CharField(_("fase van"), max_length=20, choices=Zaakfase.choices, blank=True)
    fase_naar = models.CharField(_("fase naar"), max_length=20, choices=Zaakfase.choices)
    eindresultaat = models.CharField(
        _("eindresultaat"), max_length=40, choices=Eindresultaat.choices, blank=True
    )

    class Meta(Wijziging.Meta):
        verbose_name = _("zaakwijziging")
        verbose_name_plural = _("zaakwijzigingen")
