"""Read bytes, detect the encoding, never die for one file.

* :func:`decode` turns bytes into text and says which encoding it used.
* :func:`read_document` reads one path and raises a clear error when it can't.
* :func:`iter_documents` streams documents from many paths, one at a time, and
  turns every failure into a document with ``errors`` filled and empty text.
"""

from __future__ import annotations

import codecs
import logging
import os
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ._errors import DecodeError, IngestError
from ._opencc import detect_script
from .document import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Decoded",
    "decode",
    "expand_paths",
    "iter_documents",
    "read_document",
    "read_paths",
]

logger = logging.getLogger(__name__)

#: Files larger than this are refused (an error record), to bound memory.
DEFAULT_MAX_BYTES = 256 * 1024 * 1024

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"PK\x05\x06", "empty ZIP archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "OLE2 file (doc/xls)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"Rar!", "RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "ELF executable"),
    (b"BM", ""),  # too short to trust alone; checked with control-byte share below
]

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


@dataclass
class Decoded:
    """Text decoded from bytes, the encoding used and any warnings."""

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def _control_share(data: bytes) -> float:
    sample = data[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for b in sample if b < 9 or (13 < b < 32 and b != 27))
    return bad / len(sample)


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: NUL bytes concentrated on one parity."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.3 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.05 * half:
        return "utf-16-be"
    # Chinese UTF-16 has few NULs; decodes cleanly and gives mostly CJK
    for enc in ("utf-16-le", "utf-16-be"):
        if len(data) % 2:
            continue
        try:
            txt = data[:4096].decode(enc)
        except UnicodeDecodeError:
            continue
        cjk = sum(1 for c in txt if "\u4e00" <= c <= "\u9fff" or c in "，。、；：\n")
        if txt and cjk / len(txt) > 0.6:
            return enc
    return None


def _cjk_score(text: str) -> float:
    """Share of characters that look like ordinary Chinese text."""
    if not text:
        return 0.0
    good = 0
    for c in text[:20000]:
        o = ord(c)
        if (
            0x4E00 <= o <= 0x9FFF
            or (c.isascii() and (c.isprintable() or c in "\n\r\t"))
            or 0x3000 <= o <= 0x303F
            or 0xFF00 <= o <= 0xFFEF
        ):
            good += 1
    return good / min(len(text), 20000)


def _decode_legacy(data: bytes) -> Decoded | None:
    """GB18030 vs Big5: both are tried strictly; charset-normalizer arbitrates."""
    cands: list[tuple[str, str]] = []
    for enc in ("gb18030", "big5"):
        try:
            cands.append((enc, data.decode(enc)))
        except UnicodeDecodeError:
            continue
    if len(cands) == 1:
        return Decoded(cands[0][1], cands[0][0])
    if len(cands) == 2:
        scores = {enc: _common_han(txt) for enc, txt in cands}
        hi, lo = sorted(scores.values(), reverse=True)
        if hi >= 2 and hi >= 1.5 * lo:  # frequent characters decide clear cases, short texts too
            enc = max(scores, key=lambda e: scores[e])
            return Decoded(dict(cands)[enc], enc)
        gb_text, big5_text = dict(cands)["gb18030"], dict(cands)["big5"]
        if _in_gb2312(gb_text) and not _in_gb2312(big5_text):
            return Decoded(gb_text, "gb18030")  # simplified text stays inside GB2312
        from charset_normalizer import from_bytes

        best = from_bytes(data[:65536], cp_isolation=["gb18030", "big5"]).best()
        if best is not None and best.encoding in ("gb18030", "big5"):
            enc = best.encoding
        else:  # prefer the decoding that yields more common Han characters
            enc = max(cands, key=lambda c: _common_han(c[1]))[0]
        return Decoded(dict(cands)[enc], enc)
    return None


_COMMON: set[str] | None = None


def _common_chars() -> set[str]:
    """The most frequent characters of official text, simplified and traditional."""
    global _COMMON
    if _COMMON is None:
        base = set(
            "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理世车队与县济度革部群众业务义业"
        )
        from ._opencc import get_converter

        trad = get_converter("s2t").convert("".join(sorted(base)))
        _COMMON = base | set(trad)
    return _COMMON


def _in_gb2312(text: str) -> bool:
    """Whether the first 2,000 characters all exist in GB2312 (true of most simplified text)."""
    try:
        text[:2000].encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _common_han(text: str) -> int:
    """How many of the first 20,000 characters are frequent characters of official text."""
    common = _common_chars()
    return sum(1 for c in text[:20000] if c in common)


def _looks_mixed(data: bytes) -> bool:
    """Some lines are clean UTF-8 Chinese, others are not: decode line by line.

    Without this check a file mixing UTF-8 and GB18030 lines often decodes
    "successfully" as GB18030, turning its UTF-8 lines into mojibake.
    """
    utf8_cjk = 0
    for line in data.split(b"\n", 2000)[:2000]:
        if line.isascii():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if sum(1 for c in text if "\u4e00" <= c <= "\u9fff") >= 2:
            utf8_cjk += 1
            if utf8_cjk >= 2:
                return True
    return False


