"""feudfacts from Python: the Musk-Altman Stargate feud fact base, through the
C ABI of libfeudfacts (ctypes, standard library only).

    >>> import feudfacts
    >>> corpus = feudfacts.Corpus.embedded()
    >>> altman = corpus.entity_by_name("@sama")
    >>> altman.name
    'Sam Altman'
    >>> result = corpus.search("softbank secured", kinds={"quote"})
    >>> quote = result.hits[0].record
    >>> quote.speaker.name, quote.dating.date.to_date()
    ('Elon Musk', datetime.date(2025, 1, 22))

Records are frozen dataclasses; searches, timelines and threads are
iterators; every status code of the C library is an exception (``FeudError``
and its subclasses) whose message names what was refused. References to
entities are ``EntityRef``s: the entity's index, as an ``int``, with its
``name`` and ``key``.

The library is the copy bundled with this package (``pip install`` builds
it); ``$FEUDFACTS_LIB`` names another one, and in a source checkout the
repository's ``target/release`` build is used when nothing is bundled.
"""

from __future__ import annotations

import calendar
import ctypes
import datetime
import enum
import operator
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import (
    Any, Callable, Dict, Iterable, Iterator, List, Optional, Protocol, Tuple,
    Union, cast,
)

__version__ = "0.3.0"
"""This package's version: the version of the libfeudfacts it bundles."""

__all__ = [
    "Corpus", "Kind", "Date", "Dating", "EntityRef", "Source", "Entity", "Variant", "Quote",
    "Event", "Phrasing", "Figure", "Side", "Discrepancy", "Record", "Hit", "SearchResult",
    "translit", "wrap", "version", "library_path", "__version__",
    "FeudError", "NullPointerError", "InvalidUtf8Error", "QueryError",
    "EmptyQueryError", "QueryTooLongError", "TooManyTermsError",
    "BufferTooSmallError", "NotFoundError", "InvalidArgumentError", "BlobError",
    "TruncatedError", "BadMagicError", "UnsupportedVersionError",
    "ChecksumMismatchError", "MalformedBlobError",
]

# ----- errors ---------------------------------------------------------------


class FeudError(Exception):
    """A refusal by libfeudfacts: ``status`` is the C status code. The
    message says what was refused where the wrapper knows it (``no quote
    with key 'q-nope'``), else it is the library's own (``query is empty``)."""

    status = -1

    def __init__(self, message: Optional[str] = None):
        super().__init__(message or _status_str(self.status))


class NullPointerError(FeudError):
    """A required pointer was NULL (a bug in the wrapper, never the caller)."""

    status = 1


class InvalidUtf8Error(FeudError, ValueError):
    """A string argument is not valid UTF-8."""

    status = 2


class QueryError(FeudError, ValueError):
    """The query was refused."""


class EmptyQueryError(QueryError):
    """The query is empty (or only punctuation and spaces)."""

    status = 3


class QueryTooLongError(QueryError):
    """The query is longer than 256 bytes."""

    status = 4


class TooManyTermsError(QueryError):
    """The query has more than 8 terms."""

    status = 5


class BufferTooSmallError(FeudError):
    """An output buffer was too small (the wrapper sizes its own)."""

    status = 6


class NotFoundError(FeudError, LookupError):
    """No record has this index, key or name."""

    status = 7


class InvalidArgumentError(FeudError, ValueError):
    """An argument is out of range: an unknown kind or charset, a bad date."""

    status = 8


class BlobError(FeudError, ValueError):
    """A blob given to ``Corpus.open`` was refused."""


class TruncatedError(BlobError):
    """The blob is shorter than its header says."""

    status = 9


class BadMagicError(BlobError):
    """The bytes are not a feudfacts blob."""

    status = 10


class UnsupportedVersionError(BlobError):
    """The blob is in a format version this library does not read."""

    status = 11


class ChecksumMismatchError(BlobError):
    """The blob's checksum does not match its contents (it is corrupted)."""

    status = 12


class MalformedBlobError(BlobError):
    """The blob's checksum matches but its contents are malformed."""

    status = 13


_ERRORS: Dict[int, type[FeudError]] = {
    cls.status: cls
    for cls in (
        NullPointerError, InvalidUtf8Error, EmptyQueryError, QueryTooLongError,
        TooManyTermsError, BufferTooSmallError, NotFoundError,
        InvalidArgumentError, TruncatedError, BadMagicError,
        UnsupportedVersionError, ChecksumMismatchError, MalformedBlobError,
    )
}

# ----- the library ----------------------------------------------------------

_HERE = Path(__file__).resolve().parent
_BUNDLED_STEM = "_libfeudfacts"
_LIB_SUFFIXES = (".so", ".dylib", ".pyd", ".dll")


def _lib_name() -> str:
    if sys.platform == "darwin":
        return "libfeudfacts.dylib"
    if sys.platform == "win32":
        return "feudfacts.dll"
    return "libfeudfacts.so"


def _bundled() -> Optional[Path]:
    """The library the wheel carries, ``_libfeudfacts.<ext-suffix>``."""
    for candidate in sorted(_HERE.glob(_BUNDLED_STEM + ".*")):
        if candidate.suffix in _LIB_SUFFIXES:
            return candidate
    return None


def library_path() -> Path:
    """Where the shared library is loaded from: ``$FEUDFACTS_LIB``, else the
    copy bundled with this package, else (in a source checkout, where
    ``python/pyproject.toml`` sits beside the package) the repository's
    ``target/release`` build."""
    env = os.environ.get("FEUDFACTS_LIB")
    if env:
        return Path(env)
    bundled = _bundled()
    if bundled is not None:
        return bundled
    checkout = _HERE.parent / "pyproject.toml"
    built = _HERE.parent.parent / "target" / "release" / _lib_name()
    if checkout.exists() and built.exists():
        return built
    raise FileNotFoundError(
        f"libfeudfacts not found: no {_BUNDLED_STEM} library in {_HERE}"
        + (f" and no {built}" if checkout.exists() else "")
        + "; install the package with `pip install ./python` (from the repository), "
        "or set FEUDFACTS_LIB to a libfeudfacts shared library"
    )


class _Str(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]
    ptr: Optional[int]
    len: int

    def get(self) -> str:
        if not self.ptr or not self.len:
            return ""
        return ctypes.string_at(self.ptr, self.len).decode("utf-8")


class _Date(ctypes.Structure):
    _fields_ = [("year", ctypes.c_uint16), ("month", ctypes.c_uint8), ("day", ctypes.c_uint8)]
    year: int
    month: int
    day: int


