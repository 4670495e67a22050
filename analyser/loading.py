"""Turn a file (.txt, .md, .html/.htm, .pdf, .docx) or a string into normalised plain text.

Markup formats also yield *heading hints*: character ranges of lines that the markup itself marks
as headings (``<h2>``, ``## ``, a DOCX "Heading 2" style), with their level. Everything that can go
wrong with an input raises :class:`InputError` with a message for the person who gave it.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SUPPORTED_SUFFIXES = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md",
                      ".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx"}


class InputError(Exception):
    """An input the analyser cannot read; the message is shown to the user as one line."""


@dataclass
class HeadingHint:
    start: int
    end: int
    level: int


@dataclass
class LoadedText:
    text: str
    id: str
    source: str | None = None
    format: str = "txt"
    heading_hints: list[HeadingHint] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


# --------------------------------------------------------------------------- normalisation

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2002\u2003\u2009\u200a\u3000"), " ")
_DROP = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)


def normalise(text: str) -> str:
    """NFC, Unix newlines, plain spaces, no zero-width characters or soft hyphens, no trailing blanks."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").replace("\v", "\n")
    text = text.translate(_SPACES).translate(_DROP)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# --------------------------------------------------------------------------- bytes → str

_MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"GIF8", "a GIF image"), (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF document"), (b"PK\x03\x04", "a ZIP archive (e.g. DOCX)"), (b"\x7fELF", "a program"),
    (b"\x1f\x8b", "a gzip archive"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
]


def decode_bytes(data: bytes, name: str) -> str:
    """Decode text bytes: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252/latin-1."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(f"{name} is {what}, not text; give the file its proper extension")
    if b"\x00" in data[:8192]:
        raise InputError(f"{name} looks binary (it contains NUL bytes), not a text statement")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    sample = text[:20000]
    control = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    odd = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    if control + odd > max(3, 0.02 * len(sample)):
        raise InputError(f"{name} looks binary (control characters), not a text statement")
    letters = sum(ch.isalpha() for ch in sample)
    if sample.strip() and letters / max(1, len(sample.strip())) < 0.3:
        raise InputError(f"{name} does not look like text: too few letters")
    return text


# --------------------------------------------------------------------------- builders


class _TextBuilder:
    """Collects blocks of text and the heading hints that point into the result."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.hints: list[HeadingHint] = []

    def _append(self, s: str) -> None:
        self.parts.append(s)
        self.length += len(s)

    def block(self, text: str, heading_level: int | None = None, sep: str = "\n\n") -> None:
        text = normalise(text)
        if not text.strip():
            return
        if self.parts:
            self._append(sep)
        if heading_level:
            text = " ".join(text.split())
            self.hints.append(HeadingHint(self.length, self.length + len(text), heading_level))
        self._append(text)

    def text(self) -> str:
        return "".join(self.parts)


# ---- Markdown

_MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_LIST = re.compile(r"^(\s*)[*+]\s+")
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPH = re.compile(r"(\*\*|__)(.+?)\1")
_MD_BOLD_LINE = re.compile(r"^\s*(\*\*|__)([^*_].*?)\1\s*$")
_HTML_TAG = re.compile(r"<[^>]+>")


def _md_inline(line: str) -> str:
    line = _MD_LINK.sub(r"\1", line)
    line = _MD_EMPH.sub(r"\2", line)
    line = re.sub(r"(?<![\w*])\*(?!\s)([^*\n]+?)\*(?!\w)", r"\1", line)
    line = line.replace("`", "")
    return line


_MD_ATX_LINE = re.compile(r"^ {0,3}#{1,6}[ \t]+\S", re.M)


def looks_like_markdown(text: str) -> bool:
    """A plain-text file written in Markdown: at least two '#' heading lines ("## Wie zijn wij")."""
    first = _MD_ATX_LINE.search(text)
    return first is not None and _MD_ATX_LINE.search(text, first.end()) is not None


def parse_markdown(source: str) -> tuple[str, list[HeadingHint]]:
    source = normalise(source)
    source = re.sub(r"\A---\n.*?\n---\n", "", source, flags=re.S)  # front matter
    source = re.sub(r"<!--.*?-->", "", source, flags=re.S)
    if re.search(r"<(p|h[1-6]|li|div|br)\b", source, flags=re.I):  # HTML inside .md
        return parse_html(source)
    lines = source.split("\n")
    out: list[str] = []
    hints: list[tuple[int, int]] = []  # (line index, level)
    for i, raw in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        m = _MD_HEADING.match(raw)
        if m:
            hints.append((len(out), len(m.group(1))))
            out.append(_md_inline(m.group(2)))
            continue
        if re.fullmatch(r"\s*(={3,}|-{3,})\s*", raw) and out and out[-1].strip() \
                and not out[-1].lstrip().startswith("- "):  # setext heading underline
            hints.append((len(out) - 1, 1 if raw.strip()[0] == "=" else 2))
            continue
        if re.fullmatch(r"\s*([-*_]\s*){3,}", raw) and not nxt.strip().startswith("="):
            out.append("")  # thematic break
            continue
        b = _MD_BOLD_LINE.match(raw)
        if b and len(b.group(2)) < 120:
            hints.append((len(out), 3))
            out.append(b.group(2))
            continue
        line = _MD_LIST.sub(lambda m: m.group(1) + "- ", raw)
        line = re.sub(r"^(\s*)>\s?", r"\1", line)
        line = _HTML_TAG.sub("", _md_inline(line))
        out.append(line)
    text = "\n".join(out)
    norm = normalise(text)
    # offsets: recompute line starts on the normalised text (normalise only strips/collapses blanks)
    result_hints: list[HeadingHint] = []
    if hints:
        wanted = {idx: level for idx, level in hints}
        pos = 0
        for idx, line in enumerate(out):
            line_n = normalise(line)
            if idx in wanted and line_n.strip():
                found = norm.find(line_n.strip(), pos)
                if found >= 0:
                    result_hints.append(HeadingHint(found, found + len(line_n.strip()), wanted[idx]))
                    pos = found + len(line_n.strip())
    return norm, result_hints


# ---- HTML

_BOILERPLATE = re.compile(r"cookie|consent|gdpr-banner|navbar|breadcrumb|skip-link|site-header|site-footer|"
                          r"(^|[-_ ])(nav|menu|footer)([-_ ]|$)", re.I)
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "blockquote", "pre", "table", "ul", "ol", "dl",
               "address", "figure", "form", "fieldset", "body", "html", "header", "aside", "dd", "dt",
               "tr", "tbody", "thead", "button", "details", "summary"}


