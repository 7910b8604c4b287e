"""Tests of the Python package (unittest, standard library only). Facts are
found by content, never by index, so they hold for any corpus with the
January 22 exchange.

Two ways to run them: `cargo test --test python` runs them against the
source tree (python/feudfacts with FEUDFACTS_LIB set); ci/install.sh runs
them against the wheel installed in a fresh virtualenv, from outside the
tree, with FEUDFACTS_TEST_INSTALLED=1, which InstalledTest then checks."""

import copy
import ctypes
import dataclasses
import datetime
import os
import pickle
import struct
import subprocess
import sys
import sysconfig
import unittest
from pathlib import Path

import feudfacts as ff

REPO = Path(__file__).resolve().parents[2]
HEADER = REPO / "include" / "feudfacts.h"

SOFTBANK = "SoftBank has well under $10B secured. I have that on good authority."


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.c = ff.Corpus.embedded()
        cls.musk = cls.c.entity_by_name("@elonmusk")
        cls.altman = cls.c.entity_by_name("@sama")
        hits = cls.c.search("softbank secured", kinds={"quote"}).hits
        cls.softbank = next(h.record for h in hits if h.record.text == SOFTBANK)
        cls.reply = next(
            h.record for h in cls.c.search('"surely know"', kinds="quote")
            if h.record.reply_to == cls.softbank.index
        )


class LibraryTest(Base):
    def test_version(self):
        header = HEADER.read_text()
        parts = [
            next(l.split()[2] for l in header.splitlines() if l.startswith(f"#define FEUD_VERSION_{p} "))
            for p in ("MAJOR", "MINOR", "PATCH")
        ]
        self.assertEqual(ff.version(), ".".join(parts))
        # The package is versioned as the library it bundles.
        self.assertEqual(ff.__version__, ff.version())

    def test_struct_shapes_match_the_header(self):
        header = HEADER.read_text()

        def define(name):
            return int(next(l.split()[2] for l in header.splitlines()
                            if l.startswith(f"#define {name} ")))

        self.assertEqual(ctypes.sizeof(ff._CorpusHandle), 8 * define("FEUD_CORPUS_WORDS"))
        self.assertEqual(ctypes.sizeof(ff._Cursor), 8 * define("FEUD_CURSOR_WORDS"))
        self.assertEqual(define("FEUD_MAX_QUERY_LEN"), 256)
        self.assertEqual(define("FEUD_MAX_RECORDS"), 2**24 - 1)
        # Each field's C type, through the header's typedefs (feud_kind is a
        # uint8_t, ...), must be the ctypes type the wrapper declares: a
        # uint32_t index read as c_uint16 would be cut silently.
        c_types = {
            "uint8_t": ctypes.c_uint8, "uint16_t": ctypes.c_uint16,
            "uint32_t": ctypes.c_uint32, "int32_t": ctypes.c_int32, "int64_t": ctypes.c_int64,
            "bool": ctypes.c_bool, "size_t": ctypes.c_size_t,
            "struct feud_str": ff._Str, "struct feud_date": ff._Date,
            "struct feud_dating": ff._Dating, "struct feud_ref": ff._Ref,
        }
        for line in header.splitlines():
            parts = line.rstrip(";").split()
            if line.startswith("typedef ") and len(parts) == 3 and parts[1] in c_types:
                c_types[parts[2]] = c_types[parts[1]]
        for struct_name, cls in [("feud_hit", ff._Hit), ("feud_quote", ff._Quote),
                                 ("feud_figure", ff._Figure), ("feud_filter", ff._Filter),
                                 ("feud_entity", ff._Entity), ("feud_event", ff._Event),
                                 ("feud_source", ff._Source), ("feud_item", ff._Item),
                                 ("feud_discrepancy", ff._Discrepancy), ("feud_ref", ff._Ref),
                                 ("feud_date", ff._Date), ("feud_dating", ff._Dating),
                                 ("feud_entry", ff._Entry), ("feud_thread_entry", ff._ThreadEntry),
                                 ("feud_summary", ff._Summary), ("feud_stats", ff._Stats),
                                 ("feud_str", ff._Str)]:
            body = header.split(f"typedef struct {struct_name} {{", 1)[1].split("}", 1)[0]
            decls = [l.strip().rstrip(";").replace("*", "* ").rsplit(None, 1)
                     for l in body.splitlines() if l.strip().endswith(";")]
            fields = [name.split("[")[0] for _, name in decls]
            names = [f[0].rstrip("_") for f in cls._fields_]
            self.assertEqual(names, fields, struct_name)
            for (c_type, name), (_, py_type) in zip(decls, cls._fields_):
                if c_type.endswith("*"):  # feud_str.ptr: const char *
                    self.assertIs(py_type, ctypes.c_void_p, f"{struct_name}.{name}")
                    continue
                want = c_types[c_type]
                if "[" in name:
                    want = want * int(name.split("[")[1].rstrip("]"))
                    self.assertEqual((py_type._type_, py_type._length_),
                                     (want._type_, want._length_), f"{struct_name}.{name}")
                else:
                    self.assertIs(py_type, want, f"{struct_name}.{name}")

    def test_library_path_honours_the_environment(self):
        old = os.environ.get("FEUDFACTS_LIB")
        try:
            os.environ["FEUDFACTS_LIB"] = "/nowhere/libfeudfacts.so"
            self.assertEqual(ff.library_path(), Path("/nowhere/libfeudfacts.so"))
        finally:
            if old is None:
                del os.environ["FEUDFACTS_LIB"]
            else:
                os.environ["FEUDFACTS_LIB"] = old
        self.assertTrue(ff.library_path().exists())


