"""The guided add through Telegram's HTTP API: `/nieuw` privately walks a secretary through
onderwerp, actie, wie and wanneer (pressed or typed, Wijzigen on the preview) to a stored
action; a member's walk ends in a proposal that only the secretary can accept."""

from __future__ import annotations

from typing import Any

from bot.demo.fake_telegram import FakeTelegram
from tests.e2e.conftest import GROUP_ID, Tg
from tests.e2e.test_story import team_people


def _last(fake: FakeTelegram, chat: dict[str, Any]) -> dict[str, Any]:
    return fake.last_bot_message(chat["id"])


def _buttons(message: dict[str, Any]) -> list[str]:
    rows = (message.get("reply_markup") or {}).get("inline_keyboard", [])
    return [b["text"] for row in rows for b in row]


def test_secretary_walks_to_a_stored_action(tg: Tg, fake: FakeTelegram, bot_errors) -> None:  # type: ignore[no-untyped-def]
    p = team_people(tg)
    marloes = p["marloes"]
    dm = tg.dm(marloes)
    assert "gekoppeld" in tg.send(marloes, tg.group, "/koppel")
    saved = tg.send(
        marloes, dm, "Onderwerp: Wonen\nActie: Woningtoewijzing\nWie: Karin\nWanneer: ASAP"
    )
    assert "Opgeslagen: 1 actie." in saved

    asked = tg.send(marloes, dm, "/nieuw")
    assert "1/4 Onderwerp" in asked
    prompt = _last(fake, dm)
    assert "Wonen" in _buttons(prompt) and "Geen onderwerp" in _buttons(prompt)

    _, step2 = tg.press(marloes, prompt, "Wonen")
    assert "2/4 Actie" in step2
    step3 = tg.send(marloes, dm, "Buurtcijfers delen met de partners")
    assert "3/4 Wie" in step3
    owners = _last(fake, dm)
    assert "Karin" in _buttons(owners)
    _, toggled = tg.press(marloes, owners, "Karin")
    assert "Gekozen: Karin" in toggled and "✔ Karin" in _buttons(_last(fake, dm))
    _, step4 = tg.press(marloes, _last(fake, dm), "Klaar")
    assert "4/4 Wanneer" in step4

    refused = tg.send(marloes, dm, "als de zon schijnt")
    assert "Dat moment kan ik niet lezen" in refused and "4/4 Wanneer" in refused
    preview = tg.send(marloes, dm, "30 april")
    assert "klopt dit?" in preview
    assert "Onderwerp: Wonen" in preview and "Wie: Karin" in preview
    assert "Wanneer: 30 april" in preview

    card = _last(fake, dm)
    tg.press(marloes, card, "Wijzigen")
    assert "Actie" in _buttons(_last(fake, dm))
    _, again = tg.press(marloes, _last(fake, dm), "Actie")
    assert "2/4 Actie" in again
    preview = tg.send(marloes, dm, "Buurtcijfers delen met de buurt")
    assert "Actie: Buurtcijfers delen met de buurt" in preview

    _, stored = tg.press(marloes, _last(fake, dm), "Opslaan")
    assert "Opgeslagen: 1 actie." in stored
    card = tg.send(marloes, dm, "/actie 2")
    assert "Buurtcijfers delen met de buurt" in card and "Karin" in card and "30 apr" in card
    # The flow is over: a text is a secretary's message again, not a step.
    assert "Opgeslagen" in tg.send(marloes, dm, "Karin: offerte opvragen (ASAP)")


def test_member_proposes_and_the_secretary_accepts(tg: Tg, fake: FakeTelegram, bot_errors) -> None:  # type: ignore[no-untyped-def]
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    jan_dm = tg.dm(jan)
    assert "Welkom" in tg.send(jan, jan_dm, "/start t1")

    assert "1/4 Onderwerp" in tg.send(jan, jan_dm, "/nieuw")
    tg.press(jan, _last(fake, jan_dm), "Geen onderwerp")
    tg.send(jan, jan_dm, "Afvalpunt Slotermeer melden")
    assert "4/4 Wanneer" in tg.send(jan, jan_dm, "Jan")
    _, preview = tg.press(jan, _last(fake, jan_dm), "ASAP")
    assert "Wie: Jan" in preview and "Wanneer: ASAP" in preview
    _, sent = tg.press(jan, _last(fake, jan_dm), "Opslaan")
    assert "voorstel is naar de secretaris" in sent

    proposal = _last(fake, tg.group)
    assert "Voorstel van Jan van de Borden" in proposal["text"]
    refused, _ = tg.press(jan, proposal, "Overnemen")
    assert "secretaris" in refused.lower()
    assert "#1 " not in tg.send(marloes, tg.group, "/acties")  # nothing stored yet
    accept_data = next(
        b["callback_data"]
        for row in proposal["reply_markup"]["inline_keyboard"]
        for b in row
        if "Overnemen" in b["text"]
    )
    mark = fake.mark()
    _, accepted = tg.press(marloes, proposal, "Overnemen")
    assert "Opgeslagen: 1 actie." in accepted
    assert "overgenomen door Marloes van der Meulen-Ramp als #1" in accepted
    told = "\n".join(fake.sent_texts(jan_dm["id"], after=mark))
    assert "overgenomen" in told and "#1" in told
    card = tg.send(marloes, tg.group, "/actie 1")
    assert "Afvalpunt Slotermeer melden" in card and "Jan" in card
    # The same press delivered again (a double tap, or Telegram after a crash) adds nothing.
    tg.sync_time()
    mark = fake.mark()
    query_id = fake.push_callback(marloes, proposal, accept_data)
    again = tg.replies_since(tg.group, mark)
    assert "Opgeslagen" not in again
    assert "al overgenomen" in (fake.callback_answer(query_id) or {}).get("text", "")
    listing = tg.send(marloes, tg.group, "/acties")
    assert "#1 " in listing and "#2 " not in listing


