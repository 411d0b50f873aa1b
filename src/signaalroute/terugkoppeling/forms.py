"""Forms of the partner's feedback pages: the filter of the list and the debt-development
upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from signaalroute.signaalpartners.models import Signaalpartner

from . import selectors
from .constants import Terugkoppelcode
from .schuldontwikkeling import MAX_BYTES

_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input",
}


def _utrecht(form: forms.Form) -> None:
    for veld in form.fields.values():
        veld.widget.attrs.setdefault(
            "class", _KLASSEN.get(type(veld.widget), "utrecht-textbox utrecht-textbox--html-input")
        )


def _datum(label) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class TerugkoppelfilterForm(forms.Form):
    """GET filter: municipality (only those the partner delivered to), code and period."""

    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=None, required=False, empty_label=_("Alle gemeenten")
    )
    code = forms.ChoiceField(
        label=_("Terugkoppeling"),
        required=False,
        choices=[("", _("Alle")), *Terugkoppelcode.choices],
    )
    van = _datum(_("Teruggekoppeld vanaf"))
    tot = _datum(_("Teruggekoppeld tot en met"))

    def __init__(self, *args, signaalpartner: Signaalpartner, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = selectors.gemeenten_van(signaalpartner)
        _utrecht(self)

    def clean(self):
        schoon = super().clean()
        if schoon.get("van") and schoon.get("tot") and schoon["van"] > schoon["tot"]:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return schoon

    def filter(self) -> selectors.Terugkoppelfilter:
        """The chosen filter; an invalid filter shows everything (the errors are shown)."""
        if not self.is_bound or not self.is_valid():
            return selectors.Terugkoppelfilter()
        schoon = self.cleaned_data
        return selectors.Terugkoppelfilter(
            gemeente=schoon.get("gemeente"),
            code=schoon.get("code") or "",
            van=schoon.get("van"),
            tot=schoon.get("tot"),
        )


class SchuldontwikkelingUploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand (CSV)"),
        help_text=_(
            "Kolommen: signaal (UUID) of klantnummer met signaaldatum, code, peildatum en "
            "eventueel bedrag. Gescheiden door ; of , (UTF-8)."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _utrecht(self)

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Lever het in delen aan."),
                params={"mb": MAX_BYTES // (1024 * 1024)},
            )
        return bestand
