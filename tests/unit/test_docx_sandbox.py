"""Reading a Word file in a child process: same result, and refused within its budget when
it is crafted to hurt (entities, endless rows, memory, time)."""

from __future__ import annotations

import io
import re
import signal
import time
import zipfile
from collections.abc import Callable

import pytest

from bot.demo.seed_docx import SEED, build_seed_docx
from documents import sandbox
from documents.docx_io import MAX_TABLE_CELLS, MAX_TABLE_ROWS, read_docx
from documents.sandbox import from_json, read_docx_isolated, to_json
from domain.actielijst import DocumentError

MB = 1024 * 1024
LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY a0 "ha">'
    + b"".join(b'<!ENTITY a%d "%s">' % (i + 1, (b"&a%d;" % i) * 10) for i in range(9))
    + b"]>"
)


def _isolated_error(
    data: bytes, *, timeout: float = 20.0, max_memory: int = 1024 * MB
) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        read_docx_isolated(data, timeout=timeout, max_memory=max_memory)
    return caught.value


def _isolated_reason(data: bytes, *, timeout: float = 20.0, max_memory: int = 1024 * MB) -> str:
    return _isolated_error(data, timeout=timeout, max_memory=max_memory).reason


def _reason(data: bytes) -> str:
    with pytest.raises(DocumentError) as caught:
        read_docx(data)
    return caught.value.reason


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, blob in members.items():
            zf.writestr(name, blob)
    return out.getvalue()


def _with_document_xml(change: Callable[[bytes], bytes]) -> bytes:
    """The seed .docx with its word/document.xml rewritten by `change`."""
    members = _members(build_seed_docx())
    return _zip({**members, "word/document.xml": change(members["word/document.xml"])})


def _body_starts_with(xml: bytes) -> Callable[[bytes], bytes]:
    return lambda document: document.replace(b"<w:body>", b"<w:body>" + xml, 1)


# --- the same result ------------------------------------------------------------------------


@pytest.mark.parametrize("word_lists", [False, True])
def test_the_seed_reads_the_same_in_the_child(word_lists: bool) -> None:
    data = build_seed_docx(word_lists=word_lists)
    assert read_docx_isolated(data) == read_docx(data)


def test_the_answer_is_checked_field_by_field() -> None:
    assert from_json(to_json(SEED)) == SEED
    garbled = to_json(SEED)
    garbled["rows"][0]["topic"] = ["not", "text"]
    with pytest.raises(TypeError):
        from_json(garbled)


def test_the_child_gets_nothing_of_the_bots_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123:secret")
    monkeypatch.setenv("OTBOT_DB_URL", "sqlite:///secret.sqlite3")
    assert set(sandbox._child_env()) == {"PYTHONPATH", "PATH", "LANG"}


# --- declarations ---------------------------------------------------------------------------


def test_entity_declarations_are_refused_quickly_and_small() -> None:
    data = _with_document_xml(lambda xml: LAUGHS + xml.split(b"?>", 1)[1])
    started = time.monotonic()
    # Within 100 MB of address space: the entities were never expanded.
    assert _isolated_reason(data, max_memory=100 * MB) == "corrupt"
    assert time.monotonic() - started < 5


def test_a_doctype_is_found_in_utf16_and_under_any_part_name() -> None:
    members = _members(build_seed_docx())
    xml = members["word/document.xml"].split(b"?>", 1)[1].decode()
    utf16 = '<?xml version="1.0" encoding="UTF-16"?>' + xml
    assert read_docx(_zip({**members, "word/document.xml": utf16.encode("utf-16")})) == (
        read_docx(build_seed_docx())
    )
    doctype = '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE w:document []>' + xml
    assert _reason(_zip({**members, "word/document.xml": doctype.encode("utf-16")})) == "corrupt"
    utf7 = b'<?xml version="1.0" encoding="UTF-7"?>' + xml.encode()
    assert _reason(_zip({**members, "word/document.xml": utf7})) == "corrupt"

    # The main part named like a picture: python-docx goes by the content type, and so do we.
    renamed = {**members, "word/main.bin": LAUGHS + xml.encode()}
    renamed["_rels/.rels"] = members["_rels/.rels"].replace(b"word/document.xml", b"word/main.bin")
    renamed["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"/word/document.xml", b"/word/main.bin"
    )
    assert _reason(_zip(renamed)) == "corrupt"


def test_a_picture_with_a_doctype_is_no_reason_to_refuse() -> None:
    members = _members(build_seed_docx())
    svg = b'<?xml version="1.0"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "x.dtd"><svg/>'
    types = members["[Content_Types].xml"].replace(
        b"<Default ", b'<Default Extension="svg" ContentType="image/svg+xml"/><Default ', 1
    )
    data = _zip({**members, "[Content_Types].xml": types, "word/media/logo.svg": svg})
    assert read_docx(data) == read_docx(build_seed_docx())


# --- size -----------------------------------------------------------------------------------


def test_a_table_beyond_the_row_cap_is_too_large() -> None:
    def many_rows(xml: bytes) -> bytes:
        row = re.search(rb"<w:tr[ >].*?</w:tr>", xml, re.S)
        assert row is not None
        return xml[: row.end()] + row.group(0) * (MAX_TABLE_ROWS + 1) + xml[row.end() :]

    assert _isolated_reason(_with_document_xml(many_rows)) == "too_large"


def test_a_row_beyond_the_cell_cap_is_too_large() -> None:
    row = b"<w:tbl><w:tr>" + b"<w:tc><w:p/></w:tc>" * (MAX_TABLE_CELLS + 1) + b"</w:tr></w:tbl>"
    assert _reason(_with_document_xml(_body_starts_with(row))) == "too_large"


@pytest.mark.parametrize(
    "body",
    [
        (b"<w:p><w:r><w:t>" + b"x" * 100_000 + b"</w:t></w:r></w:p>") * 400,  # 40 MB of text
        b"<w:p/>" * 2_000_000,  # libxml2's own out-of-memory error
    ],
    ids=["text", "elements"],
)
def test_running_out_of_memory_is_a_clean_refusal(body: bytes) -> None:
    data = _with_document_xml(_body_starts_with(body))
    assert len(data) < 5 * MB
    error = _isolated_error(data, max_memory=120 * MB)
    assert error.reason == "too_large"
    assert "out of memory" in error.detail  # not the paragraph cap, which comes after parsing


# --- time and death -------------------------------------------------------------------------


def test_the_wall_clock_budget_is_enforced() -> None:
    started = time.monotonic()
    assert _isolated_reason(build_seed_docx(), timeout=0.001) == "too_slow"
    assert time.monotonic() - started < 5  # the child was killed, not waited for


def test_how_a_dead_child_is_reported() -> None:
    assert sandbox._died(-signal.SIGXCPU, "").reason == "too_slow"
    assert sandbox._died(-signal.SIGKILL, "").reason == "too_large"  # the OOM killer
    assert sandbox._died(-signal.SIGSEGV, "").reason == "corrupt"
    assert sandbox._died(1, "Traceback ...").reason == "corrupt"


def test_errors_of_the_reader_keep_their_reason() -> None:
    assert _isolated_reason(b"%PDF-1.4") == "pdf"
    assert _isolated_reason(b"\x00\x01 binair") == "not_docx"
    assert _isolated_reason(b"PK\x03\x04kapot") == "corrupt"
