"""The Word actielijst through Telegram: import with preview and confirm, export, round trip."""

from __future__ import annotations

import csv
import io
import json

from documents.docx_io import read_docx
from tests.docx_seed import build_seed_docx
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.fake_telegram import FakeTelegram
from tests.e2e.test_story import numbers, team_people


def send_file(tg: Tg, user, chat, content: bytes, name: str, caption: str | None = None) -> str:  # type: ignore[no-untyped-def]
    tg.sync_time()
    mark = tg.fake.mark()
    tg.fake.push_document(chat, user, content, name, caption=caption)
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
    assert "SUMMARY:OT OT Wonen en Leefomgeving (voorlopig)" in calendar


def test_bad_files_are_refused_and_nothing_is_stored(tg: Tg, fake: FakeTelegram) -> None:
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(marloes)
    assert "geen Word-bestand" in send_file(tg, marloes, dm, b"%PDF-1.4 ...", "lijst.pdf")
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
