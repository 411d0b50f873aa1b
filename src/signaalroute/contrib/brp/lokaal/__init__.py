"""The local BRP service: POST /personen of the BRP Personen API v2, fed with the fictitious
persons of `LokaalBrpPersoon`, so that the demo and the tests use the real adapter over HTTP and
switching to the real BRP is configuration only. Served only when BRP_LOKAAL is on."""
