"""Per-owner progress on a joint action: who is asked, when the whole is done, the text."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from bot import texts
from domain.model import Action, Actor, Deadline, DeadlineKind, ItemKind, Owner, Status
from domain.rules import (
    asks_part_or_whole,
    done_after_part,
    parse_progress_line,
    progress_parts,
    progress_text,
)

DANILLO = Owner(member_id=1, name="Danillo", telegram_id=11, claimed=False)
MARLOES = Owner(member_id=2, name="Marloes", telegram_id=12, claimed=False)
OT = Owner(member_id=3, name="OT", telegram_id=None, claimed=False, is_group=True)


def action(*owners: Owner, status: Status = Status.OPEN) -> Action:
    return Action(
        id=1,
        team_id=1,
        team_name="OT Wonen",
        number=7,
        kind=ItemKind.ACTION,
        topic="",
        text="Rondleiding plannen",
        note="",
        owners_text=" en ".join(o.name for o in owners),
        owners=owners,
        deadline=Deadline(DeadlineKind.DATE, "24 april", date(2027, 4, 24)),
        status=status,
        created_at=datetime(2027, 4, 1, tzinfo=UTC),
    )


def actor(member_id: int, secretary: bool = False) -> Actor:
    return Actor(member_id, 1, "OT Wonen", "x", 100 + member_id, secretary)


def test_an_owner_of_a_joint_action_is_asked():
    assert asks_part_or_whole(actor(1), action(DANILLO, MARLOES))


def test_a_single_owner_is_not_asked():
    assert not asks_part_or_whole(actor(1), action(DANILLO))


def test_a_secretary_who_is_not_an_owner_is_not_asked():
    assert not asks_part_or_whole(actor(9, secretary=True), action(DANILLO, MARLOES))


def test_a_secretary_who_is_an_owner_is_asked():
    assert asks_part_or_whole(actor(1, secretary=True), action(DANILLO, MARLOES))


def test_the_last_open_owner_is_not_asked():
    done = replace(MARLOES, done=True)
    assert not asks_part_or_whole(actor(1), action(DANILLO, done))


def test_a_part_leaves_the_whole_open_while_another_owner_is_open():
    assert not done_after_part(action(DANILLO, MARLOES), 1)


def test_the_last_part_closes_the_whole():
    assert done_after_part(action(replace(DANILLO, done=True), MARLOES), 2)


def test_a_group_owner_is_one_shared_part():
    joint = action(DANILLO, OT)
    assert not done_after_part(joint, 1)
    assert done_after_part(action(replace(DANILLO, done=True), OT), 3)


def test_progress_text_done_claimed_open():
    joint = action(replace(DANILLO, done=True), replace(MARLOES, claimed=True), OT)
    assert progress_parts(joint) == (("Danillo", "✔"), ("Marloes", "bezig"), ("OT", "open"))
    assert progress_text(joint) == "Danillo ✔, Marloes bezig, OT open"


def test_no_progress_for_a_single_owner():
    assert progress_text(action(DANILLO)) == ""


def test_progress_line_reads_back():
    assert parse_progress_line("Voortgang: Danillo ✔, Marloes open") == {
        "Danillo": True,
        "Marloes": False,
    }
    assert parse_progress_line("voortgang: Ali de Vries bezig, OT ✔") == {
        "Ali de Vries": False,
        "OT": True,
    }
    assert parse_progress_line("Voortgang is goed") is None
    assert parse_progress_line("Voortgang: loopt") is None


def test_card_and_line_show_progress_only_for_open_joint_actions():
    joint = action(replace(DANILLO, done=True), MARLOES)
    today = date(2027, 4, 2)
    assert "Danillo ✔, Marloes open" in texts.action_card(joint, today)
    assert "Danillo ✔, Marloes open" in texts.action_line(joint, today)
    assert "Voortgang" not in texts.action_card(action(DANILLO), today)
    closed = replace(joint, status=Status.DONE)
    assert "Voortgang" not in texts.action_card(closed, today)


def test_the_question_says_a_note_was_not_kept():
    joint = action(DANILLO, MARLOES)
    assert "Is jouw deel afgerond, of de hele actie?" in texts.part_question(joint)
    assert "/update 7" not in texts.part_question(joint)
    assert "/update 7 tekst" in texts.part_question(joint, "gedaan")


NAMES = ["Danillo", "Marloes", "Ali de Vries", "OT", "Partners NPSNW"]


@given(st.lists(st.sampled_from(["open", "claimed", "done"]), min_size=1, max_size=5), st.data())
def test_parts_whole_and_the_progress_line(states: list[str], data: st.DataObject) -> None:
    owners = tuple(
        Owner(i + 1, NAMES[i], None, claimed=s == "claimed", done=s == "done")
        for i, s in enumerate(states)
    )
    joint = action(*owners)
    who = data.draw(st.integers(1, len(owners)))
    others_done = all(s == "done" for i, s in enumerate(states) if i + 1 != who)
    # The whole is done exactly when every other owner's part already is.
    assert done_after_part(joint, who) == others_done
    # Only an owner of a joint action with an open other part is asked.
    assert asks_part_or_whole(actor(who), joint) == (len(owners) > 1 and not others_done)
    assert not asks_part_or_whole(actor(99, secretary=True), joint)
    # The Voortgang line the export writes reads back to the same parts.
    if len(owners) > 1:
        back = parse_progress_line("Voortgang: " + progress_text(joint))
        assert back == {o.name: o.done for o in owners}
    else:
        assert progress_text(joint) == ""
