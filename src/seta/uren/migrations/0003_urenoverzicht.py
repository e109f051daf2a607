"""The summary of approved hours (ADR 0033), filled for the weeks that are already approved.

The fill is one GROUP BY over the lines in approved weeks per cooperation, calendar month of the line's
``datum``, gemeente, eenheid, schaal and opdracht: the same as ``seta.uren.overzicht.herbereken``, written
out here with the historical models so the migration does not depend on later code.
"""

import django.core.validators
import django.db.models.deletion
import django.db.models.functions.comparison
from django.db import migrations, models
from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth, ExtractYear

SLEUTEL = ("samenwerkingsverband_id", "jaar", "maand", "gemeente_id", "eenheid_id", "schaal", "opdracht_id")


def vul(apps, schema_editor):  # type: ignore[no-untyped-def]
    Urenregel = apps.get_model("uren", "Urenregel")
    Urenoverzicht = apps.get_model("uren", "Urenoverzicht")
    rows = (
        Urenregel.objects.filter(weekstaat__status="goedgekeurd")
        .annotate(jaar=ExtractYear("datum"), maand=ExtractMonth("datum"))
        .values(*SLEUTEL)
        .annotate(som=Sum("uren"), aantal=Count("id"))
        .order_by()
    )
    Urenoverzicht.objects.bulk_create(
        [
            Urenoverzicht(**{k: r[k] for k in SLEUTEL}, uren=r["som"], aantal_regels=r["aantal"])
            for r in rows.iterator()
        ],
        batch_size=2000,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('gemeenten', '0001_initial'),
        ('opdrachten', '0002_kaderwijziging_overschrijding'),
        ('organisatie', '0002_medewerker_personeelsnummer'),
        ('samenwerkingsverbanden', '0002_explicit_bounds'),
        ('uren', '0002_groepsstatistiek'),
    ]

    operations = [
        migrations.CreateModel(
            name='Urenoverzicht',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('jaar', models.PositiveSmallIntegerField(verbose_name='jaar')),
                ('maand', models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(12)], verbose_name='maand')),
                ('schaal', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='salarisschaal')),
                ('uren', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='uren')),
                ('aantal_regels', models.IntegerField(verbose_name='aantal urenregels')),
                ('eenheid', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='organisatie.eenheid')),
                ('gemeente', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='gemeenten.gemeente')),
                ('opdracht', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='opdrachten.bestuursopdracht')),
                ('samenwerkingsverband', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='samenwerkingsverbanden.samenwerkingsverband')),
            ],
            options={
                'verbose_name': 'urenoverzicht',
                'verbose_name_plural': 'urenoverzichten',
                'constraints': [models.UniqueConstraint(models.F('samenwerkingsverband'), models.F('jaar'), models.F('maand'), django.db.models.functions.comparison.Coalesce('gemeente', models.Value(0)), models.F('eenheid'), django.db.models.functions.comparison.Coalesce('schaal', models.Value(0)), django.db.models.functions.comparison.Coalesce('opdracht', models.Value(0)), name='uniek_urenoverzicht')],
            },
        ),
        migrations.RunPython(vul, migrations.RunPython.noop),
    ]
