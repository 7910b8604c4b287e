"""feudfacts from Python: the Musk-Altman Stargate feud fact base, through the
C ABI of libfeudfacts (ctypes, standard library only).

    >>> import feudfacts
    >>> corpus = feudfacts.Corpus.embedded()
    >>> altman = corpus.entity_by_name("@sama")
    >>> altman.name
    'Sam Altman'
    >>> result = corpus.search("softbank secured", kinds={"quote"})
    >>> result.hits[0].record.speaker_name
    'Elon Musk'

Records are dataclasses, searches, timelines and threads are iterators, and
every status code of the C library is an exception (``FeudError`` and its
subclasses). The library is found through the environment variable
``FEUDFACTS_LIB`` (a path to the shared library), next to this module, or in
the repository's ``target/release``.
"""

from __future__ import annotations

import ctypes
import enum
import operator
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Tuple, Union

__all__ = [
    "Corpus", "Kind", "Date", "Dating", "Source", "Entity", "Variant", "Quote",
    "Event", "Phrasing", "Figure", "Side", "Discrepancy", "Hit", "SearchResult",
    "translit", "wrap", "version", "library_path",
    "FeudError", "NullPointerError", "InvalidUtf8Error", "QueryError",
    "EmptyQueryError", "QueryTooLongError", "TooManyTermsError",
    "BufferTooSmallError", "NotFoundError", "InvalidArgumentError", "BlobError",
    "TruncatedError", "BadMagicError", "UnsupportedVersionError",
    "ChecksumMismatchError", "MalformedBlobError",
]

# ----- errors ---------------------------------------------------------------


class FeudError(Exception):
    """A refusal by libfeudfacts: ``status`` is the C status code."""

    status = -1

    def __init__(self, message: Optional[str] = None):
        super().__init__(message or _status_str(self.status))


class NullPointerError(FeudError):
    status = 1


class InvalidUtf8Error(FeudError, ValueError):
    status = 2


class QueryError(FeudError, ValueError):
    """The query was refused."""


class EmptyQueryError(QueryError):
    status = 3


class QueryTooLongError(QueryError):
    status = 4


class TooManyTermsError(QueryError):
    status = 5


class BufferTooSmallError(FeudError):
    status = 6


class NotFoundError(FeudError, LookupError):
    status = 7


class InvalidArgumentError(FeudError, ValueError):
    status = 8


class BlobError(FeudError, ValueError):
    """A blob given to ``Corpus.open`` was refused."""


class TruncatedError(BlobError):
    status = 9


class BadMagicError(BlobError):
    status = 10


class UnsupportedVersionError(BlobError):
    status = 11


class ChecksumMismatchError(BlobError):
    status = 12


class MalformedBlobError(BlobError):
    status = 13


_ERRORS = {
    cls.status: cls
    for cls in (
        NullPointerError, InvalidUtf8Error, EmptyQueryError, QueryTooLongError,
        TooManyTermsError, BufferTooSmallError, NotFoundError,
        InvalidArgumentError, TruncatedError, BadMagicError,
        UnsupportedVersionError, ChecksumMismatchError, MalformedBlobError,
    )
}

# ----- the library ----------------------------------------------------------


def _lib_name() -> str:
    if sys.platform == "darwin":
        return "libfeudfacts.dylib"
    if sys.platform == "win32":
        return "feudfacts.dll"
    return "libfeudfacts.so"


def library_path() -> Path:
    """Where the shared library is loaded from: ``$FEUDFACTS_LIB``, else next
    to this module, else the repository's ``target/release``."""
    env = os.environ.get("FEUDFACTS_LIB")
    if env:
        return Path(env)
    here = Path(__file__).resolve().parent
    for candidate in (here / _lib_name(), here.parent / "target" / "release" / _lib_name()):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"{_lib_name()} not found next to {here} or in target/release; build it with "
        "`cargo build --release -p feudfacts-ffi` or set FEUDFACTS_LIB"
    )


class _Str(ctypes.Structure):
    _fields_ = [("ptr", ctypes.c_void_p), ("len", ctypes.c_size_t)]

    def get(self) -> str:
        if not self.ptr or not self.len:
            return ""
        return ctypes.string_at(self.ptr, self.len).decode("utf-8")


