#!/usr/bin/env python3
"""Thread-safety load test of the Python wrapper (python/feudfacts.py, over
the C ABI): N threads (default 8), each making M mixed calls (default
50,000) on one shared embedded corpus and one corpus per thread opened from
the same bytes, every result compared with the answer computed
single-threaded beforehand. ctypes releases the GIL around each foreign
call, so the library really runs on several threads at once.

The cases: every record's key (find_key must return the record: an absolute
check), every record's one-line rendering, every entity name, every quote's
thread, timelines, and searches with and without filters, including refused
queries (whose exception type is the answer).

Usage: load.py [threads] [calls-per-thread]; FEUDFACTS_LIB names the shared
library. Exit status 0 only with zero mismatches and zero unexpected errors.
"""
import os
import random
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))
import feudfacts  # noqa: E402
from feudfacts import Corpus, FeudError  # noqa: E402

KINDS = ["source", "entity", "quote", "event", "figure", "discrepancy"]
QUERIES = ["softbank secured", '"surely know"', "stargate", "altman", "musk", "stop*",
           '"put america first"', "$500", "openai", "trump", "wrong", "billion",
           "x y z nothing matches this", "a b c d e f g h i", "", "q" * 300]


def answer(corpus, case):
    """What a call returns, as a comparable value (an exception's class name
    for a refusal)."""
    op, arg = case
    try:
        if op == "find_key":
            r = corpus.find_key(arg)
            return (r.kind, r.index) if hasattr(r, "kind") else repr(r)
        if op == "format_line":
            return corpus.format_line(arg)
        if op == "entity_by_name":
            return corpus.entity_by_name(arg).index
        if op == "thread":
            return [(q.index, d) for q, d in corpus.thread(arg)]
        if op == "timeline":
            return [(str(d), r.key) for d, r in corpus.timeline(*arg)]
        if op == "search":
            query, kinds, entity = arg
            res = corpus.search(query, kinds=kinds, entity=entity, limit=5)
            return res.total, [(h.record.key, h.field, h.item, h.span, h.match) for h in res.hits]
    except FeudError as e:
        return type(e).__name__
    raise AssertionError(op)


def build_cases(corpus):
    cases = []
    for kind in KINDS:
        for i in range(corpus.count(kind)):
            key = corpus.key(kind, i)
            cases.append(("find_key", key))
            cases.append(("format_line", (kind, i)))
    for i in range(corpus.count("entity")):
        cases.append(("entity_by_name", corpus.entity(i).name))
    cases.append(("entity_by_name", "nobody at all"))
    for i in range(corpus.count("quote")):
        cases.append(("thread", i))
    cases.append(("timeline", ("2025-01-20", "2025-01-31")))
    cases.append(("timeline", ("2015", "2016")))
    for q in QUERIES:
        for kinds, entity in ((None, None), ({"quote"}, None), (None, "@sama")):
            cases.append(("search", (q, kinds, entity)))
    return cases


def main():
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 8
    calls = int(sys.argv[2]) if len(sys.argv) > 2 else 50000
    shared = Corpus.embedded()
    cases = build_cases(shared)
    expected = [answer(shared, c) for c in cases]
    # Absolute checks: keys find their records; "surely know" is Altman's.
    for (op, arg), exp in zip(cases, expected):
        if op == "find_key":
            assert shared.key(*exp) == arg, (arg, exp)
    hit = shared.search('"surely know"', kinds={"quote"}).hits[0]
    assert hit.record.speaker_name == "Sam Altman", hit
    blob = shared.blob()

    results = [None] * threads

    def work(tid):
        own = Corpus.open(blob)
        rng = random.Random(tid)
        bad = 0
        first = None
        for _ in range(calls):
            i = rng.randrange(len(cases))
            corpus = own if rng.random() < 0.5 else shared
            got = answer(corpus, cases[i])
            if got != expected[i]:
                bad += 1
                first = first or (cases[i], got, expected[i])
        results[tid] = (bad, first)

    t0 = time.monotonic()
    pool = [threading.Thread(target=work, args=(t,)) for t in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    secs = time.monotonic() - t0
    mismatches = sum(r[0] for r in results if r)
    finished = sum(1 for r in results if r)
    for r in results:
        if r and r[1]:
            print("mismatch:", r[1], file=sys.stderr)
    total = threads * calls
    print(f"Python load: {threads} threads x {calls} calls = {total} calls over {len(cases)} "
          f"cases, {secs:.1f} s, {total / secs:.0f} calls/s; {finished}/{threads} threads "
          f"finished; {mismatches} mismatches")
    return 0 if mismatches == 0 and finished == threads else 1


if __name__ == "__main__":
    sys.exit(main())
