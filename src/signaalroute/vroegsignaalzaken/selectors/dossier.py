"""Reads for the case page (filled in by the case-page work)."""

__all__: list[str] = []
