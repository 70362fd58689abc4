"""The team's Word actielijst (.docx): read it into an `Actielijst`, write one back.

Reading is tolerant of how people really fill in the document (see the seed): line breaks and
bullet lists in cells, Word's own list numbering, merged cells, empty rows, a header written as
"Label value", "Label: value" or "Label<tab>value" lines or as a two-column table. Reading is
also careful with what it is given: the size is checked before anything is parsed, the sizes
the zip declares for its members before python-docx unpacks any of them, the XML parts for a
DOCTYPE before python-docx parses them, and the number of rows, cells and paragraphs before
anything walks the body. (The bot reads uploads in a limited child process besides:
documents/sandbox.py.)

Rules worth knowing (the tests pin them down):

- Cell text: paragraphs and soft line breaks become "\\n"; every line is stripped, and empty
  lines at the start and end of a cell dropped; bullet characters typed by hand stay as typed;
  paragraphs in a Word list get the list's bullet ("· " for Word's default Symbol bullet) or
  number ("1. ") in front, since that is what the reader of the document sees.
- Columns are found by their header labels, not by position, in the words other secretaries
  use too (`_column_key`): Onderwerp/Thema, Afspraak/Actie/Actiepunt, Toelichting/Update/Stand
  van zaken (several such columns are joined), Wie/Eigenaar/Trekker/Verantwoordelijke,
  Wanneer/Deadline/Datum gereed, Status. An action table needs the action and Wie or Wanneer;
  any other column ("Nr", "#", "Prioriteit") is ignored. A cell spanning several columns counts
  once, for the column where it starts. A vertically merged cell gives its Onderwerp, Wie or
  Wanneer to every row it spans (the rows share it); its Afspraak or Toelichting text only to
  the first row. Rows whose cells are all empty, and repeated header rows, are skipped.
- Status: a last line "✔ Afgerond" / "✘ Vervallen" (or just "Afgerond", "Gereed",
  "Vervallen") in the Wanneer cell is the row's status, not part of Wanneer. `write_docx`
  writes the status that way. A Status column wins over it (`status_of`: "Afgerond", "Gereed",
  "Klaar", "Done" are done; "Vervallen" cancelled; "Open", "Loopt", empty stay open).
- Header: "Label value" lines or a label/value table (two columns, or pairs across a row);
  labels the bot does not keep ("Afwezig", "Notulist") end an attendee list.
- Decision tables: the appendix "Toelichting op besluiten", or any table with a "Besluit"
  column and criteria or "Belangen" (perhaps an Onderwerp), before or after the actions. An
  entry no row of the action table refers to becomes a decision row of its own.
- Decisions: see `refers_to_decision`. An Afspraak text starting with "Besluit:" is always a
  decision; the prefix is not part of the text. `write_docx` adds that prefix only to decision
  rows the rule would not recognise by themselves, so a round trip keeps `is_decision`.
"""

from __future__ import annotations

import io
import posixpath
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from itertools import islice
from typing import Any

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from lxml import etree

from documents.filetype import FileKind, kind_by_content
from domain.actielijst import Actielijst, DocDecision, DocHeader, DocRow, DocumentError
from domain.meetings import split_attendees

MAX_BYTES = 5 * 1024 * 1024
# What the zip members may unpack to, in total, according to the zip's own directory. Python's
# zipfile never returns more than a member declares (it stops there and then fails the CRC
# check), so a member that lies about its size cannot unpack further than this either.
MAX_UNPACKED_BYTES = 50 * 1024 * 1024
# The core properties' created/modified time when the caller gives none: fixed, so that the
# same Actielijst always gives the same bytes.
FIXED_TIMESTAMP = datetime(2000, 1, 1, tzinfo=UTC)

# The seed's own header texts, written back as they were.
ACTION_HEADERS = (
    "Onderwerp",
    "Afspraak/actie/besluit? Let op indien besluit bijlage invullen",
    "Toelichting / update",
    "Wie",
    "Wanneer",
)
APPENDIX_HEADERS = (
    "Onderwerp van het besluit",
    "Toelichting welke criteria er gebruikt zijn en hoe er op basis van die criteria dit "
    "besluit is genomen",
    "Bevestiging en uitleg dat er geen lid heeft deelgenomen aan het besluit waarmee "
    "persoonlijk belang direct wordt geraakt of organisatorisch belang wordt bevoordeeld",
)
NOTE_LINE = "Let op: in bijlage toelichting op besluiten"
INTERESTS_LABEL = "Belangen van de organisatie van de aanwezigen"
STATUS_MARKERS = {"afgerond": "✔\u00a0Afgerond", "vervallen": "✘\u00a0Vervallen"}  # no break

# Far above any real actielijst (the seed has 15 rows of 5 cells and about 200 paragraphs, a
# long list a few hundred rows): a body over these, nested tables included, is refused as too
# large before anything walks it.
MAX_TABLE_ROWS = 5_000
MAX_TABLE_CELLS = 50_000
MAX_PARAGRAPHS = 50_000

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OOXML_OR_ODF = ("[Content_Types].xml", "mimetype")


# ---------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------


def read_docx(data: bytes) -> Actielijst:
    """Read the actielijst in a .docx; raise DocumentError(not_docx | corrupt | too_large |
    no_table, or a FileKind reason such as old_doc or pdf) when the bytes are no Word
    document or hold no action table."""
    document = _open(data)
    numbering = _Numbering(document)
    blocks = list(_read_blocks(document.element.body, numbering))

    action_at = [i for i, b in enumerate(blocks) if b.rows is not None and _action_header(b.rows)]
    if not action_at:
        raise DocumentError("no_table", "no table with an action and Wie or Wanneer")
    rows: list[DocRow] = []
    found: list[_TableDecision] = []
    first_table = action_at[0]
    for i, block in enumerate(blocks):
        if block.rows is None:
            continue
        if i in action_at:
            rows.extend(_read_action_rows(block.rows))
            continue
        if _any_appendix_header(block.rows):
            # A table of decisions, before or after the actions; not part of the header.
            first_table = min(first_table, i)
            found.extend(_read_decisions(block.rows))

    header = _read_header(blocks[:first_table])
    entries = tuple(item.decision for item in found)
    rows = [_mark_decision(row, entries) for row in rows]
    rows = _with_decision_rows(rows, found)
    return Actielijst(header=header, rows=tuple(rows), decisions=entries)


