"""``python -m feudfacts QUERY...``: search the corpus from a shell.

Prints how many records match and the best of them, one line each with the
matched words (when no record has every word, the closest matches, saying
so; ``--strict`` requires every word literally); ``--kind``, ``--entity``, ``--from`` and ``--to`` narrow the
search as ``Corpus.search`` does. A refused query or an unknown name is one
line on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import List, Optional

from . import Corpus, FeudError, __version__, translit, version


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command with ``argv`` (default: the process's arguments)."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # `python -m feudfacts musk | head -1`: the reader has what it wanted.
        # Point stdout at nothing so the interpreter's final flush stays quiet.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as e:  # libfeudfacts could not be found or loaded
        print(f"feudfacts: {e}", file=sys.stderr)
        return 1


def _main(argv: Optional[List[str]]) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m feudfacts",
        description="Search the sourced feudfacts corpus (Musk v. Altman over Stargate).",
    )
    ap.add_argument("query", nargs="+", help="words, \"a phrase\", prefix*")
    ap.add_argument("-n", "--limit", type=int, default=10, help="how many hits to print (10)")
    ap.add_argument("-k", "--kind", action="append",
                    help="only this kind: source, entity, quote, event, figure, discrepancy"
                    " (repeatable)")
    ap.add_argument("-e", "--entity", help="only records involving this entity (\"@sama\")")
    ap.add_argument("--from", dest="date_from", metavar="DATE", help="from YYYY[-MM[-DD]]")
    ap.add_argument("--to", dest="date_to", metavar="DATE", help="to YYYY[-MM[-DD]]")
    ap.add_argument("--strict", action="store_true",
                    help="every word required, literally (no stemming, synonyms or spelling"
                    " correction)")
    ap.add_argument("--ascii", action="store_true", help="transliterate to ASCII")
    ap.add_argument("-V", "--version", action="version",
                    version=f"feudfacts {__version__} (libfeudfacts {version()})")
    args = ap.parse_args(argv)
    if args.limit < 0:
        ap.error("--limit must not be negative")

    show = translit if args.ascii else (lambda s: s)
    query = " ".join(args.query)
    try:
        corpus = Corpus.embedded()
        result = corpus.search(query, kinds=args.kind, entity=args.entity,
                               date_from=args.date_from, date_to=args.date_to,
                               limit=args.limit, strict=args.strict)
        print(f"{result.total} {'hit' if result.total == 1 else 'hits'} for {query!r}")
        if result.suggestion is not None:
            print(f"did you mean: {result.suggestion}")
        if result.is_partial:
            print("no record has every word; closest matches:")
        for i, hit in enumerate(result, 1):
            print(f"{i:2}. [{hit.record.kind.label} {hit.record.key}] "
                  f"{show(corpus.format_line(hit.record))}")
            print(f"    {hit.field}: ...{show(hit.match)}...")
    except FeudError as e:
        print(f"feudfacts: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
