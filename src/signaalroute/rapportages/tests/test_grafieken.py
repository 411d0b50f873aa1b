"""The SVG charts: accessible, escaped, no styles or scripts (strict CSP)."""

from .. import grafieken


def _controleer(svg: str) -> None:
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg
    assert "style" not in svg and "<script" not in svg and "javascript:" not in svg


def test_bar_chart_escapes_labels_and_shows_values_as_text():
    svg = grafieken.staafdiagram(
        id="t",
        titel="A & B",
        beschrijving="<desc>",
        labels=["<script>alert(1)</script>", "Huur"],
        waarden=[1234, 12.5],
        eenheid="%",
    )
    _controleer(svg)
    assert "A &amp; B" in svg and "&lt;script&gt;" in svg
    assert "1.234%" in svg and "12,5%" in svg


def test_stacked_and_line_charts():
    reeksen = [grafieken.Reeks("Zorg", [1, 2]), grafieken.Reeks("Huur", [0, None])]
    for maker in (grafieken.gestapeld, grafieken.lijndiagram):
        svg = maker(
            id="x", titel="T", beschrijving="D", labels=["01-2025", "02-2025"], reeksen=reeksen
        )
        _controleer(svg)
        assert "Zorg" in svg and "Huur" in svg


def test_empty_charts_do_not_divide_by_zero():
    _controleer(grafieken.staafdiagram(id="l", titel="T", beschrijving="D", labels=[], waarden=[]))
    _controleer(grafieken.gestapeld(id="l", titel="T", beschrijving="D", labels=[], reeksen=[]))


def test_dutch_numbers():
    assert grafieken.getal(1234567) == "1.234.567"
    assert grafieken.getal(1234.5) == "1.234,5"
    assert grafieken.getal(None) == "–"