def test_a_flow_expires_politely(tg: Tg, fake: FakeTelegram, bot_errors) -> None:  # type: ignore[no-untyped-def]
    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    jan_dm = tg.dm(jan)
    tg.send(jan, jan_dm, "/start t1")
    tg.send(jan, jan_dm, "/nieuw")
    prompt = _last(fake, jan_dm)
    tg.clock.advance(minutes=31)
    assert "verlopen" in tg.send(jan, jan_dm, "Wonen")
    # A button of the expired flow says the same, not "cancelled".
    _, old_button = tg.press(jan, prompt, "Geen onderwerp")
    assert "verlopen" in old_button and "Geannuleerd" not in old_button
    assert "Geannuleerd" in _cancel_fresh_flow(tg, fake, jan, jan_dm)
    # The group heard nothing of Jan's flows.
    assert not any("Voorstel" in t for t in fake.sent_texts(GROUP_ID))


def _cancel_fresh_flow(
    tg: Tg, fake: FakeTelegram, user: dict[str, Any], dm: dict[str, Any]
) -> str:
    tg.send(user, dm, "/nieuw")
    _, cancelled = tg.press(user, _last(fake, dm), "Annuleren")
    return cancelled


def test_the_secretary_rejects_a_proposal(tg: Tg, fake: FakeTelegram, bot_errors) -> None:  # type: ignore[no-untyped-def]
    p = team_people(tg)
    marloes, karin = p["marloes"], p["karin"]
    tg.send(marloes, tg.group, "/koppel")
    dm = tg.dm(karin)
    tg.send(karin, dm, "/start t1")
    tg.send(karin, dm, "/nieuw")
    tg.send(karin, dm, "Wonen")  # every step typed
    tg.send(karin, dm, "Huurders informeren")
    tg.send(karin, dm, "Karin")
    preview = tg.send(karin, dm, "eind mei")
    assert "Onderwerp: Wonen" in preview and "Wanneer: eind mei" in preview
    assert "Kies Opslaan, Wijzigen of Annuleren" in tg.send(karin, dm, "opslaan")
    tg.press(karin, _last(fake, dm), "Opslaan")
    proposal = _last(fake, tg.group)
    mark = fake.mark()
    _, rejected = tg.press(marloes, proposal, "Afwijzen")
    assert "afgewezen door Marloes van der Meulen-Ramp" in rejected
    assert "afgewezen" in "\n".join(fake.sent_texts(dm["id"], after=mark))
    assert "Huurders informeren" not in tg.send(marloes, tg.group, "/acties")
    card = next(m for m in fake.messages(GROUP_ID) if m["message_id"] == proposal["message_id"])
    assert "afgewezen" in card["text"] and not _buttons(card)  # the decided card, no buttons


def test_the_scheduler_drops_a_flow_a_day_after_it_expired(  # type: ignore[no-untyped-def]
    tg: Tg, fake: FakeTelegram, running, bot_errors
) -> None:
    from datetime import timedelta

    from tests.e2e.test_reminders import tick

    p = team_people(tg)
    marloes, jan = p["marloes"], p["jan"]
    tg.send(marloes, tg.group, "/koppel")
    jan_dm = tg.dm(jan)
    tg.send(jan, jan_dm, "/start t1")
    tg.send(jan, jan_dm, "/nieuw")
    prompt = _last(fake, jan_dm)
    # Within the day after it expired, Jan's text is answered as his expired flow ...
    tick(tg, running, tg.clock.at + timedelta(hours=20))
    assert "verlopen" in tg.send(jan, jan_dm, "Wonen")
    tg.send(jan, jan_dm, "/nieuw")
    prompt = _last(fake, jan_dm)
    # ... a day and a half later the scheduler has dropped it: his text is just a text.
    tick(tg, running, tg.clock.at + timedelta(hours=36))
    reply = tg.send(jan, jan_dm, "Wonen")
    assert reply and "verlopen" not in reply
    _, old_button = tg.press(jan, prompt, "Geen onderwerp")
    assert "verlopen of al afgerond" in old_button
