"""Monitoring: a region's cases open during a period are read from one index on
(municipality, closed_at), which also serves the municipality's foreign key; a case's
changes since a moment are probed through `phase_change_at`, so `phase_change_since`
goes.

The single-column index of the foreign key is dropped by name: Django's own AlterField
would also drop and re-add the foreign key on PostgreSQL, checking every case again
under a lock.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_monitoring_case_municipality"),
        ("regions", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="phasechange", name="phase_change_since"),
        migrations.AddIndex(
            model_name="case",
            index=models.Index(fields=["municipality", "closed_at"], name="case_by_municipality"),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "cases_case_municipality_id_d40b1c25"',
                    'CREATE INDEX "cases_case_municipality_id_d40b1c25" '
                    'ON "cases_case" ("municipality_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="case",
                    name="municipality",
                    field=models.ForeignKey(
                        db_index=False,
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="regions.municipality",
                        verbose_name="municipality",
                    ),
                ),
            ],
        ),
    ]