def _any_appendix_header(rows: Sequence[_GridRow]) -> bool:
    return any(_appendix_header(row) for row in rows[:2])


def _open(data: bytes) -> Any:
    if len(data) > MAX_BYTES:
        raise DocumentError("too_large", f"{len(data)} bytes")
    if not data.startswith(_ZIP_MAGIC):
        kind = kind_by_content(data)  # an old .doc, a PDF, a photo: say which
        raise DocumentError(kind.value, _describe(data))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            members = zf.infolist()
            unpacked = sum(m.file_size for m in members)
            if unpacked > MAX_UNPACKED_BYTES:
                raise DocumentError("too_large", f"unpacks to {unpacked} bytes")
            names = {m.filename for m in members}
            if "word/document.xml" not in names:
                # An .xlsx, .pptx or .odt, a zip with the .docx inside: a fine file, just not
                # a Word document. Any other zip is taken for a damaged .docx.
                kind = kind_by_content(data)
                if kind is not FileKind.UNKNOWN:
                    raise DocumentError(kind.value, "another format in a zip")
                if names.intersection(_OOXML_OR_ODF):
                    raise DocumentError("not_docx", "another office format")
                raise DocumentError("corrupt", "no word/document.xml")
            _no_declarations(zf, members)
            data = _as_docx(zf, data)
    except DocumentError:  # a ValueError too: keep its reason
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as err:
        raise DocumentError("corrupt", f"zip: {err}") from err
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:  # under the reader's address-space limit (documents/sandbox.py)
        raise DocumentError("too_large", "out of memory while parsing") from None
    except etree.XMLSyntaxError as err:  # libxml2 reports running out of memory this way
        if err.code == etree.ErrorTypes.ERR_NO_MEMORY:
            raise DocumentError("too_large", "out of memory while parsing") from None
        raise DocumentError("corrupt", f"{type(err).__name__}: {err}") from err
    except Exception as err:  # python-docx and lxml raise many kinds; all mean "unreadable"
        raise DocumentError("corrupt", f"{type(err).__name__}: {err}") from err
    body = document.element.body
    for tag, limit, what in _BODY_LIMITS:
        if sum(1 for _ in islice(body.iter(tag), limit + 1)) > limit:
            raise DocumentError("too_large", f"more than {limit} {what}")
    return document


_BODY_LIMITS = (
    (qn("w:tr"), MAX_TABLE_ROWS, "table rows"),
    (qn("w:tc"), MAX_TABLE_CELLS, "table cells"),
    (qn("w:p"), MAX_PARAGRAPHS, "paragraphs"),
)

