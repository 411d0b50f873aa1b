"""The household case (`Vroegsignaalzaak`), its contact attempts and its append-only history."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import AppendOnlyModel, PublicIdModel
from signaalroute.gemeenten.models import Gemeente, Team, Wijk
from signaalroute.gemeenten.rules import huisnummer_weergave

from .constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Dagdeel,
    Eindresultaat,
    Hulpstap,
    Nazorguitkomst,
    Ongeldigreden,
    Signaalstatus,
    Termijnsoort,
    Zaakfase,
    Zaaksoort,
)
from .rules import Termijn, Termijnregels


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
    hulpstap = models.CharField(
        _("concrete stap"), max_length=30, choices=Hulpstap.choices, blank=True, db_default=""
    )
    reden_intern = models.TextField(
        _("reden (intern)"),
        blank=True,
        db_default="",
        help_text=_("Bij 'niet opgepakt: andere reden'; nooit zichtbaar voor de partner."),
    )
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    eerste_contactpoging_op = models.DateField(_("eerste contactpoging"), null=True, blank=True)
    termijn_eerste_contact = models.DateField(_("eerste contact uiterlijk"), null=True, blank=True)
    termijn_afsluiten = models.DateField(_("afsluiten uiterlijk"), null=True, blank=True)
    vervolg_op = models.DateField(_("volgende actie op"), null=True, blank=True)
    vervolgactie = models.CharField(_("volgende actie"), max_length=200, blank=True, db_default="")
    versie = models.PositiveIntegerField(
        _("versie"),
        default=1,
        db_default=1,
        help_text=_("Verhoogd bij elke wijziging (gelijktijdig werken)."),
    )
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
    medebehandelaars = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="medebehandelde_zaken",
        verbose_name=_("medebehandelaars"),
        help_text=_("Bijvoorbeeld een schuldhulpverlener en een maatschappelijk werker samen."),
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
    vervolg_op = models.DateField(_("vervolg op"), null=True, blank=True)
    vervolg_dagdeel = models.CharField(
        _("vervolg dagdeel"), max_length=10, choices=Dagdeel.choices, blank=True, db_default=""
    )
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
    actie = models.CharField(_("actie"), max_length=30, blank=True, db_default="")
    eindresultaat = models.CharField(
        _("eindresultaat"), max_length=40, choices=Eindresultaat.choices, blank=True
    )
    hulpstap = models.CharField(
        _("concrete stap"), max_length=30, choices=Hulpstap.choices, blank=True, db_default=""
    )

    class Meta(Wijziging.Meta):
        verbose_name = _("zaakwijziging")
        verbose_name_plural = _("zaakwijzigingen")


class Termijninstellingen(models.Model):
    """A municipality's case deadlines (BRIEF §4), editable by its functional administrator."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="termijninstellingen"
    )
    crisis_werkdagen = models.PositiveSmallIntegerField(
        _("eerste contact bij crisis (werkdagen)"), default=3
    )
    eerste_contact_dagen = models.PositiveSmallIntegerField(
        _("eerste contact / tussentijdse terugkoppeling (dagen)"), default=14
    )
    eerste_contact_werkdagen = models.BooleanField(_("in werkdagen"), default=False)
    afsluiten_dagen = models.PositiveSmallIntegerField(_("afsluiten (dagen)"), default=28)
    afsluiten_werkdagen = models.BooleanField(_("in werkdagen"), default=False)
    waarschuwen_werkdagen = models.PositiveSmallIntegerField(
        _("waarschuwen (werkdagen vooraf)"), default=2
    )
    nazorg_weken = models.PositiveSmallIntegerField(_("nazorg na (weken)"), default=6)

    class Meta:
        verbose_name = _("termijninstellingen")
        verbose_name_plural = _("termijninstellingen")

    def __str__(self) -> str:
        return f"Termijnen {self.gemeente}"

    def regels(self) -> Termijnregels:
        return Termijnregels(
            crisis=Termijn(self.crisis_werkdagen, werkdagen=True),
            eerste_contact=Termijn(self.eerste_contact_dagen, self.eerste_contact_werkdagen),
            afsluiten=Termijn(self.afsluiten_dagen, self.afsluiten_werkdagen),
            waarschuwen=self.waarschuwen_werkdagen,
        )


