"""What changed between two versions of a workplan, in words people read."""

from handbook.translation.kinds import SOURCE_LANGUAGE
from handbook.translation.lookup import SharedTexts

from ..models import ActionStatus, FundingSource, ItemStatus
from .change_text import indicator_text, value_text
from .snapshots import shared_texts_of

__all__ = ["compare_versions", "indicator_text"]

ITEM_LABELS = dict(ItemStatus.choices)
ACTION_LABELS = dict(ActionStatus.choices)
SOURCE_LABELS = dict(FundingSource.choices)


def _flatten(data: dict, texts: "SharedTexts | None" = None) -> dict:
    """(kind, uuid) -> (label, {field: value}) for comparing two versions.

    Keys use the frozen English texts, so versions with and without template ids still match;
    labels are in the reader's language when `texts` holds the translations."""
    texts = texts or SharedTexts(SOURCE_LANGUAGE, {})
    rows = {}
    for p in data["priorities"]:
        title = texts.text("priority", p.get("priority_id"), "title", p["title"])
        rows[("priority", p["number"])] = (title, {"summary": p["summary"]})
        for item in p["items"]:
            rows[("item", item["text"])] = (
                texts.text("checklistitem", item.get("item_id"), "text", item["text"]),
                {
                    "status": _label(ITEM_LABELS, item.get("status"), item["status_label"]),
                    "evidence": item["evidence"],
                    "link": item["link"],
                },
            )
        for action in p["actions"]:
            fields = {k: v for k, v in action.items() if k not in {"uuid", "status", "title"}}
            fields["status"] = _label(
                ACTION_LABELS, action.get("status"), fields.pop("status_label")
            )
            source = fields.pop("funding_source", None)
            frozen = fields.pop("funding_source_label", None)
            if source or frozen:
                fields["funding_source_label"] = _label(SOURCE_LABELS, source, frozen or "")
            rows[("action", action["uuid"])] = (action["title"], fields)
    return rows


def compare_versions(old: dict, new: dict) -> list[dict]:
    """Readable differences: one row per changed field of a priority, item or action."""
    texts = shared_texts_of(old, new)
    before, after = _flatten(old, texts), _flatten(new, texts)
    diffs = []
    for key in list(before) + [k for k in after if k not in before]:
        b_label, b_fields = before.get(key, (None, {}))
        a_label, a_fields = after.get(key, (None, {}))
        label = a_label or b_label
        for field in list(b_fields) + [f for f in a_fields if f not in b_fields]:
            old_value, new_value = b_fields.get(field), a_fields.get(field)
            if old_value != new_value:
                diffs.append(
                    {
                        "kind": key[0],
                        "label": str(label),
                        "field": field,
                        "before": _readable(old_value, field),
                        "after": _readable(new_value, field),
                        "added": key not in before,
                        "removed": key not in after,
                    }
                )
    return diffs


def _label(labels: dict, code, frozen: str) -> str:
    """A status in the reader's language; the label frozen at submission only for unknown codes,
    so two versions never differ merely by the language they were read in."""
    return str(labels.get(code, frozen))


def _readable(value, field: str = "") -> str:
    return value_text(value, field)
