from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Regions and roles")

    def ready(self):
        from django.apps import apps

        from eubelong.core.text import single_line_validators_install

        # Sign-in auditing, the session index, the saved language and the second-factor
        # policy listen to sign-ins (and the policy to privilege changes).
        from .accounts import language, signals, twofactor  # noqa: F401

        single_line_validators_install(apps.get_models(include_auto_created=True))
