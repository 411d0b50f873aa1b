"""Forms of the check and matching settings. Amounts are typed in euros, addresses as people
write them ("1234 ab", "12-A"); both are parsed with the intake's own parsers."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from signaalroute.aanleveringen.velden import Veldfout, huisnummer_parsen, postcode_parsen
from signaalroute.signaalpartners.constants import Signaalpartnersoort

from .models import Matchinginstellingen


class MatchinginstellingenForm(forms.ModelForm):
    class Meta:
        model = Matchinginstellingen
        fields = [
            "periodesoort",
            "afsluitdag",
            "terugkijkperiode_maanden",
            "huur_telt_als_match",
            "alleen_matches_behandelen",
            "slepers_drempel",
            "gaten_dichten_maanden",
        ]


def euro_naar_centen(tekst: str) -> int:
    """ "50", "50,00", "€ 1.250,50" → cents; a Dutch error otherwise."""
    schoon = tekst.replace("€", "").replace(" ", "")
    if "," in schoon:
        schoon = schoon.replace(".", "").replace(",", ".")
    try:
        bedrag = Decimal(schoon)
    except InvalidOperation as exc:
        raise forms.ValidationError(
            _("Vul een bedrag in euro's in, bijvoorbeeld 50 of 50,00.")
        ) from exc
    if not bedrag.is_finite() or bedrag < 0 or bedrag != bedrag.quantize(Decimal("0.01")):
        raise forms.ValidationError(
            _("Vul een bedrag van nul of meer in, met hooguit twee decimalen.")
        )
    return int(bedrag * 100)


class DrempelForm(forms.Form):
    soort = forms.ChoiceField(
        label=_("Soort partner"),
        required=False,
        choices=[("", _("Alle soorten zonder eigen drempel"))] + list(Signaalpartnersoort.choices),
    )
    minimum_bedrag = forms.CharField(label=_("Minimumbedrag (€)"), max_length=20)
    minimale_dagen = forms.IntegerField(
        label=_("Minimale achterstand (dagen)"), min_value=0, max_value=3650, initial=0
    )

    def clean_minimum_bedrag(self) -> int:
        return euro_naar_centen(self.cleaned_data["minimum_bedrag"])


class UitsluitingForm(forms.Form):
    postcode = forms.CharField(label=_("Postcode"), max_length=10)
    huisnummer = forms.CharField(
        label=_("Huisnummer"), max_length=20, help_text=_("Met letter of toevoeging, bijv. 12-A.")
    )
    reden = forms.CharField(
        label=_("Reden (intern)"), max_length=200, help_text=_("Alleen zichtbaar voor de gemeente.")
    )

    def clean_postcode(self) -> str:
        return _parsen(postcode_parsen, self.cleaned_data["postcode"])

    def clean_huisnummer(self) -> tuple:
        nummer, letter, toevoeging = _parsen(huisnummer_parsen, self.cleaned_data["huisnummer"])
        if len(toevoeging) > 4:
            raise forms.ValidationError(_("De toevoeging is langer dan 4 tekens."))
        return nummer, letter, toevoeging


def _parsen(parser, waarde):
    try:
        return parser(waarde)
    except Veldfout as fout:
        raise forms.ValidationError(fout.bericht) from fout


class SchuldhulplijstForm(forms.Form):
    bestand = forms.FileField(
        label=_("Lijst uit het schuldhulpsysteem (CSV)"),
        help_text=_(
            "Kolommen: achternaam en een BSN of geboortedatum; verder voorletters, voornamen, "
            "tussenvoegsel, postcode, huisnummer, behandelaar. De lijst vervangt de vorige."
        ),
    )
