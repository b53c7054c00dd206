"""Full-text search on PostgreSQL: an accent-folding function and indexes of the translations, one
per partner language (with its stemming) and one by word prefix for all (eubelong/core/fulltext.py)."""

from django.db import migrations

from eubelong.core.fulltext import CONFIGS, FOLD_FUNCTION, document, index_name

TABLE = "handbook_contenttranslation"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FOLD_FUNCTION)
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {index_name(TABLE)} ON {TABLE} USING gin ({document(['text'])})"
    )
    for language, config in CONFIGS.items():
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {index_name(TABLE, config)} ON {TABLE} "
            f"USING gin ({document(['text'], config)}) WHERE language = '{language}'"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for config in ["simple", *CONFIGS.values()]:
        schema_editor.execute(f"DROP INDEX IF EXISTS {index_name(TABLE, config)}")


class Migration(migrations.Migration):
    dependencies = [("handbook", "0006_translated_status")]
    operations = [migrations.RunPython(forwards, backwards, elidable=False)]
