"""Monitoring's completions read the follow-ups ended in a period from a partial
index of the status changes that end one, index-only, instead of every status change
of the period from the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0009_monitoring_elder_index"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="statuschange", name="status_change_at"),
        migrations.AddIndex(
            model_name="statuschange",
            index=models.Index(
                condition=models.Q(("status__in", ("closed", "handed_over"))),
                fields=["changed_at"],
                include=("report", "id"),
                name="status_change_ended",
            ),
        ),
    ]
