"""The guided add's steps (`domain/guided.py`): what each input does, and that any sequence
of inputs ends in a complete draft or a refusal, never an exception."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from domain.deadline import read_deadline
from domain.guided import (
    TIMEOUT,
    Cancel,
    Cancelled,
    Chose,
    Draft,
    Edit,
    Finished,
    Flow,
    Moved,
    Next,
    Save,
    Step,
    Toggle,
    Typed,
    advance,
    as_message,
    from_data,
    start,
    to_data,
    to_item,
)
from domain.messages import parse_message
from domain.model import DeadlineKind

NOW = datetime(2026, 3, 19, 9, 30, tzinfo=UTC)
TODAY = date(2026, 3, 19)


def run(*events: object, flow: Flow | None = None) -> object:
    flow = flow or start(NOW)
    outcome: object = Moved(flow)
    for event in events:
        assert isinstance(outcome, Moved), outcome
        outcome = advance(outcome.flow, event, NOW, TODAY)  # type: ignore[arg-type]
    return outcome


def test_the_whole_flow_by_buttons_and_typing() -> None:
    outcome = run(
        Chose("Onderwijs"),
        Typed("  Haalbaarheidsstudie   delen met de partners "),
        Toggle("Danillo"),
        Toggle("Marloes"),
        Next(),
        Chose("OT 24 april"),
    )
    assert isinstance(outcome, Moved)
    assert outcome.flow.step is Step.PREVIEW
    assert outcome.flow.draft == Draft(
        "Onderwijs",
        "Haalbaarheidsstudie   delen met de partners",
        ("Danillo", "Marloes"),
        "OT 24 april",
    )
    assert outcome.flow.draft.owners_text == "Danillo en Marloes"
    saved = advance(outcome.flow, Save(), NOW, TODAY)
    assert saved == Finished(outcome.flow.draft)


def test_every_step_can_be_typed() -> None:
    outcome = run(Typed("Wonen"), Typed("Cijfers delen"), Typed("Jan / Karin"), Typed("asap"))
    assert isinstance(outcome, Moved) and outcome.flow.step is Step.PREVIEW
    assert outcome.flow.draft == Draft("Wonen", "Cijfers delen", ("Jan", "Karin"), "asap")
    assert read_deadline(outcome.flow.draft.when, TODAY).kind is DeadlineKind.ASAP


def test_toggling_a_name_twice_removes_it_and_three_names_read_as_written() -> None:
    outcome = run(Next(), Typed("x"), Toggle("Jan"), Toggle("Karin"), Toggle("Jan"))
    assert isinstance(outcome, Moved)
    assert outcome.flow.step is Step.OWNERS and outcome.flow.draft.owners == ("Karin",)
    outcome = advance(outcome.flow, Typed("Danillo en Marloes"), NOW, TODAY)
    assert isinstance(outcome, Moved) and outcome.flow.step is Step.WHEN
    assert outcome.flow.draft.owners == ("Karin", "Danillo", "Marloes")
    assert outcome.flow.draft.owners_text == "Karin, Danillo en Marloes"


def test_refusals_ask_the_same_step_again() -> None:
    at_text = run(Next())
    assert isinstance(at_text, Moved) and at_text.flow.step is Step.TEXT
    for event, problem in ((Typed("   "), "empty"), (Chose("x"), "type_it"), (Next(), "type_it")):
        outcome = advance(at_text.flow, event, NOW, TODAY)
        assert outcome == Moved(outcome.flow, problem)  # type: ignore[union-attr]
        assert outcome.flow.step is Step.TEXT  # type: ignore[union-attr]
    at_when = run(Next(), Typed("x"), Next())
    assert isinstance(at_when, Moved) and at_when.flow.step is Step.WHEN
    refused = advance(at_when.flow, Typed("als de zon schijnt"), NOW, TODAY)
    assert isinstance(refused, Moved) and refused.problem == "unreadable_when"
    assert refused.flow.step is Step.WHEN and refused.flow.draft.when == ""
    long = advance(at_when.flow, Typed("x" * 101), NOW, TODAY)
    assert isinstance(long, Moved) and long.problem == "too_long"
    assert run(Typed("x" * 201)) == Moved(start(NOW), "too_long")


def test_preview_only_takes_buttons_and_save_only_on_the_preview() -> None:
    at_text = run(Next())
    assert isinstance(at_text, Moved)
    early = advance(at_text.flow, Save(), NOW, TODAY)
    assert isinstance(early, Moved) and early.problem == "not_now"
    preview = run(Next(), Typed("x"), Next(), Next())
    assert isinstance(preview, Moved) and preview.flow.step is Step.PREVIEW
    typed = advance(preview.flow, Typed("opslaan"), NOW, TODAY)
    assert isinstance(typed, Moved) and typed.problem == "use_buttons"
    assert advance(preview.flow, Save(), NOW, TODAY) == Finished(Draft(text="x"))


def test_wijzigen_changes_one_step_and_returns_to_the_preview() -> None:
    preview = run(Chose("Wonen"), Typed("Cijfers delen"), Toggle("Jan"), Next(), Chose("asap"))
    assert isinstance(preview, Moved)
    editing = advance(preview.flow, Edit(Step.TEXT), NOW, TODAY)
    assert isinstance(editing, Moved) and editing.flow.step is Step.TEXT
    back = advance(editing.flow, Typed("Cijfers delen met de buurt"), NOW, TODAY)
    assert isinstance(back, Moved) and back.flow.step is Step.PREVIEW
    assert back.flow.draft == Draft("Wonen", "Cijfers delen met de buurt", ("Jan",), "asap")
    assert not back.flow.editing
    assert advance(preview.flow, Edit(Step.PREVIEW), NOW, TODAY) == Moved(preview.flow, "not_now")


def test_cancel_at_any_step() -> None:
    assert run(Cancel()) == Cancelled()
    assert run(Chose("Wonen"), Typed("x"), Cancel()) == Cancelled()


def test_expiry_counts_from_the_last_input() -> None:
    flow = start(NOW)
    assert not flow.expired(NOW + TIMEOUT)
    assert flow.expired(NOW + TIMEOUT + timedelta(seconds=1))
    later = NOW + timedelta(minutes=20)
    moved = advance(flow, Chose("Wonen"), later, TODAY)
    assert isinstance(moved, Moved)
    assert not moved.flow.expired(later + TIMEOUT)  # past the first deadline, within the new
    assert moved.flow.expired(later + TIMEOUT + timedelta(seconds=1))


def test_stored_flow_reads_back_and_unknown_data_is_refused() -> None:
    preview = run(Chose("Wonen"), Typed("x"), Toggle("Jan"), Toggle("Karin"), Next())
    assert isinstance(preview, Moved)
    assert from_data(to_data(preview.flow), NOW) == preview.flow
    assert from_data({"step": "elsewhere"}, NOW) is None
    assert from_data({}, NOW) is None


_EVENTS = st.one_of(
    st.builds(Typed, st.text(max_size=120)),
    st.builds(Chose, st.sampled_from(["", "Wonen", "OT 24 april", "asap", "eind deze maand"])),
    st.builds(Toggle, st.sampled_from(["Jan", "Karin", "Danillo", "", "  "])),
    st.just(Next()),
    st.builds(Edit, st.sampled_from(list(Step))),
    st.just(Save()),
)


@given(st.lists(_EVENTS, max_size=40))
def test_any_sequence_of_inputs_ends_well(events: list[object]) -> None:
    flow = start(NOW)
    for event in events:
        outcome = advance(flow, event, NOW, TODAY)  # type: ignore[arg-type]
        if isinstance(outcome, Finished):
            draft = outcome.draft
            assert draft.text.strip(), "a saved action always has a text"
            assert len(draft.owners) <= 10 and all(o.strip() for o in draft.owners)
            assert not draft.when or read_deadline(draft.when, TODAY).kind is not (
                DeadlineKind.UNREADABLE
            )
            assert flow.step is Step.PREVIEW
            return
        assert isinstance(outcome, Moved)
        if outcome.problem:
            assert outcome.flow.step is flow.step and outcome.flow.draft == flow.draft
        assert from_data(to_data(outcome.flow), NOW) == outcome.flow
        flow = outcome.flow


def test_a_finished_draft_is_the_item_the_message_format_would_give() -> None:
    draft = Draft("Onderwijs", "Haalbaarheidsstudie delen", ("Danillo", "Marloes"), "OT 24 april")
    message = "Onderwerp: Onderwijs\nActie: Haalbaarheidsstudie delen\n"
    message += "Wie: Danillo en Marloes\nWanneer: OT 24 april"
    (expected,) = parse_message(message, TODAY).items
    item = to_item(draft, TODAY)
    assert (item.kind, item.topic, item.text, item.owners, item.owners_text) == (
        expected.kind,
        expected.topic,
        expected.text,
        expected.owners,
        expected.owners_text,
    )
    assert item.deadline == expected.deadline and item.deadline.due == date(2026, 4, 24)
    bare = to_item(Draft(text="Iets"), TODAY)
    assert bare.deadline.kind is DeadlineKind.NONE and bare.owners == ()


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@given(
    topic=st.one_of(st.just(""), _WORD),
    words=st.lists(_WORD, min_size=1, max_size=6),
    owners=st.lists(st.sampled_from(["Jan", "Karin", "Danillo", "Marloes", "OT"]), unique=True),
    when=st.sampled_from(["", "ASAP", "30 april", "OT 24 april", "eind mei", "volgend OT"]),
)
def test_saving_reads_back_as_the_message_path_reads_it(
    topic: str, words: list[str], owners: list[str], when: str
) -> None:
    draft = Draft(topic, "Actie " + " ".join(words), tuple(owners), when)
    (item,) = parse_message(as_message(draft), TODAY).items
    expected = to_item(draft, TODAY)
    assert (item.topic, item.text, item.owners, item.deadline) == (
        expected.topic,
        expected.text,
        expected.owners,
        expected.deadline,
    )
