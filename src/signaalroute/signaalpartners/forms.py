import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

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
