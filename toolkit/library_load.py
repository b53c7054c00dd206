"""Loading the indicator library's starter set, for the migration that ships it and the demo."""

from .library_starter import STARTER


def starter_load(model) -> int:
    """Add the starter entries `model` (the library model, or its migration state) lacks;
    entries already there, edited or not, are left alone."""
    known = set(model.objects.values_list("code", flat=True))
    new = [
        model(**{**entry, "disaggregations": "\n".join(entry["disaggregations"])})
        for entry in STARTER
        if entry["code"] not in known
    ]
    model.objects.bulk_create(new)
    return len(new)
