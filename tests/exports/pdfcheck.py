"""Reads a PDF the way the tests need: text, structure, outline, embedded files; and checks
the laid-out pages: margins, what ends a page, how full pages are."""

import io
from dataclasses import dataclass, field

import pypdf
from weasyprint.formatting_structure import boxes


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


# Layout checks on WeasyPrint's laid-out pages (`rendering.render_document(html).pages`) --------

# Boxes that introduce what follows them: a page must not end with one of them.
INTRODUCERS = {"h1", "h2", "h3", "h4", "caption", "thead"}
SLACK = 0.5  # CSS px: rounding of glyph advances


@dataclass
class PageLayout:
    number: int
    fill: float  # share of the content area's height that content reaches, 0..1
    last: str  # text of the last box on the page
    last_tags: tuple[str, ...]  # element tags from the page down to that box
    overflow: list[str] = field(default_factory=list)  # what reaches past the right margin


def _tag(box) -> str:
    return (box.element_tag or "").split("::")[0]


def _walk(box, chain=()):
    """(box, its ancestors' tags) in document order; the margin boxes (running headers,
    page numbers) are left out."""
    if isinstance(box, boxes.MarginBox):
        return
    chain = (*chain, _tag(box))
    yield box, chain
    if not isinstance(box, boxes.ReplacedBox):
        for child in box.all_children():
            yield from _walk(child, chain)


def _is_leaf(box) -> bool:
    return isinstance(box, boxes.ReplacedBox) or (
        isinstance(box, boxes.TextBox) and bool(box.text.strip())
    )


def page_layouts(document) -> list[PageLayout]:
    out = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        left, top = page_box.content_box_x(), page_box.content_box_y()
        right, height = left + page_box.width, page_box.height
        bottom, last, last_tags, overflow = top, "", (), []
        for box, chain in _walk(page_box):
            if box is page_box:
                continue
            edge = box.border_box_x() + box.border_width()
            if edge > right + SLACK and (_is_leaf(box) or isinstance(box, boxes.TableBox)):
                what = box.text if isinstance(box, boxes.TextBox) else "/".join(chain[-3:])
                overflow.append(f"{what[:60]!r} ends {edge - right:.0f}px past the margin")
            if _is_leaf(box):
                bottom = max(bottom, box.border_box_y() + box.border_height())
                last = box.text if isinstance(box, boxes.TextBox) else chain[-1]
                last_tags = chain
        out.append(PageLayout(number, (bottom - top) / height, last, last_tags, overflow))
    return out


def assert_within_margins(layouts: list[PageLayout]) -> None:
    problems = [f"page {p.number}: {what}" for p in layouts for what in p.overflow]
    assert not problems, "\n".join(problems)


def assert_no_stranded_introducers(layouts: list[PageLayout]) -> None:
    """No page but the last ends with a heading, a caption or a table header."""
    stranded = [
        f"page {p.number} ends with <{tag}> {p.last!r}"
        for p in layouts[:-1]
        for tag in INTRODUCERS.intersection(p.last_tags)
    ]
    assert not stranded, "\n".join(stranded)


def assert_pages_filled(layouts: list[PageLayout], *, at_least: float = 0.3) -> None:
    """Every page but the cover and the last carries at least `at_least` of a page."""
    empty = [f"page {p.number}: {p.fill:.0%} filled" for p in layouts[1:-1] if p.fill < at_least]
    assert not empty, "\n".join(empty)
