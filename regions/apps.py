from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = _("Regions and roles")

    def ready(self):
        from django.apps import apps

        from eubelong.core.door import RegionDoor, register_door
        from eubelong.core.text import single_line_validators_install

        from .access import (
            region_ids_for_user,
            region_perms,
            region_view,
            regions_for_user,
            roles_changed,
        )

        # The shared machinery (exports, notices) opens regions through this door.
        register_door(
            RegionDoor(
                region_view=region_view,
                region_perms=region_perms,
                regions_for_user=regions_for_user,
                region_ids_for_user=region_ids_for_user,
            )
        )

        # Sign-in auditing, the session index, the saved language and the second-factor
        # policy listen to sign-ins (and the policy to privilege changes).
        from .accounts import language, signals, twofactor  # noqa: F401

        single_line_validators_install(apps.get_models(include_auto_created=True))

        # Any change of who holds which role: people's kept region ids are read again.
        from django.contrib.auth.models import Group
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from .models import RegionGroupObjectPermission, RegionUserObjectPermission

        for model in (RegionGroupObjectPermission, RegionUserObjectPermission, Group):
            for signal in (post_save, post_delete):
                signal.connect(roles_changed, sender=model, dispatch_uid=f"roles-{model.__name__}")
        m2m_changed.connect(
            roles_changed, sender=Group.user_set.through, dispatch_uid="roles-membership"
        )
