from django.db import migrations, models
from django.utils import timezone


def mark_enrolled(apps, schema_editor):
    """Accounts that already hold an authenticator have had one."""
    TOTPDevice = apps.get_model("otp_totp", "TOTPDevice")
    UserProfile = apps.get_model("regions", "UserProfile")
    now = timezone.now()
    for user_id in TOTPDevice.objects.filter(confirmed=True).values_list("user_id", flat=True):
        UserProfile.objects.update_or_create(
            user_id=user_id, defaults={"second_factor_since": now}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("regions", "0002_auditentry_invitation_stakeholder_contactperson_and_more"),
        ("otp_totp", "0003_add_timestamps"),
    ]

    operations = [
        migrations.AddField(
            model_name="userprofile",
            name="second_factor_since",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.RunPython(mark_enrolled, migrations.RunPython.noop),
    ]
