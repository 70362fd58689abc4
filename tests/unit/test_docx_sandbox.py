"""Reading a Word file in a child process: same result, and refused within its budget when
it is crafted to hurt (entities, endless rows, memory, time)."""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest

from documents.docx_io import MAX_TABLE_ROWS, read_docx
from documents.sandbox import read_docx_isolated
from domain.actielijst import DocumentError
from tests.docx_seed import build_seed_docx


def _reason(data: bytes, **limits: float) -> str:
    with pytest.raises(DocumentError) as caught:
        read_docx_isolated(data, **limits)  # type: ignore[arg-type]
    return caught.value.reason


def _with_document_xml(change) -> bytes:  # type: ignore[no-untyped-def]
    """The seed .docx with its word/document.xml rewritten by `change`."""
    source = build_seed_docx()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(source)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            blob = src.read(item)
            if item.filename == "word/document.xml":
                blob = change(blob)
            dst.writestr(item.filename, blob)
    return out.getvalue()


def test_the_seed_reads_the_same_in_the_child() -> None:
    data = build_seed_docx(word_lists=True)
    assert read_docx_isolated(data) == read_docx(data)


def test_entity_declarations_are_refused_quickly() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a0 "ha">'
        + b"".join(
            b'<!ENTITY %s "%s">' % (b"a%d" % (i + 1), (b"&a%d;" % i) * 10) for i in range(9)
        )
        + b"]>"
    )

    def add_doctype(xml: bytes) -> bytes:
        return laughs + xml.split(b"?>", 1)[1]

    started = time.monotonic()
    assert _reason(_with_document_xml(add_doctype)) == "corrupt"
    assert time.monotonic() - started < 5


def test_a_table_beyond_the_row_cap_is_too_large() -> None:
    def many_rows(xml: bytes) -> bytes:
        row = re.search(rb"<w:tr[ >].*?</w:tr>", xml, re.S)
        assert row is not None
        return xml[: row.end()] + row.group(0) * (MAX_TABLE_ROWS + 1) + xml[row.end() :]

    assert _reason(_with_document_xml(many_rows)) == "too_large"


def test_the_wall_clock_budget_is_enforced() -> None:
    started = time.monotonic()
    assert _reason(build_seed_docx(), timeout=0.001) == "too_slow"
    assert time.monotonic() - started < 10  # the child was killed, not waited for


def test_running_out_of_memory_is_a_clean_refusal() -> None:
    def huge_text(xml: bytes) -> bytes:
        paragraph = b"<w:p><w:r><w:t>" + b"x" * 100_000 + b"</w:t></w:r></w:p>"
        return xml.replace(b"<w:body>", b"<w:body>" + paragraph * 400, 1)

    data = _with_document_xml(huge_text)  # 40 MB of text, a small zip
    assert len(data) < 5 * 1024 * 1024
    assert _reason(data, max_memory=120 * 1024 * 1024) == "too_large"


def test_errors_of_the_reader_keep_their_reason() -> None:
    assert _reason(b"%PDF-1.4") == "not_docx"
    assert _reason(b"PK\x03\x04kapot") == "corrupt"
