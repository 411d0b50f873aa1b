"""Forms of case handling: the work list's filter (query parameters in, a `Werklijstfilter`
out), the actions on the case page, and the deadline settings."""

from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from signaalroute.accounts.models import User
from signaalroute.gemeenten.models import Team, Wijk
from signaalroute.gemeenten.selectors import gemeenten_voor
from signaalroute.signaalpartners.constants import Signaalpartnersoort

from .constants import (
    Contactgegevenbron,
    Contactgegevensoort,
    Contactsoort,
    Dagdeel,
    Eindresultaat,
    Hulpstap,
    Nazorguitkomst,
    Ongeldigreden,
    Zaakfase,
)
from .models import Termijninstellingen
from .rules import SNELKEUZES
from .selectors import Werklijstfilter
from .services import Overdrachtgegevens, Pogingsgegevens
from .workflow import KIESBARE_RESULTATEN


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


# --- the case page ------------------------------------------------------------------------------

HULP_GEACCEPTEERD = "hulp_geaccepteerd"
_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    # Django puts a multiple-choice widget's class on its wrapper <div> as well as on every
    # input, which squeezes the list into one radio-sized box: those keep the browser's look.
    forms.RadioSelect: "",
    forms.CheckboxSelectMultiple: "",
}


class Zaakformulier(forms.Form):
    """A form on the case page: NL Design System classes, and ids unique per form (several
    forms on one page share field names)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.prefix_id}-%s")
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            widget = veld.widget
            if isinstance(widget, forms.HiddenInput):
                continue
            klasse = next((k for w, k in _KLASSEN.items() if isinstance(widget, w)), None)
            if klasse is None:
                klasse = "utrecht-textbox utrecht-textbox--html-input"
            if klasse:
                widget.attrs.setdefault("class", klasse)

    prefix_id = "zaak"

    def fouten_van_service(self, fout, namen: dict[str, str] | None = None) -> None:
        """Put a `ValidatieFout`'s `invalid_params` next to the fields they name; what names
        no field of this form becomes an error of the whole form."""
        params = fout.invalid_params or []
        if not params:
            veld = getattr(self, "STANDAARDVELD", None)
            self.add_error(veld if veld in self.fields else None, str(fout.message))
            return
        for param in params:
            naam = (namen or {}).get(param["name"], param["name"])
            # A single problem: the service's message is the full Dutch sentence.
            reden = str(fout.message) if len(params) == 1 else str(param["reason"])
            if naam in self.fields and naam not in (self.errors or {}):
                self.add_error(naam, reden)
            elif naam not in self.fields:
                self.add_error(None, reden)


def _datum(label, **kwargs) -> forms.DateField:
    return forms.DateField(
        label=label, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"), **kwargs
    )


JA_NEE = [("ja", _("Ja, contact gehad")), ("nee", _("Nee, niet bereikt"))]


class ContactpogingForm(Zaakformulier):
    prefix_id = "poging"

    soort = forms.ChoiceField(label=_("Soort contact"), choices=Contactsoort.choices)
    datum = _datum(_("Datum"))
    dagdeel = forms.ChoiceField(
        label=_("Dagdeel"), choices=[("", "–")] + list(Dagdeel.choices), required=False
    )
    bereikt = forms.ChoiceField(label=_("Bereikt?"), choices=JA_NEE, widget=forms.RadioSelect)
    notitie = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    vervolg_op = _datum(_("Volgende actie op"), required=False)
    vervolg_dagdeel = forms.ChoiceField(
        label=_("Dagdeel volgende actie"),
        choices=[("", "–")] + list(Dagdeel.choices),
        required=False,
    )
    vervolgafspraak = forms.CharField(label=_("Volgende actie"), max_length=200, required=False)

    def gegevens(self) -> Pogingsgegevens:
        d = self.cleaned_data
        return Pogingsgegevens(
            soort=d["soort"],
            datum=d["datum"],
            bereikt=d["bereikt"] == "ja",
            dagdeel=d["dagdeel"],
            notitie=d["notitie"],
            vervolg_op=d["vervolg_op"],
            vervolg_dagdeel=d["vervolg_dagdeel"],
            vervolgafspraak=d["vervolgafspraak"],
        )


class SnelkeuzeForm(Zaakformulier):
    prefix_id = "snelkeuze"

    code = forms.ChoiceField(choices=[(s.code, s.label) for s in SNELKEUZES])


class OverdrachtveldenMixin(forms.Form):
    """The warm hand-over: to whom, when, what was agreed (all optional here: the service says
    when it is required)."""

    organisatie = forms.CharField(
        label=_("Overgedragen aan (organisatie)"), max_length=200, required=False
    )
    contactpersoon = forms.CharField(label=_("Contactpersoon"), max_length=200, required=False)
    overdracht_datum = _datum(_("Datum overdracht"), required=False)
    afspraken = forms.CharField(
        label=_("Wat is afgesproken"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def overdracht(self) -> Overdrachtgegevens | None:
        d = self.cleaned_data
        if not any(d.get(v) for v in ("organisatie", "contactpersoon", "afspraken")):
            return None
        return Overdrachtgegevens(
            organisatie=d.get("organisatie", ""),
            datum=d.get("overdracht_datum") or timezone.localdate(),
            afspraken=d.get("afspraken", ""),
            contactpersoon=d.get("contactpersoon", ""),
        )


class AfsluitenForm(OverdrachtveldenMixin, Zaakformulier):
    prefix_id = "afsluiten"

    eindresultaat = forms.ChoiceField(
        label=_("Resultaat"),
        choices=[("", "–"), (HULP_GEACCEPTEERD, _("Hulp geaccepteerd (kies de concrete stap)"))]
        + [(r, Eindresultaat(r).label) for r in KIESBARE_RESULTATEN],
        required=False,
    )
    hulpstap = forms.ChoiceField(
        label=_("Concrete stap"),
        choices=[("", "–")] + list(Hulpstap.choices),
        required=False,
        help_text=_("Verplicht bij ‘Hulp geaccepteerd’."),
    )
    reden_intern = forms.CharField(
        label=_("Reden (alleen intern)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Verplicht bij ‘Niet opgepakt: andere reden’. Blijft intern: de partner ziet deze "
            "reden nooit."
        ),
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    nazorg_op = _datum(
        _("Nazorg op"),
        required=False,
        help_text=_("Leeg: geen nazorg. Aanbevolen bij resultaten zonder blijvende hulp."),
    )
    nazorg_reden = forms.CharField(label=_("Reden nazorg"), max_length=300, required=False)

    # service field name -> field of this form
    NAMEN = {"overdracht": "organisatie", "nazorg": "nazorg_op"}

    def clean(self):
        d = super().clean()
        if d.get("eindresultaat") == HULP_GEACCEPTEERD and not d.get("hulpstap"):
            self.add_error(
                "hulpstap",
                _(
                    "Hulp geaccepteerd: noem de concrete stap (regeling, verwijzing, budgetplan ...)."
                ),
            )
        return d

    def afsluiting(self) -> dict:
        d = self.cleaned_data
        hulp = d["eindresultaat"] == HULP_GEACCEPTEERD
        return {
            "eindresultaat": "" if hulp else d["eindresultaat"],
            "hulpstap": d["hulpstap"] if hulp else "",
            "reden_intern": d["reden_intern"],
            "toelichting": d["toelichting"],
            "overdracht": self.overdracht(),
            "nazorg_op": d["nazorg_op"],
            "nazorg_reden": d["nazorg_reden"],
        }


class HeropenenForm(Zaakformulier):
    prefix_id = "heropenen"

    reden = forms.CharField(
        label=_("Reden van heropenen"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "required": True}),
    )


class OverdrachtForm(OverdrachtveldenMixin, Zaakformulier):
    prefix_id = "overdracht"

    NAMEN = {"overdracht": "organisatie"}


class NazorgPlannenForm(Zaakformulier):
    prefix_id = "nazorg"

    op = _datum(_("Nazorg op"))
    reden = forms.CharField(label=_("Reden"), max_length=300, required=False)

    NAMEN = {"nazorg_op": "op"}


class NazorgAfrondenForm(OverdrachtveldenMixin, Zaakformulier):
    prefix_id = "nazorgafronden"

    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=[("", "–")] + list(Nazorguitkomst.choices), required=False
    )
    notitie = forms.CharField(
        label=_("Notitie"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    hulpstap = forms.ChoiceField(
        label=_("Concrete stap"),
        choices=[("", "–")] + list(Hulpstap.choices),
        required=False,
        help_text=_("Verplicht bij ‘Alsnog hulp geaccepteerd’."),
    )

    NAMEN = {"overdracht": "organisatie"}


class MedebehandelaarsForm(Zaakformulier):
    prefix_id = "mede"

    gebruikers = forms.ModelMultipleChoiceField(
        label=_("Medebehandelaars"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, medewerkers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gebruikers"].queryset = medewerkers
        self.fields["gebruikers"].label_from_instance = lambda u: u.get_full_name() or u.username


BRONNEN = [(b.value, b.label) for b in Contactgegevenbron if b != Contactgegevenbron.SIGNAALPARTNER]


class ContactgegevenForm(Zaakformulier):
    prefix_id = "contactgegeven"

    soort = forms.ChoiceField(
        label=_("Soort"),
        choices=[
            (Contactgegevensoort.TELEFOON.value, Contactgegevensoort.TELEFOON.label),
            (Contactgegevensoort.EMAIL.value, Contactgegevensoort.EMAIL.label),
        ],
    )
    waarde = forms.CharField(label=_("Telefoonnummer of e-mailadres"), max_length=254)
    bron = forms.ChoiceField(label=_("Bron"), choices=BRONNEN)

    STANDAARDVELD = "waarde"


class OnjuistForm(Zaakformulier):
    """Mark a contact detail wrong: a recorded one (`gegeven`), or one a partner delivered on
    a signal (`signaal` + `soort`); the value is read on the server, never posted."""

    prefix_id = "onjuist"

    gegeven = forms.UUIDField(required=False, widget=forms.HiddenInput)
    signaal = forms.UUIDField(required=False, widget=forms.HiddenInput)
    soort = forms.ChoiceField(
        choices=Contactgegevensoort.choices, required=False, widget=forms.HiddenInput
    )
    reden = forms.ChoiceField(label=_("Waarom klopt het niet?"), choices=Ongeldigreden.choices)


class TermijninstellingenForm(forms.ModelForm):
    class Meta:
        model = Termijninstellingen
        fields = [
            "crisis_werkdagen",
            "eerste_contact_dagen",
            "eerste_contact_werkdagen",
            "afsluiten_dagen",
            "afsluiten_werkdagen",
            "waarschuwen_werkdagen",
            "nazorg_weken",
        ]
        labels = {
            "eerste_contact_werkdagen": _("Eerste contact in werkdagen tellen"),
            "afsluiten_werkdagen": _("Afsluiten in werkdagen tellen"),
        }
