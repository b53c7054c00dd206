from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Regions and roles")

    def ready(self):
        from django.apps import apps

        from eubelong.text import single_line_validators_install

        # The second-factor policy listens to sign-ins and to privilege changes.
        from . import twofactor  # noqa: F401

        single_line_validators_install(apps.get_models(include_auto_created=True))