def decode(data: bytes, *, filename: str | None = None) -> Decoded:
    """Decode the bytes of a notice and report the encoding.

    Order: byte-order marks; binary signatures (refused); strict UTF-8 (the
    fast path); UTF-16 without BOM; GB18030 and Big5 (charset-normalizer
    arbitrates when both decode); UTF-8 with a truncated last character or a
    few bad lines (mixed encodings, decoded line by line); last resort a
    replacement-character decode with a warning — never a silent loss.

    Raises
    ------
    DecodeError
        For binary content (images, archives, executables, random bytes).

    Examples
    --------
    >>> decode("卫生局".encode("gb18030")).encoding
    'gb18030'
    >>> decode("衛生局關於".encode("big5")).encoding
    'big5'
    """
    where = f" ({filename})" if filename else ""
    if not data:
        return Decoded("", "empty", ["empty file"])
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(enc)
            except UnicodeDecodeError as exc:
                text = data.decode(enc, errors="replace")
                return Decoded(
                    text.lstrip("\ufeff"),
                    enc.replace("-sig", ""),
                    [f"bad bytes after BOM at {exc.start}"],
                )
            enc = {"utf-8-sig": "utf-8-sig", "utf-16-le": "utf-16", "utf-16-be": "utf-16-be"}.get(
                enc, enc
            )
            if enc == "utf-16":
                text = text.lstrip("\ufeff")
            if not text:
                return Decoded("", enc, ["empty file (only a byte-order mark)"])
            return Decoded(text, enc)
    for magic, what in _MAGIC:
        if what and data.startswith(magic):
            raise DecodeError(f"binary file{where}: looks like a {what}, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    u16 = _sniff_utf16(data)
    if u16:
        try:
            return Decoded(data.decode(u16), u16)
        except UnicodeDecodeError:
            pass
    if _control_share(data) > 0.10 and b"\x00" in data[:4096]:
        raise DecodeError(
            f"binary file{where}: {(_control_share(data) * 100):.0f}% control bytes, not text"
        )
    # UTF-8 cut inside the last character
    if utf8_error.start >= len(data) - 3 and utf8_error.reason == "unexpected end of data":
        text = data.decode("utf-8", errors="replace")
        return Decoded(text, "utf-8", [f"truncated multi-byte sequence at byte {utf8_error.start}"])
    legacy = None if _looks_mixed(data) else _decode_legacy(data)
    if legacy is not None:
        return legacy
    # truncated legacy encodings: drop the incomplete last byte
    for enc in ("gb18030", "big5"):
        try:
            text = data[:-1].decode(enc)
            return Decoded(
                text + "\ufffd", enc, [f"truncated multi-byte sequence at byte {len(data) - 1}"]
            )
        except UnicodeDecodeError:
            continue
    # mixed encodings: decode line by line
    lines = data.split(b"\n")
    parts: list[str] = []
    encs: set[str] = set()
    bad = 0
    for line in lines:
        for enc in ("utf-8", "gb18030", "big5"):
            try:
                parts.append(line.decode(enc))
                encs.add(enc)
                break
            except UnicodeDecodeError:
                continue
        else:
            parts.append(line.decode("utf-8", errors="replace"))
            bad += 1
    text = "\n".join(parts)
    if bad > max(3, 0.2 * len(lines)) or _cjk_score(text) < 0.5:
        raise DecodeError(
            f"undecodable bytes{where}: not UTF-8/UTF-16/GB18030/Big5 "
            f"(first bad byte at {utf8_error.start}); treated as binary"
        )
    warnings = []
    if len(encs) > 1:
        warnings.append(f"mixed encodings ({', '.join(sorted(encs))}) decoded line by line")
    if bad:
        warnings.append(f"{bad} undecodable line(s) kept with U+FFFD replacement characters")
    main = "utf-8" if "utf-8" in encs else sorted(encs)[0] if encs else "utf-8"
    return Decoded(text, "mixed" if len(encs) > 1 else main, warnings)


def _check_readable(path: Path) -> os.stat_result:
    try:
        st = path.stat()  # follows symlinks: dangling links and loops fail here
    except FileNotFoundError:
        if path.is_symlink():
            raise IngestError(f"dangling symlink: {path}") from None
        raise IngestError(f"no such file: {path}") from None
    except OSError as exc:
        raise IngestError(f"cannot stat {path}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError(f"is a directory, not a file: {path}")
    if not stat.S_ISREG(st.st_mode):
        kind = (
            "FIFO"
            if stat.S_ISFIFO(st.st_mode)
            else "socket"
            if stat.S_ISSOCK(st.st_mode)
            else "special file"
        )
        raise IngestError(f"not a regular file ({kind}): {path}")
    return st


def read_document(
    path: str | os.PathLike[str],
    *,
    doc_id: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read one file into a :class:`~policytext.Document` (not yet normalized).

    Raises
    ------
    IngestError
        Missing, unreadable, a directory, a FIFO, or larger than ``max_bytes``.
    DecodeError
        Binary or undecodable content.

    Examples
    --------
    >>> from policytext.datasets import sample_paths
    >>> doc = read_document(sample_paths()[1])
    >>> doc.encoding, doc.script
    ('utf-8', 'traditional')
    """
    p = Path(path)
    st = _check_readable(p)
    if st.st_size > max_bytes:
        raise IngestError(f"file too large ({st.st_size} bytes > max_bytes={max_bytes}): {p}")
    try:
        with open(p, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise IngestError(f"cannot read {p}: {exc.strerror or exc}") from None
    dec = decode(data, filename=str(p))
    doc = Document(id=doc_id or p.stem, raw=dec.text, source=str(p), encoding=dec.encoding)
    doc.script = detect_script(dec.text)
    doc.errors.extend(f"decode: {w}" for w in dec.warnings)
    if dec.text and not dec.text.strip():
        doc.errors.append("decode: whitespace-only file (no text)")
    return doc


def expand_paths(
    inputs: Iterable[str | os.PathLike[str]], *, pattern: str = "*.txt", recursive: bool = True
) -> list[Path]:
    """Expand files and directories into a sorted, de-duplicated list of paths.

    Directories contribute every entry matching ``pattern`` (recursively by
    default) — including entries that will fail to read (a directory named
    ``x.txt``, a dangling symlink), so each yields its own error record.
    Files named explicitly are kept whatever their suffix.
    """
    out: list[Path] = []
    seen: set[str] = set()
    for item in inputs:
        p = Path(item)
        if p.is_dir() and not p.is_symlink():
            found = p.rglob(pattern) if recursive else p.glob(pattern)
            children = sorted(found, key=lambda q: str(q))
        else:
            children = [p]
        for c in children:
            key = str(c)
            if key not in seen:
                seen.add(key)
                out.append(c)
    return out


def _unique_ids(paths: list[Path]) -> list[str]:
    stems = [p.stem for p in paths]
    counts: dict[str, int] = {}
    for s in stems:
        counts[s] = counts.get(s, 0) + 1
    if all(v == 1 for v in counts.values()):
        return stems
    return [str(p.with_suffix("")) if counts[p.stem] > 1 else p.stem for p in paths]


def iter_documents(
    inputs: Iterable[str | os.PathLike[str]],
    *,
    pattern: str = "*.txt",
    recursive: bool = True,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Stream documents from files and directories, one at a time.

    Only one file's bytes are held at a time. A path that cannot be read or
    decoded yields a document with empty text and ``errors`` saying why; a
    summary of failures is logged at the end.

    Examples
    --------
    >>> from policytext.datasets import SAMPLE_DIR
    >>> [d.id[:3] for d in iter_documents([SAMPLE_DIR])]
    ['000', '001', '002', '003', '004']
    """
    paths = expand_paths(inputs, pattern=pattern, recursive=recursive)
    yield from read_paths(paths, max_bytes=max_bytes)


def read_paths(
    paths: list[Path],
    *,
    ids: list[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Read already expanded ``paths`` (as from :func:`expand_paths`): one document each, in order.

    Unlike :func:`iter_documents`, a directory in ``paths`` is not expanded
    again: it yields its own error document. Never raises for a bad path.
    """
    paths = [Path(p) for p in paths]
    ids = _unique_ids(paths) if ids is None else list(ids)
    if len(ids) != len(paths):
        raise ValueError(f"ids has {len(ids)} entries for {len(paths)} paths")
    failures = 0
    for p, doc_id in zip(paths, ids):
        try:
            doc = read_document(p, doc_id=doc_id, max_bytes=max_bytes)
        except IngestError as exc:
            failures += 1
            doc = Document(id=doc_id, raw="", source=str(p), encoding=None, script=None)
            doc.errors.append(f"ingest: {exc}")
        except (MemoryError, RecursionError, ValueError, LookupError, OSError) as exc:
            failures += 1
            doc = Document(id=doc_id, raw="", source=str(p))
            doc.errors.append(f"ingest: unexpected {type(exc).__name__}: {exc}")
        except Exception as exc:  # pragma: no cover - last line of defence
            failures += 1
            doc = Document(id=doc_id, raw="", source=str(p))
            doc.errors.append(f"ingest: unexpected {type(exc).__name__}: {exc}")
        yield doc
    if failures:
        logger.warning(
            "%d of %d file(s) could not be read; see each record's errors", failures, len(paths)
        )
