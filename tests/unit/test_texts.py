"""Every problem and error code the domain can produce has a Dutch text; user text is escaped."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot import texts
from domain import errors as e
from domain.messages import REASONS
from domain.model import (
    Action,
    Deadline,
    DeadlineKind,
    ItemKind,
    Owner,
    ParseProblem,
    Status,
)


def test_every_parser_reason_has_a_dutch_text():
    assert set(REASONS) <= set(texts.PROBLEM_REASONS)


def test_every_domain_error_has_its_own_text():
    samples = [
        e.NotAMember(),
        e.Anonymous(),
        e.GroupNotLinked(),
        e.ChooseTeam(["A", "B"]),
        e.UnknownTeam("X", ["A"]),
        e.NotSecretary(),
        e.NotOwner(3),
        e.ActionNotFound(3),
        e.BadNumber("abc"),
        e.WrongState(3, "done", "open"),
        e.EmptyText(),
        e.TextTooLong(10),
        e.MessageNotUnderstood((ParseProblem(2, "Wanneer: x", "deadline_too_long", "100"),)),
        e.UndoTooLate(3),
        e.NothingToUndo(),
        e.UnknownField("kleur"),
        e.BadValue("wanneer", "bad_deadline", "unreadable"),
        e.NameTaken("Jan"),
        e.NameUnknown("Jan", []),
        e.PersonUnknown("Jan"),
        e.NotConfiguredSecretary(),
        e.AlreadyLinked("OT"),
        e.Usage("claim"),
        e.Usage("ot"),
        e.LinkedElsewhere("OT"),
        e.NameNotYours("Danillo", "Jan"),
        e.MeetingNotFound(None),
        e.BadValue("datum", "no_day", "binnenkort"),
        e.BadValue("datum", "meeting_exists", "2027-04-24"),
        e.WrongState(3, "action", "decision"),
        e.WrongState(3, "decision", "action"),
    ]
    rendered = [texts.error_text(err) for err in samples]
    assert texts.GENERIC_ERROR not in rendered
    assert len(set(rendered)) == len(rendered)


def test_user_text_is_escaped_in_cards():
    action = Action(
        id=1,
        team_id=1,
        team_name="OT <Wonen>",
        number=7,
        kind=ItemKind.ACTION,
        topic="<script>alert(1)</script>",
        text="Ymere & Stadgenoot <b>samen</b>",
        note="",
        owners_text="Jan & Karin",
        owners=(Owner(1, "Jan <Vuilnisoproer>", None, claimed=True),),
        deadline=Deadline(DeadlineKind.DATE, "24 april", date(2027, 4, 24)),
        status=Status.CLAIMED,
        created_at=datetime(2027, 3, 18, tzinfo=UTC),
    )
    card = texts.action_card(action, date(2027, 3, 18), show_team=True)
    assert "<script>" not in card
    assert "&lt;script&gt;" in card
    assert "Ymere &amp; Stadgenoot &lt;b&gt;samen&lt;/b&gt;" in card
    assert "OT &lt;Wonen&gt;" in card
    assert "Jan &lt;Vuilnisoproer&gt;" in card
    assert "za 24 apr 2027" in card


def test_every_parse_problem_reason_has_a_dutch_text() -> None:
    from domain.messages import REASONS

    assert set(REASONS) <= set(texts.PROBLEM_REASONS)
