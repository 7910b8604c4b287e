#!/usr/bin/env python3
"""Search the feudfacts corpus from Python through libfeudfacts (ctypes).

    python3 examples/python/feud_search.py softbank
    python3 examples/python/feud_search.py --kind quote --speaker Musk softbank
    python3 examples/python/feud_search.py --thread surely know
    python3 examples/python/feud_search.py --timeline 2025-01-22

Finds python/feudfacts.py beside this repository's examples; the library is
located as that module documents (FEUDFACTS_LIB, next to it, target/release).
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))

import feudfacts  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("query", nargs="*")
    ap.add_argument("-n", "--limit", type=int, default=10)
    ap.add_argument("--kind", action="append", help="quote, event, entity, ...")
    ap.add_argument("--speaker", help="only records involving this entity")
    ap.add_argument("--thread", action="store_true", help="the reply thread of the best quote")
    ap.add_argument("--timeline", metavar="DATE", help="what happened on DATE (YYYY[-MM[-DD]])")
    ap.add_argument("--ascii", action="store_true", help="transliterate for a small display")
    args = ap.parse_args()

    corpus = feudfacts.Corpus.embedded()
    show = (lambda s: feudfacts.translit(s)) if args.ascii else (lambda s: s)
    try:
        if args.timeline:
            for date, record in corpus.timeline(args.timeline, args.timeline):
                print(show(corpus.format_line(record)))
            return 0
        query = " ".join(args.query)
        if args.thread:
            best = corpus.search(query, kinds="quote", limit=1)
            if not best.hits:
                print(f"no quote matches {query!r}")
                return 1
            for quote, depth in corpus.thread(best.hits[0].record):
                print("  " * depth + ("> " if depth else "") + show(corpus.format_line(quote)))
            return 0
        result = corpus.search(query, kinds=args.kind, entity=args.speaker, limit=args.limit)
        print(f"{result.total} hits for {query!r}")
        for i, hit in enumerate(result, 1):
            print(f"{i:2}. [{hit.record.kind.name.lower()} {hit.record.key}] "
                  f"{show(corpus.format_line(hit.record))}")
            print(f"    {hit.field}: ...{show(hit.match)}...")
        return 0
    except feudfacts.FeudError as e:
        print(f"feud_search.py: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