def _bold_only(tag) -> bool:
    """A paragraph whose whole text is bold and short, not a sentence or a list label."""
    from bs4 import NavigableString

    text = " ".join(tag.get_text(" ").split())
    if not text or len(text) > 100 or text.endswith((":", ".", ";", ",")):
        return False
    children = [c for c in tag.children if not (isinstance(c, NavigableString) and not c.strip())]
    return len(children) == 1 and getattr(children[0], "name", None) in ("strong", "b")


def parse_html(source: str) -> tuple[str, list[HeadingHint]]:
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag

    soup = BeautifulSoup(source, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "footer", "iframe", "svg", "template", "head",
                     "link", "meta", "canvas", "object", "embed", "input", "select", "textarea"]):
        tag.decompose()
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(True):
        if tag.decomposed or tag.name in ("html", "body", "main", "article"):
            continue
        marker = " ".join([tag.get("id") or "", *(tag.get("class") or []), tag.get("role") or "",
                           tag.get("aria-label") or ""])
        if _BOILERPLATE.search(marker) and not tag.find(["h1"]):
            tag.decompose()
    for tag in soup.find_all("header"):
        if not tag.find(["h1", "h2"]):
            tag.decompose()

    builder = _TextBuilder()
    inline: list[str] = []
    in_table = [False]

    def flush() -> None:
        if inline:
            builder.block("".join(inline))
            inline.clear()

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, NavigableString):
                inline.append(re.sub(r"\s+", " ", str(child)))
                continue
            if not isinstance(child, Tag):
                continue
            name = child.name
            if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
                flush()
                builder.block(child.get_text(" "), heading_level=int(name[1]))
            elif name == "br":
                inline.append("\n")
            elif name == "li":
                flush()
                text = " ".join(child.get_text(" ").split())
                builder.block("- " + text, sep="\n" if builder.parts and builder.parts[-1].startswith("- ")
                              else "\n\n")
            elif name == "tr":
                flush()
                cells = [" ".join(c.get_text(" ").split()) for c in child.find_all(["td", "th"])]
                cells = [c for c in cells if c]
                if cells:
                    builder.block(" | ".join(cells), sep="\n" if in_table[0] else "\n\n")
                    in_table[0] = True
            elif name in ("p", "div") and _bold_only(child):
                flush()  # <p><strong>Bewaartermijn</strong></p>: a heading in all but name
                builder.block(child.get_text(" "), heading_level=4)
            elif name in _BLOCK_TAGS:
                flush()
                if name == "table":
                    in_table[0] = False
                walk(child)
                flush()
                if name == "table":
                    in_table[0] = False
            else:
                walk(child)

    root = soup.body or soup
    walk(root)
    flush()
    text = builder.text()
    text = re.sub(r"[ \t]+\n", "\n", text)
    return text, builder.hints


