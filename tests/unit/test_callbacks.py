"""Callback data: every kind of button reads back as itself, in the wire format chats hold."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.guided import Step
from handlers.callbacks import (
    EDITABLE,
    MAX_BYTES,
    ActionButton,
    ActionOp,
    Callback,
    GuidedButton,
    GuidedEdit,
    GuidedList,
    GuidedOp,
    GuidedPick,
    ImportButton,
    ImportOp,
    MoveButton,
    NameOfferButton,
    ProposalButton,
    RedirectButton,
    UndoButton,
    decode,
    pattern,
)

ids = st.integers(0, 999_999_999)
user_ids = st.integers(0, 10**20 - 1)
chat_ids = st.integers(-(10**15 - 1), -1)
tokens = st.text("0123456789abcdefABCDEFxyz", min_size=1, max_size=32)

callbacks: st.SearchStrategy[Callback] = st.one_of(
    st.builds(ActionButton, st.sampled_from(ActionOp), ids, ids),
    st.builds(UndoButton, ids, tokens),
    st.builds(ImportButton, st.sampled_from(ImportOp), tokens, ids),
    st.builds(NameOfferButton, ids, ids, user_ids),
    st.builds(ProposalButton, ids, st.booleans()),
    st.builds(MoveButton, st.booleans(), ids, chat_ids),
    st.builds(RedirectButton, ids, st.none() | st.integers(1, 999_999_999)),
    st.builds(GuidedButton, st.sampled_from(GuidedOp)),
    st.builds(GuidedPick, st.sampled_from(GuidedList), ids),
    st.builds(GuidedEdit, st.sampled_from(EDITABLE)),
)


# What buttons already in chats carry: encode() must keep writing exactly this.
WIRE = [
    (ActionButton(ActionOp.CLAIM, 1, 12), "a:claim:1:12"),
    (ActionButton(ActionOp.UPDATE, 1, 12), "a:upd:1:12"),
    (ActionButton(ActionOp.CLOSE, 3, 4), "a:close:3:4"),
    (ActionButton(ActionOp.PART, 3, 4), "a:part:3:4"),
    (ActionButton(ActionOp.WHOLE, 3, 4), "a:whole:3:4"),
    (ActionButton(ActionOp.CANCEL_ONE, 2, 7), "a:vone:2:7"),
    (ActionButton(ActionOp.CANCEL_SERIES, 2, 7), "a:vall:2:7"),
    (ActionButton(ActionOp.LATER, 2, 7), "a:later:2:7"),
    (UndoButton(1, "n1001234567890m42"), "u:1:n1001234567890m42"),
    (UndoButton(2, "0f3a9c1d2e4b5a6c"), "u:2:0f3a9c1d2e4b5a6c"),
    (ImportButton(ImportOp.STORE, "a1b2c3d4e5f6", 2027), "i:ok:a1b2c3d4e5f6:2027"),
    (ImportButton(ImportOp.YEAR, "a1b2c3d4e5f6", 2026), "i:year:a1b2c3d4e5f6:2026"),
    (ImportButton(ImportOp.CANCEL, "a1b2c3d4e5f6"), "i:no:a1b2c3d4e5f6:0"),
    (NameOfferButton(1, 5, 123456789012), "n:ik:1:5:123456789012"),
    (ProposalButton(9, True), "pr:9:a"),
    (ProposalButton(9, False), "pr:9:r"),
    (MoveButton(True, 1, -1001234567890), "mv:ok:1:-1001234567890"),
    (MoveButton(False, 1, -42), "mv:no:1:-42"),
    (RedirectButton(3, 5), "m:to:3:5"),
    (RedirectButton(3, None), "m:to:3:0"),
    (GuidedButton(GuidedOp.CANCEL), "g:x"),
    (GuidedButton(GuidedOp.EDIT_MENU), "g:e"),
    (GuidedButton(GuidedOp.BACK), "g:b"),
    (GuidedButton(GuidedOp.NEXT), "g:n"),
    (GuidedButton(GuidedOp.SAVE), "g:s"),
    (GuidedButton(GuidedOp.ASAP), "g:w:a"),
    (GuidedButton(GuidedOp.MONTH_END), "g:w:m"),
    (GuidedPick(GuidedList.TOPIC, 0), "g:t:0"),
    (GuidedPick(GuidedList.OWNER, 11), "g:o:11"),
    (GuidedPick(GuidedList.MEETING, 2), "g:w:o:2"),
    (GuidedEdit(Step.TOPIC), "g:e:topic"),
    (GuidedEdit(Step.TEXT), "g:e:text"),
    (GuidedEdit(Step.OWNERS), "g:e:owners"),
    (GuidedEdit(Step.WHEN), "g:e:when"),
]


@pytest.mark.parametrize(("button", "data"), WIRE, ids=[d for _, d in WIRE])
def test_the_wire_format_stays_as_chats_hold_it(button: Callback, data: str) -> None:
    assert button.encode() == data
    assert decode(data) == button


def test_every_kind_is_on_the_wire_list() -> None:
    assert {type(b) for b, _ in WIRE} == set(get_args(Callback))


@given(callbacks)
def test_every_button_reads_back_as_itself(button: Callback) -> None:
    data = button.encode()
    assert 0 < len(data.encode()) <= MAX_BYTES
    assert decode(data) == button


@given(callbacks)
def test_each_button_goes_to_its_own_handler(button: Callback) -> None:
    data = button.encode()
    assert data.startswith(pattern(type(button))[1:])
    others = {pattern(kind) for kind in get_args(Callback)} - {pattern(type(button))}
    assert not any(data.startswith(p[1:]) for p in others)


@given(st.text(max_size=80))
def test_any_text_is_a_button_or_nothing_and_never_an_error(data: str) -> None:
    button = decode(data)
    if button is not None:
        assert decode(button.encode()) == button


@given(callbacks, st.integers(0, 70), st.text(max_size=3))
def test_a_button_tampered_with_is_a_button_or_nothing(
    button: Callback, at: int, junk: str
) -> None:
    data = button.encode()
    tampered = data[:at] + junk + data[at + 1 :]
    found = decode(tampered)
    if found is not None:
        assert decode(found.encode()) == found
        assert len(found.encode().encode()) <= MAX_BYTES


TOO_LARGE = "99999999999999999999"  # > 2**63: SQLite cannot bind it


@pytest.mark.parametrize(
    "data",
    [
        None,
        "",
        "garbage",
        ":",
        # Digits that str.isdigit() accepts but int() or a person would not.
        "a:claim:1:²",
        "a:close:①:1",
        "u:²:abc",
        "m:to:²:1",
        "i:ok:x:²",
        "pr:٣:a",
        # Too many digits for an id (and for SQLite).
        f"a:claim:1:{TOO_LARGE}",
        f"a:later:1:{TOO_LARGE}",
        f"m:to:{TOO_LARGE}:1",
        "a:claim:1:1000000000",
        f"n:ik:1:1:{TOO_LARGE}1",
        "mv:ok:1:-1234567890123456",
        # Wrong shapes and words.
        "a:claim:1:-1",
        "a:claim:1:1:1",
        "a:claim:1",
        "a:zap:1:1",
        "a:",
        "a:claim::",
        "a:CLAIM:1:1",
        "a:claim: 1:1",
        "u:1:",
        "u:x:y",
        "u:1:../../etc",
        "u:1:abc:def",
        "i:ok:x:y",
        "i:maybe:x:2027",
        "i:ok::2027",
        "m:to:x:y",
        "m:from:1:2",
        "n:ik:1:2",
        "n:nee:1:2:3",
        "n:ik:1:2:",
        "pr:1:x",
        "pr:1",
        "pr::a",
        "mv:ok:1:42",
        "mv:ok:1:-",
        "mv:ok:1:-0",
        "mv:maybe:1:-42",
        "g:",
        "g:z",
        "g:t",
        "g:t:x",
        "g:w",
        "g:w:o",
        "g:e:preview",
        "g:e:nothing",
        "g:x:1",
        "g:n:1",
        # Longer than Telegram's 64 bytes.
        "u:1:" + "a" * 61,
        "a:claim:1:1" + " " * 60,
        # A lone surrogate, which a hand-made request can carry.
        "a:claim:1:\ud800",
    ],
)
def test_what_no_button_carries_is_refused(data: str | None) -> None:
    assert decode(data) is None


def test_the_longest_of_each_kind_fits_telegrams_64_bytes() -> None:
    most, chat, user, token = 999_999_999, -(10**15 - 1), 10**20 - 1, "f" * 32
    longest = [
        ActionButton(ActionOp.WHOLE, most, most),
        UndoButton(most, token),
        ImportButton(ImportOp.YEAR, token, most),
        NameOfferButton(most, most, user),
        ProposalButton(most, True),
        MoveButton(False, most, chat),
        RedirectButton(most, most),
        GuidedPick(GuidedList.MEETING, most),
        GuidedEdit(Step.OWNERS),
    ]
    for button in longest:
        assert len(button.encode().encode()) <= MAX_BYTES, button
        assert decode(button.encode()) == button
