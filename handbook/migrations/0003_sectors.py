from django.db import migrations

SECTORS = [
    ("public", "Public authorities"),
    ("private", "Private sector"),
    ("civil", "Civil society"),
    ("migrant", "Migrant-led organisations"),
    ("other", "Other"),
]


def create_sectors(apps, schema_editor):
    Sector = apps.get_model("handbook", "Sector")
    for position, (code, name) in enumerate(SECTORS):
        Sector.objects.update_or_create(code=code, defaults={"name": name, "position": position})


class Migration(migrations.Migration):
    dependencies = [("handbook", "0002_content")]

    operations = [migrations.RunPython(create_sectors, migrations.RunPython.noop)]
