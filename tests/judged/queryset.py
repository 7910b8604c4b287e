"""What the two query-set checkers share (standard library only): the
categories, the fields a query has, and the loader of the corpus and of a
query file. tests/judged/check.py and tests/heldout/check.py hold the rules
each set keeps and how each reports.
"""

import tomllib
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parent.parent.parent
CORPUS = ROOT / "corpus" / "feud.toml"

KINDS = ["question", "keyword", "name", "typo", "plural", "possessive",
         "synonym", "date", "amount", "disagreement", "long", "none"]
TABLES = ["source", "entity", "quote", "event", "figure", "discrepancy"]
FIELDS = {"q", "answers", "kind", "why"}


def load_toml(path: Path) -> Dict[str, Any]:
    """A TOML file, read as UTF-8."""
    with path.open("rb") as f:
        return tomllib.load(f)


def load_corpus() -> Dict[str, Any]:
    """corpus/feud.toml, as its tables of records."""
    return load_toml(CORPUS)


def table_of(corpus: Dict[str, Any]) -> Dict[str, str]:
    """Every record id of the corpus, with the table it is in."""
    return {rec["id"]: table for table in TABLES for rec in corpus.get(table, [])}


def load_queries(path: Path) -> List[Dict[str, Any]]:
    """The ``[[query]]`` entries of a query file."""
    return load_toml(path).get("query", [])
