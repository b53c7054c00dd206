# Polish as public administration writes it: 01.12.2026, never 01-12-2026 beside ISO dates.
from django.conf.locale.pl.formats import *  # noqa: F403

SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y, H:i"
DATETIME_FORMAT = "j E Y, H:i"