class RecordTest(Base):
    def test_entities_by_name_and_alias(self):
        self.assertEqual(self.altman.name, "Sam Altman")
        self.assertIn("@sama", self.altman.aliases)
        self.assertEqual(self.altman.entity_kind, "person")
        self.assertEqual(self.c.entity_by_name("sam   ALTMAN").index, self.altman.index)
        self.assertEqual(self.musk.name, "Elon Musk")
        with self.assertRaises(ff.NotFoundError):
            self.c.entity_by_name("nobody of that name")
        with self.assertRaises(LookupError):
            self.c.entity_by_name("")
        with self.assertRaises(ff.InvalidUtf8Error):
            self.c.entity_by_name(b"Alt\xc3man")
        with self.assertRaises(ff.InvalidUtf8Error):
            self.c.entity_by_name("Alt\udcc3man")  # a byte Python could not decode
        with self.assertRaises(ff.InvalidUtf8Error) as cm:
            ff.translit("lone \ud800 surrogate")
        self.assertEqual(str(cm.exception), "the text is not valid UTF-8")

    def test_the_softbank_post(self):
        q = self.softbank
        self.assertEqual(q.speaker_name, "Elon Musk")
        self.assertEqual(q.speaker, self.musk.index)
        self.assertEqual(q.dating.date, ff.Date(2025, 1, 22))
        self.assertEqual(q.dating.precision, "day")
        self.assertEqual(q.medium, "x-post")
        self.assertTrue(q.sources)
        self.assertTrue(set(q.text_sources) <= set(q.sources))
        for v in q.variants:
            self.assertTrue(set(v.sources) <= set(q.sources))

    def test_every_record_loads_and_its_key_finds_it(self):
        stats = self.c.stats()
        total = 0
        for kind in ff.Kind:
            records = list(self.c.records(kind))
            self.assertEqual(len(records), stats["counts"][kind.name.lower()])
            self.assertEqual(len(records), self.c.count(kind.name.lower()))
            for r in records:
                self.assertEqual(r.kind, kind)
                self.assertEqual(self.c.find_key(r.key), r)
                self.assertEqual(self.c.key(kind, r.index), r.key)
                self.assertTrue(self.c.format_line(r))
            total += len(records)
        self.assertEqual(total, len(self.c))
        with self.assertRaises(ff.NotFoundError):
            self.c.quote(stats["counts"]["quote"])
        with self.assertRaises(ff.NotFoundError):
            self.c.find_key("no-such-key")
        with self.assertRaises(ff.InvalidArgumentError):
            self.c.count("nonsense")

    def test_quotes_by(self):
        quotes = list(self.c.quotes_by("Musk"))
        self.assertIn(self.softbank, quotes)
        self.assertTrue(all(q.speaker == self.musk.index for q in quotes))


