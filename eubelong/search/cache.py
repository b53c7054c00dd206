"""The network's shared content found for some words in a language is the same for everyone:
it is kept per words and language until any of that content or its translations changes.

Handbook and Framework edits are guarded UPDATEs (no post_save) that write a revision; library
entries are guarded UPDATEs too: `row_updated` covers both.
"""

from eubelong.core.generations import Generation

SHARED = Generation("search:shared-generation")
SHARED_MODELS = (
    "handbook.Section",
    "handbook.ThematicArea",
    "handbook.TrainingModule",
    "handbook.Resource",
    "handbook.ContentTranslation",
    "handbook.Revision",
    "toolkit.LibraryIndicator",
)


def bump_shared(**_signal_kwargs) -> None:
    SHARED.bump_now_and_after_commit()


def kept_shared(terms: list[str], language: str, build):
    return SHARED.kept("search:shared", [language, *terms], build)
