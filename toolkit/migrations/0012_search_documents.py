"""Region rows' search documents stored in a generated column with its own index, on PostgreSQL
(eubelong/core/fulltext.py): the expression index they replace made PostgreSQL compute each
row's document again on every search of one region."""

from django.db import migrations

from eubelong.core.fulltext import (
    REGION_TABLES,
    STORED_COLUMN,
    document,
    index_name,
    stored_index_name,
)


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in REGION_TABLES.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {STORED_COLUMN} tsvector "
            f"GENERATED ALWAYS AS ({document(columns)}) STORED"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {stored_index_name(table)} ON {table} "
            f"USING gin ({STORED_COLUMN})"
        )
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(table)}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in REGION_TABLES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(table)} ON {table} "
            f"USING gin ({document(columns)})"
        )
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {STORED_COLUMN}")


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0011_labs"),
        ("regions", "0007_stakeholder_import_batch"),
    ]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
