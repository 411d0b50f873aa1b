from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Auditactie, Verwerkingsactiviteit
from .rules import PSEUDONIEM_LENGTE, bsn_normaliseren


class Logboekfilter(forms.Form):
    """The auditor's search. A BSN is only ever posted (never in a URL) and turned into its
    pseudonym (`betrokkene`), which is what the result links carry."""

    van = forms.DateField(label=_("Van"), required=False)
    tot = forms.DateField(label=_("Tot en met"), required=False)
    gebruiker = forms.CharField(label=_("Gebruiker"), max_length=150, required=False)
    actie = forms.ChoiceField(
        label=_("Actie"), choices=[("", _("Alle acties")), *Auditactie.choices], required=False
    )
    activiteit = forms.ChoiceField(
        label=_("Verwerkingsactiviteit"),
        choices=[("", _("Alle")), *Verwerkingsactiviteit.choices],
        required=False,
    )
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=None, required=False, to_field_name="uuid"
    )
    object = forms.UUIDField(label=_("Object-UUID"), required=False)
    bsn = forms.CharField(
        label=_("BSN van de betrokkene"),
        max_length=11,
        required=False,
        help_text=_("Wordt niet bewaard: gezocht wordt op het pseudoniem."),
    )
    betrokkene = forms.RegexField(
        regex=rf"^[0-9a-f]{{{PSEUDONIEM_LENGTE}}}$", required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten

    def clean_bsn(self) -> str:
        waarde = self.cleaned_data["bsn"].strip()
        if waarde and not bsn_normaliseren(waarde):
            raise forms.ValidationError(_("Een BSN bestaat uit 9 cijfers."))
        return bsn_normaliseren(waarde) if waarde else ""

    def clean(self):
        data = super().clean()
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Het einde ligt voor het begin."))
        return data
