"""Which files are no Word document, by name and MIME type, and by their bytes (people rename
files: a .doc called .docx is still a .doc)."""

from __future__ import annotations

import io
import zipfile

import pytest

from bot.demo.seed_docx import build_seed_docx
from documents.filetype import FileKind, kind_by_content, kind_by_name

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def _ole(*streams: str) -> bytes:
    """An OLE compound file's start and directory entries with these stream names."""
    entries = b"".join(s.encode("utf-16-le") + b"\x00\x00" + bytes(64) for s in streams)
    return OLE + bytes(512) + entries


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(
    "name,mime,kind",
    [
        ("Actielijst OT 18 maart.doc", "application/msword", FileKind.OLD_WORD),
        ("actielijst.DOC", None, FileKind.OLD_WORD),
        ("actielijst.pdf", "application/pdf", FileKind.PDF),
        ("actielijst", "application/pdf", FileKind.PDF),  # no extension: the type says it
        ("actielijst.odt", "application/vnd.oasis.opendocument.text", FileKind.ODT),
        ("acties.xlsx", None, FileKind.SPREADSHEET),
        ("acties.csv", "text/csv", FileKind.SPREADSHEET),
        ("OT.pptx", None, FileKind.PRESENTATION),
        ("notities.txt", "text/plain", FileKind.TEXT),
        ("IMG_2041.HEIC", "image/heic", FileKind.IMAGE),
        (None, "image/jpeg", FileKind.IMAGE),
        ("lijst.rtf", None, FileKind.RTF),
        ("lijst.pages", None, FileKind.PAGES),
        ("lijst.zip", "application/zip", FileKind.ARCHIVE),
        # Word, or nobody knows: the content decides.
        ("actielijst.docx", DOCX_MIME, None),
        ("actielijst.docx", "application/msword", None),  # a client guessing wrong
        ("actielijst.doc", DOCX_MIME, None),  # renamed, but the client read the content
        ("actielijst.docm", None, None),
        ("Actielijst 18.03", "application/octet-stream", None),
        (None, None, None),
        ("actielijst", "application/zip", None),
    ],
)
def test_kind_by_name_and_type(name: str | None, mime: str | None, kind: FileKind | None) -> None:
    assert kind_by_name(name, mime) is kind


@pytest.mark.parametrize(
    "data,kind",
    [
        (build_seed_docx(), FileKind.DOCX),
        (_ole("Root Entry", "WordDocument", "1Table"), FileKind.OLD_WORD),
        (OLE, FileKind.OLD_WORD),  # no directory to go by: the likeliest
        (_ole("Root Entry", "EncryptionInfo", "EncryptedPackage"), FileKind.ENCRYPTED),
        (_ole("Root Entry", "Workbook"), FileKind.SPREADSHEET),
        (_ole("Root Entry", "PowerPoint Document"), FileKind.PRESENTATION),
        (_ole("Root Entry", "WordDocument", "ObjectPool", "Workbook"), FileKind.OLD_WORD),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", FileKind.PDF),
        (b"{\\rtf1\\ansi Actielijst}", FileKind.RTF),
        (b"\x89PNG\r\n\x1a\n" + bytes(20), FileKind.IMAGE),
        (b"\xff\xd8\xff\xe0" + bytes(20), FileKind.IMAGE),
        (bytes(4) + b"ftypheic" + bytes(20), FileKind.IMAGE),
        (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), FileKind.ODT),
        (
            _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
            FileKind.SPREADSHEET,
        ),
        (_zip({"[Content_Types].xml": b"<T/>", "xl/workbook.xml": b"<w/>"}), FileKind.SPREADSHEET),
        (
            _zip({"[Content_Types].xml": b"<T/>", "ppt/slides/s1.xml": b"<s/>"}),
            FileKind.PRESENTATION,
        ),
        (_zip({"Index/Document.iwa": b"..."}), FileKind.PAGES),
        (_zip({"actielijst.docx": build_seed_docx()}), FileKind.ARCHIVE),
        (_zip({"notes.txt": b"geen word"}), FileKind.UNKNOWN),  # perhaps a damaged .docx
        (b"PK\x03\x04kapot", FileKind.UNKNOWN),
        ("Onderwerp\tActie\tWie\nFinanciën\tDelen\tMarloes\n".encode(), FileKind.TEXT),
        ("\ufeffActielijst".encode("utf-16"), FileKind.TEXT),
        (b"<html><body>actielijst</body></html>", FileKind.UNKNOWN),
        (b"\x00\x01\x02 binary", FileKind.UNKNOWN),
        (b"", FileKind.UNKNOWN),
    ],
    ids=lambda value: value.name if isinstance(value, FileKind) else "",
)
def test_kind_by_content(data: bytes, kind: FileKind) -> None:
    assert kind_by_content(data) is kind