class _Date(ctypes.Structure):
    _fields_ = [("year", ctypes.c_uint16), ("month", ctypes.c_uint8), ("day", ctypes.c_uint8)]


class _Dating(ctypes.Structure):
    _fields_ = [("date", _Date), ("precision", ctypes.c_uint8), ("inferred", ctypes.c_bool),
                ("note", _Str)]


class _Ref(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("index", ctypes.c_uint32)]


class _Stats(ctypes.Structure):
    _fields_ = [("counts", ctypes.c_size_t * 6), ("total_records", ctypes.c_size_t),
                ("blob_bytes", ctypes.c_size_t), ("search_text_bytes", ctypes.c_size_t),
                ("fields", ctypes.c_size_t)]


class _Source(ctypes.Structure):
    _fields_ = [("key", _Str), ("outlet", _Str), ("headline", _Str), ("published", _Dating),
                ("notes", _Str)]


class _Entity(ctypes.Structure):
    _fields_ = [("key", _Str), ("name", _Str), ("kind", ctypes.c_uint8), ("kind_name", _Str),
                ("role_count", ctypes.c_uint32), ("alias_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32), ("notes", _Str)]


class _Quote(ctypes.Structure):
    _fields_ = [("key", _Str), ("speaker", ctypes.c_uint32), ("speaker_name", _Str),
                ("text", _Str), ("dating", _Dating), ("medium", ctypes.c_uint8),
                ("medium_name", _Str), ("reply_to", ctypes.c_int32), ("context", _Str),
                ("text_source_count", ctypes.c_uint32), ("variant_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]


class _Event(ctypes.Structure):
    _fields_ = [("key", _Str), ("dating", _Dating), ("title", _Str), ("summary", _Str),
                ("participant_count", ctypes.c_uint32), ("quote_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]


class _Figure(ctypes.Structure):
    _fields_ = [("key", _Str), ("value", ctypes.c_int64), ("unit", _Str),
                ("qualifier", ctypes.c_uint8), ("qualifier_name", _Str), ("refers_to", _Str),
                ("dating", _Dating), ("claimed_by_count", ctypes.c_uint32),
                ("disputed_by_count", ctypes.c_uint32), ("phrasing_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]


class _Discrepancy(ctypes.Structure):
    _fields_ = [("key", _Str), ("title", _Str), ("description", _Str),
                ("side_count", ctypes.c_uint32), ("related_count", ctypes.c_uint32),
                ("source_count", ctypes.c_uint32)]


class _Item(ctypes.Structure):
    _fields_ = [("kind", ctypes.c_uint8), ("index", ctypes.c_uint32), ("count", ctypes.c_uint32),
                ("text", _Str)]


class _Filter(ctypes.Structure):
    _fields_ = [("kinds", ctypes.c_uint8), ("has_entity", ctypes.c_bool),
                ("entity", ctypes.c_uint32), ("from_", _Date), ("to", _Date)]


class _Hit(ctypes.Structure):
    _fields_ = [("record", _Ref), ("field", ctypes.c_uint8), ("item", ctypes.c_uint8),
                ("matched_fields", ctypes.c_uint8), ("primary", ctypes.c_bool),
                ("start", ctypes.c_uint32), ("end", ctypes.c_uint32), ("date", _Date),
                ("precision", ctypes.c_uint8)]


class _Summary(ctypes.Structure):
    _fields_ = [("total", ctypes.c_size_t), ("returned", ctypes.c_size_t)]


class _Entry(ctypes.Structure):
    _fields_ = [("record", _Ref), ("date", _Date), ("precision", ctypes.c_uint8)]


class _ThreadEntry(ctypes.Structure):
    _fields_ = [("quote", ctypes.c_uint32), ("depth", ctypes.c_uint32)]


class _CorpusHandle(ctypes.Structure):
    _fields_ = [("_opaque", ctypes.c_uint64 * 16)]


class _Cursor(ctypes.Structure):
    _fields_ = [("_opaque", ctypes.c_uint64 * 512)]


_P = ctypes.POINTER
_HANDLE = _P(_CorpusHandle)
_STATUS = ctypes.c_int
_SIGNATURES = {
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

_lib = None


def _load():
    global _lib
    if _lib is None:
        lib = ctypes.CDLL(str(library_path()))
        for name, (restype, argtypes) in _SIGNATURES.items():
            fn = getattr(lib, name)
            fn.restype = restype
            fn.argtypes = argtypes
        _lib = lib
    return _lib


def _status_str(status: int) -> str:
    return _load().feud_status_str(status).decode()


def _check(status: int) -> None:
    if status != 0:
        raise _ERRORS.get(status, FeudError)()


def _index(value) -> int:
    """A record index as the C ABI takes it (``uint32_t``). ctypes would keep
    only the low 32 bits of a larger int (``2**32 + 3`` would become record 3)
    and wrap a negative one; no record has such an index, so it is not found."""
    i = operator.index(value)
    if not 0 <= i <= 0xFFFFFFFF:
        raise NotFoundError(f"no record {i}")
    return i


def version() -> str:
    """The library's version, "MAJOR.MINOR.PATCH"."""
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

    @classmethod
    def of(cls, value: Union["Kind", int, str]) -> "Kind":
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


_PRECISION = {0: None, 1: "year", 2: "month", 3: "day"}


@dataclass(frozen=True, order=True)
class Date:
    """A date; ``month`` and ``day`` are 0 when unknown."""

    year: int
    month: int = 0
    day: int = 0

    @property
    def precision(self) -> str:
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

    @classmethod
    def parse(cls, value: Union["Date", str, Tuple[int, ...]]) -> "Date":
        if isinstance(value, Date):
            return value
        if isinstance(value, tuple):
            return cls(*value)
        parts = [int(p) for p in str(value).split("-")]
        return cls(*parts)

    @classmethod
    def _of(cls, d: _Date) -> Optional["Date"]:
        return cls(d.year, d.month, d.day) if d.year else None

    def _c(self) -> _Date:
        return _Date(self.year, self.month, self.day)


@dataclass(frozen=True)
class Dating:
    """When something happened and how that was established."""

    date: Date
    precision: str
    inferred: bool
    note: str

    @classmethod
    def _of(cls, d: _Dating) -> Optional["Dating"]:
        date = Date._of(d.date)
        if date is None:
            return None
        return cls(date, _PRECISION[d.precision], bool(d.inferred), d.note.get())


@dataclass(frozen=True)
class Source:
    index: int
    key: str
    outlet: str
    headline: str
    published: Optional[Dating]
    notes: str
    kind: Kind = field(default=Kind.SOURCE, repr=False)


@dataclass(frozen=True)
class Entity:
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
    text: str
    sources: List[int]


@dataclass(frozen=True)
class Quote:
    index: int
    key: str
    speaker: int
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
    index: int
    key: str
    dating: Optional[Dating]
    title: str
    summary: str
    participants: List[int]
    quotes: List[int]
    sources: List[int]
    kind: Kind = field(default=Kind.EVENT, repr=False)


@dataclass(frozen=True)
class Phrasing:
    text: str
    source: int


@dataclass(frozen=True)
class Figure:
    index: int
    key: str
    value: int
    unit: str
    qualifier: str
    refers_to: str
    dating: Optional[Dating]
    claimed_by: List[int]
    disputed_by: List[int]
    phrasings: List[Phrasing]
    sources: List[int]
    kind: Kind = field(default=Kind.FIGURE, repr=False)


@dataclass(frozen=True)
class Side:
    source: int
    claim: str


@dataclass(frozen=True)
class Discrepancy:
    index: int
    key: str
    title: str
    description: str
    sides: List[Side]
    related: List[Tuple[Kind, int]]
    sources: List[int]
    kind: Kind = field(default=Kind.DISCREPANCY, repr=False)


Record = Union[Source, Entity, Quote, Event, Figure, Discrepancy]


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


@dataclass(frozen=True)
class SearchResult:
    """The best hits, and how many records matched in all."""

    total: int
    hits: List[Hit]

    def __iter__(self) -> Iterator[Hit]:
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


# Lists (FEUD_LIST_*).
_L_SOURCES, _L_ROLES, _L_ALIASES, _L_TEXT_SOURCES, _L_VARIANTS = 0, 1, 2, 3, 4
_L_PARTICIPANTS, _L_QUOTES, _L_CLAIMED_BY, _L_DISPUTED_BY = 5, 6, 7, 8
_L_PHRASINGS, _L_SIDES, _L_RELATED = 9, 10, 11


def _text_call(fn, *args) -> str:
    """Calls an snprintf-like function: measure, then fill."""
    needed = ctypes.c_size_t(0)
    status = fn(*args, None, 0, ctypes.byref(needed))
    if status not in (0, BufferTooSmallError.status):
        _check(status)
    buf = ctypes.create_string_buffer(needed.value + 1)
    _check(fn(*args, buf, len(buf), ctypes.byref(needed)))
    return buf.raw[: needed.value].decode("utf-8")


def translit(text: str, charset: str = "ascii") -> str:
    """``text`` for a display that draws only ASCII (``"ascii"``) or
    ISO 8859-1 (``"latin1"``): typographic quotes and dashes made plain,
    accents dropped where missing, flags spelled (``[US flag]``)."""
    cs = {"ascii": 0, "latin1": 1, "latin-1": 1}.get(charset.lower())
    if cs is None:
        raise InvalidArgumentError(f"unknown charset {charset!r}")
    data = text.encode("utf-8")
    return _text_call(_load().feud_translit, data, len(data), cs)


def wrap(text: str, cols: int) -> List[str]:
    """``text`` word-wrapped into lines of at most ``cols`` characters."""
    data = text.encode("utf-8")
    lib = _load()
    needed, lines = ctypes.c_size_t(0), ctypes.c_size_t(0)
    status = lib.feud_wrap(data, len(data), cols, None, 0, ctypes.byref(needed), ctypes.byref(lines))
    if status not in (0, BufferTooSmallError.status):
        _check(status)
    buf = ctypes.create_string_buffer(needed.value + 1)
    _check(lib.feud_wrap(data, len(data), cols, buf, len(buf), ctypes.byref(needed),
                         ctypes.byref(lines)))
    out = buf.raw[: needed.value].decode("utf-8")
    return out.split("\n") if lines.value else []


def _query_bytes(query: Union[str, bytes]) -> bytes:
    """A query or name for C: UTF-8 without NUL (bytes are passed as they
    are, so the library judges their UTF-8)."""
    data = query if isinstance(query, bytes) else query.encode("utf-8")
    if b"\0" in data:
        raise InvalidArgumentError("contains a NUL character")
    return data


class Corpus:
    """A validated corpus: the built-in one (``Corpus.embedded()``) or a blob
    loaded at run time (``Corpus.open(data)``, which keeps ``data`` alive)."""

    def __init__(self, handle, keepalive=None):
        self._lib = _load()
        self._h = handle
        self._keep = keepalive

    @classmethod
    def embedded(cls) -> "Corpus":
        """The corpus built into the library."""
        return cls(_load().feud_embedded())

    @classmethod
    def open(cls, data: bytes) -> "Corpus":
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

    def count(self, kind: Union[Kind, int, str]) -> int:
        n = ctypes.c_size_t()
        _check(self._lib.feud_count(self._h, int(Kind.of(kind)), ctypes.byref(n)))
        return n.value

    def stats(self) -> dict:
        s = _Stats()
        _check(self._lib.feud_get_stats(self._h, ctypes.byref(s)))
        return {
            "counts": {k.name.lower(): s.counts[k] for k in Kind},
            "total_records": s.total_records,
            "blob_bytes": s.blob_bytes,
            "search_text_bytes": s.search_text_bytes,
            "fields": s.fields,
        }

    def __len__(self) -> int:
        return self.stats()["total_records"]

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

    def _texts(self, kind: Kind, index: int, lst: int) -> List[str]:
        return [it.text.get() for it in self._list(kind, index, lst)]

    def source(self, index: int) -> Source:
        index = _index(index)
        s = _Source()
        _check(self._lib.feud_get_source(self._h, index, ctypes.byref(s)))
        return Source(index, s.key.get(), s.outlet.get(), s.headline.get(),
                      Dating._of(s.published), s.notes.get())

    def entity(self, index: int) -> Entity:
        index = _index(index)
        e = _Entity()
        _check(self._lib.feud_get_entity(self._h, index, ctypes.byref(e)))
        k = Kind.ENTITY
        return Entity(index, e.key.get(), e.name.get(), e.kind_name.get(),
                      self._texts(k, index, _L_ROLES), self._texts(k, index, _L_ALIASES),
                      self._ids(k, index, _L_SOURCES), e.notes.get())

    def quote(self, index: int) -> Quote:
        index = _index(index)
        q = _Quote()
        _check(self._lib.feud_get_quote(self._h, index, ctypes.byref(q)))
        k = Kind.QUOTE
        variants = []
        for vi, it in enumerate(self._list(k, index, _L_VARIANTS)):
            srcs = []
            for si in range(it.count):
                s = ctypes.c_uint32()
                _check(self._lib.feud_variant_source(self._h, index, vi, si, ctypes.byref(s)))
                srcs.append(s.value)
            variants.append(Variant(it.text.get(), srcs))
        return Quote(index, q.key.get(), q.speaker, q.speaker_name.get(), q.text.get(),
                     Dating._of(q.dating), q.medium_name.get(),
                     None if q.reply_to < 0 else q.reply_to, q.context.get(),
                     self._ids(k, index, _L_TEXT_SOURCES), variants,
                     self._ids(k, index, _L_SOURCES))

    def event(self, index: int) -> Event:
        index = _index(index)
        e = _Event()
        _check(self._lib.feud_get_event(self._h, index, ctypes.byref(e)))
        k = Kind.EVENT
        return Event(index, e.key.get(), Dating._of(e.dating), e.title.get(), e.summary.get(),
                     self._ids(k, index, _L_PARTICIPANTS), self._ids(k, index, _L_QUOTES),
                     self._ids(k, index, _L_SOURCES))

    def figure(self, index: int) -> Figure:
        index = _index(index)
        f = _Figure()
        _check(self._lib.feud_get_figure(self._h, index, ctypes.byref(f)))
        k = Kind.FIGURE
        return Figure(index, f.key.get(), f.value, f.unit.get(), f.qualifier_name.get(),
                      f.refers_to.get(), Dating._of(f.dating),
                      self._ids(k, index, _L_CLAIMED_BY), self._ids(k, index, _L_DISPUTED_BY),
                      [Phrasing(it.text.get(), it.index)
                       for it in self._list(k, index, _L_PHRASINGS)],
                      self._ids(k, index, _L_SOURCES))

    def discrepancy(self, index: int) -> Discrepancy:
        index = _index(index)
        d = _Discrepancy()
        _check(self._lib.feud_get_discrepancy(self._h, index, ctypes.byref(d)))
        k = Kind.DISCREPANCY
        return Discrepancy(index, d.key.get(), d.title.get(), d.description.get(),
                           [Side(it.index, it.text.get())
                            for it in self._list(k, index, _L_SIDES)],
                           [(Kind(it.kind), it.index)
                            for it in self._list(k, index, _L_RELATED)],
                           self._ids(k, index, _L_SOURCES))

    def record(self, kind: Union[Kind, int, str], index: int) -> Record:
        """Any record by kind and index."""
        getter = {
            Kind.SOURCE: self.source, Kind.ENTITY: self.entity, Kind.QUOTE: self.quote,
            Kind.EVENT: self.event, Kind.FIGURE: self.figure,
            Kind.DISCREPANCY: self.discrepancy,
        }[Kind.of(kind)]
        return getter(index)

    def records(self, kind: Union[Kind, int, str]) -> Iterator[Record]:
        """Every record of a kind, in index order."""
        k = Kind.of(kind)
        for i in range(self.count(k)):
            yield self.record(k, i)

    def key(self, kind: Union[Kind, int, str], index: int) -> str:
        index = _index(index)
        s = _Str()
        _check(self._lib.feud_key(self._h, int(Kind.of(kind)), index, ctypes.byref(s)))
        return s.get()

    def find_key(self, key: str) -> Record:
        """The record with this key (``sam-altman``, ``q-…``); ``NotFoundError``."""
        r = _Ref()
        _check(self._lib.feud_find_key(self._h, _query_bytes(key), ctypes.byref(r)))
        return self.record(r.kind, r.index)

    def entity_by_name(self, name: str) -> Entity:
        """The entity with this name or alias (case and typography ignored)."""
        i = ctypes.c_uint32()
        _check(self._lib.feud_entity_by_name(self._h, _query_bytes(name), ctypes.byref(i)))
        return self.entity(i.value)

    def quotes_by(self, speaker: Union[Entity, int, str]) -> Iterator[Quote]:
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

    def _filter(self, kinds, entity, date_from, date_to) -> _Filter:
        f = _Filter()
        if kinds:
            if isinstance(kinds, (str, int, Kind)):
                kinds = [kinds]
            for k in kinds:
                f.kinds |= 1 << int(Kind.of(k))
        if entity is not None:
            if isinstance(entity, str):
                entity = self.entity_by_name(entity)
            f.has_entity = True
            f.entity = _index(entity.index if isinstance(entity, Entity) else entity)
        if date_from is not None:
            f.from_ = Date.parse(date_from)._c()
        if date_to is not None:
            f.to = Date.parse(date_to)._c()
        return f

    def _hit(self, h: _Hit) -> Hit:
        text = _Str()
        _check(self._lib.feud_hit_text(self._h, ctypes.byref(h), ctypes.byref(text)))
        raw = ctypes.string_at(text.ptr, text.len) if text.len else b""
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
        )

    def search(self, query: str, *, kinds: Optional[Iterable] = None, entity=None,
               date_from=None, date_to=None, limit: int = 10) -> SearchResult:
        """The best ``limit`` records matching ``query`` (all words; ``"a
        phrase"``; ``prefix*``), best first, and the total number matching.
        ``kinds`` restricts the kinds ("quote", Kind.EVENT, ...), ``entity``
        to records involving an entity (Entity, index or name), and
        ``date_from``/``date_to`` (``"2025-01-22"``) to dated records."""
        f = self._filter(kinds, entity, date_from, date_to)
        hits = (_Hit * max(limit, 1))()
        s = _Summary()
        _check(self._lib.feud_search(self._h, _query_bytes(query), ctypes.byref(f), hits,
                                     max(limit, 0), ctypes.byref(s)))
        return SearchResult(s.total, [self._hit(hits[i]) for i in range(s.returned)])

    def matches(self, query: str, *, kinds: Optional[Iterable] = None, entity=None,
                date_from=None, date_to=None) -> Iterator[Hit]:
        """Every record matching, in corpus order (unranked), one at a time.
        Errors in the query are raised at once, not at the first ``next``."""
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

    def timeline(self, date_from=None, date_to=None) -> Iterator[Tuple[Date, Record]]:
        """Every dated quote and event, oldest first, as ``(date, record)``;
        optionally only those overlapping ``date_from``..``date_to``."""
        lo = ctypes.byref(Date.parse(date_from)._c()) if date_from is not None else None
        hi = ctypes.byref(Date.parse(date_to)._c()) if date_to is not None else None
        e = _Entry()
        i = 0
        while True:
            status = self._lib.feud_timeline(self._h, lo, hi, i, ctypes.byref(e))
            if status == NotFoundError.status:
                return
            _check(status)
            yield Date._of(e.date), self.record(e.record.kind, e.record.index)
            i += 1

    def thread(self, quote: Union[Quote, int]) -> Iterator[Tuple[Quote, int]]:
        """The reply thread around a quote: ``(quote, depth)``, root first."""
        idx = _index(quote.index if isinstance(quote, Quote) else quote)
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

    def format_line(self, record: Union[Record, Tuple]) -> str:
        """A record as one line (``Speaker (date): text``, ``date: title``...)."""
        kind, index = (record.kind, record.index) if not isinstance(record, tuple) else record
        return _text_call(self._lib.feud_format_line, self._h, int(Kind.of(kind)), _index(index))
