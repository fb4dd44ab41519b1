"""Build a deterministic corpus of bad documents for stress-testing ingestion and extraction.

Usage::

    python benchmarks/stress_corpus.py --out build/stress --files 10000 [--big-mb 50] [--seed 0]

The corpus mixes real notices (corpora/sample and, when present,
../shared/corpora) in every encoding policytext must read — UTF-8 with and
without BOM, GB18030, Big5, UTF-16 LE/BE with and without BOM, mixed
encodings inside one file, CRLF/CR line ends — with hostile inputs: NUL and
control bytes, empty and whitespace-only files, one big notice (``--big-mb``),
one file of a single very long line, random bytes, PNG/PDF/ZIP headers named
``.txt``, truncated multi-byte sequences, broken HTML, deeply nested
parentheses, 10,000 repeated pinyin annotations, long runs of ``**``/``×``,
file names with Chinese, spaces and quotes, and entries that even root
cannot read: a FIFO, a dangling symlink, a symlink loop and a directory named
``x.txt``. (A file deleted between listing and reading is simulated by
``stress_run.py``, which unlinks ``zz_deleted_between_listing_and_reading.txt``
after listing.)

``_manifest.json`` maps every entry name to its category.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "corpora" / "sample"
SHARED_CORPORA = ROOT.parent / "shared" / "corpora"
DELETED_NAME = "zz_deleted_between_listing_and_reading.txt"


def load_sources(max_shared: int = 60) -> list[str]:
    """Texts of the sample notices and of up to ``max_shared`` shared notices (sorted, deterministic)."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(SAMPLE_DIR.glob("*.txt"))]
    if SHARED_CORPORA.is_dir():
        shared = sorted(SHARED_CORPORA.rglob("*.txt"), key=str)[:max_shared]
        for p in shared:
            try:
                t = p.read_text(encoding="utf-8")
            except (UnicodeDecodeError, OSError):
                continue
            if t.strip():
                texts.append(t[:20000])
    return texts


def _to_traditional(text: str) -> str:
    from policytext._opencc import get_converter

    return get_converter("s2t").convert(text)