class SearchTest(Base):
    def test_search_finds_the_post_with_a_highlight(self):
        result = self.c.search("softbank secured")
        self.assertEqual(len(result), min(result.total + result.partial, 10))
        hit = next(h for h in result if h.record == self.softbank)
        self.assertEqual(hit.field_text[hit.span[0]:hit.span[1]], hit.match)
        self.assertIn(hit.match.lower(), ("softbank", "secured"))
        self.assertEqual(hit.date, ff.Date(2025, 1, 22))

    def test_total_is_reported_when_the_limit_is_smaller(self):
        full = self.c.search("softbank", limit=50)
        one = self.c.search("softbank", limit=1)
        none = self.c.search("softbank", limit=0)
        self.assertGreater(full.total, 1)
        self.assertEqual((one.total, len(one)), (full.total, 1))
        self.assertEqual(one.hits[0], full.hits[0])
        self.assertEqual((none.total, len(none)), (full.total, 0))

    def test_filters(self):
        for h in self.c.search("softbank", kinds={"quote"}, entity="Musk"):
            self.assertEqual(h.record.speaker, self.musk.index)
        hits = self.c.search("softbank", date_from="2025-01-22", date_to="2025-01-22", limit=50)
        self.assertTrue(hits.hits)
        for h in hits:
            self.assertEqual((h.date.year, h.date.month in (0, 1)), (2025, True))

    def test_matches_iterates_every_match(self):
        # The cursor is strict: every word, literally.
        found = list(self.c.matches("softbank"))
        self.assertEqual(len(found), self.c.search("softbank", strict=True).total)
        self.assertIn(self.softbank, [h.record for h in found])

    def test_errors_are_exceptions_and_leave_the_library_usable(self):
        cases = [
            ("", ff.EmptyQueryError),
            ("   ", ff.EmptyQueryError),
            ("x" * 300, ff.QueryTooLongError),
            (" ".join(["w"] * 33), ff.TooManyTermsError),
            (b"soft\xffbank", ff.InvalidUtf8Error),
        ]
        for query, error in cases:
            with self.assertRaises(error):
                self.c.search(query)
            with self.assertRaises(ff.QueryError if error is not ff.InvalidUtf8Error else error):
                self.c.matches(query)
            self.assertGreaterEqual(self.c.search("softbank").total, 1)
        with self.assertRaises(ff.InvalidArgumentError):
            self.c.search("softbank", date_from="2025-13")
        with self.assertRaises(ff.InvalidArgumentError):
            self.c.search("softbank", date_from="2025", date_to="2024")
        with self.assertRaises(ff.NotFoundError):
            self.c.search("softbank", entity=65535)
        with self.assertRaises(ff.InvalidArgumentError):
            self.c.search("softbank", kinds={"nonsense"})
        with self.assertRaises(ff.InvalidArgumentError):
            self.c.search("softbank", limit=-1)
        # Strict queries keep the 8-term limit; best match takes 32.
        nine = "a b c d e f g h i"
        self.assertIsInstance(self.c.search(nine), ff.SearchResult)
        with self.assertRaises(ff.TooManyTermsError):
            self.c.search(nine, strict=True)
        with self.assertRaises(ff.TooManyTermsError):
            self.c.matches(nine)

    def test_a_huge_limit_allocates_only_what_can_be_returned(self):
        result = self.c.search("softbank", limit=10**12)
        self.assertEqual(len(result), result.total + result.partial)
        self.assertLessEqual(len(result), len(self.c))


