"""Reads a PDF the way the tests need: text, structure, outline, embedded files."""

import io

import pypdf


def inspect(data: bytes) -> dict:
    reader = pypdf.PdfReader(io.BytesIO(data))
    root = reader.trailer["/Root"]
    names = root.get("/Names", {})
    fonts = set()
    for page in reader.pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    return {
        "pages": len(reader.pages),
        "text": "\n".join(page.extract_text() or "" for page in reader.pages),
        "root": set(root.keys()),
        "lang": str(root.get("/Lang", "")),
        "mark_info": root.get("/MarkInfo", {}),
        "outline": list(_flatten(reader.outline)),
        "title": (reader.metadata or {}).get("/Title"),
        "embedded_files": "/EmbeddedFiles" in names,
        "attachments": dict(reader.attachments),
        "fonts": fonts,
        "raw": data,
        "structure": list(_structure(root.get("/StructTreeRoot"))),
    }


def _structure(node, depth=0):
    """(role, alt text) of every structure element."""
    if node is None or depth > 60:
        return
    node = node.get_object()
    if isinstance(node, pypdf.generic.ArrayObject):
        for child in node:
            yield from _structure(child, depth + 1)
        return
    if not isinstance(node, pypdf.generic.DictionaryObject):
        return
    if "/S" in node:
        yield str(node["/S"]), str(node.get("/Alt", ""))
    kids = node.get("/K")
    if kids is not None:
        yield from _structure(kids, depth + 1)


def _flatten(outline):
    for item in outline:
        if isinstance(item, list):
            yield from _flatten(item)
        else:
            yield str(item.title)


def assert_accessible(info: dict, *, lang: str = "en") -> None:
    assert "/StructTreeRoot" in info["root"]
    assert "/MarkInfo" in info["root"] and bool(info["mark_info"].get("/Marked"))
    assert info["lang"] == lang
    assert info["outline"], "the bookmark outline is empty"
    assert info["title"]
    assert not info["embedded_files"] and not info["attachments"]
