from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "eubelong.search"
    label = "search"
    verbose_name = _("Search")

    def ready(self):
        # Shared content's hits are kept per words and language (cache.py) until it changes.
        from django.db.models.signals import post_delete, post_save

        from eubelong.core.locking import row_updated

        from .cache import SHARED_MODELS, bump_shared

        for model in SHARED_MODELS:
            for signal in (post_save, post_delete):
                signal.connect(bump_shared, sender=model, dispatch_uid=f"search-{model}")

        def on_guarded_update(sender, **kwargs):
            if sender._meta.label in SHARED_MODELS:
                bump_shared()

        row_updated.connect(on_guarded_update, weak=False, dispatch_uid="search-guarded")