class BestMatchTest(Base):
    """Best match (the default) against strict, through the C library."""

    def test_stems_and_synonyms_answer_what_strict_does_not(self):
        self.assertEqual(self.c.search("lawsuits", strict=True).total, 0)
        best = self.c.search("lawsuits")
        self.assertGreater(best.total, 0)
        self.assertFalse(best.is_partial)
        self.assertTrue(all(h.complete for h in best))
        self.assertTrue(any("suit" in h.match.lower() for h in best), best.hits)

    def test_complete_matches_rank_first_by_score(self):
        r = self.c.search("softbank", limit=50)
        complete = [h for h in r if h.complete]
        self.assertEqual(len(complete), min(r.total, 50))
        self.assertEqual(r.hits[: len(complete)], complete)
        scores = [h.score for h in complete]
        self.assertEqual(scores, sorted(scores, reverse=True))
        self.assertTrue(all(s > 0 for s in scores))
        strict = self.c.search("softbank", strict=True)
        self.assertTrue(all(h.score == 0 and h.complete for h in strict))

    def test_no_record_with_every_word_gives_the_closest_matches(self):
        # Each word matches records, but no record has both.
        self.assertGreater(self.c.search("hoffman", strict=True).total, 0)
        self.assertGreater(self.c.search("softbank", strict=True).total, 0)
        self.assertEqual(self.c.search("softbank hoffman", strict=True).total, 0)
        r = self.c.search("softbank hoffman", limit=5)
        self.assertTrue(r.is_partial)
        self.assertEqual((r.total, r.partial, len(r)), (0, 5, 5))
        for h in r:
            self.assertFalse(h.complete)
            self.assertIn(h.match.lower(), ("softbank", "hoffman"))

    def test_misspellings_are_read_as_corpus_words_and_suggested(self):
        r = self.c.search("altamn stargte")
        self.assertEqual(r.suggestion, "altman stargate")
        self.assertEqual(r.hits[0].record, self.c.search("altman stargate").hits[0].record)
        self.assertIsNone(self.c.search("altman stargate").suggestion)
        self.assertIsNone(self.c.search("altamn", strict=True).suggestion)


class WideIndexTest(Base):
    """Record indexes are uint32_t end to end (blob format 2 holds up to
    2**24 - 1 records per kind). An index above 65535 whose low 16 bits name a
    real record (65536 + 3 -> 3) is unknown, never that record."""

    WIDE = (65536 + 3, 0x1FFFF, 2**24 - 1, 2**24, 2**31, 2**32 - 1)

    def test_indexes_above_65535_are_not_found(self):
        self.assertGreater(self.c.count("quote"), 3)
        self.assertEqual(self.c.quote(3).index, 3)
        for wide in self.WIDE + (65536 + self.softbank.index, 65536 + self.musk.index):
            with self.subTest(index=wide):
                for kind in ff.Kind:
                    with self.assertRaises(ff.NotFoundError):
                        self.c.record(kind, wide)
                    with self.assertRaises(ff.NotFoundError):
                        self.c.key(kind, wide)
                    with self.assertRaises(ff.NotFoundError):
                        self.c.format_line((kind, wide))
                with self.assertRaises(ff.NotFoundError):
                    list(self.c.thread(wide))
                with self.assertRaises(ff.NotFoundError):
                    self.c.search("softbank", entity=wide)
                with self.assertRaises(ff.NotFoundError):
                    self.c.matches("softbank", entity=wide)
                self.assertEqual(list(self.c.quotes_by(wide)), [])
        # Still usable, and the narrow index still works.
        self.assertEqual(self.c.quote(self.softbank.index), self.softbank)

    def test_the_c_calls_take_32_bits(self):
        """Straight through ctypes, under the wrapper: 65536 + 3 reaches the
        library whole and is refused there."""
        lib, h = ff._load(), self.c._h
        q, n, s = ff._Quote(), ctypes.c_size_t(), ff._Str()
        self.assertEqual(lib.feud_get_quote(h, 3, ctypes.byref(q)), 0)
        not_found = ff.NotFoundError.status
        self.assertEqual(lib.feud_get_quote(h, 65536 + 3, ctypes.byref(q)), not_found)
        self.assertEqual(lib.feud_key(h, int(ff.Kind.QUOTE), 65536 + 3, ctypes.byref(s)),
                         not_found)
        self.assertEqual(lib.feud_list_len(h, int(ff.Kind.QUOTE), 65536 + 3, 0, ctypes.byref(n)),
                         not_found)
        out = ctypes.c_uint32(0xDEADBEEF)
        self.assertEqual(lib.feud_entity_by_name(h, b"@sama", ctypes.byref(out)), 0)
        self.assertEqual(out.value, self.altman.index)

    def test_indexes_past_32_bits_are_not_wrapped_by_ctypes(self):
        """ctypes would pass only the low 32 bits of 2**32 + 3 (record 3);
        the wrapper refuses such indexes, and negative ones, itself."""
        for bad in (2**32, 2**32 + 3, 2**32 + self.softbank.index, 2**40, -1, -65533):
            with self.subTest(index=bad):
                with self.assertRaises(ff.NotFoundError):
                    self.c.quote(bad)
                with self.assertRaises(ff.NotFoundError):
                    self.c.key("quote", bad)
                with self.assertRaises(ff.NotFoundError):
                    self.c.format_line(("quote", bad))
                with self.assertRaises(ff.NotFoundError):
                    list(self.c.thread(bad))
                with self.assertRaises(ff.NotFoundError):
                    self.c.search("softbank", entity=bad)
                self.assertEqual(list(self.c.quotes_by(bad)), [])


