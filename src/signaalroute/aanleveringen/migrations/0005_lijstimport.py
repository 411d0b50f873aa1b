import django.db.models.deletion
from django.db import migrations, models

SOORTEN = [
    ("zorg", "Zorgverzekeraar"), ("energie", "Energie"), ("water", "Water"), ("huur", "Huur"),
    ("hypotheek", "Hypotheek"), ("cak_zorgverzekeringen", "CAK Zorgverzekeringen"),
    ("cak_eigen_bijdrage", "CAK Eigen bijdrage"), ("duo", "DUO"),
    ("belastingdienst", "Belastingdienst"), ("dienst_toeslagen", "Dienst Toeslagen"),
    ("overige", "Overige"),
]


def soort_van_partner(apps, schema_editor):
    Vroegsignaal = apps.get_model("aanleveringen", "Vroegsignaal")
    Signaalpartner = apps.get_model("signaalpartners", "Signaalpartner")
    for partner in Signaalpartner.objects.all():
        Vroegsignaal.objects.filter(signaalpartner=partner).update(soort=partner.soort)


class Migration(migrations.Migration):
    dependencies = [
        ("aanleveringen", "0004_alter_aanlevering_status"),
        ("gemeenten", "0001_initial"),
        ("signaalpartners", "0003_partnersleutel"),
    ]

    operations = [
        migrations.AddField(
            model_name="aanlevering",
            name="alleen_nieuw",
            field=models.BooleanField(default=False, help_text="Inwoners die op een eerder ingelezen lijst stonden, worden overgeslagen.", verbose_name="alleen nieuwe aanmeldingen"),
        ),
        migrations.AddField(
            model_name="aanlevering",
            name="gemeente",
            field=models.ForeignKey(blank=True, help_text="Alle signalen van deze lijst zijn voor deze gemeente.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name="lijstimports", to="gemeenten.gemeente", verbose_name="ingelezen door gemeente"),
        ),
        migrations.AddField(
            model_name="aanlevering",
            name="signaalsoort",
            field=models.CharField(blank=True, choices=SOORTEN, help_text="Leeg: de soort van de partner.", max_length=30, verbose_name="soort signaal"),
        ),
        migrations.AddField(
            model_name="vroegsignaal",
            name="soort",
            field=models.CharField(choices=SOORTEN, default="overige", help_text="DDAS-signaalpartnertype; meestal de soort van de partner.", max_length=30, verbose_name="soort signaal"),
            preserve_default=False,
        ),
        migrations.RunPython(soort_van_partner, migrations.RunPython.noop),
    ]
