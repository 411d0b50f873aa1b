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
