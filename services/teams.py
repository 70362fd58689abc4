"""Use cases about teams and people: linking groups, membership, names, secretaries."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.errors import (
    AlreadyLinked,
    ChooseTeam,
    LinkedElsewhere,
    NameNotYours,
    NameTaken,
    NotConfiguredSecretary,
    PersonUnknown,
    SecretaryNotSeen,
    TextTooLong,
)
from domain.events import EventKind
from domain.model import Actor, ChatRef, Person, Team, TeamSetup, UserRef
from domain.owners import (
    MAX_NAME_LENGTH,
    is_group_owner,
    normalize_name,
)
from domain.reminders import ReminderSettings
from services.base import ServiceBase
from services.rows import name_fits
from storage.models import MemberRow, TeamRow
from storage.repo import Repo, to_person, to_team, unit_of_work


@dataclass(frozen=True)
class GroupLink:
    """What /koppel did: the team, the group it left (a move), and whether the move still
    waits for a secretary's confirmation in that group."""

    team: Team
    old_chat_id: int | None
    pending: bool = False


@dataclass(frozen=True)
class ReminderSwitches:
    """A person's reminder switches, and when the configuration lets reminders go out."""

    reminders_on: bool
    digest_on: bool
    settings: ReminderSettings


class TeamService(ServiceBase):
    """Teams, members and who may act for whom."""

    def sync_config(self) -> None:
        """Create the configured teams and link the groups the configuration names."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            for setup in self.setups:
                team = repo.team_by_name(setup.name)
                if team is None:
                    team = TeamRow(name=setup.name, created_at=now, next_number=1, chat_title="")
                    repo.s.add(team)
                    repo.s.flush()
                if setup.chat_id is not None and team.chat_id != setup.chat_id:
                    other = repo.team_by_chat(setup.chat_id)
                    if other is None:
                        team.chat_id = setup.chat_id
                        team.linked_at = now
                self._pin_known_secretaries(repo, team, setup, now)

    @staticmethod
    def _pin_known_secretaries(repo: Repo, team: TeamRow, setup: TeamSetup, now: datetime) -> None:
        """A database from before pinning: a configured @username that one current member
        already holds as secretary is that member's account."""
        pins = repo.pins(team.id)
        missing = setup.secretary_usernames - pins.keys()
        if not missing:
            return
        for username in sorted(missing):
            holders = [
                m
                for m in repo.members(team.id)
                if m.user is not None
                and (m.user.username or "").lower() == username
                and m.is_secretary
                and m.left_at is None
            ]
            if len(holders) == 1 and holders[0].user is not None:
                telegram_id = holders[0].user.telegram_id
                repo.pin(team.id, username, telegram_id, now)
                repo.event(
                    team.id,
                    EventKind.SECRETARY_PINNED,
                    now,
                    actor_id=holders[0].id,
                    username=username,
                    telegram_id=telegram_id,
                    reason="known",
                )

    def team_for_chat(self, chat_id: int) -> Team | None:
        """Return the team linked to a group chat, if any."""
        with unit_of_work(self.factory) as repo:
            row = repo.team_by_chat(chat_id)
            return to_team(row) if row else None

    def group_of(self, team_id: int) -> int | None:
        """Return the chat id of a team's group (None when not linked)."""
        with unit_of_work(self.factory) as repo:
            return repo.team(team_id).chat_id

    def secretary_chats(self, team_id: int) -> list[int]:
        """The Telegram ids of the team's secretaries who can be written to privately."""
        with unit_of_work(self.factory) as repo:
            return [
                m.user.telegram_id
                for m in repo.secretaries(team_id, self.setups)
                if m.user is not None and m.user.private_chat and m.left_at is None
            ]

    def actor_in(self, user: UserRef, chat: ChatRef | None, team_id: int) -> Actor:
        """Return who the user is in one given team (refused when not a member of it)."""
        with unit_of_work(self.factory) as repo:
            return self.resolve(repo, user, chat, team_id=team_id)[2]

    def linked_teams(self) -> list[Team]:
        """Return every team that has a group."""
        with unit_of_work(self.factory) as repo:
            return [to_team(t) for t in repo.teams() if t.chat_id is not None]

    def link_group(
        self, user: UserRef, chat: ChatRef, team_name: str = "", move: bool = False
    ) -> GroupLink:
        """Link a group to the team the configured secretary names (or their only one).

        A team that already has a group moves only when asked (`move`), and then at once
        only for a secretary configured by id: anyone else's move waits for a secretary to
        confirm it in the team's current group (`pending`).
        """
        now = self.now()
        with unit_of_work(self.factory) as repo:
            existing = repo.team_by_chat(chat.chat_id)
            if existing is not None:
                raise AlreadyLinked(existing.name)
            wanted = team_name.strip().lower()
            teams: list[tuple[TeamRow, bool]] = []  # (team, configured by id)
            unseen: list[TeamRow] = []
            for setup in self.setups:
                if wanted and setup.name.lower() != wanted:
                    continue
                team = repo.team_by_name(setup.name)
                if team is None:
                    continue
                pins = repo.pins(team.id)
                by_id = user.telegram_id in setup.secretary_ids
                if by_id or user.telegram_id in setup.secretary_accounts(pins):
                    teams.append((team, by_id))
                elif setup.unpinned_username(user, pins):
                    if team.chat_id is None:
                        teams.append((team, False))  # the first link pins the username
                    else:
                        unseen.append(team)
            if not teams:
                if unseen:
                    raise SecretaryNotSeen(unseen[0].name)
                raise NotConfiguredSecretary()
            unlinked = [t for t in teams if t[0].chat_id is None]
            if not unlinked and not move:
                if len(teams) == 1:
                    raise LinkedElsewhere(teams[0][0].name)
                raise ChooseTeam([t.name for t, _ in teams])
            choice = unlinked or teams
            if len(choice) > 1:
                raise ChooseTeam([t.name for t, _ in choice])
            team, by_id = choice[0]
            old_chat = team.chat_id
            if old_chat is not None and not by_id:
                repo.event(
                    team.id,
                    EventKind.GROUP_MOVE_REQUESTED,
                    now,
                    by=user.telegram_id,
                    chat_id=chat.chat_id,
                    old_chat_id=old_chat,
                )
                return GroupLink(to_team(team), old_chat, pending=True)
            member = self._link(repo, team, chat, user, now)
            repo.event(
                team.id,
                EventKind.GROUP_LINKED,
                now,
                actor_id=member.id,
                chat_id=chat.chat_id,
                old_chat_id=old_chat,
            )
            return GroupLink(to_team(team), old_chat)

    def confirm_move(
        self, user: UserRef, chat: ChatRef, team_id: int, new_chat: ChatRef
    ) -> GroupLink:
        """A secretary in the team's current group agrees to move the team to `new_chat`."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            self.require_secretary(actor)
            other = repo.team_by_chat(new_chat.chat_id)
            if other is not None:
                raise AlreadyLinked(other.name)
            old_chat = team.chat_id
            _attach(team, new_chat, now)
            repo.event(
                team.id,
                EventKind.GROUP_LINKED,
                now,
                actor_id=actor.member_id,
                chat_id=new_chat.chat_id,
                old_chat_id=old_chat,
                confirmed=True,
            )
            return GroupLink(to_team(team), old_chat)

    def refuse_move(self, user: UserRef, chat: ChatRef, team_id: int, new_chat_id: int) -> Team:
        """A secretary in the team's current group turns a requested move down."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            self.require_secretary(actor)
            repo.event(
                team.id,
                EventKind.GROUP_MOVE_REFUSED,
                now,
                actor_id=actor.member_id,
                chat_id=new_chat_id,
            )
            return to_team(team)

    def _link(
        self, repo: Repo, team: TeamRow, chat: ChatRef, user: UserRef, now: datetime
    ) -> MemberRow:
        _attach(team, chat, now)
        repo.s.flush()
        member = self._member_in_group(repo, team, user, now)
        member.is_secretary = True
        return member

    def migrate_chat(self, old_chat_id: int, new_chat_id: int) -> bool:
        """Follow a group that became a supergroup (its chat id changes)."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            team = repo.team_by_chat(old_chat_id)
            if team is None or repo.team_by_chat(new_chat_id) is not None:
                return False
            team.chat_id = new_chat_id
            repo.event(team.id, EventKind.CHAT_MIGRATED, now, old=old_chat_id, new=new_chat_id)
            return True

    def join_group_chat(self, chat_id: int, user: UserRef) -> bool:
        """Record someone who wrote in a linked group; False when the group is not linked."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            team = repo.team_by_chat(chat_id)
            if team is None:
                return False
            self._member_in_group(repo, team, user, now)
            return True

    def join_seen(self, team_id: int, user: UserRef) -> None:
        """Record a user that Telegram confirmed is in the team's group."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            self._member_in_group(repo, repo.team(team_id), user, now)

    def member_left(self, chat_id: int, user: UserRef, via: str, status: str = "left") -> bool:
        """Someone left (or was removed from) a team's group: they stop being a member and
        lose an appointed secretary role; their actions and history stay."""
        with unit_of_work(self.factory) as repo:
            team = repo.team_by_chat(chat_id)
            return team is not None and self._leave(repo, team, user, via, status)

    def left_team(self, team_id: int, user: UserRef, via: str, status: str) -> bool:
        """Telegram says a member is no longer in their team's group (see member_left)."""
        with unit_of_work(self.factory) as repo:
            return self._leave(repo, repo.team(team_id), user, via, status)

    def _leave(self, repo: Repo, team: TeamRow, user: UserRef, via: str, status: str) -> bool:
        urow = repo.user(user.telegram_id)
        member = repo.member_of(team.id, urow.id) if urow else None
        if member is None or member.left_at is not None:
            return False
        now = self.now()
        was_secretary = member.is_secretary
        member.left_at = now
        member.is_secretary = False
        repo.event(
            team.id,
            EventKind.MEMBER_LEFT,
            now,
            actor_id=member.id,
            via=via,
            status=status,
            secretary=was_secretary,
        )
        return True

    def private_chat_status(self, user: UserRef, open_: bool) -> None:
        """A member blocked (False) or unblocked (True) the bot in their private chat;
        strangers are not stored."""
        with unit_of_work(self.factory) as repo:
            urow = repo.user(user.telegram_id)
            if urow is None:
                return
            if open_:
                urow.private_chat = True
                urow.unreachable_at = None
            elif urow.unreachable_at is None:
                urow.unreachable_at = self.now()

    def bot_removed(self, chat_id: int, status: str) -> bool:
        """The bot was removed from a team's group: record it (False for other groups)."""
        with unit_of_work(self.factory) as repo:
            team = repo.team_by_chat(chat_id)
            if team is None:
                return False
            repo.event(team.id, EventKind.BOT_REMOVED, self.now(), chat_id=chat_id, status=status)
            return True

    def groups_of(self, user: UserRef) -> list[tuple[int, int]]:
        """Return (team id, group chat id) of every linked team the user is a member of."""
        with unit_of_work(self.factory) as repo:
            urow = repo.user(user.telegram_id)
            if urow is None:
                return []
            return [(t.id, t.chat_id) for _m, t in repo.memberships(urow.id) if t.chat_id]

    def actor(self, user: UserRef, chat: ChatRef | None, team_name: str | None = None) -> Actor:
        """Return who the user is in the team this chat (or their choice) points at."""
        with unit_of_work(self.factory) as repo:
            return self.resolve(repo, user, chat, team_name=team_name)[2]

    def start_private(self, user: UserRef) -> list[Team]:
        """Note that the user pressed Start; return their teams (empty for a stranger)."""
        with unit_of_work(self.factory) as repo:
            urow = repo.user(user.telegram_id)
            memberships = repo.memberships(urow.id) if urow else []
            if not memberships:
                memberships = self._join_configured(repo, user, self.now())
            if not memberships:
                return []
            urow = repo.upsert_user(user, self.now())
            urow.private_chat = True
            urow.unreachable_at = None
            return [to_team(t) for _, t in memberships]

    def teams_of(self, user: UserRef) -> list[Team]:
        """Return the teams a user belongs to."""
        with unit_of_work(self.factory) as repo:
            urow = repo.user(user.telegram_id)
            return [to_team(t) for _, t in repo.memberships(urow.id)] if urow else []

    def choose_team(self, user: UserRef, team_name: str) -> Team:
        """Make one of the user's teams the one private-chat commands act on."""
        with unit_of_work(self.factory) as repo:
            _member, team, _actor = self.resolve(repo, user, None, team_name=team_name)
            urow = repo.user(user.telegram_id)
            assert urow is not None
            urow.current_team_id = team.id
            return to_team(team)

    def claim_name(self, user: UserRef, chat: ChatRef | None, name: str) -> tuple[Person, int]:
        """Link the user's account to a name in the list ("/ikben Marloes"); count actions."""
        with unit_of_work(self.factory) as repo:
            member, team, actor = self.resolve(repo, user, chat)
            return self._claim_name(repo, user, member, team, actor, name)

    def claim_offered_name(
        self, user: UserRef, chat: ChatRef | None, team_id: int, member_id: int
    ) -> tuple[Person, int] | None:
        """The "Ja, ik ben Jan" button under /mijnacties: link the offered name exactly as
        "/ikben Jan" would in that team. None when the button names nobody of that team."""
        with unit_of_work(self.factory) as repo:
            member, team, actor = self.resolve(repo, user, chat, team_id=team_id)
            offered = repo.find_member(member_id)
            if offered is None or offered.team_id != team.id:
                return None
            # Linked meanwhile by someone else: the name now leads to them (NameTaken).
            return self._claim_name(repo, user, member, team, actor, offered.name)

    def _claim_name(
        self,
        repo: Repo,
        user: UserRef,
        member: MemberRow,
        team: TeamRow,
        actor: Actor,
        name: str,
    ) -> tuple[Person, int]:
        if not name_fits(name, user):
            raise NameNotYours(name, user.first_name or user.full_name)
        moved = self._link_name(repo, team, member, name, actor)
        return self._person(repo, member), moved

    def add_member(
        self,
        user: UserRef,
        chat: ChatRef | None,
        name: str,
        target: UserRef | None = None,
    ) -> Person:
        """Let a secretary add a member by name, linked to a Telegram account when given."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            name = name.strip() or (target.full_name if target else "")
            self._check_name(name)
            if target is None:
                member = repo.owner_member(team.id, name, self.now())
            else:
                member, _created = repo.member_for_user(team.id, target, now, "granted")
                member.left_at = None
                self._link_name(repo, team, member, name, actor)
            repo.event(
                team.id,
                EventKind.MEMBER_ADDED,
                now,
                actor_id=actor.member_id,
                member=member.id,
                name=name,
            )
            return self._person(repo, member)

    def appoint_secretary(
        self, user: UserRef, chat: ChatRef | None, target: UserRef | None, name: str = ""
    ) -> Person:
        """Let a secretary make another member secretary (by reply or by name)."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            member: MemberRow | None = None
            if target is not None:
                urow = repo.user(target.telegram_id)
                member = repo.member_of(team.id, urow.id) if urow else None
                if member is None and chat is not None and not chat.is_private:
                    member = self._member_in_group(repo, team, target, now)
            elif name.startswith("@"):
                urow = repo.user_by_username(name)
                member = repo.member_of(team.id, urow.id) if urow else None
            elif name:
                member = repo.member_by_key(team.id, normalize_name(name))
            if member is None or member.user_id is None or member.left_at is not None:
                raise PersonUnknown(name or (target.full_name if target else ""))
            member.is_secretary = True
            repo.event(
                team.id,
                EventKind.SECRETARY_APPOINTED,
                now,
                actor_id=actor.member_id,
                member=member.id,
            )
            return self._person(repo, member)

    def members(self, user: UserRef, chat: ChatRef | None) -> tuple[Team, list[Person]]:
        """Return the team's members, with the names the list uses (secretaries only)."""
        with unit_of_work(self.factory) as repo:
            _m, team, actor = self.resolve(repo, user, chat)
            self.require_secretary(actor)
            rows = [m for m in repo.members(team.id) if m.left_at is None]
            names = repo.names_of(m.id for m in rows)
            setup = self.setup_of(team.name)
            configured = setup.secretary_accounts(repo.pins(team.id)) if setup else frozenset()
            people = []
            for m in rows:
                p = to_person(m, names.get(m.id))
                if not p.is_secretary and m.user and m.user.telegram_id in configured:
                    p = _with_secretary(p)
                people.append(p)
            return to_team(team), people

    def reminder_switches(
        self,
        user: UserRef,
        chat: ChatRef | None,
        reminders_on: bool | None = None,
        digest_on: bool | None = None,
    ) -> ReminderSwitches:
        """Show or change whether a person gets reminders and the weekly digest."""
        now = self.now()
        with unit_of_work(self.factory) as repo:
            _member, team, actor = self.resolve(repo, user, chat)
            urow = repo.user(user.telegram_id)
            assert urow is not None
            if reminders_on is not None:
                urow.reminders_on = reminders_on
            if digest_on is not None:
                urow.digest_on = digest_on
            if reminders_on is not None or digest_on is not None:
                repo.event(
                    team.id,
                    EventKind.REMINDER_SETTINGS,
                    now,
                    actor_id=actor.member_id,
                    reminders=urow.reminders_on,
                    digest=urow.digest_on,
                )
            return ReminderSwitches(urow.reminders_on, urow.digest_on, self.reminder_settings)

    # helpers ---------------------------------------------------------------------------
    @staticmethod
    def _check_name(name: str) -> None:
        if not name.strip():
            raise PersonUnknown("")
        if len(name) > MAX_NAME_LENGTH:
            raise TextTooLong(MAX_NAME_LENGTH)

    def _link_name(
        self, repo: Repo, team: TeamRow, member: MemberRow, name: str, actor: Actor
    ) -> int:
        now = self.now()
        moved = 0
        self._check_name(name)
        key = normalize_name(name)
        if is_group_owner(name):
            raise NameTaken(name)
        named = repo.member_by_key(team.id, key)
        list_name = name
        if named is not None and named.id != member.id:
            if named.user_id is not None:
                raise NameTaken(name)
            list_name = named.name
            moved = repo.merge_member(named, member)
            repo.event(
                team.id,
                EventKind.NAME_LINKED,
                now,
                actor_id=actor.member_id,
                member=member.id,
                merged=named.id,
                name=name,
            )
        elif named is None:
            repo.add_name(team.id, member.id, name, key, now)
            repo.event(
                team.id,
                EventKind.NAME_ADDED,
                now,
                actor_id=actor.member_id,
                member=member.id,
                name=name,
            )
        if member.source in ("seen", "config", "granted") and member.name != list_name:
            # The list's spelling wins: it is how the team knows this person.
            member.name = list_name
        repo.s.flush()
        return moved

    def _person(self, repo: Repo, member: MemberRow) -> Person:
        return to_person(member, repo.names_of([member.id]).get(member.id))

    def known_names(self, team_id: int) -> list[str]:
        """Return the unlinked names in a team's list (for "/ikben" hints)."""
        with unit_of_work(self.factory) as repo:
            return [m.name for m in repo.members(team_id) if m.user_id is None and not m.is_group]


def _attach(team: TeamRow, chat: ChatRef, now: datetime) -> None:
    """Make `chat` the team's group."""
    team.chat_id = chat.chat_id
    team.chat_title = chat.title[:255]
    team.linked_at = now


def _with_secretary(p: Person) -> Person:
    from dataclasses import replace

    return replace(p, is_secretary=True)