# ---- PDF and DOCX


def parse_pdf(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    if not data.startswith(b"%PDF"):
        raise InputError(f"{name} is not a PDF document (no %PDF header); check the file")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception as exc:
                raise InputError(f"{name} is an encrypted PDF; save an unprotected copy") from exc
        pages = [page.extract_text() or "" for page in reader.pages]
    except InputError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise InputError(f"{name} is a damaged PDF ({type(exc).__name__}); export it again") from exc
    text = "\n\n".join(pages)
    if not text.strip():
        raise InputError(f"{name} has no text layer (a scanned PDF?); run OCR first")
    return text


def parse_docx(data: bytes, name: str) -> tuple[str, list[HeadingHint]]:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise InputError(f"{name} is not a DOCX document (not a ZIP package); check the file")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise InputError(f"{name} is not a valid DOCX document; save it again from Word") from exc
    builder = _TextBuilder()
    body = document.element.body
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    last_was_list = False
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            style = (para.style.name if para.style is not None else "") or ""
            text = para.text
            level = None
            m = re.match(r"(?:heading|kop)\s*(\d)", style, re.I)
            if m:
                level = int(m.group(1))
            elif style.lower() in ("title", "titel"):
                level = 1
            is_list = style.lower().startswith(("list", "lijst")) or child.find(
                ".//{http://schemas.openxmlformats.org/wordprocessingml/2006/main}numPr") is not None
            if is_list and level is None and text.strip():
                builder.block("- " + text.strip(), sep="\n" if last_was_list else "\n\n")
                last_was_list = True
                continue
            builder.block(text, heading_level=level)
            last_was_list = False
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells = [" ".join(c.text.split()) for c in row.cells]
                cells = [c for i, c in enumerate(cells) if c and (i == 0 or c != cells[i - 1])]
                if cells:
                    builder.block(" | ".join(cells), sep="\n")
            last_was_list = False
    return builder.text(), builder.hints


# --------------------------------------------------------------------------- entry points


def load_path(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, doc_id: str | None = None) -> LoadedText:
    path = Path(path)
    name = path.name or str(path)
    if not path.exists():
        raise InputError(f"{path}: no such file; check the path")
    if path.is_dir():
        raise InputError(f"{path} is a directory; give one statement file (use 'analyser batch' for folders)")
    suffix = path.suffix.lower()
    fmt = SUPPORTED_SUFFIXES.get(suffix)
    if fmt is None:
        supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise InputError(f"{name}: unsupported file type '{suffix or '(none)'}'; supported: {supported}")
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(f"{name} is {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit; "
                         f"raise it with --max-size if the file is genuine")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror}); check permissions") from exc
    return load_bytes(data, fmt, name=name, doc_id=doc_id or path.stem, source=str(path))


def load_bytes(data: bytes, fmt: str, name: str = "input", doc_id: str = "document",
               source: str | None = None) -> LoadedText:
    if not data.strip():
        raise InputError(f"{name} is empty; nothing to analyse")
    hints: list[HeadingHint] = []
    if fmt == "pdf":
        text = normalise(parse_pdf(data, name))
    elif fmt == "docx":
        text, hints = parse_docx(data, name)
    else:
        raw = decode_bytes(data, name)
        if fmt == "html":
            text, hints = parse_html(raw)
        elif fmt == "md" or looks_like_markdown(raw):
            text, hints = parse_markdown(raw)
        else:
            text = normalise(raw)
    if not text.strip():
        raise InputError(f"{name} contains no readable text; nothing to analyse")
    return LoadedText(text=text, id=doc_id, source=source, format=fmt, heading_hints=hints)


def load_text(text: str, doc_id: str = "document", source: str | None = None, fmt: str = "txt") -> LoadedText:
    if not text or not text.strip():
        raise InputError("the text is empty; nothing to analyse")
    if fmt == "html":
        body, hints = parse_html(text)
        return LoadedText(body, doc_id, source, "html", hints)
    if fmt == "md" or looks_like_markdown(text):
        body, hints = parse_markdown(text)
        return LoadedText(body, doc_id, source, fmt, hints)
    return LoadedText(normalise(text), doc_id, source, "txt")
