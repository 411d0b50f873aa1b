"""Forms of the callcenter loop: choosing the cases of a round, and uploading its results."""

from django import forms
from django.utils.translation import gettext_lazy as _

from signaalroute.accounts.models import User
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.vroegsignaalzaken.selectors import teams_voor_zaken

from .constants import Bestandsformaat
from .parsing import MAX_BYTES
from .selectors import Belfilter, bakjes_voor

SELECT = "utrecht-select utrecht-select--html-select"


class BelrondeFilterForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=None, empty_label=None, widget=forms.Select()
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=None, required=False, empty_label=_("Alle teams")
    )
    bakje = forms.ChoiceField(label=_("Bakje"), required=False)
    alleen_bellen = forms.BooleanField(
        label=_("Alleen zaken waarvan de volgende stap bellen is"),
        required=False,
        initial=True,
        help_text=_(
            "Volgens de aanpak uit de triage en de pogingen tot nu toe. Zet dit uit om alle "
            "open zaken te kiezen."
        ),
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten_voor(user).order_by("naam")
        self.fields["team"].queryset = teams_voor_zaken(user).order_by("naam")
        self.fields["bakje"].choices = [("", _("Alle bakjes"))] + [
            (b, b) for b in bakjes_voor(user)
        ]
        for naam in ("gemeente", "team", "bakje"):
            self.fields[naam].widget.attrs["class"] = SELECT
        self.fields["alleen_bellen"].widget.attrs["class"] = "utrecht-checkbox"

    def filter(self) -> Belfilter:
        d = self.cleaned_data
        return Belfilter(
            gemeente=d["gemeente"],
            team=d.get("team"),
            bakje=d.get("bakje") or "",
            alleen_bellen=bool(d.get("alleen_bellen")),
        )


class FormaatForm(forms.Form):
    formaat = forms.ChoiceField(
        label=_("Bestandsformaat"),
        choices=Bestandsformaat.choices,
        initial=Bestandsformaat.XLSX,
        widget=forms.RadioSelect,
    )


class ResultaatForm(forms.Form):
    bestand = forms.FileField(
        label=_("Resultatenbestand van het callcenter"),
        help_text=_(
            "CSV (puntkomma of komma, UTF-8 of Windows-1252) of Excel (.xlsx), met de kolommen "
            "referentie, datum, tijd, bereikt en eventueel gevonden_telefoonnummer en notitie."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Lees het in delen in."),
                params={"mb": MAX_BYTES // (1024 * 1024)},
            )
        return bestand
