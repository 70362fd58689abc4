"""The action lifecycle's transitions (domain/lifecycle.py): each gives the new state and the
audit event; closing records who, when and the note; reopening clears them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain import lifecycle
from domain.events import EventKind
from domain.lifecycle import State
from domain.model import Status

AT = datetime(2027, 4, 2, 9, 30, tzinfo=UTC)


def test_close_and_cancel_record_who_when_and_why() -> None:
    done = lifecycle.close(7, AT, "gedeeld")
    assert done == lifecycle.Change(State(Status.DONE, AT, 7, "gedeeld"), EventKind.CLOSED)
    cancelled = lifecycle.cancel(7, AT, "dubbel")
    assert cancelled.state == State(Status.CANCELLED, AT, 7, "dubbel")
    assert cancelled.event is EventKind.CANCELLED


@pytest.mark.parametrize(("claimed", "status"), [(False, Status.OPEN), (True, Status.CLAIMED)])
def test_reopen_clears_the_closing_and_keeps_a_claim(claimed: bool, status: Status) -> None:
    change = lifecycle.reopen(claimed)
    assert change.state == State(status) and change.event is EventKind.REOPENED
    assert change.state.closed_at is None and change.state.closed_note == ""


def test_claim_withdraw_and_decided() -> None:
    assert lifecycle.claim() == lifecycle.Change(State(Status.CLAIMED), EventKind.CLAIMED)
    before = State(Status.OPEN)
    assert lifecycle.withdraw(before).state == State(Status.WITHDRAWN)
    assert lifecycle.withdraw(before).event is EventKind.WITHDRAWN
    assert lifecycle.decided(3, AT) == State(Status.DONE, AT, 3)


@pytest.mark.parametrize("status", list(Status))
def test_owners_changed_touches_only_open_actions(status: Status) -> None:
    state = State(status, AT if not status.is_open else None)
    for claimed in (False, True):
        after = lifecycle.owners_changed(state, claimed)
        if status.is_open:
            assert after.status is (Status.CLAIMED if claimed else Status.OPEN)
        else:
            assert after == state


def test_every_event_kind_is_distinct_and_lower_snake() -> None:
    values = [k.value for k in EventKind]
    assert len(values) == len(set(values))
    assert all(v == v.lower() and " " not in v for v in values)
