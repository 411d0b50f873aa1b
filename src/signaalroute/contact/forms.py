from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import Kanaal
from .models import Huisstijl


class HuisstijlForm(forms.ModelForm):
    class Meta:
        model = Huisstijl
        fields = [
            "afzender",
            "afdeling",
            "retouradres",
            "telefoon",
            "email",
            "website",
            "kleur",
            "ondertekenaar",
            "functie_ondertekenaar",
            "sms_afzender",
        ]
        widgets = {"kleur": forms.TextInput(attrs={"type": "color"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            veld.widget.attrs.setdefault("class", "utrecht-textbox utrecht-textbox--html-input")


class SjabloonForm(forms.Form):
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200, required=False)
    tekst = forms.CharField(
        label=_("Tekst"),
        widget=forms.Textarea(
            attrs={"rows": 16, "class": "utrecht-textarea utrecht-textarea--html-textarea"}
        ),
        help_text=_("Schrijf in eenvoudige taal (B1). Een lege regel begint een nieuwe alinea."),
    )
    toelichting = forms.CharField(label=_("Wat is er veranderd?"), max_length=300, required=False)

    def __init__(self, *args, kanaal: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp"].widget.attrs["class"] = (
            "utrecht-textbox utrecht-textbox--html-input"
        )
        self.fields["toelichting"].widget.attrs["class"] = (
            "utrecht-textbox utrecht-textbox--html-input"
        )
        if kanaal not in (Kanaal.BRIEF, Kanaal.EMAIL):
            del self.fields["onderwerp"]
