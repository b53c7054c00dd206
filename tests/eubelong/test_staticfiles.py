"""Static files' URLs under production storage."""

import json

import pytest

from eubelong.core.staticfiles import ManifestStorage, UncompressedManifestStorage


@pytest.mark.parametrize("kind", [ManifestStorage, UncompressedManifestStorage])
def test_a_files_url_is_read_from_the_manifest_once(tmp_path, kind):
    manifest = {"paths": {"css/app.css": "css/app.0a1b2c3d4e5f.css"}, "version": "1.1"}
    (tmp_path / "staticfiles.json").write_text(json.dumps(manifest))
    storage = kind(location=tmp_path, base_url="/static/")
    assert storage.url("css/app.css") == "/static/css/app.0a1b2c3d4e5f.css"
    storage.hashed_files.clear()  # the manifest is not read again for a known file
    assert storage.url("css/app.css") == "/static/css/app.0a1b2c3d4e5f.css"
    with pytest.raises(ValueError):  # an unknown file is still refused, and not kept
        storage.url("css/missing.css")
    with pytest.raises(ValueError):
        storage.url("css/missing.css")
