"""Done-when of the DDAS delivery: the export of the demo region validates against the official
v1.2 and v0.9 schemas (from ../shared/ddas)."""

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from signaalroute.aanleveringen.models import Vroegsignaal
from signaalroute.contrib.ddas.management.commands.ddas_exporteren import Command
from signaalroute.demo.organisaties import demo_verwijderen
from signaalroute.vroegsignaalzaken.models import Vroegsignaalzaak

from .officieel import officiele_fouten

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Build the demo once for this module; remove it afterwards."""
    with django_db_blocker.unblock():
        call_command("demo", force=True, stdout=StringIO())
        yield
        demo_verwijderen()


@pytest.mark.parametrize("versie", ["1.2", "0.9"])
def test_the_demo_export_of_a_whole_year_validates(demo, versie):
    van = dt.date.today() - dt.timedelta(days=400)
    tot = dt.date.today() + dt.timedelta(days=1)
    stdout = StringIO()
    call_command(Command(), "--van", str(van), "--tot", str(tot), "--versie", versie, stdout=stdout)
    document = json.loads(stdout.getvalue())
    assert officiele_fouten(document, versie) == []
    leveringen = document["leveringen"]
    assert len(leveringen) == 2
    assert sum(len(lev["vroegsignalen"]) for lev in leveringen) == Vroegsignaal.objects.count()
    zaken = sum(len(lev["vroegsignaalzaken"]) for lev in leveringen)
    assert zaken == Vroegsignaalzaak.objects.count()
    tekst = stdout.getvalue()
    for achternaam in Vroegsignaal.objects.values_list("achternaam", flat=True)[:200]:
        assert f'"{achternaam}"' not in tekst
