"""What every service shares: the session factory, the clock, the team setup, actor lookup."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from domain.errors import ChooseTeam, GroupNotLinked, NotAMember, NotSecretary, UnknownTeam
from domain.events import EventKind
from domain.model import Actor, ChatRef, TeamSetup, UserRef
from domain.reminders import ReminderSettings
from storage.db import SessionFactory
from storage.models import MemberRow, TeamRow, UserRow
from storage.repo import Repo

Clock = Callable[[], datetime]
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def system_clock() -> datetime:
    """Return the current time, aware, in UTC."""
    return datetime.now(UTC)


class ServiceBase:
    """Holds what use cases need; each public method of a subclass is one transaction."""

    def __init__(
        self,
        factory: SessionFactory,
        *,
        setups: tuple[TeamSetup, ...] = (),
        clock: Clock = system_clock,
        tz: ZoneInfo = AMSTERDAM,
        reminders: ReminderSettings | None = None,
    ) -> None:
        self.factory = factory
        self.setups = setups
        self.clock = clock
        self.tz = tz
        self.reminder_settings = reminders or ReminderSettings(tz=tz)

    def now(self) -> datetime:
        """Return the injected clock's time (aware UTC)."""
        return self.clock()

    def today(self) -> date:
        """Return today's date in the team's time zone."""
        return self.now().astimezone(self.tz).date()

    def local_date(self, moment: datetime) -> date:
        """Return the local calendar date of an aware moment."""
        return moment.astimezone(self.tz).date()

    def setup_of(self, team_name: str) -> TeamSetup | None:
        """Return the configuration of a team (None for a team no longer configured)."""
        return next((s for s in self.setups if s.name.lower() == team_name.lower()), None)

    def configured_secretary(self, repo: Repo, team: TeamRow, user: UserRef) -> bool:
        """Return True when the configuration makes the user secretary of this team: by id,
        or by an @username pinned to this account (a username alone names nobody).

        Before the team has ever had a group there is nothing to pin to: then the holder of
        an unpinned configured username is secretary provisionally (so the secretary can
        start privately), and the first /koppel in a group pins the name.
        """
        setup = self.setup_of(team.name)
        if setup is None:
            return False
        if user.telegram_id in setup.secretary_ids:
            return True
        if not setup.secretary_usernames:
            return False
        pins = repo.pins(team.id)
        if user.telegram_id in setup.secretary_accounts(pins):
            return True
        return team.chat_id is None and setup.unpinned_username(user, pins) is not None

    def pin_if_configured(
        self, repo: Repo, team: TeamRow, member: MemberRow, user: UserRef, now: datetime
    ) -> None:
        """The group just proved this user is in the team's group: a configured @username
        they hold that is not pinned yet is theirs from now on."""
        setup = self.setup_of(team.name)
        username = (user.username or "").lower()
        if setup is None or username not in setup.secretary_usernames:
            return  # the usual case: no query
        if setup.unpinned_username(user, repo.pins(team.id)) is None:
            return
        repo.pin(team.id, username, user.telegram_id, now)
        repo.event(
            team.id,
            EventKind.SECRETARY_PINNED,
            now,
            actor_id=member.id,
            username=username,
            telegram_id=user.telegram_id,
        )

    def resolve(
        self,
        repo: Repo,
        user: UserRef,
        chat: ChatRef | None,
        *,
        team_id: int | None = None,
        team_name: str | None = None,
    ) -> tuple[MemberRow, TeamRow, Actor]:
        """Find who is acting in which team; a group proves membership by itself."""
        now = self.now()
        if chat is not None and not chat.is_private:
            member, team = self._group_actor(repo, chat, user, team_id, now)
        else:
            member, team = self._member_in_private(repo, user, chat, team_id, team_name, now)
        actor = Actor(
            member_id=member.id,
            team_id=team.id,
            team_name=team.name,
            name=member.name,
            telegram_id=user.telegram_id,
            is_secretary=member.is_secretary or self.configured_secretary(repo, team, user),
        )
        return member, team, actor

    def _group_actor(
        self, repo: Repo, chat: ChatRef, user: UserRef, team_id: int | None, now: datetime
    ) -> tuple[MemberRow, TeamRow]:
        """The member writing in a linked group (the group proves membership)."""
        found = repo.group_member(chat.chat_id, user.telegram_id)
        if found is None:
            team = repo.team_by_chat(chat.chat_id)
            if team is None:
                raise GroupNotLinked()
            found = self._member_in_group(repo, team, user, now), team
        member, team = found
        if team_id is not None and team.id != team_id:
            raise GroupNotLinked()
        if member.user is not None:  # the usual case: one statement, names kept current
            repo.set_user_names(member.user, user)
        if member.left_at is not None:
            self._back_in_group(repo, team, member, now)
        self.pin_if_configured(repo, team, member, user, now)
        return member, team

    def _member_in_group(
        self, repo: Repo, team: TeamRow, user: UserRef, now: datetime
    ) -> MemberRow:
        """The member a user is, now that the group proved they are in it."""
        member, created = repo.member_for_user(team.id, user, now, "seen")
        if created:
            repo.event(team.id, EventKind.MEMBER_SEEN, now, actor_id=member.id)
        elif member.left_at is not None:
            self._back_in_group(repo, team, member, now)
        self.pin_if_configured(repo, team, member, user, now)
        return member

    @staticmethod
    def _back_in_group(repo: Repo, team: TeamRow, member: MemberRow, now: datetime) -> None:
        member.left_at = None
        repo.event(team.id, EventKind.MEMBER_RETURNED, now, actor_id=member.id)

    def memberships(
        self, repo: Repo, user: UserRef, chat: ChatRef | None, now: datetime
    ) -> tuple[UserRow | None, list[tuple[MemberRow, TeamRow]]]:
        """All teams a user is a member of (a configured secretary joins theirs); refuse
        strangers. Writing privately lets the bot write to them privately too."""
        urow, memberships = repo.user_memberships(user.telegram_id)
        if not memberships:
            memberships = self._join_configured(repo, user, now)
            urow = memberships[0][0].user if memberships else urow
        if not memberships:
            raise NotAMember()
        if chat is not None and urow is not None and not urow.private_chat:
            urow.private_chat = True
            urow.unreachable_at = None
        return urow, memberships

    def _member_in_private(
        self,
        repo: Repo,
        user: UserRef,
        chat: ChatRef | None,
        team_id: int | None,
        team_name: str | None,
        now: datetime,
    ) -> tuple[MemberRow, TeamRow]:
        urow, memberships = self.memberships(repo, user, chat, now)
        if team_id is not None:
            chosen = [mt for mt in memberships if mt[1].id == team_id]
            if not chosen:
                raise NotAMember()
            return chosen[0]
        if team_name:
            chosen = [mt for mt in memberships if mt[1].name.lower() == team_name.lower()]
            if not chosen:
                raise UnknownTeam(team_name, [t.name for _, t in memberships])
            return chosen[0]
        if len(memberships) == 1:
            return memberships[0]
        assert urow is not None
        for member, team in memberships:
            if team.id == urow.current_team_id:
                return member, team
        raise ChooseTeam([t.name for _, t in memberships])

    def _join_configured(
        self, repo: Repo, user: UserRef, now: datetime
    ) -> list[tuple[MemberRow, TeamRow]]:
        """Make a configured secretary a member of their teams the first time they write
        privately: configured by id, or by an @username already pinned to this account (an
        unpinned username first has to be seen in the team's group)."""
        out = []
        for setup in self.setups:
            if not setup.secretary_ids and not setup.secretary_usernames:
                continue
            team = repo.team_by_name(setup.name)
            if team is None or not self.configured_secretary(repo, team, user):
                continue
            # The role is the configuration's, read anew on every request (a username can
            # change hands): nothing is stored on the member row.
            member, _created = repo.member_for_user(team.id, user, now, "config")
            if member.left_at is not None and user.telegram_id not in setup.secretary_ids:
                continue  # left the team's group: only an id in the configuration outranks it
            out.append((member, team))
        return out

    @staticmethod
    def require_secretary(actor: Actor) -> None:
        """Refuse unless the actor is a secretary of the team."""
        if not actor.is_secretary:
            raise NotSecretary()


def message_key(chat: ChatRef | None, message_id: int | None) -> str | None:
    """Name a Telegram message ("n100100m5": chat -100100, message 5) to recognise it again."""
    if chat is None or message_id is None:
        return None
    return f"{'n' if chat.chat_id < 0 else 'p'}{abs(chat.chat_id)}m{message_id}"
