"""The population register (BRP) via the Haal Centraal BRP Personen API v2.

`client.py` talks to the API and returns the small dataclasses of `gegevens.py`; `lokaal/` is a
local service that speaks the same API with fictitious persons (demo and tests). See
docs/adr/0020-haal-centraal-brp-adapter.md.
"""
