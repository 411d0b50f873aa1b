import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from signaalroute.aanleveringen.rules import criteria_bepalen
from signaalroute.aanleveringen.velden import Veldfout, bedrag_parsen

from .models import Contactpersoon, Signaalpartner
from .rules import maand_parsen, maand_van


class MaandForm(forms.Form):
    """The month selector (GET ?maand=2026-10); an empty or invalid month is this month."""

    maand = forms.CharField(
        label=_("Maand"),
        required=False,
        widget=forms.TextInput(
            attrs={"type": "month", "class": "utrecht-textbox utrecht-textbox--html-input"}
        ),
    )

    def clean_maand(self) -> datetime.date | None:
        tekst = self.cleaned_data["maand"]
        if not tekst:
            return None
        maand = maand_parsen(tekst)
        if maand is None:
            raise forms.ValidationError(_("Kies een maand, bijvoorbeeld 2026-10."))
        return maand

    def gekozen_maand(self, vandaag: datetime.date) -> datetime.date:
        if self.is_bound and self.is_valid() and self.cleaned_data["maand"]:
            return self.cleaned_data["maand"]
        return maand_van(vandaag)


# --- partner directory ----------------------------------------------------------------------

_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
}


def _utrecht(form: forms.Form) -> None:
    for veld in form.fields.values():
        veld.widget.attrs.setdefault(
            "class", _KLASSEN.get(type(veld.widget), "utrecht-textbox utrecht-textbox--html-input")
        )


class PartnergegevensForm(forms.ModelForm):
    """What a partner publishes about itself. The threshold is entered in euros and stored in
    cents; the partner's own criteria may be stricter than those of its type, never looser."""

    minimum_bedrag_euro = forms.CharField(
        label=_("Minimumbedrag (euro)"),
        required=False,
        max_length=20,
        help_text=_(
            "Vanaf welk achterstallig bedrag u signaleert, bijv. 75,00. "
            "Leeg: de standaard voor uw soort."
        ),
    )

    class Meta:
        model = Signaalpartner
        fields = [
            "criteria",
            "minimale_achterstand_dagen",
            "aantal_herinneringen",
            "telefoonnummer_gemeenten",
            "email_gemeenten",
            "bereikbaarheid",
            "regeling_max_maanden",
            "regeling_behandelaar",
            "regeling_telefoonnummer",
            "regeling_email",
            "regeling_toelichting",
        ]
        widgets = {
            "criteria": forms.Textarea(attrs={"rows": 4}),
            "bereikbaarheid": forms.Textarea(attrs={"rows": 3}),
            "regeling_toelichting": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        order = ["criteria", "minimum_bedrag_euro"]
        self.order_fields(order)
        if self.instance.minimum_bedrag is not None:
            euros, centen = divmod(self.instance.minimum_bedrag, 100)
            self.initial["minimum_bedrag_euro"] = f"{euros},{centen:02d}"
        _utrecht(self)

    def clean_minimum_bedrag_euro(self) -> int | None:
        """Euros as typed (75 / 75,00 / € 1.250,00) in cents; empty is None."""
        tekst = self.cleaned_data["minimum_bedrag_euro"].strip()
        if not tekst:
            return None
        if tekst.strip("0,.-€ ") == "":
            return 0
        try:
            return bedrag_parsen(tekst)
        except Veldfout as fout:
            raise forms.ValidationError(fout.bericht) from None

    def clean(self):
        schoon = super().clean()
        standaard = criteria_bepalen(self.instance.soort)
        centen = schoon.get("minimum_bedrag_euro")
        if centen is not None and centen < standaard.minimum_bedrag:
            self.add_error(
                "minimum_bedrag_euro",
                _("Niet lager dan de standaard voor uw soort partner (€ %(bedrag)s).")
                % {"bedrag": f"{standaard.minimum_bedrag / 100:.2f}".replace(".", ",")},
            )
        dagen = schoon.get("minimale_achterstand_dagen")
        if dagen is not None and dagen < standaard.minimale_achterstand_dagen:
            self.add_error(
                "minimale_achterstand_dagen",
                _("Niet korter dan de standaard voor uw soort partner (%(dagen)s dagen).")
                % {"dagen": standaard.minimale_achterstand_dagen},
            )
        return schoon

    def gegevens(self) -> dict:
        """The cleaned values for `services.partnergegevens_bijwerken`."""
        gegevens = {veld: self.cleaned_data[veld] for veld in self.Meta.fields}
        gegevens["minimum_bedrag"] = self.cleaned_data.get("minimum_bedrag_euro")
        return gegevens


class ContactpersoonForm(forms.ModelForm):
    class Meta:
        model = Contactpersoon
        fields = ["naam", "functie", "telefoonnummer", "email", "gemeente"]

    def __init__(self, *args, gemeenten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.fields["gemeente"].empty_label = _("Alle gemeenten")
        _utrecht(self)

    def clean(self):
        schoon = super().clean()
        if not schoon.get("telefoonnummer") and not schoon.get("email"):
            raise forms.ValidationError(_("Vul een telefoonnummer of e-mailadres in."))
        return schoon

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in self.Meta.fields}