class Builder:
    """Generates file contents by category from a seeded RNG."""

    def __init__(self, texts: list[str], seed: int) -> None:
        self.texts = texts
        self.rng = random.Random(seed)
        self._trad: dict[int, str] = {}

    def fragment(self, lo: int = 300, hi: int = 4000) -> str:
        t = self.rng.choice(self.texts)
        n = self.rng.randint(lo, hi)
        if len(t) <= n:
            return t
        start = self.rng.randint(0, len(t) - n)
        return t[start : start + n]

    def traditional(self) -> str:
        i = self.rng.randrange(len(self.texts))
        if i not in self._trad:
            self._trad[i] = _to_traditional(self.texts[i][:6000])
        return self._trad[i]

    # -- categories: each returns bytes ------------------------------------
    def utf8(self) -> bytes:
        return self.fragment().encode("utf-8")

    def utf8_bom(self) -> bytes:
        return b"\xef\xbb\xbf" + self.fragment().encode("utf-8")

    def gb18030(self) -> bytes:
        return self.fragment().encode("gb18030")

    def big5(self) -> bytes:
        return self.traditional().encode("big5", errors="replace")

    def utf16le_bom(self) -> bytes:
        return self.fragment().encode("utf-16")  # BOM + native (LE) order

    def utf16be_bom(self) -> bytes:
        return b"\xfe\xff" + self.fragment().encode("utf-16-be")

    def utf16le(self) -> bytes:
        return self.fragment().encode("utf-16-le")

    def utf16be(self) -> bytes:
        return self.fragment().encode("utf-16-be")

    def mixed_encodings(self) -> bytes:
        lines = self.fragment(800, 3000).replace("。", "。\n").split("\n")
        encs = ("utf-8", "gb18030")
        return b"\n".join(line.encode(encs[i % 2]) for i, line in enumerate(lines))

    def crlf(self) -> bytes:
        return self.fragment().replace("\n", "\r\n").encode("utf-8")

    def cr(self) -> bytes:
        return self.fragment().replace("\n", "\r").encode("utf-8")

    def nul_control(self) -> bytes:
        chars = list(self.fragment())
        for _ in range(max(1, len(chars) // 50)):
            chars.insert(
                self.rng.randrange(len(chars) + 1),
                chr(self.rng.choice([0, 1, 7, 8, 11, 12, 27, 127])),
            )
        return "".join(chars).encode("utf-8")

    def empty(self) -> bytes:
        return b""

    def whitespace(self) -> bytes:
        return "".join(
            self.rng.choice([" ", "\t", "\n", "\r\n", "\u3000", "\u00a0"]) for _ in range(200)
        ).encode()

    def random_bytes(self) -> bytes:
        return self.rng.randbytes(self.rng.randint(1, 8192))

    def png(self) -> bytes:
        return b"\x89PNG\r\n\x1a\n" + self.rng.randbytes(2000)

    def pdf(self) -> bytes:
        return b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + self.rng.randbytes(2000)

    def zip(self) -> bytes:
        return b"PK\x03\x04" + self.rng.randbytes(2000)

    def truncated_utf8(self) -> bytes:
        data = self.fragment().encode("utf-8")
        return data[: -self.rng.choice([1, 2])] if data[-1] >= 0x80 else data + "卫".encode()[:2]

    def truncated_gb18030(self) -> bytes:
        return self.fragment().encode("gb18030") + "卫".encode("gb18030")[:1]

    def broken_html(self) -> bytes:
        frag = self.fragment(200, 1500)
        html = (
            "<html><head><title>关于印发<b>通知</title><script>var a = '<p>' + 1; while(1){}</script>"
            f"<style>p{{}}</style></head><body><div><p>{frag}<p>&#x;&#;&amp&nbsp&#12345678901;"
            "<table><tr><td>单位<td>数量</table><!-- unclosed comment <a href='x"
        )
        return html.encode("utf-8")

    def nested_parens(self) -> bytes:
        depth = self.rng.randint(1000, 5000)
        opener, closer = self.rng.choice([("(", ")"), ("（", "）"), ("〔", "〕"), ("【", "】")])
        return (self.fragment(100, 500) + opener * depth + "卫生" + closer * (depth // 2)).encode()

    def pinyin_repeat(self) -> bytes:
        return ("衛(wèi)" * 10000).encode("utf-8")

    def star_run(self) -> bytes:
        return (self.fragment(100, 500) + "**" * 50000 + "×" * 50000 + "某某" * 1000).encode()


CATEGORIES: list[str] = [
    "utf8",
    "utf8",
    "utf8",
    "utf8_bom",
    "gb18030",
    "gb18030",
    "big5",
    "utf16le_bom",
    "utf16be_bom",
    "utf16le",
    "utf16be",
    "mixed_encodings",
    "crlf",
    "cr",
    "nul_control",
    "empty",
    "whitespace",
    "random_bytes",
    "png",
    "pdf",
    "zip",
    "truncated_utf8",
    "truncated_gb18030",
    "broken_html",
    "nested_parens",
    "pinyin_repeat",
    "star_run",
]


def _name(i: int, category: str, rng: random.Random) -> str:
    kind = i % 7
    if kind == 3:
        return f"{i:05d}_通知 第{i}号.txt"
    if kind == 5:
        return f"{i:05d}_\"quoted\" 'single' {category}.txt"
    return f"{i:05d}_{category}.txt"


def build(
    out: str | os.PathLike[str],
    n_files: int,
    *,
    big_mb: float = 50,
    line_mb: float = 5,
    seed: int = 0,
) -> dict[str, str]:
    """Write the stress corpus into ``out`` (which must be empty or absent); return name → category."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if any(out.iterdir()):
        raise SystemExit(f"{out} is not empty; give a fresh directory")
    b = Builder(load_sources(), seed)
    manifest: dict[str, str] = {}
    specials: list[tuple[str, str, Callable[[Path], None]]] = []

    def big(path: Path) -> None:
        target = int(big_mb * 1024 * 1024)
        written = 0
        with open(path, "wb") as fh:
            while written < target:
                chunk = (b.fragment(3000, 8000) + "\n").encode("utf-8")
                fh.write(chunk)
                written += len(chunk)

    def long_line(path: Path) -> None:
        unit = b.fragment(2000, 3000).replace("\n", "").replace("\r", "")
        n = int(line_mb * 1024 * 1024) // max(1, len(unit.encode()))
        path.write_text(unit * max(1, n), encoding="utf-8")

    def fifo(path: Path) -> None:
        os.mkfifo(path)

    def dangling(path: Path) -> None:
        os.symlink(out / "does-not-exist.txt", path)

    def loop(path: Path) -> None:
        other = path.with_name(path.stem + "_b.txt")
        os.symlink(other.name, path)
        os.symlink(path.name, other)
        manifest[other.name] = "symlink_loop"

    def directory(path: Path) -> None:
        path.mkdir()

    def doomed(path: Path) -> None:
        path.write_text("这个文件会在列出之后、读取之前被删除。", encoding="utf-8")

    specials = [
        (f"big_{big_mb:g}mb.txt", "big_notice", big),
        (f"one_line_{line_mb:g}mb.txt", "long_line", long_line),
        ("fifo.txt", "fifo", fifo),
        ("dangling_symlink.txt", "dangling_symlink", dangling),
        ("symlink_loop.txt", "symlink_loop", loop),
        ("x.txt", "directory", directory),
        (DELETED_NAME, "deleted", doomed),
    ]
    n_regular = max(0, n_files - len(specials) - 1)  # the loop makes two entries
    for i in range(n_regular):
        category = CATEGORIES[i % len(CATEGORIES)]
        name = _name(i, category, b.rng)
        (out / name).write_bytes(getattr(b, category)())
        manifest[name] = category
    for name, category, make in specials:
        make(out / name)
        manifest[name] = category
    (out / "_manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=0, sort_keys=True), encoding="utf-8"
    )
    return manifest


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True, help="fresh output directory")
    ap.add_argument("--files", type=int, default=10000, help="number of entries (default 10000)")
    ap.add_argument(
        "--big-mb", type=float, default=50, help="size of the big notice in MB (default 50)"
    )
    ap.add_argument(
        "--line-mb", type=float, default=5, help="size of the one-line file in MB (default 5)"
    )
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    manifest = build(args.out, args.files, big_mb=args.big_mb, line_mb=args.line_mb, seed=args.seed)
    size = sum(
        p.stat().st_size for p in Path(args.out).iterdir() if p.is_file() and not p.is_symlink()
    )
    sys.stderr.write(f"wrote {len(manifest)} entries, {size / 1e6:.1f} MB, to {args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
