from django import forms

from .models import Bewaarinstellingen


class BewaarinstellingenForm(forms.ModelForm):
    class Meta:
        model = Bewaarinstellingen
        fields = [
            "zonder_hulp_maanden",
            "met_hulp_maanden",
            "tegengehouden_maanden",
            "brp_kandidaten_dagen",
            "shv_lijst_dagen",
        ]
