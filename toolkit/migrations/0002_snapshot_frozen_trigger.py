"""On PostgreSQL the database itself refuses to change a snapshot's content, whatever the path."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION toolkit_snapshot_frozen() RETURNS trigger AS $$
BEGIN
  IF NEW.data IS DISTINCT FROM OLD.data OR NEW.revision <> OLD.revision
     OR NEW.workplan_id <> OLD.workplan_id OR NEW.region_id <> OLD.region_id
     OR NEW.submitted_at <> OLD.submitted_at THEN
    RAISE EXCEPTION 'toolkit snapshots are immutable';
  END IF;
  IF OLD.outcome <> 'pending' THEN
    RAISE EXCEPTION 'this toolkit snapshot has already been reviewed';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS toolkit_snapshot_frozen ON toolkit_snapshot;
CREATE TRIGGER toolkit_snapshot_frozen BEFORE UPDATE ON toolkit_snapshot
  FOR EACH ROW EXECUTE FUNCTION toolkit_snapshot_frozen();
"""
DROP = """
DROP TRIGGER IF EXISTS toolkit_snapshot_frozen ON toolkit_snapshot;
DROP FUNCTION IF EXISTS toolkit_snapshot_frozen();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
