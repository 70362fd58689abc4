"""What kind of file a secretary sent, so that a file that is no Word document (.docx) is
refused with a hint how to make one of it.

Three witnesses: the file name, the MIME type the Telegram client gave, and the bytes. People
rename files ("actielijst.doc" to "actielijst.docx" in the hope that it helps) and clients
guess MIME types from the name, so the bytes have the last word: `kind_by_name` only refuses
what clearly is something else, before anything is downloaded; `kind_by_content` (called by
the Word reader before it parses anything) decides the rest.

Every kind's value is a `DocumentError` reason that bot/texts.py renders.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from enum import StrEnum


class FileKind(StrEnum):
    """A kind of file; the value is the DocumentError reason for it."""

    DOCX = "docx"  # a Word document (also .docm, .dotx, .dotm): read it
    OLD_WORD = "old_doc"  # Word 97-2003 (.doc)
    ENCRYPTED = "encrypted"  # a .docx with a password: Word stores it in an OLE container
    PDF = "pdf"
    ODT = "odt"  # OpenDocument text (LibreOffice, OpenOffice)
    PAGES = "pages"  # Apple Pages
    RTF = "rtf"
    SPREADSHEET = "spreadsheet"  # .xlsx, .xls, .ods, .csv, .numbers
    PRESENTATION = "presentation"  # .pptx, .ppt, .odp, .key
    TEXT = "text"  # .txt, .md
    IMAGE = "image"  # a photo or scan
    ARCHIVE = "zip"  # a zip file (with a Word file inside, perhaps)
    UNKNOWN = "not_docx"


_WORD_EXTENSIONS = frozenset({".docx", ".docm", ".dotx", ".dotm"})
_BY_EXTENSION = {
    ".doc": FileKind.OLD_WORD,
    ".dot": FileKind.OLD_WORD,
    ".wbk": FileKind.OLD_WORD,
    ".pdf": FileKind.PDF,
    ".odt": FileKind.ODT,
    ".ott": FileKind.ODT,
    ".fodt": FileKind.ODT,
    ".sxw": FileKind.ODT,
    ".pages": FileKind.PAGES,
    ".rtf": FileKind.RTF,
    ".xlsx": FileKind.SPREADSHEET,
    ".xlsm": FileKind.SPREADSHEET,
    ".xls": FileKind.SPREADSHEET,
    ".ods": FileKind.SPREADSHEET,
    ".csv": FileKind.SPREADSHEET,
    ".numbers": FileKind.SPREADSHEET,
    ".pptx": FileKind.PRESENTATION,
    ".ppt": FileKind.PRESENTATION,
    ".odp": FileKind.PRESENTATION,
    ".key": FileKind.PRESENTATION,
    ".txt": FileKind.TEXT,
    ".md": FileKind.TEXT,
    ".jpg": FileKind.IMAGE,
    ".jpeg": FileKind.IMAGE,
    ".png": FileKind.IMAGE,
    ".gif": FileKind.IMAGE,
    ".heic": FileKind.IMAGE,
    ".heif": FileKind.IMAGE,
    ".webp": FileKind.IMAGE,
    ".tif": FileKind.IMAGE,
    ".tiff": FileKind.IMAGE,
    ".bmp": FileKind.IMAGE,
    ".zip": FileKind.ARCHIVE,
}
_WORD_MIMES = ("application/vnd.openxmlformats-officedocument.wordprocessingml.",)
_WORD_MIME_PREFIXES = ("application/vnd.ms-word.document.", "application/vnd.ms-word.template.")
_BY_MIME = {
    "application/msword": FileKind.OLD_WORD,
    "application/pdf": FileKind.PDF,
    "application/x-pdf": FileKind.PDF,
    "application/vnd.oasis.opendocument.text": FileKind.ODT,
    "application/vnd.apple.pages": FileKind.PAGES,
    "application/rtf": FileKind.RTF,
    "text/rtf": FileKind.RTF,
    "application/vnd.ms-excel": FileKind.SPREADSHEET,
    "application/vnd.oasis.opendocument.spreadsheet": FileKind.SPREADSHEET,
    "text/csv": FileKind.SPREADSHEET,
    "application/vnd.ms-powerpoint": FileKind.PRESENTATION,
    "application/vnd.oasis.opendocument.presentation": FileKind.PRESENTATION,
    "text/plain": FileKind.TEXT,
    "text/markdown": FileKind.TEXT,
}
_MIME_PREFIXES = (
    ("application/vnd.openxmlformats-officedocument.spreadsheetml.", FileKind.SPREADSHEET),
    ("application/vnd.openxmlformats-officedocument.presentationml.", FileKind.PRESENTATION),
    ("image/", FileKind.IMAGE),
)


def kind_by_name(file_name: str | None, mime_type: str | None) -> FileKind | None:
    """What the name and MIME type say the file is, when that is clearly no Word document;
    None when either says Word, or neither knows: then the content decides."""
    extension = posixpath.splitext((file_name or "").strip().casefold())[1]
    mime = (mime_type or "").strip().casefold()
    if extension in _WORD_EXTENSIONS or mime.startswith(_WORD_MIMES + _WORD_MIME_PREFIXES):
        return None
    if extension in _BY_EXTENSION:
        return _BY_EXTENSION[extension]
    if mime in _BY_MIME:
        return _BY_MIME[mime]
    for prefix, kind in _MIME_PREFIXES:
        if mime.startswith(prefix):
            return kind
    return None  # no extension, or an unknown one, and octet-stream or zip: look inside


# --- by content ---------------------------------------------------------------------------

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
# Stream names in an OLE container's directory (UTF-16LE), from the specific to the general.
_OLE_STREAMS = (
    ("EncryptionInfo", FileKind.ENCRYPTED),
    ("EncryptedPackage", FileKind.ENCRYPTED),
    ("WordDocument", FileKind.OLD_WORD),  # before the others: a .doc may embed a workbook
    ("PowerPoint Document", FileKind.PRESENTATION),
    ("Workbook", FileKind.SPREADSHEET),
    ("Book", FileKind.SPREADSHEET),
)
_IMAGE_MAGIC = (
    b"\xff\xd8\xff",  # JPEG
    b"\x89PNG\r\n\x1a\n",
    b"GIF87a",
    b"GIF89a",
    b"II*\x00",  # TIFF
    b"MM\x00*",
)
_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": FileKind.ODT,
    "application/vnd.oasis.opendocument.text-template": FileKind.ODT,
    "application/vnd.oasis.opendocument.spreadsheet": FileKind.SPREADSHEET,
    "application/vnd.oasis.opendocument.presentation": FileKind.PRESENTATION,
}


def kind_by_content(data: bytes) -> FileKind:
    """What the bytes are, by their first bytes (and, for a zip, the names inside it).

    A zip is DOCX when it holds word/document.xml; a zip that is no office document and holds
    no Word file is UNKNOWN, since it may just as well be a damaged .docx (the reader says
    "corrupt" then)."""
    if data.startswith(_OLE):
        return _ole_kind(data)
    if data.startswith(_ZIP):
        return _zip_kind(data)
    if data.startswith(b"%PDF") or data[:1024].lstrip().startswith(b"%PDF"):
        return FileKind.PDF
    if data.startswith(b"{\\rtf"):
        return FileKind.RTF
    if data.startswith(_IMAGE_MAGIC) or _is_riff_webp(data) or _is_heif(data):
        return FileKind.IMAGE
    if data and _is_plain_text(data):
        return FileKind.TEXT
    return FileKind.UNKNOWN


def _ole_kind(data: bytes) -> FileKind:
    for name, kind in _OLE_STREAMS:
        if name.encode("utf-16-le") + b"\x00\x00" in data:
            return kind
    return FileKind.OLD_WORD  # the likeliest OLE file a secretary sends


def _zip_kind(data: bytes) -> FileKind:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
            if "word/document.xml" in names:
                return FileKind.DOCX
            if "mimetype" in names and zf.getinfo("mimetype").file_size < 200:
                mimetype = zf.read("mimetype").decode("ascii", "replace").strip()
                if mimetype in _OPENDOCUMENT:
                    return _OPENDOCUMENT[mimetype]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return FileKind.UNKNOWN  # a zip's start, but broken: the reader reports "corrupt"
    if any(n.startswith("xl/") for n in names):
        return FileKind.SPREADSHEET
    if any(n.startswith("ppt/") for n in names):
        return FileKind.PRESENTATION
    if any(n.startswith("Index/") and n.endswith(".iwa") for n in names):
        return FileKind.PAGES  # also Numbers and Keynote; Pages is the likely one here
    if any(posixpath.splitext(n.casefold())[1] in _WORD_EXTENSIONS for n in names):
        return FileKind.ARCHIVE
    return FileKind.UNKNOWN


def _is_riff_webp(data: bytes) -> bool:
    return data.startswith(b"RIFF") and data[8:12] == b"WEBP"


def _is_heif(data: bytes) -> bool:
    return data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"avif")


def _is_plain_text(data: bytes) -> bool:
    """UTF-8 (or UTF-16 with a byte order mark) text without control characters; markup
    (HTML, XML) and JSON are not what a secretary means by a text file."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    text = head.decode("utf-8", "ignore")
    if not text.strip() or text.lstrip()[:1] in ("<", "{", "["):
        return False
    return all(ch.isprintable() or ch in "\t\r\n\f" for ch in text)