# python-docx parses XML parts with resolve_entities=False and lxml's defaults: no DTD loaded,
# no network, no huge_tree (so at most 256 levels deep and 10 MB per text node). Word never
# writes a DOCTYPE, so one can only be there to play tricks with entities: it is refused
# before python-docx parses anything. A DOCTYPE can stand only in the prolog, before the root
# element; Word's prolog is the XML declaration alone, 64 KiB leaves room for any comment.
_PROLOG_BYTES = 64 * 1024
_PROLOG_ITEM = re.compile(r"[ \t\r\n]*(?:<\?(.*?)\?>|<!--.*?-->)", re.DOTALL)
_XML_DECL = re.compile(r"xml\s")
_DECLARED_ENCODING = re.compile(r"""\bencoding\s*=\s*["']([^"']*)["']""")
# Encodings in which the markup is ASCII, so that the prolog reads as it is parsed. OPC allows
# only UTF-8 and UTF-16; the single-byte ones are tolerated for tools that write them.
_NARROW = re.compile(r"utf-?8|(?:us-)?ascii|iso[-_]?8859-\d{1,2}|latin-?1|(?:windows|cp)-?125\d")
_WIDE = re.compile(r"utf-?16(?:le|be)?")
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def _no_declarations(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a DOCTYPE in any part python-docx may parse as XML: the content types, the
    relationships, and every part whose content type is XML (pictures, SVG too, are never
    parsed). A part is chosen by its content type, as python-docx does, not by its name."""
    content_types = _content_types(zf, members)
    for member in members:
        name = member.filename.lower()
        kind = content_types.get("/" + name) or content_types.get(posixpath.splitext(name)[1])
        xml = kind is not None and kind.endswith("xml") and not kind.startswith("image/")
        if xml or name.endswith(".rels"):
            _check_prolog(zf, member)


def _content_types(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> dict[str, str]:
    """[Content_Types].xml as {"/partname": type, ".ext": type}, both keys lowercased."""
    member = next((m for m in members if m.filename == "[Content_Types].xml"), None)
    if member is None:
        return {}  # python-docx refuses the file
    _check_prolog(zf, member)
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    try:
        root = etree.fromstring(zf.read(member), parser)
    except etree.XMLSyntaxError as err:
        raise DocumentError("corrupt", f"[Content_Types].xml: {err}") from err
    found: dict[str, str] = {}
    for default in root.iter(f"{_CT_NS}Default"):
        found["." + default.get("Extension", "").lower()] = default.get("ContentType", "")
    for override in root.iter(f"{_CT_NS}Override"):
        found[override.get("PartName", "").lower()] = override.get("ContentType", "")
    return found


def _check_prolog(zf: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    with zf.open(member) as part:
        head = part.read(_PROLOG_BYTES + 1)
    complete = len(head) <= _PROLOG_BYTES
    wide = head.startswith((b"\xff\xfe", b"<\x00", b"\xfe\xff", b"\x00<"))
    if wide:  # UTF-16, with or without a byte order mark
        little = head.startswith((b"\xff\xfe", b"<\x00"))
        text = head.decode("utf-16-le" if little else "utf-16-be", "replace").lstrip("\ufeff")
    else:  # UTF-8 or another encoding with ASCII markup; anything else is refused below
        text = head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    at = 0
    while item := _PROLOG_ITEM.match(text, at):
        declaration = item.group(1) or ""
        encoding = _DECLARED_ENCODING.search(declaration) if _XML_DECL.match(declaration) else None
        if encoding and not (_WIDE if wide else _NARROW).fullmatch(encoding.group(1).lower()):
            raise DocumentError("corrupt", f"{member.filename} declares {encoding.group(1)}")
        at = item.end()
    rest = text[at:].lstrip(" \t\r\n")
    if rest[:1] == "<" and rest[1:2] not in ("!", "?", ""):
        return  # the root element
    if rest.startswith("<!") and not rest.startswith("<!--"):
        raise DocumentError("corrupt", f"{member.filename} declares a DOCTYPE")
    if not rest and complete:
        return  # an empty part: python-docx decides
    raise DocumentError("corrupt", f"{member.filename} does not start as XML")


_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_WORD_MAINS = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)


def _as_docx(zf: zipfile.ZipFile, data: bytes) -> bytes:
    """A .docm, .dotx or .dotm holds a Word document just the same (python-docx refuses them
    by their content type): the same zip with the .docx content type. Macros are never run."""
    try:
        types = zf.read("[Content_Types].xml").decode("utf-8", "replace")
    except KeyError:
        return data
    other = [t for t in _OTHER_WORD_MAINS if t in types]
    if not other:
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for member in zf.infolist():
            blob = zf.read(member)
            if member.filename == "[Content_Types].xml":
                blob = types.replace(other[0], _DOCX_MAIN).encode()
            dst.writestr(member.filename, blob)
    return out.getvalue()


def _describe(data: bytes) -> str:
    if not data:
        return "empty"
    if data.lstrip()[:1] in (b"<", b"{"):
        return "markup or json"
    return f"starts with {data[:8].hex(' ')}"


# --- the body as blocks of lines and tables ----------------------------------------------------

_P = qn("w:p")
_TBL = qn("w:tbl")
_TR = qn("w:tr")
_TC = qn("w:tc")
_R = qn("w:r")
_T = qn("w:t")
_BLOCK_WRAPPERS = {qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")}
_INLINE_WRAPPERS = _BLOCK_WRAPPERS | {
    qn("w:hyperlink"),
    qn("w:ins"),
    qn("w:smartTag"),
    qn("w:fldSimple"),
    qn("w:moveTo"),
    qn("w:dir"),
    qn("w:bdo"),
}
# Word's bullets in the Symbol / Wingdings fonts live in the private use area.
_PUA_BULLETS = {"\uf0b7": "·", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf0fc": "✓"}


@dataclass(frozen=True)
class _Cell:
    text: str
    start: int  # first grid column
    span: int
    vmerge: str  # "", "restart" or "continue"


_GridRow = dict[int, _Cell]  # by first grid column


@dataclass(frozen=True)
class _Block:
    lines: tuple[str, ...] = ()  # a paragraph's lines
    rows: tuple[_GridRow, ...] | None = None  # a table's rows


def _children(element: Any, tags: set[str] | str, wrappers: set[str]) -> Iterator[Any]:
    """Children with one of `tags`, looking through content controls and similar wrappers."""
    wanted = {tags} if isinstance(tags, str) else tags
    for child in element:
        if child.tag in wanted:
            yield child
        elif child.tag in wrappers:
            yield from _children(child, wanted, wrappers)


def _read_blocks(body: Any, numbering: _Numbering) -> Iterator[_Block]:
    for block in _children(body, {_P, _TBL}, _BLOCK_WRAPPERS):
        if block.tag == _P:
            yield _Block(lines=tuple(_paragraph_text(block, numbering).split("\n")))
        else:
            yield _Block(rows=tuple(_table_rows(block, numbering)))


def _table_rows(tbl: Any, numbering: _Numbering) -> Iterator[_GridRow]:
    for tr in _children(tbl, _TR, _BLOCK_WRAPPERS):
        col = _int_val(tr.find(f"{qn('w:trPr')}/{qn('w:gridBefore')}"), 0)
        row: _GridRow = {}
        for tc in _children(tr, _TC, _BLOCK_WRAPPERS):
            tc_pr = tc.find(qn("w:tcPr"))
            span = max(1, _int_val(_find(tc_pr, "w:gridSpan"), 1))
            vmerge_el = _find(tc_pr, "w:vMerge")
            vmerge = "" if vmerge_el is None else (vmerge_el.get(qn("w:val")) or "continue")
            hmerge_el = _find(tc_pr, "w:hMerge")
            text = _cell_text(tc, numbering)
            if hmerge_el is not None and hmerge_el.get(qn("w:val")) != "restart":
                text = ""  # old-style horizontal merge: the text is in the first cell
            row[col] = _Cell(text, col, span, vmerge)
            col += span
        yield row


def _find(parent: Any, tag: str) -> Any:
    return None if parent is None else parent.find(qn(tag))


def _int_val(element: Any, default: int) -> int:
    if element is None:
        return default
    try:
        return int(element.get(qn("w:val")))
    except (TypeError, ValueError):
        return default


def _cell_text(tc: Any, numbering: _Numbering) -> str:
    lines: list[str] = []
    for block in _children(tc, {_P, _TBL}, _BLOCK_WRAPPERS):
        if block.tag == _P:
            lines.extend(_paragraph_text(block, numbering).split("\n"))
        else:  # a table inside the cell: keep its text rather than lose it
            for row in _table_rows(block, numbering):
                for cell in row.values():
                    lines.extend(cell.text.split("\n"))
    return _clean_lines(lines)


def _clean_lines(lines: Iterable[str]) -> str:
    stripped = [line.strip() for line in lines]
    while stripped and not stripped[0]:
        stripped.pop(0)
    while stripped and not stripped[-1]:
        stripped.pop()
    return "\n".join(stripped)


def _paragraph_text(p: Any, numbering: _Numbering) -> str:
    parts: list[str] = []
    _inline_text(p, parts)
    text = "".join(parts)
    prefix = numbering.prefix(p)
    if prefix and text.strip() and not text.lstrip().startswith(prefix.strip()):
        text = prefix + text.lstrip()
    return text


def _inline_text(element: Any, out: list[str]) -> None:
    for child in element:
        if child.tag == _R:
            _run_text(child, out)
        elif child.tag in _INLINE_WRAPPERS:
            _inline_text(child, out)
        # w:del, w:moveFrom (deleted text), w:pPr, bookmarks, drawings: no text


def _run_text(run: Any, out: list[str]) -> None:
    for child in run:
        tag = child.tag
        if tag == _T:
            out.append(child.text or "")
        elif tag == qn("w:tab"):
            out.append("\t")
        elif tag in (qn("w:br"), qn("w:cr")):
            out.append("\n")
        elif tag == qn("w:noBreakHyphen"):
            out.append("-")
        elif tag == qn("w:sym"):
            char = chr(int(child.get(qn("w:char"), "0"), 16))
            out.append(_PUA_BULLETS.get(char, char if char.isprintable() else ""))


class _Numbering:
    """Word's list numbering: which bullet or number a list paragraph shows."""

    def __init__(self, document: Any) -> None:
        self._styles: dict[str, Any] = {}
        self._nums: dict[str, Any] = {}
        self._abstracts: dict[str, Any] = {}
        self._counters: dict[tuple[str, int], int] = {}
        try:
            styles = document.styles.element
            numbering = document.part.numbering_part.element
        except Exception:  # no styles or numbering part: no lists
            return
        for style in styles.findall(qn("w:style")):
            self._styles[style.get(qn("w:styleId"), "")] = style
        for num in numbering.findall(qn("w:num")):
            self._nums[num.get(qn("w:numId"), "")] = num
        for abstract in numbering.findall(qn("w:abstractNum")):
            self._abstracts[abstract.get(qn("w:abstractNumId"), "")] = abstract

    def prefix(self, p: Any) -> str:
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, ilvl = found
        lvl = self._level(num_id, ilvl)
        if lvl is None:
            return ""
        fmt = _attr(lvl, "w:numFmt") or "decimal"
        text = _attr(lvl, "w:lvlText") or ""
        if fmt == "bullet":
            private = not text or "\ue000" <= text[0] <= "\uf8ff" or not text.isprintable()
            return f"{_PUA_BULLETS.get(text, '·') if private else text} "
        if fmt == "none":
            return ""
        key = (num_id, ilvl)
        start = _int_val(lvl.find(qn("w:start")), 1)
        self._counters[key] = self._counters.get(key, start - 1) + 1
        for other in [k for k in self._counters if k[0] == num_id and k[1] > ilvl]:
            del self._counters[other]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_el = self._level(num_id, level)
            level_fmt = (_attr(level_el, "w:numFmt") if level_el is not None else "") or ""
            return _format_number(self._counters.get((num_id, level), 1), level_fmt)

        label = re.sub(r"%(\d)", number, text).strip()
        return f"{label} " if label else ""

    def _num_pr(self, p: Any) -> tuple[str, int] | None:
        p_pr = p.find(qn("w:pPr"))
        num_pr = _find(p_pr, "w:numPr")
        num_id = _attr(num_pr, "w:numId") if num_pr is not None else None
        ilvl = _int_val(_find(num_pr, "w:ilvl"), -1)
        style_id = _attr(p_pr, "w:pStyle") if p_pr is not None else None
        seen = 0
        while num_id is None and style_id and seen < 10:
            seen += 1
            style = self._styles.get(style_id)
            if style is None:
                break
            style_num_pr = _find(style.find(qn("w:pPr")), "w:numPr")
            if style_num_pr is not None:
                num_id = _attr(style_num_pr, "w:numId")
                if ilvl < 0:
                    ilvl = _int_val(_find(style_num_pr, "w:ilvl"), 0)
            style_id = _attr(style, "w:basedOn")
        if not num_id or num_id == "0":
            return None
        return num_id, max(ilvl, 0)

    def _level(self, num_id: str, ilvl: int, depth: int = 0) -> Any:
        num = self._nums.get(num_id)
        if num is None or depth > 3:
            return None
        for override in num.findall(qn("w:lvlOverride")):
            lvl = override.find(qn("w:lvl"))
            if lvl is not None and override.get(qn("w:ilvl")) == str(ilvl):
                return lvl
        abstract = self._abstracts.get(_attr(num, "w:abstractNumId") or "")
        if abstract is None:
            return None
        for lvl in abstract.findall(qn("w:lvl")):
            if lvl.get(qn("w:ilvl")) == str(ilvl):
                return lvl
        link = _attr(abstract, "w:numStyleLink")
        style = self._styles.get(link or "")
        linked = _attr(_find(_find(style, "w:pPr"), "w:numPr"), "w:numId")
        return self._level(linked, ilvl, depth + 1) if linked else None


def _attr(parent: Any, tag: str) -> str | None:
    """The w:val of `parent`'s child `tag`."""
    child = _find(parent, tag)
    return None if child is None else child.get(qn("w:val"))


def _format_number(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = ""
        for value, digits in (
            (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
            (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
        ):  # fmt: skip
            while n >= value:
                roman += digits
                n -= value
        return roman.upper() if fmt == "upperRoman" else roman
    return str(n)


# --- the action table ---------------------------------------------------------------------------

# An action table has a column for the action and one for who or when; Onderwerp, Toelichting,
# Status and any other column may be missing. A table of decisions has none of Wie / Wanneer.
_REQUIRED = ({"text", "owners"}, {"text", "when"})
# Columns whose text is joined when a table has several ("Toelichting" and "Update").
_JOINED = frozenset({"note"})


def _norm(text: str) -> str:
    """Casefolded, accents stripped: "Financiën" -> "financien"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


_OWNER_LABEL = re.compile(
    r"\bwie\b|eigenaar|trekker|houder|verantwoordelijk|uitvoerder|\bowner|\bdoor\b"
)
_WHEN_LABEL = re.compile(
    r"wanneer|deadline|gereed|termijn|uiterlijk|streefdatum|einddatum|\bdue\b|planning"
)
_NOTE_LABEL = re.compile(r"toelichting|update|stand van zaken|voortgang|opmerking|\bnotitie")
_TOPIC_LABEL = re.compile(r"onderwerp|\bthema|agendapunt|\bonderdeel")


_MAX_LABEL_WORDS = 12  # the seed's longest: "Afspraak/actie/besluit? Let op indien besluit ..."


def _column_key(label: str) -> str | None:
    """The field a column holds, by its header label; None for a column we do not read
    (a number "Nr" / "#", "Organisatie", ...). A bare "Datum" is a weak Wanneer ("when?"):
    it counts only when no column says Wanneer, Deadline or Datum gereed."""
    t = " ".join(re.sub(r"[^\w#]+", " ", _norm(label)).split())
    if not t or len(t.split()) > _MAX_LABEL_WORDS:
        return None  # a sentence is text in a row, not a column's label
    if "afspraak" in t:
        return "text"
    if re.fullmatch(r"(actie )?status|afgerond|(status )?afgerond( ja nee)?|klaar", t):
        return "status"
    if _NOTE_LABEL.search(t):
        return "note"
    if _TOPIC_LABEL.search(t):
        return "topic"
    if _OWNER_LABEL.search(t):
        return "owners"
    if _WHEN_LABEL.search(t):
        return "when"
    if re.search(r"\bactie|\bactiepunt|besluit|\btaak|\btaken|\bwat\b", t):
        return "text"
    if re.fullmatch(r"datum|datum actie", t):
        return "when?"
    return None


def _columns(
    row: _GridRow,
    keyer: Callable[[str], str | None],
    required: Iterable[set[str]],
    joined: frozenset[str] = frozenset(),
) -> dict[str, tuple[int, ...]] | None:
    """Which grid columns each field covers, from a header row; None when not such a header
    (`required`: the fields of which one set must all be there)."""
    found: dict[str, tuple[int, ...]] = {}
    for start in sorted(row):
        cell = row[start]
        key = keyer(cell.text)
        span = tuple(range(cell.start, cell.start + cell.span))
        if key and key not in found:
            found[key] = span
        elif key in joined:
            found[key] += span
    weak = found.pop("when?", None)
    if weak is not None and "when" not in found:
        found["when"] = weak
    return found if any(need <= found.keys() for need in required) else None


def _action_header(rows: Sequence[_GridRow]) -> tuple[int, dict[str, tuple[int, ...]]] | None:
    for i, row in enumerate(rows[:3]):
        columns = _columns(row, _column_key, _REQUIRED, _JOINED)
        if columns:
            return i, columns
    return None


def _fields(row: _GridRow, columns: dict[str, tuple[int, ...]]) -> dict[str, tuple[str, bool]]:
    """Field -> (text, continues a vertical merge)."""
    out: dict[str, tuple[str, bool]] = {}
    for key, cols in columns.items():
        cells = [row[c] for c in sorted(row) if c in cols]
        text = "\n".join(c.text for c in cells if c.text)
        out[key] = (text, bool(cells) and all(c.vmerge == "continue" for c in cells))
    return out


_STATUS_LINE = re.compile(r"^[✔✓☑✘✗×]?\s*(afgerond|gereed|vervallen)$", re.IGNORECASE)
_DECISION_PREFIX = re.compile(r"^besluit\s*[:\-–]\s*", re.IGNORECASE)
_SHARED_WHEN_MERGED = ("topic", "owners", "when")
# The first word of a Status cell. Anything else ("Open", "Loopt", "Deels afgerond", "In
# behandeling", empty) leaves the action open.
_DONE_WORDS = frozenset(
    {"afgerond", "gereed", "klaar", "done", "gedaan", "voltooid", "afgehandeld", "uitgevoerd"}
    | {"ja", "✔", "✓", "☑", "✅"}
)
_CANCELLED_WORDS = frozenset(
    {"vervallen", "geannuleerd", "ingetrokken", "geschrapt", "cancelled", "✘", "✗"}
)


def status_of(text: str) -> str:
    """A Status cell as the row's status: "afgerond", "vervallen" or "" (open)."""
    words = re.findall(r"[^\W\d_]+|[✔✓☑✅✘✗]", _norm(text))
    first = words[0] if words else ""
    if first in _DONE_WORDS:
        return "afgerond"
    if first in _CANCELLED_WORDS:
        return "vervallen"
    return ""


def _read_action_rows(rows: Sequence[_GridRow]) -> Iterator[DocRow]:
    found = _action_header(rows)
    assert found is not None
    header_at, columns = found
    previous: dict[str, str] = {}
    for row in rows[header_at + 1 :]:
        again = _columns(row, _column_key, _REQUIRED, _JOINED)
        if again is not None and again.keys() == columns.keys():
            continue  # the header row again (pasted from another page)
        fields = _fields(row, columns)
        values: dict[str, str] = {}
        for key, (text, continued) in fields.items():
            if continued:
                text = previous.get(key, "") if key in _SHARED_WHEN_MERGED else ""
            values[key] = text
        previous = values
        own_text = [
            text for key, (text, continued) in fields.items() if not continued and key != "status"
        ]
        if not any(own_text):
            continue  # an empty row (perhaps with "Open" filled in), or the tail of merged cells
        yield _row(values)


def _row(values: dict[str, str]) -> DocRow:
    when_lines = values.get("when", "").split("\n")
    status = ""
    match = _STATUS_LINE.match(when_lines[-1])
    if match:
        word = match.group(1).casefold()
        status = "vervallen" if word == "vervallen" else "afgerond"
        when_lines.pop()
    status = status_of(values.get("status", "")) or status
    text = values.get("text", "")
    is_decision = False
    prefix = _DECISION_PREFIX.match(text)
    if prefix:
        text, is_decision = text[prefix.end() :].lstrip(), True
    return DocRow(
        topic=values.get("topic", ""),
        text=text,
        note=values.get("note", ""),
        owners=values.get("owners", ""),
        when=_clean_lines(when_lines),
        is_decision=is_decision,
        status=status,
    )


# --- decisions -----------------------------------------------------------------------------------

# fmt: off
_STOPWORDS = frozenset({
    "aan", "als", "bij", "dat", "de", "deze", "die", "dit", "door", "een", "en", "er", "het",
    "hoe", "in", "inzake", "is", "met", "naar", "nog", "of", "om", "op", "over", "te", "tbv",
    "ten", "ter", "tot", "uit", "van", "voor", "wat", "wie", "zijn", "wordt", "worden", "heeft",
    "hebben", "ot", "actielijn", "actielijnen", "overleg", "besluit",
})
_DECISION_WORDS = frozenset({
    "akkoord", "geaccordeerd", "accordeert", "besloten", "goedgekeurd", "keurt", "ingestemd",
    "stemt",
})
# fmt: on


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", _norm(text))


def _content(words: Sequence[str]) -> set[str]:
    return {w for w in words if len(w) >= 3 and w not in _STOPWORDS and w not in _DECISION_WORDS}


def _overlap(words: Sequence[str], subject: Sequence[str]) -> tuple[int, int, int]:
    """(shared content words, content words of `words`, of `subject`); two adjacent words
    match their written-together form too ("calland lyceum" ~ "callandlyceum")."""
    mine, theirs = _content(words), _content(subject)
    joined_theirs = {a + b for a, b in zip(subject, subject[1:], strict=False)}
    joined_mine = {a + b: (a, b) for a, b in zip(words, words[1:], strict=False)}
    shared = {w for w in mine if w in theirs or w in joined_theirs}
    for together, (a, b) in joined_mine.items():
        if together in theirs:
            shared |= {a, b} & mine
    return len(shared), len(mine), len(theirs)


def refers_to_decision(topic: str, text: str, decisions: Sequence[DocDecision]) -> bool:
    """Whether a row (Onderwerp, Afspraak) is one of the appendix's decisions.

    Words are compared casefolded, without accents, leaving out short and common words
    ("de", "het", "actielijn", "OT", ...); two adjacent words also match the same words
    written together. A row refers to an appendix entry when either
    - its Afspraak shares at least two words with the entry's subject, and Onderwerp and
      Afspraak together share at least half the words of the shorter of the two; or
    - its Afspraak says it was decided ("geaccordeerd", "akkoord", "besloten", "goedgekeurd",
      "ingestemd") and shares at least one word with the entry's subject.
    Without appendix entries no row is a decision by this rule (only by a "Besluit:" prefix).
    """
    text_words = _words(text)
    row_words = _words(topic) + text_words
    decided = bool(_DECISION_WORDS.intersection(text_words))
    for decision in decisions:
        subject = _words(decision.subject)
        in_text, _, _ = _overlap(text_words, subject)
        shared, mine, theirs = _overlap(row_words, subject)
        if in_text >= 2 and shared * 2 >= min(mine, theirs) > 0:
            return True
        if decided and in_text >= 1:
            return True
    return False


def _mark_decision(row: DocRow, decisions: Sequence[DocDecision]) -> DocRow:
    if row.is_decision or not refers_to_decision(row.topic, row.text, decisions):
        return row
    return replace(row, is_decision=True)


def _appendix_key(label: str) -> str | None:
    t = _norm(label)
    if re.search(r"criteria|toelichting|onderbouwing|motivatie|afweging|argument|overweging", t):
        return "criteria"
    if "bevestiging" in t or "belang" in t:
        return "interests"
    if "besluit" in t:
        return "subject"
    if _TOPIC_LABEL.search(t):
        return "topic"
    return None


def _appendix_header(row: _GridRow) -> dict[str, tuple[int, ...]] | None:
    """The columns of a decisions table's header row: the decision ("Besluit", "Onderwerp van
    het besluit") and its criteria or the statement on interests, perhaps an Onderwerp. A row
    of the header block ("Belangen van de organisatie ... | ...") is none."""
    first = row[min(row)].text if row else ""
    if _header_label(first):
        return None
    return _columns(row, _appendix_key, ({"subject", "criteria"}, {"subject", "interests"}))


@dataclass(frozen=True)
class _TableDecision:
    """A decision as its table gives it; `row` is the action-table row it would make."""

    decision: DocDecision
    row: DocRow


def _read_decisions(rows: Sequence[_GridRow]) -> Iterator[_TableDecision]:
    """The entries of a decisions table (the appendix, or a table "Besluit | Toelichting /
    criteria | Belangen"); nothing when `rows` is no such table."""
    found = [(i, c) for i, row in enumerate(rows[:2]) if (c := _appendix_header(row))]
    if not found:
        return
    header_at, columns = found[0]
    for row in rows[header_at + 1 :]:
        if _appendix_header(row):
            continue
        values = {key: text for key, (text, _) in _fields(row, columns).items()}
        subject = values.get("subject", "")
        if not subject and not values.get("criteria", "").strip():
            continue
        topic = " ".join(values.get("topic", "").split())
        text = _DECISION_PREFIX.sub("", subject, count=1)
        yield _TableDecision(
            DocDecision(
                subject=f"{topic}: {text}" if topic and text else subject or topic,
                criteria=parse_criteria(values.get("criteria", "")),
                interests=values.get("interests", ""),
            ),
            DocRow(topic=topic, text=text or topic, is_decision=True),
        )


def _with_decision_rows(rows: list[DocRow], found: Sequence[_TableDecision]) -> list[DocRow]:
    """Every decision as a row: a decision that no row of the action table refers to (it was
    only in the decisions table) is added as a decision row of its own, after the actions."""
    extra: list[DocRow] = []
    for item in found:
        if not any(_is_row_of(row, item.decision) for row in rows + extra if row.is_decision):
            extra.append(item.row)
    return rows + extra


def _is_row_of(row: DocRow, decision: DocDecision) -> bool:
    if refers_to_decision(row.topic, row.text, (decision,)):
        return True
    subject = _words(decision.subject)
    return bool(subject) and subject in (_words(row.text), _words(f"{row.topic} {row.text}"))


_BULLET = re.compile(r"^(?:[·•▪◦‣●■□➢❖✓\uf0b7]\s*|[-*–]\s+|\(?(?:\d{1,2}|[a-z])[.)]\s+)(.*)$")


def parse_criteria(text: str) -> tuple[str, ...]:
    """The criteria in an appendix cell: each bullet ("·", "•", "-", "*") or numbered line is
    one criterion; a line without a bullet after one continues it; lines before the first
    bullet are an introduction ("De actielijn:"), not criteria. Without any bullet, every line
    is a criterion, except a first line ending in ":"."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    items: list[str] = []
    plain: list[str] = []
    for line in lines:
        match = _BULLET.match(line)
        if match and match.group(1).strip():
            items.append(match.group(1).strip())
        elif match:
            continue  # a bullet without text
        elif items:
            items[-1] += "\n" + line
        else:
            plain.append(line)
    if items:
        return tuple(items)
    if len(plain) > 1 and plain[0].endswith(":"):
        plain = plain[1:]
    return tuple(plain)


# --- the header block ---------------------------------------------------------------------------

_HEADER_LABELS = {
    "domein": "domain",
    "opgaveteam": "domain",
    "voorzitter": "chair",
    "voorzitster": "chair",
    "gespreksleider": "chair",
    "aanwezigen": "attendees",
    "aanwezig": "attendees",
    "deelnemers": "attendees",
    "datum": "date",
    "datum overleg": "date",
    "datum vergadering": "date",
    "vergaderdatum": "date",
    "locatie": "place",
    "plaats": "place",
    "belangen van de organisatie van de aanwezigen": "interests",
    "belangen": "interests",
    # Labels other secretaries use that the bot does not keep: they end an attendee list
    # written over several lines (absent people are no attendees) and are not a title.
    "afwezig": "",
    "afwezigen": "",
    "afgemeld": "",
    "afmeldingen": "",
    "met kennisgeving afwezig": "",
    "notulist": "",
    "notulen": "",
    "tijd": "",
    "aanvang": "",
    "genodigden": "",
    "gasten": "",
    "kopie": "",
    "cc": "",
    "volgend overleg": "",
    "volgende vergadering": "",
}
_LABEL_LINE = re.compile(
    r"^(" + "|".join(sorted(_HEADER_LABELS, key=len, reverse=True)) + r")(?![\w-])[\s:]*(.*)$",
    re.IGNORECASE,
)
# "Label: value" with a label the bot does not know ("Notulist: Marloes"): not an attendee.
_OTHER_LABEL_LINE = re.compile(r"^[^\W\d_][\w.'/-]*(?: [\w.'/-]+){0,2}\s*:(?:\s|$)")


def _header_label(text: str) -> str | None:
    """The field of a header label cell ("Datum", "Datum:", "Voorzitter"); "" for a label
    the bot does not keep; None when the text is no label."""
    return _HEADER_LABELS.get(" ".join(_norm(text).strip(" :").split()))


def _read_header(blocks: Sequence[_Block]) -> DocHeader:
    fields: dict[str, str] = {}
    free: list[str] = []
    last = ""
    seen_label = False

    def label(key: str, value: str) -> None:
        nonlocal last, seen_label
        seen_label = True
        last = key
        if key:
            fields.setdefault(key, value)

    def line(text: str) -> None:
        nonlocal last
        text = text.strip()
        if not text:
            last = ""
            return
        match = _LABEL_LINE.match(text)
        key = _header_label(match.group(1)) or "" if match else None
        if match and key != "attendees" and not seen_label and text == match.group(1):
            # A bare word above the header ("cc", "Datum" as the programme line), without
            # colon or value, labels nothing: it is a title line.
            match = None
        if match:
            label(key or "", match.group(2).strip())
        elif last == "attendees" and _OTHER_LABEL_LINE.match(text):
            last = ""
        elif last == "attendees" and (
            "(" in text or fields["attendees"].rstrip().endswith((",", ";"))
        ):
            fields["attendees"] += "\n" + text
        elif not seen_label and not _norm(text).startswith("let op"):
            free.append(text)

    def label_row(spread: list[str]) -> None:
        # "Label | value", or "Label | value | Label | value" across the row. The cell right
        # after a label is its value whatever it says (an attendee called "Tijd", a chair
        # "cc"); a later cell that reads as a label starts the next pair.
        spread = spread[next(i for i, c in enumerate(spread) if c.strip()) :]
        key, values = _header_label(spread[0]) or "", []
        after_label = True
        for cell in spread[1:]:
            if not cell.strip():
                after_label = False
                continue
            other = None if after_label else _header_label(cell)
            after_label = False
            if other is None:
                values.append(cell)
                continue
            label(key, "\n".join(values))
            key, values, after_label = other, [], True
        label(key, "\n".join(values))

    for block in blocks:
        if block.rows is None:
            for text in block.lines:
                line(text)
            continue
        for row in block.rows:
            spread = [row[c].text for c in sorted(row) if row[c].vmerge != "continue"]
            cells = [c for c in spread if c.strip()]
            if cells and _header_label(cells[0]) is not None:
                label_row(spread)
            elif len(cells) > 1 and len(cells[0].split()) <= 3 and "\n" not in cells[0]:
                last = ""  # "Notulist | Marloes": a label the bot does not know
            else:
                for text in "\n".join(cells).split("\n"):
                    line(text)
        last = ""  # a table ends an attendee list written over several lines

    def one_line(key: str) -> str:
        return " ".join(fields.get(key, "").split())

    return DocHeader(
        title=free[0] if free else "",
        programme=free[1] if len(free) > 1 else "",
        domain=one_line("domain"),
        chair=one_line("chair"),
        attendees=split_attendees(fields.get("attendees", "")),
        date_text=one_line("date"),
        place=one_line("place"),
    )


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

# Landscape A4 with 20 mm margins leaves 257 mm; Toelichting gets the most.
_PAGE = (Mm(297), Mm(210))
_MARGIN_SIDE, _MARGIN_TOP = Mm(20), Mm(15)
_ACTION_WIDTHS = (Mm(40), Mm(56), Mm(101), Mm(28), Mm(32))
_APPENDIX_WIDTHS = (Mm(70), Mm(112), Mm(75))
_HEADER_WIDTHS = (Mm(55), Mm(202))
_BULLET_INDENT = Mm(3)
_BAD_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def write_docx(
    doc: Actielijst, *, timestamp: datetime | None = None, blank_rows: int = 0
) -> bytes:
    """The actielijst as a .docx laid out like the team's own (header block, five-column table,
    appendix "Toelichting op besluiten"). `timestamp` becomes the document's created/modified
    time (default FIXED_TIMESTAMP); the same arguments always give the same bytes.
    `blank_rows` adds empty rows to fill in during the meeting, as the team's template has."""
    document = docx.Document()
    _drop_thumbnail(document)
    normal = document.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = _PAGE
    section.left_margin = section.right_margin = _MARGIN_SIDE
    section.top_margin = section.bottom_margin = _MARGIN_TOP

    header = doc.header
    if header.title:
        _paragraph(document, header.title, bold=True, size=Pt(14))
    if header.programme:
        _paragraph(document, header.programme)
    _paragraph(document, NOTE_LINE, italic=True)
    _write_header_table(document, header)
    document.add_paragraph()

    rows: list[tuple[str, ...]] = [_row_cells(row, doc.decisions) for row in doc.rows]
    rows += [("",) * 5] * blank_rows
    _write_table(document, ACTION_HEADERS, rows, _ACTION_WIDTHS, status_column=4)

    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    _paragraph(document, "Bijlage", bold=True, size=Pt(12))
    _paragraph(document, "Toelichting op besluiten", bold=True)
    decisions = [
        (d.subject, "\n".join(f"· {c}" for c in d.criteria), d.interests) for d in doc.decisions
    ] or [("", "", "")]
    _write_table(document, APPENDIX_HEADERS, decisions, _APPENDIX_WIDTHS)

    _core_properties(document, header, timestamp or FIXED_TIMESTAMP)
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue())


def _row_cells(row: DocRow, decisions: Sequence[DocDecision]) -> tuple[str, ...]:
    text = row.text
    if row.is_decision and not refers_to_decision(row.topic, text, decisions):
        text = f"Besluit: {text}"
    when = row.when
    marker = STATUS_MARKERS.get(row.status)
    if marker:
        when = f"{when}\n{marker}" if when else marker
    return (row.topic, text, row.note, row.owners, when)


def _lines(text: str) -> list[str]:
    text = _BAD_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    return text.replace("\x0b", "\n").replace("\x0c", "\n").split("\n")


def _paragraph(
    document: Any, text: str, *, bold: bool = False, italic: bool = False, size: Any = None
) -> None:
    run = document.add_paragraph().add_run(" ".join(_lines(text)))
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = size


def _fill(cell: Any, text: str, *, bold: bool = False, markers: Iterable[str] = ()) -> None:
    paragraph = cell.paragraphs[0]
    for i, line in enumerate(_lines(text)):
        if i:
            paragraph = cell.add_paragraph()
        if line:
            run = paragraph.add_run(line)
            run.bold = (bold or line in markers) or None
        if _BULLET.match(line):  # a hanging indent, so wrapped lines align after the bullet
            paragraph.paragraph_format.left_indent = _BULLET_INDENT
            paragraph.paragraph_format.first_line_indent = -_BULLET_INDENT


def _write_header_table(document: Any, header: DocHeader) -> None:
    attendees = ", ".join(f"{name} ({org})" if org else name for name, org in header.attendees)
    lines = (
        ("Domein", header.domain),
        ("Voorzitter", header.chair),
        ("Aanwezigen", attendees),
        (INTERESTS_LABEL, ""),
        ("Datum", header.date_text),
        ("Locatie", header.place),
    )
    table = document.add_table(rows=0, cols=2)  # the template's "Normal Table": no borders
    _fixed_widths(table, _HEADER_WIDTHS)
    for label, value in lines:
        cells = table.add_row().cells
        _fill(cells[0], label, bold=True)
        _fill(cells[1], value)
    _set_cell_widths(table, _HEADER_WIDTHS)


def _write_table(
    document: Any,
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths: Sequence[Any],
    status_column: int | None = None,
) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    _fixed_widths(table, widths)
    head = table.rows[0]
    repeat = OxmlElement("w:tblHeader")  # repeat the header row on every page
    head._tr.get_or_add_trPr().append(repeat)
    for cell, text in zip(head.cells, headers, strict=True):
        _fill(cell, text, bold=True)
    markers = set(STATUS_MARKERS.values())
    for values in rows:
        row = table.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row stays on one page
        cells = row.cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            _fill(cell, text, markers=markers if i == status_column else ())
    _set_cell_widths(table, widths)


def _fixed_widths(table: Any, widths: Sequence[Any]) -> None:
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width


def _set_cell_widths(table: Any, widths: Sequence[Any]) -> None:
    # Word reads the widths of the cells, LibreOffice those of the grid: set both.
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def _drop_thumbnail(document: Any) -> None:
    """python-docx's template carries a thumbnail of some other document; leave it out."""
    rels = document.part.package.rels
    for r_id, rel in list(rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del rels[r_id]


def _core_properties(document: Any, header: DocHeader, timestamp: datetime) -> None:
    props = document.core_properties
    if timestamp.tzinfo is not None:
        timestamp = timestamp.astimezone(UTC).replace(tzinfo=None)
    props.created = props.modified = timestamp
    props.author = props.last_modified_by = "OT actiebot"
    props.title = " ".join(p for p in (header.title, header.date_text) if p)
    props.subject = header.domain
    props.comments = ""
    props.revision = 1


def _stable_zip(data: bytes) -> bytes:
    """The same zip with fixed member times, so equal documents give equal bytes."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for member in src.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            dst.writestr(info, src.read(member.filename))
    return out.getvalue()
