"""Monitoring: a case carries its household's municipality, and phase changes are
indexed by moment (the cases changed since the end of a period)."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_municipality(apps, schema_editor):
    """One UPDATE for all cases: the municipality of each case's household."""
    Case = apps.get_model("cases", "Case")
    Household = apps.get_model("people", "Household")
    municipality = Household.objects.filter(pk=OuterRef("household_id")).values("municipality_id")
    Case.objects.update(municipality_id=Subquery(municipality[:1]))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_monitoring_probe_indexes"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="case",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.RunPython(copy_municipality, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="case",
            name="municipality",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="regions.municipality",
                verbose_name="municipality",
            ),
        ),
        migrations.AddIndex(
            model_name="phasechange",
            index=models.Index(fields=["changed_at"], include=("case",), name="phase_change_since"),
        ),
    ]
