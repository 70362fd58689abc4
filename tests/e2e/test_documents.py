"""The Word actielijst through Telegram: import with preview and confirm, export, round trip."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import date

import pytest

from bot.demo.fake_telegram import FakeTelegram
from bot.demo.seed_docx import build_seed_docx
from bot.texts import day
from documents.docx_io import read_docx
from domain.actielijst import DocRow
from services.documents import MONTHS
from tests.docx_layouts import LABEL_TABLE, LAYOUTS, Layout
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.test_story import numbers, team_people


def send_file(  # type: ignore[no-untyped-def]
    tg: Tg,
    user,
    chat,
    content: bytes,
    name: str,
    caption: str | None = None,
    mime_type: str | None = None,
) -> str:
    tg.sync_time()
    mark = tg.fake.mark()
    tg.fake.push_document(chat, user, content, name, caption=caption, mime_type=mime_type)
    return tg.replies_since(chat, mark)


def test_import_preview_confirm_export_and_round_trip(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(jan, tg.dm(jan), "/ikben Jan")
    dm = tg.dm(marloes)

    # The secretary sends the Word list; nothing is stored before she confirms.
    preview = send_file(tg, marloes, dm, build_seed_docx(), "Actielijst OT 18 maart.docx")
    assert "actielijst van het OT van do 18 mrt 2027" in preview
    assert "ik ga uit van 2027" in preview
    assert "15 nieuw, 0 bijgewerkt, 0 ongewijzigd (waarvan 1 besluit)" in preview
    assert "Aanwezigen: 11" in preview
    assert "Eigenaren gekoppeld aan leden: Jan" in preview
    assert "Danillo" in preview  # not linked yet
    assert "Geen open acties" in tg.send(marloes, tg.group, "/acties")
    card = fake.last_bot_message(marloes["id"])
    _, reply = tg.press(marloes, card, "Importeren")
    assert "Geïmporteerd: 15 nieuw, 0 bijgewerkt, voor het OT van do 18 mrt 2027" in reply
    listing = tg.send(marloes, tg.group, "/acties")
    assert "Open acties (14)" in listing
    assert numbers(tg.send(jan, tg.dm(jan), "/mijnacties"))[:2] == [6, 15]
    decision = tg.send(jan, tg.group, "/besluit 9")
    assert decision.count("  · ") == 7 and "Callandlyceum" in decision
    ots = tg.send(jan, tg.group, "/ot")
    assert "za 24 apr 2027 (voorlopig" in ots and "vr 28 mei 2027 (voorlopig" in ots

    # The same document again: recognised, nothing duplicated.
    preview = send_file(tg, marloes, dm, build_seed_docx(), "Actielijst OT 18 maart.docx")
    assert "0 nieuw, 0 bijgewerkt, 15 ongewijzigd" in preview
    _, reply = tg.press(marloes, fake.last_bot_message(marloes["id"]), "Annuleren")
    assert "niets opgeslagen" in reply

    # Export: the team's own Word table, with the latest update and closed actions marked.
    tg.send(jan, tg.dm(jan), "/update 15 Voorstel ligt bij de gebiedsmakelaar")
    tg.send(jan, tg.dm(jan), "/sluit 6 data gedeeld")
    mark = fake.mark()
    tg.send(marloes, tg.group, "/actielijst")
    [exported] = fake.sent_files(GROUP_ID, after=mark)
    assert exported.filename.endswith(".docx")
    doc = read_docx(exported.content)
    assert doc.header.chair == "Anne Wilbers" and len(doc.header.attendees) == 11
    assert doc.header.date_text == "18 maart 2027"
    rows = {r.number or 0: r for r in doc.rows}
    assert len(doc.rows) == 15
    blije = next(r for r in doc.rows if r.topic == "Blije doos")
    assert "Voorstel ligt bij de gebiedsmakelaar" in blije.note and "Update " in blije.note
    expofette = next(r for r in doc.rows if "expofette" in r.text)
    assert expofette.status == "afgerond"
    assert [d.subject for d in doc.decisions][0].startswith("Maatschappelijke voorzieningen")
    assert rows  # numbered rows

    # Round trip: importing the exported document gives back the same actions.
    preview = send_file(tg, marloes, dm, exported.content, exported.filename)
    assert "0 nieuw, 0 bijgewerkt, 15 ongewijzigd" in preview


def test_other_formats_and_calendar(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    tg.send(marloes, tg.dm(marloes), "Jan: memo delen (24 april)\nOT: evalueren (OT 28 mei)")
    tg.send(jan, tg.dm(jan), "/ikben Jan")
    mark = fake.mark()
    tg.send(jan, tg.dm(jan), "/actielijst md")
    tg.send(jan, tg.dm(jan), "/actielijst csv")
    tg.send(jan, tg.dm(jan), "/actielijst json")
    tg.send(jan, tg.dm(jan), "/agenda_ics")
    md, csv_file, json_file, ics = fake.sent_files(jan["id"], after=mark)
    assert "memo delen" in md.content.decode()
    assert "- **Domein:** Wonen en Leefomgeving\n" in md.content.decode()  # no "OT" twice
    table = list(csv.reader(io.StringIO(csv_file.content.decode("utf-8-sig"))))
    assert table[0][:5] == [
        "Onderwerp",
        "Afspraak/actie/besluit",
        "Toelichting / update",
        "Wie",
        "Wanneer",
    ]
    assert [r[1] for r in table[1:]] == ["memo delen", "evalueren"]
    data = json.loads(json_file.content)
    assert [a["number"] for a in data["actions"]] == [1, 2]
    calendar = ics.content.decode()
    assert calendar.startswith("BEGIN:VCALENDAR\r\n")
    assert "DTSTART;VALUE=DATE:20270424" in calendar  # the dated deadline
    # The team is called "OT Wonen en Leefomgeving": its meeting is not "OT OT ...".
    assert "SUMMARY:OT Wonen en Leefomgeving (voorlopig)" in calendar
    assert "OT OT" not in calendar


def test_bad_files_are_refused_and_nothing_is_stored(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)
    assert "Dit is een PDF" in send_file(tg, marloes, dm, b"%PDF-1.4 ...", "lijst.pdf")
    assert "beschadigd" in send_file(tg, marloes, dm, b"PK\x03\x04kapot", "lijst.docx")
    assert "geen Word-bestand" in send_file(tg, marloes, dm, b"hallo", "lijst.docx")
    # A member cannot import.
    tg.send(jan, tg.dm(jan), "/start")
    refused = send_file(tg, jan, tg.dm(jan), build_seed_docx(), "lijst.docx")
    assert "alleen de secretaris" in refused
    # In the group: with /import as the caption.
    preview = send_file(tg, marloes, tg.group, build_seed_docx(), "lijst.docx", caption="/import")
    assert "15 nieuw" in preview
    assert "Geen open acties" in tg.send(marloes, tg.group, "/acties")


# --- lists made by other secretaries (tests/docx_layouts.py) ----------------------------------


def _shown(row: DocRow) -> tuple[str, str, str, str, str, bool, str]:
    return (row.topic, row.text, row.note, row.owners, row.when, row.is_decision, row.status)


def _buttons(message: dict) -> list[str]:  # type: ignore[type-arg]
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
def test_other_secretaries_lists_import_confirm_and_export_back(
    tg: Tg, fake: FakeTelegram, layout: Layout
) -> None:
    marloes = team_people(tg)["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)
    decisions = sum(r.is_decision for r in layout.rows)

    # The preview names the meeting with the year the document gives; no year is guessed.
    preview = send_file(tg, marloes, dm, layout.build(), f"Actielijst {layout.name}.docx")
    assert f"actielijst van het OT van {day(layout.day)}" in preview
    assert "noemt geen jaar" not in preview
    assert f"{len(layout.rows)} nieuw, 0 bijgewerkt, 0 ongewijzigd (waarvan {decisions} " in (
        preview
    )
    card = fake.last_bot_message(marloes["id"])
    assert not any(label.startswith("Het was") for label in _buttons(card))
    _, reply = tg.press(marloes, card, "Importeren")
    assert f"Geïmporteerd: {len(layout.rows)} nieuw, 0 bijgewerkt, voor het OT van " in reply
    assert day(layout.day) in reply

    # /actielijst: that meeting's list, in the team's own layout, with the same actions.
    mark = fake.mark()
    tg.send(marloes, tg.group, "/actielijst")
    [exported] = fake.sent_files(GROUP_ID, after=mark)
    assert exported.filename.endswith(f"-{layout.day.isoformat()}.docx")
    doc = read_docx(exported.content)
    d = layout.day
    assert doc.header.date_text == f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    assert doc.header.chair == layout.header.chair
    assert doc.header.attendees == layout.header.attendees
    kept = [r for r in layout.rows if r.status != "vervallen"]  # cancelled: off the list
    assert sorted(map(_shown, doc.rows)) == sorted(map(_shown, kept))
    assert sorted(c for d in doc.decisions for c in d.criteria) == sorted(
        c for d in layout.decisions for c in d.criteria
    )
    assert sorted(d.interests for d in doc.decisions) == sorted(
        d.interests for d in layout.decisions
    )

    # The scheduler's run (carrying over OTs that passed) does not change which list it is.
    tg.bot.tick()
    mark = fake.mark()
    tg.send(marloes, tg.group, "/actielijst")
    [again] = fake.sent_files(GROUP_ID, after=mark)
    assert read_docx(again.content).header.date_text == doc.header.date_text

    # The exported list sent back: recognised, nothing new.
    preview = send_file(tg, marloes, dm, exported.content, exported.filename)
    assert f"0 nieuw, 0 bijgewerkt, {len(kept)} ongewijzigd" in preview


def test_the_imported_meeting_heads_the_list_not_a_tentative_one(
    tg: Tg, fake: FakeTelegram
) -> None:
    marloes = team_people(tg)["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    # 9 January 2027; one action is due "OT 5 februari", an OT nobody planned (tentative) that
    # has passed by now (18 March).
    send_file(tg, marloes, tg.dm(marloes), LABEL_TABLE.build(), "actielijst-9-januari.docx")
    tg.press(marloes, fake.last_bot_message(marloes["id"]), "Importeren")
    mark = fake.mark()
    tg.send(marloes, tg.group, "/actielijst")
    [exported] = fake.sent_files(GROUP_ID, after=mark)
    [sent] = fake.calls_of("sendDocument", after=mark)
    assert f"na het OT van {day(date(2027, 1, 9))}" in sent.params["caption"]
    doc = read_docx(exported.content)
    assert (doc.header.date_text, doc.header.place) == (
        "9 januari 2027",
        "Stadsdeelkantoor Nieuw-West",
    )
    [decision] = doc.decisions
    assert decision.subject == LABEL_TABLE.decisions[0].subject
    assert decision.criteria == LABEL_TABLE.decisions[0].criteria


def _ole(stream: str) -> bytes:
    return (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1016) + stream.encode("utf-16-le") + bytes(2)
    )


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return out.getvalue()


def test_files_that_are_no_docx_get_a_hint_how_to_make_one(tg: Tg, fake: FakeTelegram) -> None:
    marloes = team_people(tg)["marloes"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)

    # By name or type: refused before the file is even downloaded.
    mark = fake.mark()
    old = send_file(tg, marloes, dm, _ole("WordDocument"), "Actielijst OT.doc")
    assert "Dit is een oud Word-bestand (.doc)" in old
    assert "Bestand › Opslaan als › Word-document (.docx)" in old
    pdf = send_file(tg, marloes, dm, b"%PDF-1.7 ...", "Actielijst OT.pdf")
    assert "Dit is een PDF" in pdf and "Stuur het Word-bestand zelf (.docx)" in pdf
    photo = b"\xff\xd8\xff\xe0" + bytes(64)
    scan = send_file(tg, marloes, dm, photo, "scan", mime_type="image/jpeg")
    assert "afbeelding" in scan
    assert "spreadsheet" in send_file(tg, marloes, dm, b"x", "acties.xlsx")
    assert "tekstbestand" in send_file(tg, marloes, dm, b"Jan: memo", "acties.txt")
    assert not fake.calls_of("getFile", after=mark)

    # Renamed to .docx: the content tells.
    mark = fake.mark()
    renamed = send_file(tg, marloes, dm, _ole("WordDocument"), "Actielijst OT.docx")
    assert "Dit is een oud Word-bestand (.doc)" in renamed
    locked = send_file(tg, marloes, dm, _ole("EncryptionInfo"), "Actielijst OT.docx")
    assert "wachtwoord" in locked
    odt = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"})
    assert "OpenDocument" in send_file(tg, marloes, dm, odt, "Actielijst OT.docx")
    pdf = send_file(tg, marloes, dm, b"%PDF-1.7 ...", "Actielijst OT.docx")
    assert "Dit is een PDF" in pdf
    assert len(fake.calls_of("getFile", after=mark)) == 4

    # Without a name or with a generic type, the content decides too, and a real .docx is read.
    assert "Dit is een PDF" in send_file(
        tg, marloes, dm, b"%PDF-1.7 ...", "actielijst", mime_type="application/octet-stream"
    )
    preview = send_file(
        tg, marloes, dm, build_seed_docx(), "actielijst", mime_type="application/octet-stream"
    )
    assert "15 nieuw" in preview
    assert "Geen open acties" in tg.send(marloes, tg.group, "/acties")
