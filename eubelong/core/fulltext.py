"""The SQL of search on PostgreSQL, shared by the migrations that index it and the queries that use
those indexes: an expression index is only used when the query repeats its expression exactly.
Changing an expression here needs a new migration that rebuilds the indexes."""

ACCENTED = "áàâäãåąăçćčďéèêëęěíìîïłńñňóòôöõőřśšșşťțúùûüůűýÿźżž"
PLAIN = "aaaaaaaacccdeeeeeeiiiilnnnoooooorssssttuuuuuuyyzzz"

FOLD_FUNCTION = f"""
CREATE OR REPLACE FUNCTION eub_fold(value text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
$$ SELECT translate(lower(coalesce(value, '')), '{ACCENTED}', '{PLAIN}') $$
"""

# PostgreSQL's text search configurations for the partner languages; Polish has none.
CONFIGS = {
    "en": "english",
    "es": "spanish",
    "ca": "catalan",
    "it": "italian",
    "de": "german",
    "ro": "romanian",
}

# Region rows searched by a prefix of each word: table -> its searched columns.
REGION_TABLES = {
    "toolkit_action": ["title", "objective", "description"],
    "toolkit_indicator": ["name", "unit"],
    "toolkit_comment": ["body"],
    "regions_stakeholder": ["name"],
}


def document(columns: list[str], config: str = "simple", table: str = "") -> str:
    """to_tsvector over the folded columns, written identically for indexes and queries."""
    prefix = f'"{table}".' if table else ""
    joined = " || ' ' || ".join(f'eub_fold({prefix}"{column}")' for column in columns)
    return f"to_tsvector('{config}'::regconfig, {joined})"


def index_name(table: str, config: str = "simple") -> str:
    return f"{table[:30]}_{config}_fts"


# Region rows keep their simple document in a stored column that PostgreSQL computes on each
# write (migration toolkit 0012): one region's search reads it instead of computing every row's
# document again, and its index serves a search across the network.
STORED_COLUMN = "search_doc"


def stored_document(table: str) -> str:
    """The stored document of a region table's row, as queries name it; "" for other tables."""
    return f'"{table}"."{STORED_COLUMN}"' if table in REGION_TABLES else ""


def stored_index_name(table: str) -> str:
    return f"{table[:30]}_doc_fts"
