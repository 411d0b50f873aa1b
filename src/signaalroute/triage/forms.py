"""Forms for the triage pages: one rule (conditions, contact approach, outcome) or the
fallback, the concept's settings, the YAML import, a capacity row.

The forms only read what was typed (amounts in euros, whole numbers, choices) and build the
dict form of a rule (`rules.uitwisseling`); whether the rule is valid is decided centrally when
it is saved (`services.concept_opslaan`), and its messages are shown next to the fields.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from signaalroute.core.exceptions import ValidatieFout
from signaalroute.gemeenten.models import Team
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import Contactsoort, Zaaksoort

from . import rules as r
from .rules.uitwisseling import centen, euros

MAXIMAAL_VOORWAARDEN = 20
MAXIMAAL_STAPPEN = 10
MAXIMALE_YAML_BYTES = 1024 * 1024

_KLASSEN = {
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.NumberInput: "utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric",
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.ClearableFileInput: "utrecht-textbox utrecht-textbox--html-input",
    forms.CheckboxSelectMultiple: "utrecht-checkbox utrecht-checkbox--html-input",
}


class UtrechtFormulier(forms.Form):
    """Gives every widget the NL Design System (Utrecht) class for its kind."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for veld in self.fields.values():
            klasse = _KLASSEN.get(type(veld.widget))
            if klasse:
                veld.widget.attrs.setdefault("class", klasse)


# --- amounts and numbers --------------------------------------------------------------------

_DUIZENDTALLEN = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


def bedrag_lezen(tekst: str) -> int:
    """Euros as typed in Dutch: '1.000', '1000', '575,50', '€ 1.250,00' → cents. Without a
    comma, a dot followed by groups of three digits separates thousands."""
    schoon = (tekst or "").replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
    if "," not in schoon and _DUIZENDTALLEN.match(schoon):
        schoon = schoon.replace(".", "")
    try:
        return centen(schoon)
    except ValidatieFout:
        raise forms.ValidationError(
            _("‘%(waarde)s’ is geen bedrag in euro's; schrijf bijvoorbeeld 1.250 of 575,50."),
            params={"waarde": tekst},
        ) from None


def bedrag_tonen(waarde: Any) -> str:
    """An amount from the rules (euros) as typed: 1000 → '1.000', 575.5 → '575,50'."""
    heel, cent = divmod(centen(waarde), 100)
    tekst = f"{heel:,}".replace(",", ".")
    return tekst if cent == 0 else f"{tekst},{cent:02d}"


def getal_lezen(tekst: str) -> int:
    try:
        return int((tekst or "").strip())
    except ValueError:
        raise forms.ValidationError(
            _("‘%(waarde)s’ is geen heel getal."), params={"waarde": tekst}
        ) from None


# --- one condition, one step of the approach ------------------------------------------------

FEITKEUZES = [("", _("— kies een feit —")), *((code, f.naam) for code, f in r.FEITEN.items())]
KANAALKEUZES = [("", _("— geen —")), *((k, Contactsoort(k).label) for k in r.KANALEN)]
_GETALLEN = (r.Feitsoort.BEDRAG, r.Feitsoort.AANTAL, r.Feitsoort.LEEFTIJD)
_ZONDER_WAARDE = (r.Operator.JA, r.Operator.NEE, r.Operator.ONBEKEND)
_KEUZEVELDEN = {
    r.Feitsoort.PARTNERSOORTEN: "partnersoorten",
    r.Feitsoort.ZAAKSOORT: "zaaksoorten",
    r.Feitsoort.WIJK: "wijken",
}


