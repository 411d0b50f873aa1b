"""Reads of case handling. `zaken`: which cases and signals a user may see, the work list;
`dossier`: everything the case page shows."""

from .dossier import *  # noqa: F403
from .zaken import *  # noqa: F403
from .zaken import _open_zaken  # noqa: F401
