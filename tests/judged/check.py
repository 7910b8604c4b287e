#!/usr/bin/env python3
"""Check the judged query set against the corpus (standard library only).

Loads tests/judged/queries.toml and corpus/feud.toml, verifies that every
answer key exists in the corpus and that the set meets its own rules, counts
queries per category, compares the counts with the table in README.md, and
prints the totals. Exits non-zero on any problem.

Run from anywhere:  python3 tests/judged/check.py
"""

import re
import sys
from collections import Counter
from pathlib import Path

from queryset import FIELDS, KINDS, TABLES, load_corpus, load_queries
from queryset import table_of as record_tables

HERE = Path(__file__).resolve().parent
QUERIES = HERE / "queries.toml"
README = HERE / "README.md"

MIN_TOTAL = 130
MIN_PER_KIND = 8          # for every kind except "none"


def main() -> int:
    problems = []

    table_of = record_tables(load_corpus())
    queries = load_queries(QUERIES)

    seen = {}
    kinds = Counter()
    answered_tables = Counter()
    for n, entry in enumerate(queries, 1):
        where = f"query {n} ({entry.get('q', '?')!r})"
        extra = set(entry) - FIELDS
        missing = FIELDS - set(entry)
        if extra:
            problems.append(f"{where}: unknown fields {sorted(extra)}")
        if missing:
            problems.append(f"{where}: missing fields {sorted(missing)}")
            continue
        q, answers, kind = entry["q"], entry["answers"], entry["kind"]
        if not q.strip():
            problems.append(f"{where}: empty query")
        key = " ".join(q.lower().split())
        if key in seen:
            problems.append(f"{where}: duplicate of query {seen[key]}")
        seen[key] = n
        if kind not in KINDS:
            problems.append(f"{where}: unknown kind {kind!r}")
        kinds[kind] += 1
        if len(answers) != len(set(answers)):
            problems.append(f"{where}: repeated answer key")
        if kind == "none" and answers:
            problems.append(f"{where}: kind 'none' must have answers = []")
        if kind != "none" and not answers:
            problems.append(f"{where}: no answers (use kind = 'none')")
        for a in answers:
            if a not in table_of:
                problems.append(f"{where}: answer {a!r} is not a record in feud.toml")
            else:
                answered_tables[table_of[a]] += 1
        if kind == "long" and not 8 <= len(q.split()) <= 10:
            problems.append(f"{where}: a 'long' query needs 8-10 words, has {len(q.split())}")
        if not entry["why"].strip():
            problems.append(f"{where}: empty why")

    total = sum(kinds.values())
    if total < MIN_TOTAL:
        problems.append(f"only {total} queries, need at least {MIN_TOTAL}")
    for kind in KINDS:
        if kind != "none" and kinds[kind] < MIN_PER_KIND:
            problems.append(f"kind {kind!r}: {kinds[kind]} queries, need at least {MIN_PER_KIND}")

    # The README's category table must match the file.
    readme_counts = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        m = re.match(r"\|\s*`(\w+)`\s*\|\s*(\d+)\s*\|", line)
        if m:
            readme_counts[m.group(1)] = int(m.group(2))
    for kind in KINDS:
        if readme_counts.get(kind) != kinds[kind]:
            problems.append(f"README says {readme_counts.get(kind)} {kind!r} queries, file has {kinds[kind]}")

    print(f"corpus records: {len(table_of)}")
    print(f"queries: {total}")
    for kind in KINDS:
        print(f"  {kind:<13}{kinds[kind]:>4}")
    scored = total - kinds["none"]
    keys = sum(answered_tables.values())
    print(f"answer keys: {keys} over {scored} answerable queries "
          f"({keys / scored:.2f} per query)" if scored else "answer keys: 0")
    for table in TABLES:
        print(f"  {table:<13}{answered_tables[table]:>4}")
    used = {a for e in queries for a in e.get("answers", [])}
    print(f"distinct records used as answers: {len(used & table_of.keys())} of {len(table_of)}")

    if problems:
        print(f"\n{len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  {p}", file=sys.stderr)
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
