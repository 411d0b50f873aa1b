"""The dashboard's tables (and their charts) built from `cijfers`: one list used by the page,
the CSV/XLSX exports and the platform-wide view, so what is shown and what is exported are the
same numbers. Values stay numbers here; the template formats them (`weergave`).
"""

from ._tabel import AANTAL, GETAL, PROCENT, TEKST, Kolom, Tabel
from .dashboard import dashboardtabellen
from .platform import PLATFORMTABELLEN, onderdruk, platformtabellen

__all__ = [
    "AANTAL",
    "GETAL",
    "PLATFORMTABELLEN",
    "PROCENT",
    "TEKST",
    "Kolom",
    "Tabel",
    "dashboardtabellen",
    "onderdruk",
    "platformtabellen",
]
