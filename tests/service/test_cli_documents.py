"""`otbot import` and `otbot export` on the server, as an operator would run them."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot import texts
from bot.demo.seed_docx import build_seed_docx
from documents.docx_io import read_docx

ROOT = Path(__file__).resolve().parents[2]


ONE_TEAM = '[team]\nname = "OT Wonen"\nsecretaries = [900]\n'
TWO_TEAMS = ONE_TEAM + '[[teams]]\nname = "OT Werk"\nsecretaries = [901]\n'
# Every command the bot knows in Telegram, none of which means anything at a shell.
BOT_COMMANDS = sorted(set(re.findall(r"/([a-z_]+)", texts.HELP_MEMBER + texts.HELP_SECRETARY)))


def run(
    tmp_path: Path, *args: str, stdin: str = "", teams: str = ONE_TEAM, tty: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `otbot` on a config of its own; stdin a pipe, or a terminal given `stdin`."""
    config = tmp_path / "config.toml"
    config.write_text(f'[storage]\nurl = "sqlite:///{tmp_path / "otbot.sqlite3"}"\n' + teams)
    command = [sys.executable, "-m", "bot.cli", "--config", str(config), *args]
    env = {"PYTHONPATH": str(ROOT), "PATH": ""}
    if not tty:
        result = subprocess.run(
            command,
            cwd=tmp_path,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=120,
        )
    else:
        leader, follower = pty.openpty()
        os.write(leader, stdin.encode())
        try:
            result = subprocess.run(
                command,
                cwd=tmp_path,
                env=env,
                stdin=follower,
                capture_output=True,
                text=True,
                timeout=120,
            )
        finally:
            os.close(follower)
            os.close(leader)
    speaks_shell(result.stdout + result.stderr)
    return result


def speaks_shell(output: str) -> None:
    """The CLI names options, never the bot's Telegram commands; and shows no traceback."""
    assert {"acties", "ikben", "team", "ot"} <= set(BOT_COMMANDS)
    assert "Traceback" not in output
    for command in BOT_COMMANDS:
        assert not re.search(rf"(?<![\w/.-])/{command}\b", output), (command, output)


def one_line(stderr: str) -> str:
    [line] = stderr.splitlines()
    assert " / " in line  # Dutch / English
    return line


