"""The plain-text summary `demo` prints: organisations, counts and the demo accounts."""

from django.db.models import Count

from signaalroute.aanleveringen.models import Aanlevering, Vroegsignaal
from signaalroute.signaalpartners.constants import Signaalpartnersoort
from signaalroute.vroegsignaalzaken.constants import Zaakfase, Zaaksoort
from signaalroute.vroegsignaalzaken.models import Contactpoging, Vroegsignaalzaak

from .organisaties import DEMO_WACHTWOORD
from .services import Demoresultaat


def _getal(waarde: int) -> str:
    return f"{waarde:,}".replace(",", ".")


def _procent(deel: int, geheel: int) -> str:
    return f"{100 * deel / geheel:.0f}%" if geheel else "-"


def samenvatting(resultaat: Demoresultaat, duur: float) -> list[str]:
    regio = resultaat.regio
    gemeenten = list(regio.gemeenten.values())
    signalen = Vroegsignaal.objects.filter(gemeente__in=gemeenten)
    zaken = Vroegsignaalzaak.objects.filter(gemeente__in=gemeenten)
    aantal_signalen = signalen.count()
    aantal_zaken = zaken.count()
    aanleveringen = Aanlevering.objects.filter(
        signaalpartner__in=resultaat.partners.values()
    ).count()

    regels = [
        f"Demogegevens opgebouwd in {duur:.1f} s (peildatum {resultaat.vandaag:%d-%m-%Y}).",
        "",
        "Uitvoeringsorganisatie",
        f"  {regio.organisatie.code:<28} {regio.organisatie.naam}",
        "",
        "Gemeenten (CBS-code)",
    ]
    for gemeente in gemeenten:
        wijken = ", ".join(w.naam for w in regio.wijken.values() if w.gemeente_id == gemeente.pk)
        regels.append(
            f"  {gemeente.cbs_code}  {gemeente.naam:<14} {_getal(gemeente.inwoners):>7} inwoners"
            f"  wijken: {wijken}"
        )
    regels += ["", "Teams"]
    for team in regio.teams.values():
        wijken = ", ".join(w.naam for w in team.wijken.all())
        soort = f"extern, wijken: {wijken}" if team.extern else "intern"
        regels.append(f"  {team.naam:<28} {soort}")

    regels += ["", "Signaalpartners (code, soort, naam)"]
    for partner in resultaat.partners.values():
        regels.append(f"  {partner.code:<28} {partner.soort:<8} {partner.naam}")

    regels += [
        "",
        "Aantallen (12 maanden)",
        f"  Aanleveringen:      {_getal(aanleveringen)}",
        f"  Vroegsignalen:      {_getal(aantal_signalen)} "
        f"({_getal(resultaat.afgewezen_regels)} regels afgewezen: adres buiten de regio)",
    ]
    per_soort = dict(
        signalen.values_list("signaalpartner__soort").annotate(n=Count("id")).order_by()
    )
    for soort, label in Signaalpartnersoort.choices:
        if soort in per_soort:
            aantal = per_soort[soort]
            regels.append(
                f"    {label:<18} {_getal(aantal):>6}  {_procent(aantal, aantal_signalen):>4}"
            )
    eindelevering = signalen.filter(eindelevering=True).count()
    regels.append(f"    (waarvan {_getal(eindelevering)} eindelevering, als crisissignaal)")

    regels.append(f"  Vroegsignaalzaken:  {_getal(aantal_zaken)}")
    per_zaaksoort = dict(zaken.values_list("soort").annotate(n=Count("id")).order_by())
    for soort, label in Zaaksoort.choices:
        aantal = per_zaaksoort.get(soort, 0)
        regels.append(f"    {label:<18} {_getal(aantal):>6}  {_procent(aantal, aantal_zaken):>4}")
    per_fase = dict(zaken.values_list("fase").annotate(n=Count("id")).order_by())
    fasen = ", ".join(
        f"{label.lower()} {_getal(per_fase.get(fase, 0))}" for fase, label in Zaakfase.choices
    )
    regels.append(f"    fase: {fasen}")
    pogingen = Contactpoging.objects.filter(vroegsignaalzaak__in=zaken).count()
    regels.append(f"  Contactpogingen:    {_getal(pogingen)}")

    regels += _accounts(resultaat)
    return regels


def _accounts(resultaat: Demoresultaat) -> list[str]:
    rijen = [("Gebruikersnaam", "Rol", "Organisatie", "Team", "Wachtwoord", "TOTP-geheim")]
    for account in resultaat.accounts:
        user = account.user
        organisatie = user.signaalpartner or user.uitvoeringsorganisatie
        rijen.append(
            (
                user.username,
                user.get_rol_display(),
                organisatie.code if organisatie else "(platform)",
                user.team.naam if user.team else "-",
                DEMO_WACHTWOORD,
                account.totp_geheim,
            )
        )
    breedtes = [max(len(str(rij[i])) for rij in rijen) for i in range(len(rijen[0]))]
    regels = [
        "",
        "Demo-accounts (wachtwoord en tweede factor; voer het TOTP-geheim of de otpauth-URL in",
        "een authenticator-app in)",
    ]
    for nummer, rij in enumerate(rijen):
        regel = "  ".join(str(w).ljust(b) for w, b in zip(rij, breedtes, strict=True))
        regels.append(f"  {regel}".rstrip())
        if nummer == 0:
            regels.append("  " + "  ".join("-" * b for b in breedtes))
    regels += ["", "otpauth-URL's"]
    regels += [f"  {a.user.username}: {a.otpauth_url}" for a in resultaat.accounts]
    if resultaat.api_sleutel:
        regels += [
            "",
            f"Partner-API (systeem van {resultaat.api_partner}; de sleutel is nieuw bij elke run)",
            f"  API-sleutel: {resultaat.api_sleutel}",
            "  Voorbeeld:   curl -H 'Authorization: Bearer <sleutel>' "
            "http://127.0.0.1:8000/api/v1/aanleveringen",
            "  Aanleveren:  curl -H 'Authorization: Bearer <sleutel>' -H 'Content-Type: text/csv' "
            "--data-binary @docs/voorbeelden/aanlevering-voorbeeld.csv "
            "http://127.0.0.1:8000/api/v1/aanleveringen",
        ]
    return regels
