"""A recurring action through the fake Bot API: "elke maand" is added, reminded, closed (the
next one appears), cancelled this time only and then for good, and the Word list shows the
series once and reads back unchanged."""

from __future__ import annotations

from bot.demo.fake_telegram import FakeTelegram
from documents.docx_io import read_docx
from tests.e2e.conftest import GROUP_ID, BotThread, Tg
from tests.e2e.test_documents import send_file
from tests.e2e.test_reminders import at, setup_team, tick


def _labels(message: dict) -> list[str]:  # type: ignore[type-arg]
    return [b["text"] for row in message["reply_markup"]["inline_keyboard"] for b in row]


def test_a_monthly_action_lives_on(tg: Tg, fake: FakeTelegram, running: BotThread) -> None:
    p = setup_team(tg, "Cijfers | cijfers delen met het OT | | Jan | elke maand")
    marloes, jan = p["marloes"], p["jan"]
    card = tg.send(jan, tg.dm(jan), "/actie 1")
    assert "elke maand → wo 31 mrt 2027" in card
    assert "🔁 Terugkerend (elke maand): afronden zet de volgende keer klaar." in card

    # The occurrence is reminded like any dated action: a week before its day.
    sent = tick(tg, running, at("2027-03-24", "09:00"))
    assert any("#1" in s for s in sent), sent

    # Closing it sets up April's, with the same owner.
    reply = tg.send(jan, tg.dm(jan), "/sluit 1")
    assert "#1 is afgerond" in reply
    assert "De volgende keer staat klaar: #2, elke maand → vr 30 apr 2027" in reply
    mine = tg.send(jan, tg.dm(jan), "/mijnacties")
    assert "#2" in mine and "#1 " not in mine

    # A secretary's /vervallen asks: this time only, or the whole series?
    question = tg.send(marloes, tg.dm(marloes), "/vervallen 2")
    assert "#2 komt terug (elke maand)" in question
    asked = fake.last_bot_message(marloes["id"])
    assert _labels(asked) == ["Alleen deze keer", "Hele reeks stoppen"]
    assert "#2 is vervallen" not in tg.send(jan, tg.dm(jan), "/actie 2")  # nothing yet
    # Only a secretary's press counts (a member's is refused, the action stays open).
    answer, _ = tg.press(jan, asked, "Hele reeks stoppen")
    assert "secretaris" in answer, answer
    assert "vervallen" not in tg.send(jan, tg.dm(jan), "/actie 2")
    _, reply = tg.press(marloes, asked, "Alleen deze keer")
    assert "#2 is vervallen, alleen deze keer" in reply
    assert "#3, elke maand → ma 31 mei 2027" in reply
    # Pressing again changes nothing.
    _, again = tg.press(marloes, asked, "Hele reeks stoppen")
    assert "#2 was al vervallen" in again

    # The Word list shows the series once, with its next day, and reads back unchanged.
    mark = fake.mark()
    tg.send(marloes, tg.group, "/actielijst")
    [exported] = fake.sent_files(GROUP_ID, after=mark)
    rows = read_docx(exported.content).rows
    whens = [r.when for r in rows if "cijfers" in r.text]
    assert whens == ["elke maand (volgende: 31 mei 2027)"], whens
    preview = send_file(tg, marloes, tg.dm(marloes), exported.content, exported.filename)
    assert "0 nieuw, 0 bijgewerkt" in preview, preview
    _, cancelled = tg.press(marloes, fake.last_bot_message(marloes["id"]), "Annuleren")
    assert "niets opgeslagen" in cancelled

    # Typed with a reason: the whole series stops, nothing comes after it.
    stop = tg.send(marloes, tg.dm(marloes), "/vervallen 3 reeks: cijfers staan nu op de site")
    assert "#3 is vervallen en de reeks is gestopt" in stop
    assert "cijfers staan nu op de site" in tg.send(marloes, tg.dm(marloes), "/actie 3")
    listed = tg.send(marloes, tg.dm(marloes), "/acties")
    assert "cijfers" not in listed