def test_import_asks_then_stores_and_export_gives_it_back(tmp_path: Path) -> None:
    source = tmp_path / "actielijst.docx"
    source.write_bytes(build_seed_docx())
    declined = run(
        tmp_path, "import", str(source), "--meeting-date", "2027-03-18", stdin="n\n", tty=True
    )
    assert declined.returncode == 1, declined.stderr
    assert "Opslaan? / Store? [j/N]" in declined.stdout
    assert "15 nieuw, 0 bijgewerkt" in declined.stdout and "niets opgeslagen" in declined.stdout
    done = run(tmp_path, "import", str(source), "--meeting-date", "2027-03-18", "--yes")
    assert done.returncode == 0, done.stderr
    assert "Geïmporteerd: 15 nieuw" in done.stdout
    again = run(tmp_path, "import", str(source), "--meeting-date", "2027-03-18", "--yes")
    assert "0 nieuw, 0 bijgewerkt, 15 ongewijzigd" in again.stdout

    out = tmp_path / "export.docx"
    exported = run(tmp_path, "export", "--meeting", "18 maart", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    doc = read_docx(out.read_bytes())
    assert len(doc.rows) == 15 and doc.header.chair == "Anne Wilbers"
    md = tmp_path / "export.md"
    assert run(tmp_path, "export", "--format", "md", "--out", str(md)).returncode == 0
    assert "Voedselpark Lutkemeer" in md.read_text(encoding="utf-8")


def test_import_refuses_a_file_that_is_no_actielijst(tmp_path: Path) -> None:
    bad = tmp_path / "notities.docx"
    bad.write_bytes(b"geen word")
    result = run(tmp_path, "import", str(bad), "--yes")
    assert result.returncode == 2
    assert "notities.docx is een tekstbestand, geen Word-bestand" in one_line(result.stderr)


def test_import_without_a_terminal_asks_for_yes(tmp_path: Path) -> None:
    source = tmp_path / "actielijst.docx"
    source.write_bytes(build_seed_docx())
    piped = run(tmp_path, "import", str(source), "--meeting-date", "2027-03-18", stdin="j\n")
    assert piped.returncode == 2
    assert "15 nieuw" in piped.stdout  # the preview is shown
    line = one_line(piped.stderr)
    assert "voeg --yes toe" in line and "add --yes" in line and "Nothing stored" in line
    stored = run(tmp_path, "import", str(source), "--meeting-date", "18-3-2027", "--yes")
    assert "Geïmporteerd: 15 nieuw" in stored.stdout  # nothing was stored before


def test_import_answered_yes_on_a_terminal_stores(tmp_path: Path) -> None:
    source = tmp_path / "actielijst.docx"
    source.write_bytes(build_seed_docx())
    done = run(
        tmp_path, "import", str(source), "--meeting-date", "2027-03-18", stdin="j\n", tty=True
    )
    assert done.returncode == 0, done.stderr
    assert "Geïmporteerd: 15 nieuw" in done.stdout and "imported: 15 new" in done.stdout


@pytest.mark.parametrize("written", ["18 maart 2027", "18-3-2027", "do 18 maart 2027", "18/3/27"])
def test_dates_on_the_command_line_in_dutch(tmp_path: Path, written: str) -> None:
    source = tmp_path / "actielijst.docx"
    source.write_bytes(build_seed_docx())
    first = run(tmp_path, "import", str(source), "--meeting-date", "2027-03-18", "--yes")
    assert first.returncode == 0, first.stderr
    again = run(tmp_path, "import", str(source), "--meeting-date", written, "--yes")
    assert again.returncode == 0, again.stderr
    assert "do 18 mrt 2027" in again.stdout and "15 ongewijzigd" in again.stdout
    out = tmp_path / "export.md"
    exported = run(tmp_path, "export", "--meeting", written, "--format", "md", "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    assert "18 maart 2027" in out.read_text(encoding="utf-8")


def test_a_date_without_year_is_the_most_recent(tmp_path: Path) -> None:
    source = tmp_path / "actielijst.docx"
    source.write_bytes(build_seed_docx())
    result = run(tmp_path, "import", str(source), "--meeting-date", "1 januari", "--yes")
    assert result.returncode == 0, result.stderr
    assert "1 jan" in result.stdout and "ik ga uit van" in result.stdout
    assert "--meeting-date" in result.stdout  # how to choose another year


@pytest.mark.parametrize(
    ("args", "dutch", "english"),
    [
        (
            ["import", "{file}", "--meeting-date", "31 februari"],
            "--meeting-date ‘31 februari’ is geen datum; schrijf bv. 2027-03-18",
            "--meeting-date ‘31 februari’ is no date; write e.g. 2027-03-18",
        ),
        (
            ["export", "--meeting", "blabla"],
            "--meeting ‘blabla’ is geen datum",
            "--meeting ‘blabla’ is no date",
        ),
        (
            ["export", "--meeting", "2 januari 2030"],
            "Geen OT op wo 2 jan 2030; zonder --meeting krijg je het laatste OT",
            "No meeting on 2030-01-02; without --meeting you get the latest one",
        ),
        (
            ["import", "{file}", "--team", "OT Zorg", "--yes"],
            "Team ‘OT Zorg’ ken ik niet; kies met --team uit ‘OT Wonen’",
            "Unknown team ‘OT Zorg’; choose with --team from ‘OT Wonen’",
        ),
        (
            ["import", "{missing}", "--yes"],
            "weg.docx kan ik niet openen (No such file or directory)",
            "cannot open",
        ),
        (
            ["import", "{text}", "--yes"],
            "notities.txt is een tekstbestand, geen Word-bestand (.docx)",
            "notities.txt is a text file",
        ),
    ],
)
def test_errors_name_options_in_one_line(
    tmp_path: Path, args: list[str], dutch: str, english: str
) -> None:
    (tmp_path / "actielijst.docx").write_bytes(build_seed_docx())
    (tmp_path / "notities.txt").write_text("Jan: data doorsturen (ASAP)\n")
    files = {
        "{file}": str(tmp_path / "actielijst.docx"),
        "{missing}": str(tmp_path / "weg.docx"),
        "{text}": str(tmp_path / "notities.txt"),
    }
    result = run(tmp_path, *[files.get(a, a) for a in args])
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert dutch in line.split(" / ", 1)[1]  # after "Kan niet ... / cannot ...: "
    assert english in line


@pytest.mark.parametrize("command", [["import", "{file}", "--yes"], ["export"]])
def test_several_teams_need_team(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "actielijst.docx").write_bytes(build_seed_docx())
    args = [str(tmp_path / "actielijst.docx") if a == "{file}" else a for a in command]
    result = run(tmp_path, *args, teams=TWO_TEAMS)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "Er zijn meer teams (‘OT Wonen’, ‘OT Werk’): kies er een met --team NAAM" in line
    assert "choose one with --team NAME" in line
