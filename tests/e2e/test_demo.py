"""`otbot demo` as a newcomer runs it: its own process, the page's API, the clock control.

The page (bot/demo/page.html) only draws what /api/state gives and posts what a person does;
tests/e2e/test_demo_browser.py drives that page in a real browser. Here the same API is used
directly, to follow the seed's story further than a browser test could in reasonable time.
"""

from __future__ import annotations

import http.client
import io
from pathlib import Path

from bot.demo.world import GROUP_ID
from documents.docx_io import read_docx
from tests.e2e.demo_process import DemoProcess

MARLOES, JAN, DANILLO = 900, 901, 903


def test_seeded_demo_shows_the_team_and_plays_reminders(tmp_path: Path) -> None:
    demo = DemoProcess("--seed", tmp=tmp_path)
    try:
        state = demo.get("/api/state")
        # The first screen is the team's situation the morning after the OT of 18 March.
        assert state["clock"].startswith("do 19 mrt 2026 09:3")
        assert [p["first_name"] for p in state["people"]][:3] == ["Marloes", "Jan", "Danillo"]
        group = demo.texts(GROUP_ID)
        assert group[0] == "/koppel" and "gekoppeld aan OT Wonen en Leefomgeving" in group[1]
        assert "Gepland: OT vr 24 apr 2026 14:00, Plein 40-45" in group[-1]
        secretary = demo.texts(MARLOES)
        assert any("Geïmporteerd: 15 nieuw, 0 bijgewerkt" in t for t in secretary)
        upload = state["chats"][str(MARLOES)][0]
        assert upload["document"]["name"] == "Actielijst OT 18 maart.docx"
        # What Telegram shows: formatting as entities, buttons under the bot's messages.
        welcome = state["chats"][str(GROUP_ID)][1]
        assert {"bold", "text_link"} <= {e["type"] for e in welcome["entities"]}

        # A member presses Start and links the name the list uses for them.
        assert (
            demo.post("/api/send", {"user": DANILLO, "chat": DANILLO, "text": "/start"})[0] == 200
        )
        status, _ = demo.post(
            "/api/send", {"user": DANILLO, "chat": DANILLO, "text": "/ikben Danillo"}
        )
        assert status == 200
        assert any("Gekoppeld: jij bent Danillo" in t for t in demo.texts(DANILLO))
        mine_before = len(demo.texts(DANILLO))
        demo.post("/api/send", {"user": DANILLO, "chat": DANILLO, "text": "/mijnacties"})
        listing = demo.texts(DANILLO)[mine_before + 1]
        assert "Jouw open acties" in listing and "obesitas" in listing

        # The clock control: each press moves to the next moment something is sent, and
        # reminders arrive as they would (Danillo's, the unlinked names' to the secretary,
        # and the group's message the working day before the OT of 24 April).
        clocks = [state["clock"]]
        messages = []
        for _ in range(12):
            status, answer = demo.post("/api/clock/next", {})
            assert status == 200, answer
            messages.append(answer["message"])
            clocks.append(demo.get("/api/state")["clock"])
            if any(t.startswith("📋") or "morgen" in t.lower() for t in demo.texts(GROUP_ID)[4:]):
                break
        assert all("verstuurd" in m for m in messages), messages
        assert len(set(clocks)) == len(clocks), clocks  # it moved forward every time
        reminders = [t for t in demo.texts(DANILLO) if "Herinnering" in t or "herinneringen" in t]
        assert reminders, demo.texts(DANILLO)
        danillo_chat = demo.get("/api/state")["chats"][str(DANILLO)]
        with_buttons = [m for m in danillo_chat if m["buttons"]]
        assert any("Later" in b["text"] for m in with_buttons for row in m["buttons"] for b in row)
        ping = demo.texts(GROUP_ID)[4:]
        assert ping and "24 apr" in "\n".join(ping), ping
        assert demo.get("/api/state")["clock"].startswith("do 23 apr 2026"), clocks

        # The Word actielijst comes out as a file to download, and reads back.
        demo.post("/api/send", {"user": MARLOES, "chat": MARLOES, "text": "/actielijst"})
        sent = demo.get("/api/state")["chats"][str(MARLOES)][-1]
        assert sent["document"]["name"].endswith(".docx")
        disposition, content = demo.download(f"/api/file?id={sent['document']['id']}")
        assert "attachment" in disposition and ".docx" in disposition
        assert len(read_docx(content).rows) == 15
    finally:
        code, _, log = demo.stop()
    assert code == 0
    assert "Traceback" not in log and " ERROR " not in log, log


def test_demo_refuses_what_a_person_could_not_do(tmp_path: Path) -> None:
    demo = DemoProcess(tmp=tmp_path)
    try:
        state = demo.get("/api/state")
        assert not state["chats"][str(MARLOES)]  # nobody has written to the bot yet
        assert all(not p["started"] for p in state["people"])
        # Nobody writes in someone else's private chat, presses a button that is not there,
        # or sends an empty message; each gets a Dutch answer and nothing is pushed.
        status, answer = demo.post("/api/send", {"user": JAN, "chat": MARLOES, "text": "/start"})
        assert status == 400 and "eigen privéchat" in answer["error"]
        status, answer = demo.post(
            "/api/press", {"user": JAN, "chat": GROUP_ID, "message": 2, "data": "a:close:1:1"}
        )
        assert status == 400 and "knop" in answer["error"]
        status, answer = demo.post("/api/send", {"user": JAN, "chat": JAN, "text": "  "})
        assert status == 400 and "Typ eerst" in answer["error"]
        assert not demo.get("/api/state")["chats"][str(JAN)]
        # With no deadlines yet, the clock has nothing to jump to.
        status, answer = demo.post("/api/clock/next", {})
        assert status == 200 and "geen herinnering gepland" in answer["message"]
        # A plain message in the group stays unseen by the bot (privacy mode), and says so.
        demo.post("/api/send", {"user": JAN, "chat": GROUP_ID, "text": "Goedemorgen allemaal"})
        last = demo.get("/api/state")["chats"][str(GROUP_ID)][-1]
        assert last["text"] == "Goedemorgen allemaal" and last["hidden"] is True
        # Another site cannot drive the page: a foreign Host, or a form post, is refused.
        host, port = demo.url.split("//")[1].rstrip("/").split(":")
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request("GET", "/api/state", headers={"Host": "evil.example:80"})
        assert connection.getresponse().status == 403
        connection.close()
        connection = http.client.HTTPConnection(host, int(port), timeout=10)
        connection.request(
            "POST",
            "/api/send",
            body=io.BytesIO(b"user=901&chat=901&text=/start").read(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert connection.getresponse().status == 400
        connection.close()
        assert not demo.get("/api/state")["chats"][str(JAN)]
    finally:
        code, _, log = demo.stop()
    assert code == 0
    assert "Traceback" not in log, log