class TimeTest(Base):
    def test_the_january_22_thread(self):
        thread = list(self.c.thread(self.reply))
        quotes = [q for q, _ in thread]
        self.assertLess(quotes.index(self.softbank), quotes.index(self.reply))
        depth = dict((q.index, d) for q, d in thread)
        self.assertEqual(depth[self.reply.index], depth[self.softbank.index] + 1)
        self.assertEqual(self.reply.speaker_name, "Sam Altman")
        self.assertEqual(list(self.c.thread(self.softbank)), thread)
        with self.assertRaises(ff.NotFoundError):
            list(self.c.thread(65535))

    def test_timeline_is_chronological(self):
        timeline = list(self.c.timeline())
        self.assertGreater(len(timeline), 2)
        firsts = [(d.year, d.month or 1, d.day or 1) for d, _ in timeline]
        self.assertEqual(firsts, sorted(firsts))
        day = list(self.c.timeline("2025-01-22", "2025-01-22"))
        self.assertIn(self.softbank, [r for _, r in day])
        self.assertLess(len(day), len(timeline))
        with self.assertRaises(ff.InvalidArgumentError):
            list(self.c.timeline("2025-02", "2025-01"))

    def test_random_quote_is_a_function_of_the_seed(self):
        self.assertEqual(self.c.random_quote(42), self.c.random_quote(42))
        seen = {self.c.random_quote(s).index for s in range(50)}
        self.assertGreater(len(seen), 1)


class DisplayTest(Base):
    def test_translit(self):
        text = "\u201cHi\u201d \u2014 it\u2019s caf\u00e9\u2026 \U0001F1FA\U0001F1F8"
        self.assertEqual(ff.translit(text), '"Hi" - it\'s cafe... [US flag]')
        self.assertEqual(ff.translit(text, "latin1"), '"Hi" - it\'s caf\u00e9... [US flag]')
        self.assertIn("[US flag]", ff.translit(self.reply.text + "".join(v.text for v in self.reply.variants)))
        with self.assertRaises(ff.InvalidArgumentError):
            ff.translit("x", "ebcdic")

    def test_wrap(self):
        self.assertEqual(ff.wrap("the quick brown fox jumps", 10), ["the quick", "brown fox", "jumps"])
        self.assertEqual(ff.wrap("", 10), [])
        for line in ff.wrap(ff.translit(self.reply.text), 20):
            self.assertLessEqual(len(line), 20)

    def test_format_line(self):
        self.assertEqual(
            self.c.format_line(self.softbank), "Elon Musk (2025-01-22): " + SOFTBANK
        )


