"""Display helpers: money in cents shown as Dutch euros."""

from django import template

register = template.Library()


@register.filter
def euro(cents) -> str:
    if cents in (None, ""):
        return "–"
    cents = int(cents)
    sign = "-" if cents < 0 else ""
    euros, rest = divmod(abs(cents), 100)
    grouped = f"{euros:,}".replace(",", ".")
    return f"{sign}€ {grouped},{rest:02d}"
