"""On PostgreSQL audit entries stay append-only, except that the retention job may delete
expired entries: it sets `veilignet.retention = 'on'` with SET LOCAL inside its own
transaction (privacy.retention), and the trigger lets exactly those DELETEs through."""

from django.db import migrations

RETENTION_MAY_DELETE = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('veilignet.retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

APPEND_ONLY = """
CREATE OR REPLACE FUNCTION audit_entry_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _run(sql):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_alter_auditentry_purpose")]

    operations = [migrations.RunPython(_run(RETENTION_MAY_DELETE), _run(APPEND_ONLY))]