class Contactgegeven(PublicIdModel):
    """A phone number, e-mail address or address of the household with its source, added by a
    worker or callcenter, or a partner's contact detail that was found wrong (feedback)."""

    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="contactgegevens",
        verbose_name=_("vroegsignaalzaak"),
    )
    vroegsignaal = models.ForeignKey(
        "aanleveringen.Vroegsignaal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="contactgegevens",
        verbose_name=_("vroegsignaal"),
        help_text=_("Het signaal waarmee de partner dit gegeven aanleverde."),
    )
    soort = models.CharField(_("soort"), max_length=10, choices=Contactgegevensoort.choices)
    waarde = models.CharField(_("waarde"), max_length=254)
    bron = models.CharField(_("bron"), max_length=20, choices=Contactgegevenbron.choices)
    geldig = models.BooleanField(_("geldig"), default=True)
    ongeldig_reden = models.CharField(
        _("reden ongeldig"), max_length=20, choices=Ongeldigreden.choices, blank=True
    )
    ongeldig_gemeld_op = models.DateTimeField(_("ongeldig gemeld op"), null=True, blank=True)
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
        verbose_name = _("contactgegeven")
        verbose_name_plural = _("contactgegevens")
        ordering = ["soort", "-geregistreerd_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["vroegsignaalzaak", "soort", "waarde"], name="contactgegeven_uniek"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_soort_display()} ({self.get_bron_display()})"  # no value: personal


class Overdracht(PublicIdModel, AppendOnlyModel):
    """A warm hand-over (*warme overdracht*): to whom, when and what was agreed."""

    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="overdrachten",
        verbose_name=_("vroegsignaalzaak"),
    )
    organisatie = models.CharField(_("overgedragen aan (organisatie)"), max_length=200)
    contactpersoon = models.CharField(_("contactpersoon"), max_length=200, blank=True)
    datum = models.DateField(_("datum overdracht"))
    afspraken = models.TextField(_("wat is afgesproken"))
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("door"),
    )
    op = models.DateTimeField(_("geregistreerd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("warme overdracht")
        verbose_name_plural = _("warme overdrachten")
        ordering = ["datum", "op"]

    def __str__(self) -> str:
        return f"Overdracht {self.organisatie} {self.datum}"


class Nazorg(PublicIdModel):
    """A follow-up contact planned after closing; when due the case returns to the work list
    (phase nazorg) until the after-care outcome is recorded."""

    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="nazorg",
        verbose_name=_("vroegsignaalzaak"),
    )
    gepland_op = models.DateField(_("gepland op"))
    reden = models.CharField(_("reden"), max_length=300, blank=True)
    gestart_op = models.DateTimeField(_("in werkvoorraad sinds"), null=True, blank=True)
    uitkomst = models.CharField(
        _("uitkomst"), max_length=30, choices=Nazorguitkomst.choices, blank=True
    )
    notitie = models.TextField(_("notitie"), blank=True)
    afgerond_op = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    gepland_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("gepland door"),
    )
    afgerond_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("afgerond door"),
    )

    class Meta:
        verbose_name = _("nazorg")
        verbose_name_plural = _("nazorg")
        ordering = ["gepland_op"]
        indexes = [
            models.Index(
                fields=["gepland_op"],
                condition=models.Q(gestart_op__isnull=True),
                name="nazorg_te_starten",
            )
        ]

    def __str__(self) -> str:
        return f"Nazorg {self.gepland_op}"


class Melding(models.Model):
    """A notification to a worker or coordinator: a deadline due soon or passed, after-care due.
    Unique per user, case, deadline and state, so the daily run never repeats itself."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("gebruiker"),
    )
    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="meldingen",
        verbose_name=_("vroegsignaalzaak"),
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Termijnsoort.choices)
    stand = models.CharField(_("stand"), max_length=20)
    termijn = models.DateField(_("termijn"))
    tekst = models.CharField(_("tekst"), max_length=300)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)

    class Meta:
        verbose_name = _("melding")
        verbose_name_plural = _("meldingen")
        ordering = ["-aangemaakt_op"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "vroegsignaalzaak", "soort", "stand", "termijn"],
                name="melding_eenmalig",
            )
        ]
        indexes = [
            models.Index(
                fields=["gebruiker"], condition=models.Q(gelezen_op__isnull=True), name="ongelezen"
            )
        ]

    def __str__(self) -> str:
        return self.tekst