class OpenTest(Base):
    def test_open_a_blob(self):
        blob = self.c.blob()
        self.assertEqual(blob[:8], b"FEUDFACT")
        other = ff.Corpus.open(blob)
        self.assertEqual(other.stats(), self.c.stats())
        self.assertEqual(other.quote(self.softbank.index), self.softbank)
        self.assertEqual(ff.Corpus.open(blob + b"\0" * 64).stats(), self.c.stats())

    def test_each_bad_blob_has_its_exception(self):
        blob = bytearray(self.c.blob())

        def refix(b):
            h = 0x811C9DC5
            for x in bytes(b[:16]) + bytes(b[20:]):
                h = ((h ^ x) * 0x01000193) & 0xFFFFFFFF
            b[16:20] = struct.pack("<I", h)
            return b

        cases = [
            (bytes(blob[:10]), ff.TruncatedError),
            (bytes(blob[:-1]), ff.TruncatedError),
            (b"NOTFEUD!" + bytes(blob[8:]), ff.BadMagicError),
            (bytes(blob[:8]) + b"\x63\x00" + bytes(blob[10:]), ff.UnsupportedVersionError),
        ]
        flipped = bytearray(blob)
        flipped[len(blob) // 2] ^= 0x55
        cases.append((bytes(flipped), ff.ChecksumMismatchError))
        malformed = bytearray(blob)
        malformed[-1] ^= 0x7F
        cases.append((bytes(refix(malformed)), ff.MalformedBlobError))
        for data, error in cases:
            with self.assertRaises(error):
                ff.Corpus.open(data)
            with self.assertRaises(ff.BlobError):
                ff.Corpus.open(data)
        self.assertEqual(ff.Corpus.open(bytes(blob)).stats(), self.c.stats())


class InstalledTest(unittest.TestCase):
    """What an installed wheel must be: imported from site-packages, loading
    the library it carries, with no environment variable and no checkout."""

    def setUp(self):
        if os.environ.get("FEUDFACTS_TEST_INSTALLED") != "1":
            self.skipTest("runs against an installed wheel (ci/install.sh)")

    def test_imported_from_site_packages_with_the_bundled_library(self):
        self.assertNotIn("FEUDFACTS_LIB", os.environ)
        package = Path(ff.__file__).resolve().parent
        site = {Path(sysconfig.get_paths()[k]).resolve() for k in ("purelib", "platlib")}
        self.assertIn(package.parent, site)
        self.assertNotIn(REPO, package.parents)
        lib = ff.library_path()
        self.assertEqual(lib.parent, package)
        self.assertTrue(lib.name.startswith("_libfeudfacts"), lib)
        self.assertTrue((package / "py.typed").exists())

    def test_metadata_version_is_the_package_version(self):
        from importlib import metadata
        self.assertEqual(metadata.version("feudfacts"), ff.__version__)


class MessageTest(Base):
    """Every refusal says what was not found or what is wrong with it."""

    def assertRefused(self, error, message, call, *args, **kwargs):
        with self.assertRaises(error) as cm:
            result = call(*args, **kwargs)
            if hasattr(result, "__next__"):
                next(result)
        self.assertEqual(str(cm.exception), message)

    def test_not_found_names_what(self):
        self.assertRefused(ff.NotFoundError, "no record with key 'q-nope'", self.c.find_key, "q-nope")
        self.assertRefused(ff.NotFoundError, "no quote with key 'q-nope'", self.c.quote, "q-nope")
        self.assertRefused(ff.NotFoundError,
                           "no quote with key 'sam-altman' ('sam-altman' is an entity)",
                           self.c.quote, "sam-altman")
        self.assertRefused(ff.NotFoundError, "no entity named 'nobody at all'",
                           self.c.entity_by_name, "nobody at all")
        n = self.c.count("quote")
        self.assertRefused(ff.NotFoundError, f"no quote {n}", self.c.quote, n)
        self.assertRefused(ff.NotFoundError, f"no quote {n}", self.c.thread, n)
        self.assertRefused(ff.NotFoundError, f"no quote {n}", self.c.format_line, ("quote", n))
        self.assertRefused(ff.NotFoundError, f"no quote {n}", self.c.key, "quote", n)
        self.assertRefused(ff.NotFoundError, "no entity 65535", self.c.search, "softbank",
                           entity=65535)
        self.assertRefused(ff.NotFoundError, "no entity named 'nobody'", self.c.search,
                           "softbank", entity="nobody")
        self.assertRefused(ff.InvalidArgumentError, "unknown kind 'nonsense'", self.c.count,
                           "nonsense")
        self.assertRefused(ff.InvalidArgumentError,
                           "unknown charset 'ebcdic': use 'ascii' or 'latin1'", ff.translit,
                           "x", "ebcdic")
        # The library's own words where the wrapper knows no better.
        self.assertRefused(ff.EmptyQueryError, "query is empty", self.c.search, "")

    def test_keys_and_indexes_find_the_same_record(self):
        self.assertEqual(self.c.quote(self.softbank.key), self.softbank)
        self.assertEqual(self.c.record("quote", self.softbank.key), self.softbank)
        self.assertEqual(self.c.entity("sam-altman"), self.altman)
        self.assertEqual(list(self.c.thread(self.reply.key)), list(self.c.thread(self.reply)))


class DateTest(Base):
    def test_day_precise_dates_are_datetime_dates(self):
        d = self.softbank.dating.date
        self.assertEqual(d.to_date(), datetime.date(2025, 1, 22))
        self.assertEqual(ff.Date.from_date(datetime.date(2025, 1, 22)), d)
        self.assertEqual(ff.Date.parse(datetime.date(2025, 1, 22)), d)
        self.assertEqual(ff.Date.parse(datetime.datetime(2025, 1, 22, 9, 30)), d)
        every = [h.date for h in self.c.matches("softbank") if h.date is not None]
        self.assertTrue(every)
        for date in every:
            if date.precision == "day":
                self.assertEqual(date.to_date().isoformat(), date.iso())

    def test_coarser_dates_refuse_to_invent_a_day(self):
        for date, precision in ((ff.Date(2025, 1), "month"), (ff.Date(2015), "year")):
            self.assertEqual(date.precision, precision)
            with self.assertRaises(ValueError) as cm:
                date.to_date()
            self.assertIn(f"precise only to the {precision}", str(cm.exception))

    def test_impossible_dates_are_refused_with_the_reason(self):
        cases = [
            ((2025, 13), "the month must be 1 to 12"),
            ((2025, 2, 29), "February 2025 has no day 29"),
            ((2025, 0, 3), "a day needs a month"),
            ((0,), "the year must be 1 to 65535"),
        ]
        for args, reason in cases:
            with self.assertRaises(ff.InvalidArgumentError) as cm:
                ff.Date(*args)
            self.assertIn(reason, str(cm.exception))
        self.assertEqual(ff.Date(2024, 2, 29).to_date(), datetime.date(2024, 2, 29))
        with self.assertRaises(ff.InvalidArgumentError) as cm:
            ff.Date.parse("22/01/2025")
        self.assertIn("use YYYY, YYYY-MM or YYYY-MM-DD", str(cm.exception))
        with self.assertRaises(ff.InvalidArgumentError) as cm:
            list(self.c.timeline("2025-02", "2025-01"))
        self.assertEqual(str(cm.exception), "the range starts (2025-02) after it ends (2025-01)")

    def test_searches_take_datetime_dates(self):
        day = datetime.date(2025, 1, 22)
        by_date = self.c.search("softbank", date_from=day, date_to=day, limit=50)
        by_text = self.c.search("softbank", date_from="2025-01-22", date_to="2025-01-22", limit=50)
        self.assertEqual(by_date, by_text)
        self.assertIn(self.softbank, [r for _, r in self.c.timeline(day, day)])


class EntityRefTest(Base):
    def test_references_resolve_to_names(self):
        speaker = self.softbank.speaker
        self.assertIsInstance(speaker, ff.EntityRef)
        self.assertEqual((speaker.name, speaker.key), ("Elon Musk", self.musk.key))
        self.assertEqual(speaker, self.musk.index)  # still the index
        self.assertEqual(self.c.entity(speaker), self.musk)
        self.assertEqual(str(self.reply.speaker), "Sam Altman")
        events = list(self.c.records("event"))
        self.assertTrue(any(p.name == "Elon Musk" for e in events for p in e.participants))
        for e in events:
            for p in e.participants:
                self.assertEqual(p.name, self.c.entity(p).name)
        figures = list(self.c.records("figure"))
        refs = [r for f in figures for r in f.claimed_by + f.disputed_by]
        self.assertTrue(refs)
        for r in refs:
            self.assertEqual((r.name, r.key), (self.c.entity(r).name, self.c.entity(r).key))
        self.assertEqual(self.c.entity_ref("@sama").name, "Sam Altman")

    def test_records_copy_and_pickle_whole(self):
        for q in (copy.deepcopy(self.softbank), pickle.loads(pickle.dumps(self.softbank))):
            self.assertEqual(q, self.softbank)
            self.assertEqual(q.speaker.name, "Elon Musk")
        self.assertEqual(dataclasses.asdict(self.softbank)["speaker"], self.musk.index)


class MainTest(unittest.TestCase):
    """python -m feudfacts, as a user runs it."""

    def run_main(self, *args):
        return subprocess.run([sys.executable, "-m", "feudfacts", *args],
                              capture_output=True, text=True, timeout=60)

    def test_search(self):
        out = self.run_main("softbank", "secured", "-k", "quote")
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertRegex(out.stdout, r"^[1-9][0-9]* hits? for 'softbank secured'\n")
        self.assertIn("[quote q-softbank-well-under-10b] Elon Musk (2025-01-22): " + SOFTBANK,
                      out.stdout)
        self.assertNotIn("[event ", out.stdout)
        ascii_out = self.run_main("--ascii", "surely", "know")
        self.assertIn("[US flag]", ascii_out.stdout)

    def test_closest_matches_and_corrections_are_announced(self):
        out = self.run_main("softbank", "hoffman", "-n", "2")
        self.assertEqual(out.stdout.splitlines()[:2],
                         ["0 hits for 'softbank hoffman'",
                          "no record has every word; closest matches:"])
        self.assertEqual(len(out.stdout.splitlines()), 2 + 2 * 2)
        strict = self.run_main("--strict", "softbank", "hoffman")
        self.assertEqual(strict.stdout, "0 hits for 'softbank hoffman'\n")
        typo = self.run_main("altamn", "stargte", "-n", "1")
        self.assertEqual(typo.stdout.splitlines()[1], "did you mean: altman stargate")

    def test_refusals_are_one_line_and_exit_1(self):
        for args, message in [((" ",), "feudfacts: query is empty\n"),
                              (("softbank", "-e", "nobody"),
                               "feudfacts: no entity named 'nobody'\n"),
                              (("softbank", "--from", "2025-13"),
                               "feudfacts: invalid date 2025-13-00: the month must be 1 to 12 "
                               "(or 0: unknown)\n")]:
            out = self.run_main(*args)
            self.assertEqual((out.returncode, out.stderr, out.stdout), (1, message, ""), args)

    def test_bad_utf8_and_bad_options_are_refused(self):
        out = subprocess.run([sys.executable, "-m", "feudfacts", b"soft\xffbank"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual((out.returncode, out.stderr), (1, "feudfacts: input is not valid UTF-8\n"))
        for args in (("-n", "-1", "softbank"), ("-n", "many", "softbank"), ()):
            out = self.run_main(*args)
            self.assertEqual(out.returncode, 2, args)
            self.assertIn("usage: python -m feudfacts", out.stderr)
        out = self.run_main("-k", "nonsense", "softbank")
        self.assertEqual((out.returncode, out.stderr), (1, "feudfacts: unknown kind 'nonsense'\n"))

    def test_a_closed_pipe_ends_quietly(self):
        out = subprocess.run(["bash", "-o", "pipefail", "-c",
                              f"'{sys.executable}' -m feudfacts musk | head -1"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual((out.returncode, out.stderr), (0, ""))
        self.assertRegex(out.stdout, r"^[0-9]+ hits for 'musk'\n$")

    def test_version(self):
        out = self.run_main("--version")
        self.assertEqual(out.stdout.strip(), f"feudfacts {ff.__version__} (libfeudfacts "
                                             f"{ff.version()})")


if __name__ == "__main__":
    unittest.main()