class VoorwaardeFormulier(UtrechtFormulier):
    """A condition: a fact, a comparison fitting the fact's kind, and the value(s). Which value
    fields the page shows depends on the fact; a row without a fact is left out."""

    feit = forms.ChoiceField(label=_("Feit"), choices=FEITKEUZES, required=False)
    operator = forms.ChoiceField(label=_("Vergelijking"), required=False)
    waarde = forms.CharField(label=_("Waarde"), required=False, max_length=30)
    tot = forms.CharField(
        label=_("Tot en met (alleen bij ‘ligt tussen’)"), required=False, max_length=30
    )
    partnersoorten = forms.MultipleChoiceField(
        label=_("Soorten signaalpartners"),
        required=False,
        choices=Signaalpartnersoort.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    zaaksoorten = forms.MultipleChoiceField(
        label=_("Soorten zaak"),
        required=False,
        choices=Zaaksoort.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    wijken = forms.MultipleChoiceField(
        label=_("Wijken"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(
        self, *args, wijken: list[tuple[str, str]], vernieuwen: str | None = None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if vernieuwen:
            # With HTMX, choosing a fact re-renders the form with the fitting value fields.
            self.fields["feit"].widget.attrs.update(
                {
                    "hx-post": vernieuwen,
                    "hx-trigger": "change",
                    "hx-target": "#regelformulier",
                    "hx-swap": "outerHTML",
                    "hx-vals": '{"actie": "vernieuwen"}',
                }
            )
        code = self.data.get(self.add_prefix("feit")) if self.is_bound else self.initial.get("feit")
        self.definitie = r.FEITEN.get(code or "")
        operatoren = self.definitie.operatoren if self.definitie else ()
        self.fields["operator"].choices = [(op.value, r.OPERATORNAMEN[op]) for op in operatoren]
        if self.definitie and self.definitie.soort == r.Feitsoort.JA_NEE:
            self.fields["operator"].label = _("Ja of nee")
        # The municipality's districts, and any code the rule already names.
        gekozen = (
            self.data.getlist(self.add_prefix("wijken"))
            if self.is_bound and hasattr(self.data, "getlist")
            else list(self.initial.get("wijken") or [])
        )
        bekend = dict(wijken)
        self.fields["wijken"].choices = [
            *wijken,
            *((c, c) for c in dict.fromkeys(gekozen) if c and c not in bekend),
        ]
        self.voorwaarde: dict[str, Any] | None = None

    @property
    def soort(self) -> str:
        return self.definitie.soort.value if self.definitie else ""

    @property
    def keuzeveld(self):
        naam = _KEUZEVELDEN.get(self.definitie.soort) if self.definitie else None
        return self[naam] if naam else None

    def clean(self):
        data = super().clean()
        feit = self.definitie
        if feit is None or self.errors:
            return data
        operator = data.get("operator")
        if not operator:
            self.add_error("operator", _("Kies een vergelijking."))
            return data
        voorwaarde: dict[str, Any] = {"feit": feit.code, "operator": operator}
        if operator in _ZONDER_WAARDE:
            pass
        elif feit.soort in _GETALLEN:
            lezen = bedrag_lezen if feit.soort == r.Feitsoort.BEDRAG else getal_lezen
            velden = ("waarde", "tot") if operator == r.Operator.TUSSEN else ("waarde",)
            waarden = []
            for veld in velden:
                if not (data.get(veld) or "").strip():
                    self.add_error(veld, _("Vul een waarde in."))
                    continue
                try:
                    waarden.append(lezen(data[veld]))
                except forms.ValidationError as fout:
                    self.add_error(veld, fout)
            if len(waarden) != len(velden):
                return data
            if feit.soort == r.Feitsoort.BEDRAG:
                waarden = [euros(w) for w in waarden]
            voorwaarde["waarde"] = waarden if len(waarden) == 2 else waarden[0]
        else:
            voorwaarde["waarde"] = list(data.get(_KEUZEVELDEN[feit.soort]) or [])
        self.voorwaarde = voorwaarde
        return data

    @staticmethod
    def initial_uit(voorwaarde: dict[str, Any]) -> dict[str, Any]:
        """The form's initial values for a condition in dict form."""
        initial: dict[str, Any] = {"feit": voorwaarde["feit"], "operator": voorwaarde["operator"]}
        feit = r.FEITEN.get(voorwaarde["feit"])
        waarde = voorwaarde.get("waarde")
        if feit is None or waarde is None:
            return initial
        if feit.soort in _GETALLEN:
            tonen = bedrag_tonen if feit.soort == r.Feitsoort.BEDRAG else str
            if isinstance(waarde, list | tuple):
                initial["waarde"], initial["tot"] = tonen(waarde[0]), tonen(waarde[1])
            else:
                initial["waarde"] = tonen(waarde)
        elif feit.soort in _KEUZEVELDEN:
            initial[_KEUZEVELDEN[feit.soort]] = list(waarde)
        return initial


class StapFormulier(UtrechtFormulier):
    kanaal = forms.ChoiceField(label=_("Kanaal"), choices=KANAALKEUZES, required=False)
    aantal = forms.IntegerField(
        label=_("Aantal keer"),
        required=False,
        initial=1,
        widget=forms.NumberInput(attrs={"min": 1, "max": 10}),
    )

    def clean(self):
        data = super().clean()
        self.stap = None
        if data.get("kanaal"):
            aantal = data.get("aantal") or 1
            self.stap = {"kanaal": data["kanaal"]} | ({"aantal": aantal} if aantal != 1 else {})
        return data


# --- a rule, or the fallback ----------------------------------------------------------------

TERMIJNPROFIELEN = {
    r.TERMIJNPROFIEL_STANDAARD: _("Standaard: eerste contact binnen 14 dagen"),
    r.TERMIJNPROFIEL_CRISIS: _("Crisis: eerste contact binnen 3 werkdagen"),
}


class UitkomstFormulier(UtrechtFormulier):
    """The rule's name and place (not for the fallback) and where its cases go."""

    naam = forms.CharField(label=_("Naam van de regel"), max_length=100)
    plaats = forms.TypedChoiceField(
        label=_("Plaats in de lijst"),
        coerce=int,
        required=False,
        help_text=_("De eerste regel die past, beslist."),
    )
    bakje = forms.CharField(
        label=_("Bakje"),
        max_length=100,
        help_text=_("Het werkbakje waarin de zaak komt, bijvoorbeeld ‘Huisbezoek’."),
    )
    team = forms.ChoiceField(label=_("Team"), required=False)
    termijnprofiel = forms.ChoiceField(label=_("Termijn"), initial=r.TERMIJNPROFIEL_STANDAARD)

    def __init__(self, *args, teams: list[str], plaatsen: list[tuple[int, str]] | None, **kwargs):
        super().__init__(*args, **kwargs)
        huidig = self.data.get("team") if self.is_bound else self.initial.get("team")
        self.fields["team"].choices = [
            ("", _("Team van de wijk (jongeren: het jongerenteam)")),
            *((t, t) for t in teams),
            *([(huidig, huidig)] if huidig and huidig not in teams else []),
        ]
        profiel = (
            self.data.get("termijnprofiel") if self.is_bound else self.initial.get("termijnprofiel")
        )
        self.fields["termijnprofiel"].choices = [
            *TERMIJNPROFIELEN.items(),
            *([(profiel, profiel)] if profiel and profiel not in TERMIJNPROFIELEN else []),
        ]
        if plaatsen is None:  # the fallback: no name, no place
            del self.fields["naam"]
            del self.fields["plaats"]
        else:
            self.fields["plaats"].choices = plaatsen


class Regeleditor:
    """A rule (or with `terugval` the fallback outcome): the main form with rows of conditions
    and approach steps. Rows are added and removed with submit buttons named `actie` that
    re-render the page without saving (`actie_uitvoeren`)."""

    def __init__(
        self,
        *,
        teams: list[str],
        wijken: list[tuple[str, str]],
        data: QueryDict | None = None,
        regel: dict[str, Any] | None = None,
        plaatsen: list[tuple[int, str]] | None = None,
        plaats: int | None = None,
        terugval: bool = False,
        toon_fouten: bool = True,
        vernieuwen: str | None = None,
    ):
        self.terugval = terugval
        self.toon_fouten = toon_fouten
        self.algemene_fouten: list[str] = []
        uitkomst = (regel or {}) if terugval else (regel or {}).get("uitkomst", {})
        if data is not None:
            self.formulier = UitkomstFormulier(
                data, teams=teams, plaatsen=None if terugval else plaatsen
            )
            aantal_v = _aantal(data, "voorwaarden", MAXIMAAL_VOORWAARDEN)
            aantal_s = _aantal(data, "stappen", MAXIMAAL_STAPPEN)
            self.voorwaarden = [
                VoorwaardeFormulier(
                    data, prefix=f"voorwaarde-{j}", wijken=wijken, vernieuwen=vernieuwen
                )
                for j in range(0 if terugval else aantal_v)
            ]
            self.stappen = [StapFormulier(data, prefix=f"stap-{k}") for k in range(aantal_s)]
            return
        initial = {
            "bakje": uitkomst.get("bakje", ""),
            "team": uitkomst.get("team", ""),
            "termijnprofiel": uitkomst.get("termijnprofiel", r.TERMIJNPROFIEL_STANDAARD),
        }
        if not terugval:
            initial |= {"naam": (regel or {}).get("naam", ""), "plaats": plaats}
        self.formulier = UitkomstFormulier(
            initial=initial, teams=teams, plaatsen=None if terugval else plaatsen
        )
        voorwaarden = [] if terugval else (regel or {}).get("voorwaarden") or [{}]
        self.voorwaarden = [
            VoorwaardeFormulier(
                initial=VoorwaardeFormulier.initial_uit(v) if v else {},
                prefix=f"voorwaarde-{j}",
                wijken=wijken,
                vernieuwen=vernieuwen,
            )
            for j, v in enumerate(voorwaarden)
        ]
        stappen = [_stap(s) for s in uitkomst.get("aanpak") or []] or [{}]
        self.stappen = [StapFormulier(initial=s, prefix=f"stap-{k}") for k, s in enumerate(stappen)]

    # --- rows added or removed without saving ---

    @staticmethod
    def actie_uitvoeren(data: QueryDict, actie: str) -> QueryDict:
        """'voorwaarde_toevoegen', 'voorwaarde_verwijderen-2', 'stap_toevoegen',
        'stap_verwijderen-0' or 'vernieuwen' (nothing but a fresh preview)."""
        data = data.copy()
        soort, _, index = actie.partition("-")
        rijen = {
            "voorwaarde": ("voorwaarden", MAXIMAAL_VOORWAARDEN, VoorwaardeFormulier),
            "stap": ("stappen", MAXIMAAL_STAPPEN, StapFormulier),
        }
        naam, wat = soort.rsplit("_", 1) if "_" in soort else (soort, "")
        if naam not in rijen:
            return data
        teller, maximum, formulier = rijen[naam]
        aantal = _aantal(data, teller, maximum)
        if wat == "toevoegen" and aantal < maximum:
            data[teller] = str(aantal + 1)
        elif wat == "verwijderen" and index.isdigit() and int(index) < aantal:
            velden = list(formulier.base_fields)
            for k in range(int(index), aantal - 1):
                for veld in velden:
                    data.setlist(f"{naam}-{k}-{veld}", data.getlist(f"{naam}-{k + 1}-{veld}"))
            for veld in velden:
                data.pop(f"{naam}-{aantal - 1}-{veld}", None)
            data[teller] = str(aantal - 1)
        return data

    # --- validation ---

    def is_valid(self) -> bool:
        # Every form is checked (no short cut), so every error shows at once.
        geldig = [f.is_valid() for f in (self.formulier, *self.voorwaarden, *self.stappen)]
        return all(geldig)

    @property
    def heeft_fouten(self) -> bool:
        formulieren = [self.formulier, *self.voorwaarden, *self.stappen]
        return bool(self.algemene_fouten) or any(f.is_bound and f.errors for f in formulieren)

    @property
    def plaats(self) -> int | None:
        return self.formulier.cleaned_data.get("plaats") or None

    def uitkomst(self) -> dict[str, Any]:
        data = self.formulier.cleaned_data
        uitkomst: dict[str, Any] = {
            "bakje": data["bakje"],
            "aanpak": [f.stap for f in self.stappen if f.stap],
        }
        if data.get("team"):
            uitkomst["team"] = data["team"]
        uitkomst["termijnprofiel"] = data["termijnprofiel"]
        return uitkomst

    def _gebruikte_voorwaarden(self) -> list[VoorwaardeFormulier]:
        return [f for f in self.voorwaarden if f.voorwaarde is not None]

    def regel(self) -> dict[str, Any]:
        """The rule in dict form (after `is_valid`); rows without a fact are left out."""
        return {
            "naam": self.formulier.cleaned_data["naam"],
            "voorwaarden": [f.voorwaarde for f in self._gebruikte_voorwaarden()],
            "uitkomst": self.uitkomst(),
        }

    def fouten_verwerken(self, fout: ValidatieFout, index: int | None = None) -> None:
        """Show a rule set's validation errors: all in the summary, and each next to its
        field when it concerns this rule (rule `index`, 0-based, or the fallback)."""
        params = fout.invalid_params or []
        if not params:
            self.algemene_fouten.append(str(fout.message))
        basis = "terugval" if self.terugval else f"regels[{index}]"
        gebruikt = self._gebruikte_voorwaarden()
        stappen = [f for f in self.stappen if f.stap]
        for param in params:
            reden = str(param.get("reason", ""))
            self.algemene_fouten.append(reden)
            naam = str(param.get("name", ""))
            if index is None and not self.terugval or not naam.startswith(basis):
                continue
            rest = naam[len(basis) :]
            if self.terugval:
                rest = ".uitkomst" + rest
            if m := re.match(r"^\.voorwaarden\[(\d+)\]", rest):
                j = int(m.group(1))
                if j < len(gebruikt):
                    _fout_toevoegen(gebruikt[j], None, reden)
            elif m := re.match(r"^\.uitkomst\.aanpak\[(\d+)\]", rest):
                k = int(m.group(1))
                if k < len(stappen):
                    _fout_toevoegen(stappen[k], None, reden)
            elif m := re.match(r"^(?:\.uitkomst)?\.(naam|bakje|team|termijnprofiel)$", rest):
                veld = m.group(1)
                if veld in self.formulier.fields:
                    _fout_toevoegen(self.formulier, veld, reden)


def _fout_toevoegen(formulier: forms.Form, veld: str | None, reden: str) -> None:
    formulier.add_error(veld, reden)


def _aantal(data: QueryDict, sleutel: str, maximum: int) -> int:
    try:
        return max(0, min(int(data.get(sleutel, 0)), maximum))
    except (TypeError, ValueError):
        return 0


def _stap(stap: Any) -> dict[str, Any]:
    if isinstance(stap, str):
        return {"kanaal": stap, "aantal": 1}
    return {"kanaal": stap.get("kanaal", ""), "aantal": stap.get("aantal", 1)}


# --- the concept's settings, YAML import, capacity ------------------------------------------


class InstellingenFormulier(UtrechtFormulier):
    naam = forms.CharField(label=_("Naam van de regelset"), max_length=100)
    omschrijving = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    jongerenteam = forms.ModelChoiceField(
        label=_("Jongerenteam"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Geen: jongeren gaan naar het team van de wijk"),
        help_text=_(
            "Inwoners van 18 tot en met 27 jaar gaan naar dit team, tenzij de regel een team noemt."
        ),
    )
    toelichting = forms.CharField(
        label=_("Toelichting bij deze versie"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jongerenteam"].queryset = teams


class YamlImportFormulier(UtrechtFormulier):
    bestand = forms.FileField(
        label=_("YAML-bestand"),
        help_text=_("Een bestand zoals ‘YAML downloaden’ het maakt (UTF-8)."),
        widget=forms.ClearableFileInput(attrs={"accept": ".yaml,.yml,.txt"}),
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=2000)

    def clean_bestand(self):
        bestand = self.cleaned_data["bestand"]
        if bestand.size > MAXIMALE_YAML_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 1 MB."))
        try:
            self.tekst = bestand.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Het bestand is geen UTF-8-tekst.")) from None
        return bestand


class CapaciteitFormulier(UtrechtFormulier):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("Gedeeld (teams zonder eigen capaciteit voor dit kanaal)"),
    )
    kanaal = forms.ChoiceField(
        label=_("Kanaal"), choices=[(k, Contactsoort(k).label) for k in r.KANALEN]
    )
    per_maand = forms.IntegerField(
        label=_("Per maand"),
        help_text=_("Aantal zaken per maand; 0: dit kanaal is deze maand niet beschikbaar."),
        widget=forms.NumberInput(attrs={"min": 0}),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