class _Dating(ctypes.Structure):
    _fields_ = [("date", _Date), ("precision", ctypes.c_uint8), ("inferred", ctypes.c_bool),
                ("note", _Str)]
    date: _Date
    precision: int
    inferred: bool
    note: _Str


class _Ref(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("index", ctypes.c_uint32)]
    kind: int
    index: int


class _Stats(ctypes.Structure):
    _fields_ = [("counts", ctypes.c_size_t * 6), ("total_records", ctypes.c_size_t),
                ("blob_bytes", ctypes.c_size_t), ("search_text_bytes", ctypes.c_size_t),
                ("fields", ctypes.c_size_t)]
    counts: List[int]
    total_records: int
    blob_bytes: int
    search_text_bytes: int
    fields: int


class _Source(ctypes.Structure):
    _fields_ = [("key", _Str), ("outlet", _Str), ("headline", _Str), ("published", _Dating),
                ("notes", _Str)]
    key: _Str
    outlet: _Str
    headline: _Str
    published: _Dating
    notes: _Str


class _Entity(ctypes.Structure):
    _fields_ = [("key", _Str), ("name", _Str), ("kind", ctypes.c_uint8), ("kind_name", _Str),
                ("role_count", ctypes.c_uint32), ("alias_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32), ("notes", _Str)]
    key: _Str
    name: _Str
    kind: int
    kind_name: _Str
    notes: _Str


class _Quote(ctypes.Structure):
    _fields_ = [("key", _Str), ("speaker", ctypes.c_uint32), ("speaker_name", _Str),
                ("text", _Str), ("dating", _Dating), ("medium", ctypes.c_uint8),
                ("medium_name", _Str), ("reply_to", ctypes.c_int32), ("context", _Str),
                ("text_source_count", ctypes.c_uint32), ("variant_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]
    key: _Str
    speaker: int
    speaker_name: _Str
    text: _Str
    dating: _Dating
    medium_name: _Str
    reply_to: int
    context: _Str


class _Event(ctypes.Structure):
    _fields_ = [("key", _Str), ("dating", _Dating), ("title", _Str), ("summary", _Str),
                ("participant_count", ctypes.c_uint32), ("quote_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]
    key: _Str
    dating: _Dating
    title: _Str
    summary: _Str


class _Figure(ctypes.Structure):
    _fields_ = [("key", _Str), ("value", ctypes.c_int64), ("unit", _Str),
                ("qualifier", ctypes.c_uint8), ("qualifier_name", _Str), ("refers_to", _Str),
                ("dating", _Dating), ("claimed_by_count", ctypes.c_uint32),
                ("disputed_by_count", ctypes.c_uint32), ("phrasing_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]
    key: _Str
    value: int
    unit: _Str
    qualifier_name: _Str
    refers_to: _Str
    dating: _Dating


class _Discrepancy(ctypes.Structure):
    _fields_ = [("key", _Str), ("title", _Str), ("description", _Str),
                ("side_count", ctypes.c_uint32), ("related_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]
    key: _Str
    title: _Str
    description: _Str


class _Item(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("index", ctypes.c_uint32), ("count", ctypes.c_uint32),
                ("text", _Str)]
    kind: int
    index: int
    count: int
    text: _Str


class _Filter(ctypes.Structure):
    _fields_ = [("kinds", ctypes.c_uint8), ("has_entity", ctypes.c_bool),
                ("mode", ctypes.c_uint8), ("entity", ctypes.c_uint32), ("from_", _Date),
                ("to", _Date)]
    kinds: int
    has_entity: bool
    mode: int
    entity: int
    from_: _Date
    to: _Date


class _Hit(ctypes.Structure):
    _fields_ = [("record", _Ref), ("field", ctypes.c_uint8), ("item", ctypes.c_uint8),
                ("matched_fields", ctypes.c_uint8), ("primary", ctypes.c_bool),
                ("start", ctypes.c_uint32), ("end", ctypes.c_uint32), ("date", _Date),
                ("precision", ctypes.c_uint8), ("complete", ctypes.c_bool),
                ("score", ctypes.c_uint32)]
    record: _Ref
    field: int
    item: int
    matched_fields: int
    primary: bool
    start: int
    end: int
    date: _Date
    complete: bool
    score: int


class _Summary(ctypes.Structure):
    _fields_ = [("total", ctypes.c_size_t), ("returned", ctypes.c_size_t),
                ("partial", ctypes.c_size_t), ("corrected", ctypes.c_uint32)]
    total: int
    returned: int
    partial: int
    corrected: int


class _Entry(ctypes.Structure):
    _fields_ = [("record", _Ref), ("date", _Date), ("precision", ctypes.c_uint8)]
    record: _Ref
    date: _Date


class _ThreadEntry(ctypes.Structure):
    _fields_ = [("quote", ctypes.c_uint32), ("depth", ctypes.c_uint32)]
    quote: int
    depth: int


class _CorpusHandle(ctypes.Structure):
    _fields_ = [("_opaque", ctypes.c_uint64 * 32)]


class _Cursor(ctypes.Structure):
    _fields_ = [("_opaque", ctypes.c_uint64 * 512)]


_P = ctypes.POINTER
_HANDLE = _P(_CorpusHandle)
_STATUS = ctypes.c_int
_SIGNATURES: Dict[str, Tuple[Any, List[Any]]] = {
    "feud_version": (ctypes.c_char_p, []),
    "feud_status_str": (ctypes.c_char_p, [ctypes.c_int]),
    "feud_embedded": (_HANDLE, []),
    "feud_open": (_STATUS, [ctypes.c_void_p, ctypes.c_size_t, _HANDLE]),
    "feud_blob": (_STATUS, [_HANDLE, _P(ctypes.c_void_p), _P(ctypes.c_size_t)]),
    "feud_count": (_STATUS, [_HANDLE, ctypes.c_uint8, _P(ctypes.c_size_t)]),
    "feud_get_stats": (_STATUS, [_HANDLE, _P(_Stats)]),
    "feud_get_source": (_STATUS, [_HANDLE, ctypes.c_uint32, _P(_Source)]),
    "feud_get_entity": (_STATUS, [_HANDLE, ctypes.c_uint32, _P(_Entity)]),
    "feud_get_quote": (_STATUS, [_HANDLE, ctypes.c_uint32, _P(_Quote)]),
    "feud_get_event": (_STATUS, [_HANDLE, ctypes.c_uint32, _P(_Event)]),
    "feud_get_figure": (_STATUS, [_HANDLE, ctypes.c_uint32, _P(_Figure)]),
    "feud_get_discrepancy": (_STATUS, [_HANDLE, ctypes.c_uint32, _P(_Discrepancy)]),
    "feud_list_len": (_STATUS, [_HANDLE, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_uint8,
                                _P(ctypes.c_size_t)]),
    "feud_list_item": (_STATUS, [_HANDLE, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_uint8,
                                 ctypes.c_size_t, _P(_Item)]),
    "feud_variant_source": (_STATUS, [_HANDLE, ctypes.c_uint32, ctypes.c_uint32,
                                      ctypes.c_size_t, _P(ctypes.c_uint32)]),
    "feud_key": (_STATUS, [_HANDLE, ctypes.c_uint8, ctypes.c_uint32, _P(_Str)]),
    "feud_find_key": (_STATUS, [_HANDLE, ctypes.c_char_p, _P(_Ref)]),
    "feud_entity_by_name": (_STATUS, [_HANDLE, ctypes.c_char_p, _P(ctypes.c_uint32)]),
    "feud_quote_by": (_STATUS, [_HANDLE, ctypes.c_uint32, ctypes.c_size_t, _P(ctypes.c_uint32)]),
    "feud_timeline": (_STATUS, [_HANDLE, _P(_Date), _P(_Date), ctypes.c_size_t, _P(_Entry)]),
    "feud_thread": (_STATUS, [_HANDLE, ctypes.c_uint32, ctypes.c_size_t, _P(_ThreadEntry)]),
    "feud_random_quote": (_STATUS, [_HANDLE, ctypes.c_uint64, _P(ctypes.c_uint32)]),
    "feud_kind_name": (ctypes.c_char_p, [ctypes.c_uint8]),
    "feud_field_name": (ctypes.c_char_p, [ctypes.c_uint8]),
    "feud_search": (_STATUS, [_HANDLE, ctypes.c_char_p, _P(_Filter), _P(_Hit), ctypes.c_size_t,
                              _P(_Summary)]),
    "feud_suggest": (_STATUS, [_HANDLE, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_size_t,
                               _P(ctypes.c_size_t)]),
    "feud_hit_text": (_STATUS, [_HANDLE, _P(_Hit), _P(_Str)]),
    "feud_cursor_open": (_STATUS, [_HANDLE, ctypes.c_char_p, _P(_Filter), _P(_Cursor)]),
    "feud_cursor_next": (_STATUS, [_P(_Cursor), _P(_Hit)]),
    "feud_format_line": (_STATUS, [_HANDLE, ctypes.c_uint8, ctypes.c_uint32, ctypes.c_char_p,
                                   ctypes.c_size_t, _P(ctypes.c_size_t)]),
    "feud_translit": (_STATUS, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint8,
                                ctypes.c_char_p, ctypes.c_size_t, _P(ctypes.c_size_t)]),
    "feud_wrap": (_STATUS, [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint32, ctypes.c_char_p,
                            ctypes.c_size_t, _P(ctypes.c_size_t), _P(ctypes.c_size_t)]),
}


class _Lib(Protocol):
    """What the wrapper calls, with the Python types ctypes hands back (the
    C types are in ``_SIGNATURES``): statuses are ints, strings bytes."""

    def feud_version(self) -> bytes: ...
    def feud_status_str(self, status: int) -> bytes: ...
    def feud_embedded(self) -> Any: ...
    def feud_open(self, data: Any, n: int, out: Any) -> int: ...
    def feud_blob(self, c: Any, ptr: Any, n: Any) -> int: ...
    def feud_count(self, c: Any, kind: int, n: Any) -> int: ...
    def feud_get_stats(self, c: Any, out: Any) -> int: ...
    def feud_get_source(self, c: Any, i: int, out: Any) -> int: ...
    def feud_get_entity(self, c: Any, i: int, out: Any) -> int: ...
    def feud_get_quote(self, c: Any, i: int, out: Any) -> int: ...
    def feud_get_event(self, c: Any, i: int, out: Any) -> int: ...
    def feud_get_figure(self, c: Any, i: int, out: Any) -> int: ...
    def feud_get_discrepancy(self, c: Any, i: int, out: Any) -> int: ...
    def feud_list_len(self, c: Any, kind: int, i: int, lst: int, n: Any) -> int: ...
    def feud_list_item(self, c: Any, kind: int, i: int, lst: int, j: int, out: Any) -> int: ...
    def feud_variant_source(self, c: Any, q: int, v: int, j: int, out: Any) -> int: ...
    def feud_key(self, c: Any, kind: int, i: int, out: Any) -> int: ...
    def feud_find_key(self, c: Any, key: bytes, out: Any) -> int: ...
    def feud_entity_by_name(self, c: Any, name: bytes, out: Any) -> int: ...
    def feud_quote_by(self, c: Any, entity: int, i: int, out: Any) -> int: ...
    def feud_timeline(self, c: Any, lo: Any, hi: Any, i: int, out: Any) -> int: ...
    def feud_thread(self, c: Any, q: int, i: int, out: Any) -> int: ...
    def feud_random_quote(self, c: Any, seed: int, out: Any) -> int: ...
    def feud_kind_name(self, kind: int) -> bytes: ...
    def feud_field_name(self, f: int) -> bytes: ...
    def feud_search(self, c: Any, q: bytes, f: Any, hits: Any, cap: int, s: Any) -> int: ...
    def feud_suggest(self, c: Any, q: bytes, buf: Any, n: int, needed: Any) -> int: ...
    def feud_hit_text(self, c: Any, hit: Any, out: Any) -> int: ...
    def feud_cursor_open(self, c: Any, q: bytes, f: Any, cur: Any) -> int: ...
    def feud_cursor_next(self, cur: Any, hit: Any) -> int: ...


_lib: Optional[_Lib] = None


def _load() -> _Lib:
    global _lib
    if _lib is None:
        lib = ctypes.CDLL(str(library_path()))
        for name, (restype, argtypes) in _SIGNATURES.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        _lib = cast(_Lib, lib)
    return _lib


def _raw() -> Any:
    """The library as ctypes sees it, for the calls ``_Lib`` leaves out
    (the snprintf-like ones, whose arguments vary)."""
    return _load()


def _status_str(status: int) -> str:
    return _load().feud_status_str(status).decode()


def _check(status: int, message: Optional[str] = None) -> None:
    """Raises the exception for ``status`` (unless it is 0), with ``message``
    when the caller knows what was refused."""
    if status != 0:
        raise _ERRORS.get(status, FeudError)(message)


def _index(value: Any, what: str = "record") -> int:
    """A record index as the C ABI takes it (``uint32_t``). ctypes would keep
    only the low 32 bits of a larger int (``2**32 + 3`` would become record 3)
    and wrap a negative one; no record has such an index, so it is not found."""
    i = operator.index(value)
    if not 0 <= i <= 0xFFFFFFFF:
        raise NotFoundError(f"no {what} {i}")
    return i


def version() -> str:
    """The library's version, "MAJOR.MINOR.PATCH" (``__version__`` is this
    package's, the same for the bundled library)."""
    return _load().feud_version().decode()


# ----- records ----------------------------------------------------------------


class Kind(enum.IntEnum):
    """A record kind (the ``FEUD_KIND_*`` values)."""

    SOURCE = 0
    ENTITY = 1
    QUOTE = 2
    EVENT = 3
    FIGURE = 4
    DISCREPANCY = 5

    @property
    def label(self) -> str:
        """The kind's name in lower case, as messages and ``--kind`` spell it."""
        return self.name.lower()

    @classmethod
    def of(cls, value: KindLike) -> Kind:
        """A kind from itself, its number or its name ("quote", "quotes")."""
        if isinstance(value, str):
            name = value.lower()
            name = {"entities": "entity", "discrepancies": "discrepancy"}.get(name, name)
            if name.upper() not in cls.__members__ and name.endswith("s"):
                name = name[:-1]
            try:
                return cls[name.upper()]
            except KeyError:
                raise InvalidArgumentError(f"unknown kind {value!r}") from None
        try:
            return cls(value)
        except ValueError:
            raise InvalidArgumentError(f"unknown kind {value!r}") from None


KindLike = Union[Kind, int, str]
"""A kind, its number or its name."""

_PRECISION = {0: None, 1: "year", 2: "month", 3: "day"}


@dataclass(frozen=True, order=True)
class Date:
    """A date as precise as the sources make it: ``month`` and ``day`` are 0
    when unknown. ``to_date()`` gives a ``datetime.date`` when it is precise
    to the day. Constructing an impossible date raises
    ``InvalidArgumentError``."""

    year: int
    month: int = 0
    day: int = 0

    def __post_init__(self) -> None:
        problem = None
        if not 1 <= self.year <= 0xFFFF:
            problem = "the year must be 1 to 65535"
        elif not 0 <= self.month <= 12:
            problem = "the month must be 1 to 12 (or 0: unknown)"
        elif self.day < 0:
            problem = "the day must be positive (or 0: unknown)"
        elif self.month == 0 and self.day != 0:
            problem = "a day needs a month"
        elif self.day > _days_in_month(self.year, self.month):
            problem = f"{calendar.month_name[self.month]} {self.year} has no day {self.day}"
        if problem:
            raise InvalidArgumentError(
                f"invalid date {self.year}-{self.month:02d}-{self.day:02d}: {problem}")

    @property
    def precision(self) -> str:
        """``"year"``, ``"month"`` or ``"day"``."""
        return "year" if not self.month else ("month" if not self.day else "day")

    def iso(self) -> str:
        """``2025``, ``2025-01`` or ``2025-01-22``, as precise as known."""
        s = f"{self.year:04d}"
        if self.month:
            s += f"-{self.month:02d}"
            if self.day:
                s += f"-{self.day:02d}"
        return s

    def __str__(self) -> str:
        return self.iso()

    def to_date(self) -> datetime.date:
        """The ``datetime.date``; ``ValueError`` when the day (or month) is
        not known, since any day chosen would be made up."""
        if not self.day:
            raise ValueError(f"{self.iso()} is precise only to the {self.precision}, "
                             "not to a day")
        return datetime.date(self.year, self.month, self.day)

    @classmethod
    def from_date(cls, d: datetime.date) -> Date:
        """The day of a ``datetime.date`` (or ``datetime``)."""
        return cls(d.year, d.month, d.day)

    @classmethod
    def parse(cls, value: DateLike) -> Date:
        """A date from itself, a ``datetime.date``, ``(year, month, day)`` or
        ``"2025-01-22"`` (``"2025-01"``, ``"2025"``)."""
        if isinstance(value, Date):
            return value
        if isinstance(value, datetime.date):
            return cls.from_date(value)
        if isinstance(value, tuple):
            return cls(*value)
        parts = str(value).split("-")
        if not 1 <= len(parts) <= 3 or not all(p.isdigit() for p in parts):
            raise InvalidArgumentError(f"invalid date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
        return cls(*(int(p) for p in parts))

    @classmethod
    def _of(cls, d: _Date) -> Optional[Date]:
        return cls(d.year, d.month, d.day) if d.year else None

    def _c(self) -> _Date:
        return _Date(self.year, self.month, self.day)


DateLike = Union[Date, datetime.date, str, Tuple[int, ...]]
"""A ``Date``, a ``datetime.date``, ``"2025-01-22"`` or ``(2025, 1, 22)``."""


@dataclass(frozen=True)
class Dating:
    """When something happened and how that was established: ``inferred``
    dates were worked out from the articles (``note`` says how)."""

    date: Date
    precision: str
    inferred: bool
    note: str

    @classmethod
    def _of(cls, d: _Dating) -> Optional[Dating]:
        date = Date._of(d.date)
        if date is None:
            return None
        return cls(date, _PRECISION[d.precision] or date.precision, bool(d.inferred),
                   d.note.get())


class EntityRef(int):
    """A reference to an entity: its index (so it compares, hashes and
    indexes as that ``int``), with the entity's ``name`` and ``key``."""

    name: str
    key: str

    def __new__(cls, index: int, name: str, key: str) -> EntityRef:
        ref = super().__new__(cls, index)
        ref.name = name
        ref.key = key
        return ref

    def __getnewargs__(self) -> Tuple[int, str, str]:  # type: ignore[override]
        # copy, deepcopy (dataclasses.asdict) and pickle rebuild it whole
        return (int(self), self.name, self.key)

    def __repr__(self) -> str:
        return f"EntityRef({int(self)}, {self.name!r})"

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class Source:
    """A news article the corpus cites."""

    index: int
    key: str
    outlet: str
    headline: str
    published: Optional[Dating]
    notes: str
    kind: Kind = field(default=Kind.SOURCE, repr=False)


@dataclass(frozen=True)
class Entity:
    """A person, company, project, outlet or institution."""

    index: int
    key: str
    name: str
    entity_kind: str
    roles: List[str]
    aliases: List[str]
    sources: List[int]
    notes: str
    kind: Kind = field(default=Kind.ENTITY, repr=False)


@dataclass(frozen=True)
class Variant:
    """Another printing of a quote, and the sources that print it so."""

    text: str
    sources: List[int]


@dataclass(frozen=True)
class Quote:
    """Something said, byte for byte as printed. ``speaker`` is an
    ``EntityRef`` (``speaker.name`` is ``speaker_name``); ``reply_to`` is the
    index of the quote it answers, or None."""

    index: int
    key: str
    speaker: EntityRef
    speaker_name: str
    text: str
    dating: Optional[Dating]
    medium: str
    reply_to: Optional[int]
    context: str
    text_sources: List[int]
    variants: List[Variant]
    sources: List[int]
    kind: Kind = field(default=Kind.QUOTE, repr=False)


@dataclass(frozen=True)
class Event:
    """Something that happened; ``participants`` are ``EntityRef``s."""

    index: int
    key: str
    dating: Optional[Dating]
    title: str
    summary: str
    participants: List[EntityRef]
    quotes: List[int]
    sources: List[int]
    kind: Kind = field(default=Kind.EVENT, repr=False)


@dataclass(frozen=True)
class Phrasing:
    """How one source words a figure."""

    text: str
    source: int


@dataclass(frozen=True)
class Figure:
    """An amount or count; who claims and who disputes it are ``EntityRef``s."""

    index: int
    key: str
    value: int
    unit: str
    qualifier: str
    refers_to: str
    dating: Optional[Dating]
    claimed_by: List[EntityRef]
    disputed_by: List[EntityRef]
    phrasings: List[Phrasing]
    sources: List[int]
    kind: Kind = field(default=Kind.FIGURE, repr=False)


@dataclass(frozen=True)
class Side:
    """What one source claims in a discrepancy."""

    source: int
    claim: str


@dataclass(frozen=True)
class Discrepancy:
    """A place where the articles disagree or are wrong."""

    index: int
    key: str
    title: str
    description: str
    sides: List[Side]
    related: List[Tuple[Kind, int]]
    sources: List[int]
    kind: Kind = field(default=Kind.DISCREPANCY, repr=False)


Record = Union[Source, Entity, Quote, Event, Figure, Discrepancy]
"""Any record."""


@dataclass(frozen=True)
class Hit:
    """One matching record: ``field`` is the field to highlight, and
    ``match`` the matched words, at characters ``span`` of ``field_text``."""

    record: Record
    field: str
    item: int
    field_text: str
    match: str
    span: Tuple[int, int]
    matched_fields: int
    primary: bool
    date: Optional[Date]
    complete: bool = True
    """The record has every word of the query (``False``: a closest match)."""
    score: int = 0
    """The best-match score (BM25F, integer); 0 in strict mode."""


@dataclass(frozen=True)
class SearchResult:
    """The best hits, and how many records matched in all.

    ``total`` counts the records with every word of the query. In best-match
    mode (the default) the hits continue, while room is left, with the
    closest matches: the last ``partial`` hits have only some of the words.
    ``total == 0`` with hits means "no record has every word; closest
    matches". ``suggestion`` is the query with the words the corpus does not
    know spelled as search read them (``"altman stargate"`` for ``"altamn
    stargte"``), or ``None``."""

    total: int
    hits: List[Hit]
    partial: int = 0
    suggestion: Optional[str] = None

    @property
    def is_partial(self) -> bool:
        """No record has every word; the hits are the closest matches."""
        return self.total == 0 and self.partial > 0

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


# Lists (FEUD_LIST_*).
_L_SOURCES, _L_ROLES, _L_ALIASES, _L_TEXT_SOURCES, _L_VARIANTS = 0, 1, 2, 3, 4
_L_PARTICIPANTS, _L_QUOTES, _L_CLAIMED_BY, _L_DISPUTED_BY = 5, 6, 7, 8
_L_PHRASINGS, _L_SIDES, _L_RELATED = 9, 10, 11


def _text_call(fn: Callable[..., int], *args: Any, after: Tuple[Any, ...] = ()) -> str:
    """Calls an snprintf-like function: measure, then fill. ``after`` are
    the arguments that follow its ``needed`` pointer (``feud_wrap``'s line
    count)."""
    needed = ctypes.c_size_t(0)
    status = fn(*args, None, 0, ctypes.byref(needed), *after)
    if status not in (0, BufferTooSmallError.status):
        _check(status)
    buf = ctypes.create_string_buffer(needed.value + 1)
    _check(fn(*args, buf, len(buf), ctypes.byref(needed), *after))
    return buf.raw[: needed.value].decode("utf-8")


def translit(text: str, charset: str = "ascii") -> str:
    """``text`` for a display that draws only ASCII (``"ascii"``) or
    ISO 8859-1 (``"latin1"``): typographic quotes and dashes made plain,
    accents dropped where missing, flags spelled (``[US flag]``)."""
    cs = {"ascii": 0, "latin1": 1, "latin-1": 1}.get(charset.lower())
    if cs is None:
        raise InvalidArgumentError(f"unknown charset {charset!r}: use 'ascii' or 'latin1'")
    data = _utf8(text, "the text")
    return _text_call(_raw().feud_translit, data, len(data), cs)


def wrap(text: str, cols: int) -> List[str]:
    """``text`` word-wrapped into lines of at most ``cols`` characters."""
    data = _utf8(text, "the text")
    lines = ctypes.c_size_t(0)
    out = _text_call(_raw().feud_wrap, data, len(data), cols, after=(ctypes.byref(lines),))
    return out.split("\n") if lines.value else []


def _utf8(text: str, what: str) -> bytes:
    """``text`` as UTF-8 for C. Undecodable bytes that Python kept as
    surrogates (a command-line argument, a file name) go as those bytes,
    for the library to refuse as bad UTF-8; other lone surrogates cannot be
    encoded at all, and are refused here."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        raise InvalidUtf8Error(f"{what} is not valid UTF-8") from None


def _query_bytes(query: Union[str, bytes], what: str = "the query") -> bytes:
    """A query or name for C: UTF-8 without NUL (bytes are passed as they
    are, so the library judges their UTF-8)."""
    data = query if isinstance(query, bytes) else _utf8(query, what)
    if b"\0" in data:
        raise InvalidArgumentError(f"{what} contains a NUL character")
    return data


EntityLike = Union["Entity", int, str]
"""An entity, its index or a name or alias ("@sama")."""
KindsLike = Union[KindLike, Iterable[KindLike], None]
"""One kind or several; None for all."""


class Corpus:
    """A validated corpus: the built-in one (``Corpus.embedded()``) or a blob
    loaded at run time (``Corpus.open(data)``, which keeps ``data`` alive)."""

    def __init__(self, handle: Any, keepalive: Any = None):
        self._lib = _load()
        self._h = handle
        self._keep = keepalive
        self._entity_refs: Dict[int, EntityRef] = {}

    @classmethod
    def embedded(cls) -> Corpus:
        """The corpus built into the library."""
        return cls(_load().feud_embedded())

    @classmethod
    def open(cls, data: bytes) -> Corpus:
        """Validates a blob (e.g. from ``feud export-blob``); raises a
        ``BlobError`` subclass when it is truncated, corrupted or malformed."""
        lib = _load()
        buf = ctypes.create_string_buffer(bytes(data), len(data))
        handle = _CorpusHandle()
        _check(lib.feud_open(buf, len(data), ctypes.byref(handle)))
        return cls(ctypes.pointer(handle), keepalive=(buf, handle))

    def blob(self) -> bytes:
        """The blob this corpus reads."""
        ptr, n = ctypes.c_void_p(), ctypes.c_size_t()
        _check(self._lib.feud_blob(self._h, ctypes.byref(ptr), ctypes.byref(n)))
        return ctypes.string_at(ptr, n.value)

    # -- counts ---------------------------------------------------------------

    def count(self, kind: KindLike) -> int:
        """How many records of a kind there are."""
        n = ctypes.c_size_t()
        _check(self._lib.feud_count(self._h, int(Kind.of(kind)), ctypes.byref(n)))
        return n.value

    def stats(self) -> Dict[str, Any]:
        """Record counts per kind and sizes, as ``feud stats`` reports them."""
        s = _Stats()
        _check(self._lib.feud_get_stats(self._h, ctypes.byref(s)))
        return {
            "counts": {k.label: int(s.counts[k]) for k in Kind},
            "total_records": s.total_records,
            "blob_bytes": s.blob_bytes,
            "search_text_bytes": s.search_text_bytes,
            "fields": s.fields,
        }

    def __len__(self) -> int:
        return int(self.stats()["total_records"])

    # -- records --------------------------------------------------------------

    def _list(self, kind: Kind, index: int, lst: int) -> List[_Item]:
        n = ctypes.c_size_t()
        _check(self._lib.feud_list_len(self._h, int(kind), index, lst, ctypes.byref(n)))
        items = []
        for i in range(n.value):
            it = _Item()
            _check(self._lib.feud_list_item(self._h, int(kind), index, lst, i, ctypes.byref(it)))
            items.append(it)
        return items

    def _ids(self, kind: Kind, index: int, lst: int) -> List[int]:
        return [it.index for it in self._list(kind, index, lst)]

    def _entities(self, kind: Kind, index: int, lst: int) -> List[EntityRef]:
        return [self._entity_ref(i) for i in self._ids(kind, index, lst)]

    def _texts(self, kind: Kind, index: int, lst: int) -> List[str]:
        return [it.text.get() for it in self._list(kind, index, lst)]

    def _entity_ref(self, index: int) -> EntityRef:
        ref = self._entity_refs.get(index)
        if ref is None:
            e = _Entity()
            _check(self._lib.feud_get_entity(self._h, index, ctypes.byref(e)),
                   f"no entity {index}")
            ref = self._entity_refs[index] = EntityRef(index, e.name.get(), e.key.get())
        return ref

    def _locate(self, kind: Kind, which: Union[int, str]) -> int:
        """The index of a record given by index or key."""
        if isinstance(which, str):
            r = _Ref()
            what = f"no {kind.label} with key {which!r}"
            _check(self._lib.feud_find_key(self._h, _query_bytes(which, "the key"),
                                           ctypes.byref(r)), what)
            if r.kind != kind:
                other = Kind(r.kind).label
                article = "an" if other[0] in "aeiou" else "a"
                raise NotFoundError(f"{what} ({which!r} is {article} {other})")
            return r.index
        return _index(which, kind.label)

    def source(self, which: Union[int, str]) -> Source:
        """A source by index or key (``NotFoundError`` if there is none)."""
        index = self._locate(Kind.SOURCE, which)
        s = _Source()
        _check(self._lib.feud_get_source(self._h, index, ctypes.byref(s)), f"no source {index}")
        return Source(index, s.key.get(), s.outlet.get(), s.headline.get(),
                      Dating._of(s.published), s.notes.get())

    def entity(self, which: Union[int, str]) -> Entity:
        """An entity by index or key (``entity_by_name`` takes names)."""
        index = self._locate(Kind.ENTITY, which)
        e = _Entity()
        _check(self._lib.feud_get_entity(self._h, index, ctypes.byref(e)), f"no entity {index}")
        k = Kind.ENTITY
        return Entity(index, e.key.get(), e.name.get(), e.kind_name.get(),
                      self._texts(k, index, _L_ROLES), self._texts(k, index, _L_ALIASES),
                      self._ids(k, index, _L_SOURCES), e.notes.get())

    def quote(self, which: Union[int, str]) -> Quote:
        """A quote by index or key (``"q-softbank-well-under-10b"``)."""
        index = self._locate(Kind.QUOTE, which)
        q = _Quote()
        _check(self._lib.feud_get_quote(self._h, index, ctypes.byref(q)), f"no quote {index}")
        k = Kind.QUOTE
        variants = []
        for vi, it in enumerate(self._list(k, index, _L_VARIANTS)):
            srcs = []
            for si in range(it.count):
                s = ctypes.c_uint32()
                _check(self._lib.feud_variant_source(self._h, index, vi, si, ctypes.byref(s)))
                srcs.append(s.value)
            variants.append(Variant(it.text.get(), srcs))
        return Quote(index, q.key.get(), self._entity_ref(q.speaker), q.speaker_name.get(),
                     q.text.get(), Dating._of(q.dating), q.medium_name.get(),
                     None if q.reply_to < 0 else q.reply_to, q.context.get(),
                     self._ids(k, index, _L_TEXT_SOURCES), variants,
                     self._ids(k, index, _L_SOURCES))

    def event(self, which: Union[int, str]) -> Event:
        """An event by index or key."""
        index = self._locate(Kind.EVENT, which)
        e = _Event()
        _check(self._lib.feud_get_event(self._h, index, ctypes.byref(e)), f"no event {index}")
        k = Kind.EVENT
        return Event(index, e.key.get(), Dating._of(e.dating), e.title.get(), e.summary.get(),
                     self._entities(k, index, _L_PARTICIPANTS), self._ids(k, index, _L_QUOTES),
                     self._ids(k, index, _L_SOURCES))

    def figure(self, which: Union[int, str]) -> Figure:
        """A figure by index or key."""
        index = self._locate(Kind.FIGURE, which)
        f = _Figure()
        _check(self._lib.feud_get_figure(self._h, index, ctypes.byref(f)), f"no figure {index}")
        k = Kind.FIGURE
        return Figure(index, f.key.get(), f.value, f.unit.get(), f.qualifier_name.get(),
                      f.refers_to.get(), Dating._of(f.dating),
                      self._entities(k, index, _L_CLAIMED_BY),
                      self._entities(k, index, _L_DISPUTED_BY),
                      [Phrasing(it.text.get(), it.index)
                       for it in self._list(k, index, _L_PHRASINGS)],
                      self._ids(k, index, _L_SOURCES))

    def discrepancy(self, which: Union[int, str]) -> Discrepancy:
        """A discrepancy by index or key."""
        index = self._locate(Kind.DISCREPANCY, which)
        d = _Discrepancy()
        _check(self._lib.feud_get_discrepancy(self._h, index, ctypes.byref(d)),
               f"no discrepancy {index}")
        k = Kind.DISCREPANCY
        return Discrepancy(index, d.key.get(), d.title.get(), d.description.get(),
                           [Side(it.index, it.text.get())
                            for it in self._list(k, index, _L_SIDES)],
                           [(Kind(it.kind), it.index)
                            for it in self._list(k, index, _L_RELATED)],
                           self._ids(k, index, _L_SOURCES))

    def record(self, kind: KindLike, which: Union[int, str]) -> Record:
        """Any record by kind and index (or key)."""
        getters: Dict[Kind, Callable[[Union[int, str]], Record]] = {
            Kind.SOURCE: self.source, Kind.ENTITY: self.entity, Kind.QUOTE: self.quote,
            Kind.EVENT: self.event, Kind.FIGURE: self.figure,
            Kind.DISCREPANCY: self.discrepancy,
        }
        return getters[Kind.of(kind)](which)

    def records(self, kind: KindLike) -> Iterator[Record]:
        """Every record of a kind, in index order."""
        k = Kind.of(kind)
        for i in range(self.count(k)):
            yield self.record(k, i)

    def key(self, kind: KindLike, index: int) -> str:
        """The key of a record."""
        k = Kind.of(kind)
        index = _index(index, k.label)
        s = _Str()
        _check(self._lib.feud_key(self._h, int(k), index, ctypes.byref(s)),
               f"no {k.label} {index}")
        return s.get()

    def find_key(self, key: str) -> Record:
        """The record with this key (``sam-altman``, ``q-…``), of any kind."""
        r = _Ref()
        _check(self._lib.feud_find_key(self._h, _query_bytes(key, "the key"), ctypes.byref(r)),
               f"no record with key {key!r}")
        return self.record(r.kind, r.index)

    def entity_by_name(self, name: Union[str, bytes]) -> Entity:
        """The entity with this name or alias (case and typography ignored)."""
        i = ctypes.c_uint32()
        shown = name if isinstance(name, str) else name.decode("utf-8", "replace")
        _check(self._lib.feud_entity_by_name(self._h, _query_bytes(name, "the name"),
                                             ctypes.byref(i)),
               f"no entity named {shown!r}")
        return self.entity(i.value)

    def entity_ref(self, entity: EntityLike) -> EntityRef:
        """The ``EntityRef`` of an entity, its index or a name."""
        return self._entity_ref(self._entity_index(entity))

    def _entity_index(self, entity: EntityLike) -> int:
        if isinstance(entity, str):
            return self.entity_by_name(entity).index
        index = _index(entity.index if isinstance(entity, Entity) else entity, "entity")
        if index >= self.count(Kind.ENTITY):
            raise NotFoundError(f"no entity {index}")
        return index

    def quotes_by(self, speaker: EntityLike) -> Iterator[Quote]:
        """The quotes of an entity (an Entity, its index, or a name)."""
        if isinstance(speaker, str):
            speaker = self.entity_by_name(speaker)
        try:
            idx = _index(speaker.index if isinstance(speaker, Entity) else speaker)
        except NotFoundError:
            return  # no such entity, so no quotes (as for any unknown index)
        i = 0
        q = ctypes.c_uint32()
        while self._lib.feud_quote_by(self._h, idx, i, ctypes.byref(q)) == 0:
            yield self.quote(q.value)
            i += 1

    # -- search ---------------------------------------------------------------

    def _filter(self, kinds: KindsLike, entity: Optional[EntityLike],
                date_from: Optional[DateLike], date_to: Optional[DateLike]) -> _Filter:
        f = _Filter()
        if kinds is not None:
            many: Iterable[KindLike] = (
                [kinds] if isinstance(kinds, (str, int, Kind)) else kinds)
            for k in many:
                f.kinds |= 1 << int(Kind.of(k))
        if entity is not None:
            f.has_entity = True
            f.entity = self._entity_index(entity)
        lo = Date.parse(date_from) if date_from is not None else None
        hi = Date.parse(date_to) if date_to is not None else None
        if lo is not None and hi is not None and _first_day(lo) > _last_day(hi):
            raise InvalidArgumentError(f"the range starts ({lo}) after it ends ({hi})")
        if lo is not None:
            f.from_ = lo._c()
        if hi is not None:
            f.to = hi._c()
        return f

    def _hit(self, h: _Hit) -> Hit:
        text = _Str()
        _check(self._lib.feud_hit_text(self._h, ctypes.byref(h), ctypes.byref(text)))
        raw = ctypes.string_at(text.ptr, text.len) if text.ptr and text.len else b""
        before = raw[: h.start].decode("utf-8")
        match = raw[h.start: h.end].decode("utf-8")
        return Hit(
            record=self.record(h.record.kind, h.record.index),
            field=self._lib.feud_field_name(h.field).decode(),
            item=h.item,
            field_text=raw.decode("utf-8"),
            match=match,
            span=(len(before), len(before) + len(match)),
            matched_fields=h.matched_fields,
            primary=bool(h.primary),
            date=Date._of(h.date),
            complete=bool(h.complete),
            score=h.score,
        )

    def search(self, query: Union[str, bytes], *, kinds: KindsLike = None,
               entity: Optional[EntityLike] = None, date_from: Optional[DateLike] = None,
               date_to: Optional[DateLike] = None, limit: int = 10,
               strict: bool = False) -> SearchResult:
        """The best ``limit`` records for ``query``, best first.

        Best match (the default): words are stemmed (``lawsuits`` finds
        "suit" through the corpus's synonyms, ``tweeted`` finds "tweet"),
        misspellings are read as the nearest corpus word, question words
        weigh little, and records with every word come first, then the
        closest matches (see :class:`SearchResult`). ``strict=True`` keeps
        the literal semantics: every word, exactly (``"a phrase"`` and
        ``prefix*`` work in both). ``kinds`` restricts the kinds ("quote",
        Kind.EVENT, ...), ``entity`` to records involving an entity (Entity,
        index or name), and ``date_from``/``date_to`` (``"2025-01-22"``, a
        ``datetime.date``) to dated records in that range."""
        f = self._filter(kinds, entity, date_from, date_to)
        f.mode = 1 if strict else 0
        if limit < 0:
            raise InvalidArgumentError(f"limit must not be negative, not {limit}")
        q = _query_bytes(query)
        cap = min(limit, len(self))  # no search has more hits than records
        hits = (_Hit * max(cap, 1))()
        s = _Summary()
        _check(self._lib.feud_search(self._h, q, ctypes.byref(f), hits, cap,
                                     ctypes.byref(s)))
        suggestion = None
        if s.corrected:
            suggestion = _text_call(self._lib.feud_suggest, self._h, q)
        return SearchResult(s.total, [self._hit(hits[i]) for i in range(s.returned)],
                            s.partial, suggestion)

    def matches(self, query: Union[str, bytes], *, kinds: KindsLike = None,
                entity: Optional[EntityLike] = None, date_from: Optional[DateLike] = None,
                date_to: Optional[DateLike] = None) -> Iterator[Hit]:
        """Every record matching every word of ``query`` literally (strict
        semantics, at most 8 terms), in corpus order (unranked), one at a
        time. Errors in the query are raised at once, not at the first
        ``next``."""
        f = self._filter(kinds, entity, date_from, date_to)
        cursor = _Cursor()  # ctypes memory never moves, as the cursor needs
        _check(self._lib.feud_cursor_open(self._h, _query_bytes(query), ctypes.byref(f),
                                          ctypes.byref(cursor)))
        return self._drain(cursor)

    def _drain(self, cursor: _Cursor) -> Iterator[Hit]:
        h = _Hit()
        while True:
            status = self._lib.feud_cursor_next(ctypes.byref(cursor), ctypes.byref(h))
            if status == NotFoundError.status:
                return
            _check(status)
            yield self._hit(h)

    # -- time and threads -----------------------------------------------------

    def timeline(self, date_from: Optional[DateLike] = None,
                 date_to: Optional[DateLike] = None) -> Iterator[Tuple[Date, Record]]:
        """Every dated quote and event, oldest first, as ``(date, record)``;
        optionally only those overlapping ``date_from``..``date_to``.
        Errors in the range are raised at once."""
        lo = Date.parse(date_from) if date_from is not None else None
        hi = Date.parse(date_to) if date_to is not None else None
        if lo is not None and hi is not None and _first_day(lo) > _last_day(hi):
            raise InvalidArgumentError(f"the range starts ({lo}) after it ends ({hi})")
        return self._timeline(lo, hi)

    def _timeline(self, lo: Optional[Date], hi: Optional[Date]) -> Iterator[Tuple[Date, Record]]:
        lo_c = ctypes.byref(lo._c()) if lo is not None else None
        hi_c = ctypes.byref(hi._c()) if hi is not None else None
        e = _Entry()
        i = 0
        while True:
            status = self._lib.feud_timeline(self._h, lo_c, hi_c, i, ctypes.byref(e))
            if status == NotFoundError.status:
                return
            _check(status)
            date = Date._of(e.date)
            assert date is not None  # the timeline holds dated records only
            yield date, self.record(e.record.kind, e.record.index)
            i += 1

    def thread(self, quote: Union[Quote, int, str]) -> Iterator[Tuple[Quote, int]]:
        """The reply thread around a quote: ``(quote, depth)``, root first.
        An unknown quote raises ``NotFoundError`` at once."""
        if isinstance(quote, Quote):
            idx = _index(quote.index, "quote")
        else:
            idx = self._locate(Kind.QUOTE, quote)
        if idx >= self.count(Kind.QUOTE):
            raise NotFoundError(f"no quote {idx}")
        return self._thread(idx)

    def _thread(self, idx: int) -> Iterator[Tuple[Quote, int]]:
        t = _ThreadEntry()
        i = 0
        while True:
            status = self._lib.feud_thread(self._h, idx, i, ctypes.byref(t))
            if status == NotFoundError.status:
                if i == 0:
                    raise NotFoundError(f"no quote {idx}")
                return
            _check(status)
            yield self.quote(t.quote), t.depth
            i += 1

    def random_quote(self, seed: int) -> Quote:
        """A quote chosen by ``seed``: the same seed, the same quote."""
        q = ctypes.c_uint32()
        _check(self._lib.feud_random_quote(self._h, seed & 0xFFFFFFFFFFFFFFFF, ctypes.byref(q)))
        return self.quote(q.value)

    def format_line(self, record: Union[Record, Tuple[KindLike, int]]) -> str:
        """A record as one line (``Speaker (date): text``, ``date: title``...)."""
        if isinstance(record, tuple):
            kind, index = Kind.of(record[0]), record[1]
        else:
            kind, index = record.kind, record.index
        index = _index(index, kind.label)
        try:
            return _text_call(_raw().feud_format_line, self._h, int(kind), index)
        except NotFoundError:
            raise NotFoundError(f"no {kind.label} {index}") from None


_MONTH_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _days_in_month(year: int, month: int) -> int:
    """As the library counts (calendar.monthrange stops at year 9999)."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month]


def _first_day(d: Date) -> Tuple[int, int, int]:
    return (d.year, d.month or 1, d.day or 1)


def _last_day(d: Date) -> Tuple[int, int, int]:
    month = d.month or 12
    return (d.year, month, d.day or _days_in_month(d.year, month))

