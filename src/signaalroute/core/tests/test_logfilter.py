"""No personal data in application logs: the filter masks it whatever the handler."""

import io
import logging

from signaalroute.core.logging import GEMASKEERD, PersoonsgegevensFilter, maskeren


def _logger() -> tuple[logging.Logger, io.StringIO]:
    uitvoer = io.StringIO()
    handler = logging.StreamHandler(uitvoer)
    handler.setFormatter(logging.Formatter("%(message)s %(klant)s"))
    handler.addFilter(PersoonsgegevensFilter())
    logger = logging.getLogger("signaalroute.test.logfilter")
    logger.handlers = [handler]
    logger.propagate = False
    logger.setLevel(logging.INFO)
    return logger, uitvoer


def test_filter_masks_personal_data_in_message_arguments_and_extra():
    logger, uitvoer = _logger()
    logger.info(
        "Signaal voor %s (%s) niet verstuurd naar %s",
        "111222333",
        "06 1234 5678",
        "piet@voorbeeld.nl",
        extra={"klant": "bel 0201234567"},
    )
    regel = uitvoer.getvalue()
    assert "111222333" not in regel
    assert "1234 5678" not in regel
    assert "piet@voorbeeld.nl" not in regel
    assert "0201234567" not in regel
    assert "Signaal voor [verwijderd]" in regel


def test_filter_masks_the_text_of_an_exception():
    logger, uitvoer = _logger()
    try:
        raise ValueError("dubbele sleutel bsn=111222333")
    except ValueError:
        logger.exception("Opslaan mislukt", extra={"klant": ""})
    assert "111222333" not in uitvoer.getvalue()
    assert "ValueError" in uitvoer.getvalue()


def test_filter_never_drops_a_line():
    logger, uitvoer = _logger()
    logger.info("%d signalen verwerkt", 12, extra={"klant": "-"})
    assert uitvoer.getvalue().startswith("12 signalen verwerkt")


def test_masking_hides_bsn_email_and_phone_numbers():
    tekst = (
        "bsn 111222333, mail jan.jansen+x@voorbeeld.nl, mobiel 06-12345678, "
        "vast 010 123 4567, internationaal +31 20 1234567"
    )
    gemaskeerd = maskeren(tekst)
    for geheim in ("111222333", "jan.jansen", "12345678", "123 4567", "1234567"):
        assert geheim not in gemaskeerd
    assert gemaskeerd.count(GEMASKEERD) == 5


def test_masking_leaves_uuids_counts_and_dates_alone():
    tekst = "zaak 3f0c6f9e-8f7e-4d0b-9a56-0123456789ab: 1234 signalen op 2025-06-01 om 10:00"
    assert maskeren(tekst) == tekst
