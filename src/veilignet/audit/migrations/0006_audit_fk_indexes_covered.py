"""Drop the single-column indexes of AuditEntry.user and .person: audit_by_user and
audit_by_person lead with the same columns, and every page view inserts entries.

Only the indexes are dropped. Django's own AlterField would also drop and re-add the
user foreign key on PostgreSQL, which checks every row again (tens of millions at
national size) under a lock.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0005_audit_by_username"),
        ("people", "0002_person_anonymised_at"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "audit_auditentry_person_id_8c96e98f"',
                    'CREATE INDEX "audit_auditentry_person_id_8c96e98f" '
                    'ON "audit_auditentry" ("person_id")',
                ),
                migrations.RunSQL(
                    'DROP INDEX IF EXISTS "audit_auditentry_user_id_b5ee03cd"',
                    'CREATE INDEX "audit_auditentry_user_id_b5ee03cd" '
                    'ON "audit_auditentry" ("user_id")',
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="auditentry",
                    name="person",
                    field=models.ForeignKey(
                        db_constraint=False,
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="people.person",
                        verbose_name="person",
                    ),
                ),
                migrations.AlterField(
                    model_name="auditentry",
                    name="user",
                    field=models.ForeignKey(
                        db_index=False,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="user",
                    ),
                ),
            ],
        ),
    ]
