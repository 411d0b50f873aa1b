from django import forms
from django.utils.translation import gettext_lazy as _

from signaalroute.gemeenten.models import Gemeente

from .constants import MAX_URL


class AbonnementForm(forms.Form):
    url = forms.CharField(
        label=_("Adres van uw ontvanger"),
        max_length=MAX_URL,
        help_text=_(
            "Een https-adres dat berichten met POST ontvangt en het OPTIONS-verzoek van de "
            "handdruk beantwoordt (zie de documentatie)."
        ),
        widget=forms.URLInput(attrs={"class": "utrecht-textbox", "autocomplete": "url"}),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        max_length=100,
        required=False,
        help_text=_("Bijvoorbeeld de naam van uw koppeling."),
        widget=forms.TextInput(attrs={"class": "utrecht-textbox"}),
    )
    gemeenten = forms.ModelMultipleChoiceField(
        label=_("Alleen voor deze gemeenten"),
        queryset=Gemeente.objects.filter(aangesloten=True),
        required=False,
        help_text=_("Niets gekozen: terugkoppeling uit alle gemeenten."),
        widget=forms.SelectMultiple(attrs={"class": "utrecht-select", "size": 6}),
    )
    bearer_token = forms.CharField(
        label=_("Bearer-token (optioneel)"),
        max_length=500,
        required=False,
        help_text=_(
            "Als uw ontvanger een token in de Authorization-header verwacht. Wordt niet meer "
            "getoond."
        ),
        widget=forms.PasswordInput(attrs={"class": "utrecht-textbox", "autocomplete": "off"}),
    )


class BeeindigenForm(forms.Form):
    reden = forms.CharField(label=_("Reden"), max_length=200, required=False)
