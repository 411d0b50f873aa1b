from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _


class UploadForm(forms.Form):
    bestand = forms.FileField(
        label=_("Bestand"),
        help_text=_("CSV (UTF-8 of Windows-1252, met ; , of tab) of Excel (.xlsx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}),
    )

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > settings.AANLEVERING_MAX_BYTES:
            raise forms.ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Lever het in delen aan."),
                params={"mb": settings.AANLEVERING_MAX_BYTES // (1024 * 1024)},
            )
        return bestand


class LijstImportForm(forms.Form):
    BRON_CAK = "cak"

    gemeente = forms.ModelChoiceField(label=_("Gemeente"), queryset=None, empty_label=None)
    bron = forms.ChoiceField(
        label=_("Soort lijst"),
        help_text=_(
            "De CAK-lijst (wanbetalersregeling) of de bronheffingslijst van een zorgverzekeraar."
        ),
    )
    bestand = UploadForm.base_fields["bestand"]
    alleen_nieuw = forms.BooleanField(
        label=_("Alleen nieuwe aanmeldingen"),
        required=False,
        initial=True,
        help_text=_(
            "Inwoners die op een eerder ingelezen lijst van dezelfde bron stonden, "
            "worden overgeslagen."
        ),
    )

    def __init__(self, *args, gemeenten, zorgverzekeraars, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = gemeenten
        self.zorgverzekeraars = {str(z.pk): z for z in zorgverzekeraars}
        self.fields["bron"].choices = [
            (self.BRON_CAK, _("CAK-lijst (wanbetalersregeling)")),
            *(
                (pk, _("Bronheffingslijst van %(naam)s") % {"naam": z.naam})
                for pk, z in self.zorgverzekeraars.items()
            ),
        ]

    clean_bestand = UploadForm.clean_bestand

    def zorgverzekeraar(self):
        return self.zorgverzekeraars.get(self.cleaned_data["bron"])
