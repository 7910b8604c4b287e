#!/usr/bin/env python3
"""Check tests/heldout/queries.toml against corpus/feud.toml.

Verifies that every answer key is a record id in the corpus, that no query
appears twice (compared case- and space-insensitively), that every query has
the fields q, answers, kind and why, that kind is a known category, and that
only `none` queries have empty answers. Prints the count per category.
Exits non-zero on any error. Standard library only (Python 3.11+).

Usage: python3 tests/heldout/check.py   (from the repository root or anywhere)
"""

import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
# The categories, fields and loader are the judged set's (tests/judged/queryset.py).
sys.path.insert(0, str(HERE.parent / "judged"))
from queryset import FIELDS, KINDS, ROOT, load_corpus, load_queries, table_of  # noqa: E402

QUERIES = HERE / "queries.toml"


def main() -> int:
    corpus = load_corpus()
    ids = set(table_of(corpus))
    # Titles of events and discrepancies: a query should not copy one.
    titles = {
        " ".join(rec["title"].lower().split())
        for t in ("event", "discrepancy")
        for rec in corpus.get(t, [])
    }

    queries = load_queries(QUERIES)
    errors, warnings = [], []
    seen = {}
    counts = Counter()

    for n, query in enumerate(queries, 1):
        where = f"query {n} ({query.get('q', '?')!r})"
        missing = FIELDS - query.keys()
        extra = query.keys() - FIELDS
        if missing:
            errors.append(f"{where}: missing {sorted(missing)}")
        if extra:
            errors.append(f"{where}: unknown fields {sorted(extra)}")
        q = query.get("q", "")
        kind = query.get("kind", "")
        answers = query.get("answers", [])
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty q")
            continue
        key = " ".join(q.lower().split())
        if key in seen:
            errors.append(f"{where}: duplicate of query {seen[key]}")
        else:
            seen[key] = n
        if key in titles:
            warnings.append(f"{where}: copies a record title")
        if kind not in KINDS:
            errors.append(f"{where}: unknown kind {kind!r}")
        counts[kind] += 1
        if len(set(answers)) != len(answers):
            errors.append(f"{where}: an answer key is listed twice")
        for a in answers:
            if a not in ids:
                errors.append(f"{where}: answer {a!r} is not a record id in the corpus")
        if kind == "none" and answers:
            errors.append(f"{where}: a 'none' query must have no answers")
        if kind != "none" and not answers:
            errors.append(f"{where}: only 'none' queries may have no answers")

    print(f"{len(queries)} queries in {QUERIES.relative_to(ROOT)}")
    for kind in KINDS:
        print(f"  {kind:<13}{counts[kind]:>3}")
    for kind in sorted(set(counts) - set(KINDS)):
        print(f"  {kind:<13}{counts[kind]:>3}  (unknown)")
    answered = sum(1 for q in queries if q.get("answers"))
    keys = sum(len(q.get("answers", [])) for q in queries)
    used = {a for q in queries for a in q.get("answers", [])}
    print(f"{keys} answer keys over {answered} answered queries; "
          f"{len(used)} distinct records of {len(ids)}")
    for w in warnings:
        print(f"warning: {w}")
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    if errors:
        print(f"{len(errors)} error(s)", file=sys.stderr)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
