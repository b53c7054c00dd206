"""Removing a person empties their name on snapshots (SET NULL); only the content stays frozen."""

from django.db import migrations

REPLACE = """
CREATE OR REPLACE FUNCTION toolkit_snapshot_frozen() RETURNS trigger AS $$
BEGIN
  IF NEW.data IS DISTINCT FROM OLD.data OR NEW.revision <> OLD.revision
     OR NEW.workplan_id <> OLD.workplan_id OR NEW.region_id <> OLD.region_id
     OR NEW.submitted_at <> OLD.submitted_at THEN
    RAISE EXCEPTION 'toolkit snapshots are immutable';
  END IF;
  IF OLD.outcome <> 'pending' AND (
       NEW.outcome IS DISTINCT FROM OLD.outcome
       OR NEW.review_message IS DISTINCT FROM OLD.review_message
       OR NEW.reviewed_at IS DISTINCT FROM OLD.reviewed_at) THEN
    RAISE EXCEPTION 'this toolkit snapshot has already been reviewed';
  END IF;
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
"""


def replace(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REPLACE)


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0002_snapshot_frozen_trigger")]

    operations = [migrations.RunPython(replace, migrations.RunPython.noop)]
