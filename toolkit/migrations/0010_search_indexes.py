"""Full-text indexes of the region rows search reads (eubelong/core/fulltext.py), on PostgreSQL."""

from django.db import migrations

from eubelong.core.fulltext import REGION_TABLES, document, index_name


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in REGION_TABLES.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(table)} ON {table} "
            f"USING gin ({document(columns)})"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in REGION_TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(table)}")


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0009_funding_mix"),
        ("handbook", "0007_search_indexes"),
        ("regions", "0005_editors_may_submit"),
    ]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
