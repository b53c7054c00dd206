"""Static files as production serves them: hashed names from the manifest, compressed copies."""

from django.contrib.staticfiles.storage import ManifestStaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class KeptURLs:
    """Each file's URL is looked up once per process: the manifest does not change while the
    process runs, and every page asks again for the same stylesheets and scripts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            found = self._urls[name] = super().url(name)
            return found


class ManifestStorage(KeptURLs, CompressedManifestStaticFilesStorage):
    pass


class UncompressedManifestStorage(KeptURLs, ManifestStaticFilesStorage):
    """The same names and URLs without the compressed copies, which only slow collectstatic
    where nothing serves them (the benchmark)."""
