"""Residents already known in municipal debt help (schuldhulpverlening), per municipality, as
imported from the debt-help system. Used only for the "already known in debt help" check
(BRIEF §4: no other social-domain lookups)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from signaalroute.gemeenten.models import Gemeente


class SchuldhulpRegistratie(models.Model):
    gemeente = models.ForeignKey(
        Gemeente, on_delete=models.CASCADE, related_name="+", verbose_name=_("gemeente")
    )
    bsn = models.CharField(_("BSN"), max_length=9, blank=True, db_index=True)
    voorletters = models.CharField(_("voorletters"), max_length=20, blank=True)
    voornamen = models.CharField(_("voornamen"), max_length=200, blank=True)
    voorvoegsel = models.CharField(_("voorvoegsel"), max_length=20, blank=True)
    achternaam = models.CharField(_("achternaam"), max_length=200)
    geboortedatum = models.DateField(_("geboortedatum"), null=True, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    huisnummer = models.PositiveIntegerField(_("huisnummer"), null=True, blank=True)
    huisletter = models.CharField(_("huisletter"), max_length=1, blank=True)
    huisnummertoevoeging = models.CharField(_("huisnummertoevoeging"), max_length=4, blank=True)
    behandelaar = models.CharField(_("behandelaar"), max_length=200, blank=True)
    behandelaar_email = models.CharField(_("e-mailadres behandelaar"), max_length=254, blank=True)
    ingelezen_op = models.DateTimeField(_("ingelezen op"), auto_now_add=True)

    class Meta:
        verbose_name = _("schuldhulpregistratie")
        verbose_name_plural = _("schuldhulpregistraties")
        indexes = [
            models.Index(fields=["gemeente", "postcode", "huisnummer"], name="shv_adres"),
            models.Index(fields=["gemeente", "geboortedatum"], name="shv_geboortedatum"),
        ]

    def __str__(self) -> str:
        return f"SHV-registratie {self.pk}"  # no personal data in str()
