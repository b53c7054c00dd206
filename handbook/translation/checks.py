"""Checks a translation must pass before it is stored: it keeps the placeholders of its source
and, for Markdown fields, the source's structure (paragraphs, lists, tables, links, emphasis).

Readers would otherwise see broken e-mails (a lost `%(name)s`) or a table that no longer renders.
"""

import re
from collections import Counter

from django.utils.translation import gettext as _

PLACEHOLDER = re.compile(r"%\(\w+\)[sdf]|%[sdf]|\{\{ ?\w+ ?\}\}|\{\w+\}")
URL = re.compile(r"https?://[^\s)\]>]+")


def _blocks(text: str) -> list[str]:
    """The kind of each Markdown block, in order: paragraph, bullet, numbered, heading, table."""
    kinds = []
    for line in text.strip().splitlines():
        stripped = line.strip()
        if not stripped:
            kinds.append("")
        elif re.match(r"[-*+] ", stripped):
            kinds.append("bullet")
        elif re.match(r"\d+[.)] ", stripped):
            kinds.append("numbered")
        elif stripped.startswith("#"):
            kinds.append("heading" + str(len(stripped) - len(stripped.lstrip("#"))))
        elif stripped.startswith("|"):
            kinds.append("table" + str(stripped.strip("|").count("|") + 1))
        elif kinds and kinds[-1] == "paragraph":
            continue  # a paragraph may wrap over several lines in either language
        else:
            kinds.append("paragraph")
    # Blank lines only separate blocks; several in a row count as one.
    return [k for i, k in enumerate(kinds) if k or (i and kinds[i - 1])]


def _describe_blocks(blocks: list[str]) -> dict:
    count = Counter(block.rstrip("0123456789") for block in blocks if block)
    return {
        "paragraph": count["paragraph"],
        "bullet": count["bullet"],
        "numbered": count["numbered"],
        "heading": count["heading"],
        "table": count["table"],
    }


def problems(source: str, text: str, *, markdown: bool = False) -> list[str]:
    """What is wrong with `text` as a translation of `source`, in sentences; [] when nothing."""
    if not (text or "").strip():
        return []
    found = []
    missing = Counter(PLACEHOLDER.findall(source)) - Counter(PLACEHOLDER.findall(text))
    extra = Counter(PLACEHOLDER.findall(text)) - Counter(PLACEHOLDER.findall(source))
    if missing:
        found.append(
            _("Keep the placeholders of the English text: %(names)s is missing.")
            % {"names": ", ".join(sorted(missing))}
        )
    if extra:
        found.append(
            _("%(names)s is not in the English text; remove it or copy the placeholder exactly.")
            % {"names": ", ".join(sorted(extra))}
        )
    if not markdown:
        return found
    if set(URL.findall(source)) != set(URL.findall(text)):
        found.append(_("Keep the links of the English text unchanged."))
    if source.count("**") != text.count("**") or source.count("](") != text.count("]("):
        found.append(_("Keep the bold text and links the English text has, the same number."))
    want, got = _blocks(source), _blocks(text)
    if want != got:
        want_count, got_count = _describe_blocks(want), _describe_blocks(got)
        labels = {
            "paragraph": _("paragraphs"),
            "bullet": _("bullet points"),
            "numbered": _("numbered points"),
            "heading": _("headings"),
            "table": _("table rows"),
        }
        differences = [
            _("%(what)s: %(want)s in English, %(got)s here")
            % {"what": labels[name], "want": want_count[name], "got": got_count[name]}
            for name in labels
            if want_count[name] != got_count[name]
        ]
        if not differences:
            differences = [
                _("a table has other columns, or lists and paragraphs come in another order")
            ]
        found.append(
            _("Keep the layout of the English text (%(differences)s).")
            % {"differences": "; ".join(differences)}
        )
    return found
