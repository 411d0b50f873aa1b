"""The work list's filter form: query parameters in, a `Werklijstfilter` out."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Team, Wijk
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.signaalpartners.constants import Signaalpartnersoort

from .constants import Zaakfase
from .selectors import Werklijstfilter


class WerklijstForm(forms.Form):
    # Chosen with the tray links above the list; kept while filtering.
    bakje = forms.CharField(
        label=_("Bakje"), required=False, max_length=100, widget=forms.HiddenInput
    )
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("Alle")
    )
    wijk = forms.ChoiceField(label=_("Wijk"), required=False)
    soort = forms.ChoiceField(
        label=_("Soort partner"),
        required=False,
        choices=[("", _("Alle"))] + list(Signaalpartnersoort.choices),
    )
    bedrag_vanaf = forms.DecimalField(
        label=_("Bedrag vanaf (€)"), required=False, min_value=0, decimal_places=2
    )
    bedrag_tot = forms.DecimalField(
        label=_("Bedrag tot en met (€)"), required=False, min_value=0, decimal_places=2
    )
    termijn = forms.ChoiceField(
        label=_("Termijn"),
        required=False,
        choices=[
            ("", _("Alle")),
            ("verlopen", _("Verlopen")),
            ("binnenkort", _("Binnen 5 dagen")),
            ("vervolg", _("Vervolgactie gepland t/m vandaag")),
        ],
    )
    fase = forms.ChoiceField(
        label=_("Fase"),
        required=False,
        choices=[
            ("", _("Alle open zaken")),
            (Zaakfase.NIEUW, _("Nieuw")),
            (Zaakfase.IN_BEHANDELING, _("In behandeling")),
            (Zaakfase.NIEUWE_POGING, _("Nog geen contact, nieuwe poging gepland")),
            (Zaakfase.NAZORG, _("Nazorg")),
        ],
    )
    behandelaar = forms.ChoiceField(
        label=_("Behandelaar"),
        required=False,
        choices=[
            ("", _("Standaard")),
            ("mij", _("Mijn zaken")),
            ("niemand", _("Nog niemand")),
            ("alle", _("Iedereen")),
        ],
    )
    sortering = forms.ChoiceField(
        label=_("Sorteren op"),
        required=False,
        choices=[
            ("termijn", _("Termijn (crisis eerst)")),
            ("prioriteit", _("Prioriteit")),
            ("bedrag", _("Bedrag (hoog eerst)")),
            ("nieuwste", _("Nieuwste eerst")),
        ],
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        gemeenten = gemeenten_voor(user)
        self.fields["team"].queryset = Team.objects.filter(
            uitvoeringsorganisatie__gemeenten__in=gemeenten
        ).distinct()
        self.fields["wijk"].choices = [("", _("Alle wijken"))] + [
            (code, naam)
            for code, naam in Wijk.objects.filter(gemeente__in=gemeenten)
            .order_by("naam")
            .values_list("code", "naam")
            .distinct()
        ]

    def filter(self) -> Werklijstfilter:
        """The filter for valid input; an invalid field is ignored (its error is shown)."""
        d = self.cleaned_data if self.is_bound and self.is_valid() else {}
        centen = lambda bedrag: None if bedrag is None else int(Decimal(bedrag) * 100)  # noqa: E731
        return Werklijstfilter(
            bakje=d.get("bakje") or "",
            team=d["team"].pk if d.get("team") else None,
            wijk=d.get("wijk") or "",
            soort=d.get("soort") or "",
            bedrag_vanaf=centen(d.get("bedrag_vanaf")),
            bedrag_tot=centen(d.get("bedrag_tot")),
            termijn=d.get("termijn") or "",
            fase=d.get("fase") or "",
            behandelaar=d.get("behandelaar") or "",
            sortering=d.get("sortering") or "termijn",
        )
