"""Request parsers for the API."""

import json

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, but bodies it cannot safely hold become a 400, never a 500: nesting
    deep enough to exhaust the recursion limit, and text with unpaired UTF-16 surrogates
    (which no database column can store)."""

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("De JSON is te diep genest.") from exc
        try:
            json.dumps(data, ensure_ascii=False).encode("utf-8")
        except RecursionError as exc:
            raise ParseError("De JSON is te diep genest.") from exc
        except UnicodeEncodeError as exc:
            raise ParseError("De JSON bevat ongeldige tekens (losse surrogaten).") from exc
        return data
