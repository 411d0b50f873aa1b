"""Writes of outreach. `sjablonen`: house style and versioned templates; `samenstellen`: one
message for one case; `printen`: letters and cards in the day's print batch and the PDF;
`berichten`: e-mail and SMS, queued and sent idempotently; `terugmeldingen`: bounces, SMS
delivery reports and returned letters."""

from .berichten import (
    bericht_controleren,
    bericht_versturen,
    berichten_klaarzetten,
    berichten_opnieuw_versturen,
    message_id,
)
from .printen import bericht_pdf, brieven_afdrukken, pdf_maken, printbatch_pdf
from .samenstellen import bericht_samenstellen, voorbeeld_samenstellen
from .sjablonen import (
    huisstijl_opslaan,
    sjabloon_activeren,
    sjabloon_concept_opslaan,
    standaardsjablonen_aanmaken,
)
from .terugmeldingen import (
    bericht_onbestelbaar_melden,
    bounce_verwerken,
    brief_retour_melden,
    sms_statusrapport_verwerken,
)

__all__ = [
    "bericht_controleren",
    "bericht_onbestelbaar_melden",
    "bericht_pdf",
    "bericht_samenstellen",
    "bericht_versturen",
    "berichten_klaarzetten",
    "berichten_opnieuw_versturen",
    "bounce_verwerken",
    "brief_retour_melden",
    "brieven_afdrukken",
    "huisstijl_opslaan",
    "message_id",
    "pdf_maken",
    "printbatch_pdf",
    "sjabloon_activeren",
    "sjabloon_concept_opslaan",
    "sms_statusrapport_verwerken",
    "standaardsjablonen_aanmaken",
    "voorbeeld_samenstellen",
]
