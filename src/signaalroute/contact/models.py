"""Outreach: a municipality's house style, its versioned message templates per channel, every
message sent from a case (`Bericht`) and the day's print batch of letters and cards."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.core.models import PublicIdModel
from signaalroute.gemeenten.models import Gemeente
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak

from .constants import Berichtstatus, Kanaal, Sjabloonstatus


class Huisstijl(models.Model):
    """How a municipality's letters, cards, e-mails and text messages look and whom they name."""

    gemeente = models.OneToOneField(
        Gemeente, on_delete=models.CASCADE, related_name="huisstijl", verbose_name=_("gemeente")
    )
    afzender = models.CharField(
        _("afzender"), max_length=150, help_text=_("Bijvoorbeeld 'Gemeente Aadorp'.")
    )
    afdeling = models.CharField(
        _("afdeling"), max_length=150, blank=True, help_text=_("Bijvoorbeeld 'Team Geldzorgen'.")
    )
    retouradres = models.CharField(
        _("retouradres"),
        max_length=200,
        blank=True,
        help_text=_("Eén regel, bijvoorbeeld 'Postbus 100, 1234 AB Aadorp'."),
    )
    telefoon = models.CharField(_("telefoonnummer team"), max_length=30, blank=True)
    email = models.EmailField(_("e-mailadres team"), blank=True)
    website = models.CharField(_("website"), max_length=200, blank=True)
    kleur = models.CharField(
        _("huiskleur"),
        max_length=7,
        default="#1f4e8c",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Geef een kleur als #1f4e8c."))],
    )
    ondertekenaar = models.CharField(_("naam ondertekenaar"), max_length=150, blank=True)
    functie_ondertekenaar = models.CharField(_("functie ondertekenaar"), max_length=150, blank=True)
    sms_afzender = models.CharField(
        _("afzender sms"),
        max_length=11,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9]{1,11}$", _("Maximaal 11 letters of cijfers, zonder spaties.")
            )
        ],
        help_text=_("Maximaal 11 letters of cijfers, bijvoorbeeld 'Aadorp'."),
    )
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("huisstijl")
        verbose_name_plural = _("huisstijlen")

    def __str__(self) -> str:
        return f"Huisstijl {self.gemeente_id}"


class Berichtsjabloon(PublicIdModel):
    """One version of a municipality's text for one channel. A concept is edited and previewed;
    activating it replaces the active version, which stays for the messages that used it."""

    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="berichtsjablonen"
    )
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    versie = models.PositiveIntegerField(_("versie"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Sjabloonstatus.choices,
        default=Sjabloonstatus.CONCEPT,
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    tekst = models.TextField(_("tekst"))
    toelichting = models.CharField(_("toelichting bij deze versie"), max_length=300, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
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
        verbose_name = _("berichtsjabloon")
        verbose_name_plural = _("berichtsjablonen")
        ordering = ["gemeente", "kanaal", "-versie"]
        constraints = [
            models.UniqueConstraint(
                fields=["gemeente", "kanaal", "versie"], name="sjabloon_versie_uniek"
            ),
            models.UniqueConstraint(
                fields=["gemeente", "kanaal"],
                condition=models.Q(status="actief"),
                name="een_actief_sjabloon_per_kanaal",
            ),
            models.UniqueConstraint(
                fields=["gemeente", "kanaal"],
                condition=models.Q(status="concept"),
                name="een_concept_sjabloon_per_kanaal",
            ),
        ]

    def __str__(self) -> str:
        return f"Sjabloon {self.gemeente_id} {self.kanaal} v{self.versie}"


class Printbatch(PublicIdModel):
    """A municipality's letters and cards of one day. The PDF is made from the stored letters
    (`Bericht.opmaak`) whenever it is downloaded; no file with personal data is kept."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="printbatches")
    datum = models.DateField(_("datum"))
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gedownload_op = models.DateTimeField(_("laatst gedownload op"), null=True, blank=True)

    class Meta:
        verbose_name = _("printbatch")
        verbose_name_plural = _("printbatches")
        ordering = ["-datum"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "datum"], name="printbatch_per_dag")
        ]

    def __str__(self) -> str:
        return f"Printbatch {self.gemeente_id} {self.datum}"


class Bericht(PublicIdModel):
    """One letter, card, e-mail or text message to the household of a case: the template
    version, the recipient, the content as sent, its status and the contact attempt it
    registered. `idempotentiesleutel` makes sending it twice impossible."""

    vroegsignaalzaak = models.ForeignKey(
        Vroegsignaalzaak,
        on_delete=models.CASCADE,
        related_name="berichten",
        verbose_name=_("vroegsignaalzaak"),
    )
    kanaal = models.CharField(_("kanaal"), max_length=10, choices=Kanaal.choices)
    sjabloon = models.ForeignKey(
        Berichtsjabloon,
        on_delete=models.PROTECT,
        related_name="berichten",
        verbose_name=_("sjabloonversie"),
    )
    ontvanger = models.CharField(
        _("ontvanger"), max_length=254, help_text=_("E-mailadres, telefoonnummer of adres.")
    )
    vroegsignaal = models.ForeignKey(
        "aanleveringen.Vroegsignaal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vroegsignaal"),
        help_text=_("Het signaal waarmee de partner de ontvanger aanleverde."),
    )
    onderwerp = models.CharField(_("onderwerp"), max_length=200, blank=True)
    inhoud = models.TextField(_("inhoud"))
    opmaak = models.TextField(
        _("opmaak"), blank=True, help_text=_("De brief of het kaartje als HTML, voor de PDF.")
    )
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=Berichtstatus.choices,
        default=Berichtstatus.KLAARGEZET,
    )
    idempotentiesleutel = models.CharField(_("idempotentiesleutel"), max_length=120, unique=True)
    extern_id = models.CharField(_("extern id"), max_length=200, blank=True)
    foutcode = models.CharField(
        _("foutcode"), max_length=100, blank=True, help_text=_("Zonder inhoud of persoonsgegevens.")
    )
    pogingen = models.PositiveSmallIntegerField(_("verzendpogingen"), default=0)
    contactpoging = models.OneToOneField(
        Contactpoging,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="bericht",
        verbose_name=_("contactpoging"),
    )
    printbatch = models.ForeignKey(
        Printbatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="berichten",
        verbose_name=_("printbatch"),
    )
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    verzenden_sinds = models.DateTimeField(_("verzenden sinds"), null=True, blank=True)
    verzonden_op = models.DateTimeField(_("verzonden op"), null=True, blank=True)
    status_gewijzigd_op = models.DateTimeField(_("status gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-aangemaakt_op"]
        indexes = [
            models.Index(fields=["status", "kanaal"], name="bericht_status_kanaal"),
            models.Index(fields=["vroegsignaalzaak", "kanaal"], name="bericht_zaak_kanaal"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kanaal_display()} {self.uuid}"  # never the recipient: personal
