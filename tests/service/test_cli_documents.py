"""`otbot import` and `otbot export` on the server, as an operator would run them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bot.demo.seed_docx import build_seed_docx
from documents.docx_io import read_docx

ROOT = Path(__file__).resolve().parents[2]


def run(tmp_path: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[storage]\nurl = "sqlite:///{tmp_path / "otbot.sqlite3"}"\n'
        '[team]\nname = "OT Wonen"\nsecretaries = [900]\n'
    )
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--config", str(config), *args],
        cwd=tmp_path,
        env={"PYTHONPATH": str(ROOT), "PATH": ""},
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_import_asks_then_stores_and_export_gives_it_back(tmp_path: Path) -> None:
    source = tmp_path / "actielijst.docx"
    source.write_bytes(build_seed_docx())
    declined = run(tmp_path, "import", str(source), "--meeting-date", "2027-03-18", stdin="n\n")
    assert declined.returncode == 1
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
    assert "geen Word-bestand" in result.stderr
