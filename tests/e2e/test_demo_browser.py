"""The demo page in a real browser: headless Chromium (Debian's chromium and chromium-driver)
driven through Selenium, against `otbot demo` running as its own process.

The secretary adds two actions, a member presses Start, claims one with the button, and
/mijnacties shows it. A screenshot is written to test-artifacts/demo.png (or $OTBOT_ARTIFACTS)
so a person can look at what the page showed.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support.ui import WebDriverWait

from tests.e2e.demo_process import ROOT, DemoProcess

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WAIT_SECONDS = 60
MARLOES, JAN = 900, 901


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[WebDriver]:
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    # As root, without a screen, on a machine with no network beyond loopback: no sandbox,
    # no GPU, and none of Chromium's own calls home (they are refused, many at a time).
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,900",
        f"--user-data-dir={tempfile.mkdtemp(dir=tmp_path)}",
    ):
        options.add_argument(flag)
    # The driver is given: Selenium Manager would otherwise try to download one.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(driver: WebDriver, find: Callable[[], object], what: str) -> object:
    """Wait until `find()` returns something truthy (the page redraws: retry stale nodes)."""

    def attempt(_: WebDriver) -> object:
        try:
            return find()
        except StaleElementReferenceException:
            return None

    return WebDriverWait(driver, WAIT_SECONDS, poll_frequency=0.2).until(attempt, what)


def bubbles(driver: WebDriver) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, "#messages .msg")


def bot_text_with(driver: WebDriver, needle: str) -> Callable[[], WebElement | None]:
    """A finder for the newest message of the bot that contains `needle`."""

    def find() -> WebElement | None:
        for message in reversed(bubbles(driver)):
            if message.get_attribute("data-from") != str(MARLOES) and needle in message.text:
                return message
        return None

    return find


def type_and_send(driver: WebDriver, lines: list[str]) -> None:
    """Type as a person does: Shift+Enter between lines, Enter sends."""
    box = driver.find_element(By.ID, "text")
    box.click()
    for i, line in enumerate(lines):
        if i:
            box.send_keys(Keys.SHIFT, Keys.ENTER)
        box.send_keys(line)
    box.send_keys(Keys.ENTER)


def test_secretary_adds_member_claims_in_the_browser(tmp_path: Path, browser: WebDriver) -> None:
    demo = DemoProcess(tmp=tmp_path)
    try:
        browser.get(demo.url)
        # The first screen: the team's group, linked by the secretary, as Marloes sees it.
        wait_for(browser, bot_text_with(browser, "gekoppeld aan OT Wonen"), "the group's link")
        welcome = bot_text_with(browser, "gekoppeld aan OT Wonen")()
        assert welcome is not None and welcome.find_elements(By.CSS_SELECTOR, "b, a.link")

        # The secretary opens her private chat, presses START, and adds two actions.
        browser.find_element(By.CSS_SELECTOR, '[data-chat="private"]').click()
        start = browser.find_element(By.ID, "start")
        assert start.is_displayed()
        start.click()
        wait_for(browser, bot_text_with(browser, "Welkom"), "the welcome")
        type_and_send(
            browser,
            [
                "Jan: cijfers woningtoewijzing delen (ASAP)",
                "Karin: voorstel buurtbudget rondsturen (eind april)",
            ],
        )
        saved = wait_for(browser, bot_text_with(browser, "Opgeslagen: 2 acties"), "the saved")
        assert isinstance(saved, WebElement) and "ASAP" in saved.text

        # Jan: his private chat is new, so he presses START, then claims #1 with its button.
        browser.find_element(By.CSS_SELECTOR, f'[data-person="{JAN}"]').click()
        browser.find_element(By.CSS_SELECTOR, '[data-chat="private"]').click()
        wait_for(browser, lambda: browser.find_element(By.ID, "start").is_displayed(), "START")
        browser.find_element(By.ID, "start").click()
        wait_for(browser, bot_text_with(browser, "Welkom"), "Jan's welcome")
        type_and_send(browser, ["/actie 1"])
        card = wait_for(browser, bot_text_with(browser, "cijfers woningtoewijzing"), "card #1")
        assert isinstance(card, WebElement)
        claim = [b for b in card.find_elements(By.CSS_SELECTOR, ".kb button") if "pak" in b.text]
        assert len(claim) == 1, [b.text for b in card.find_elements(By.CSS_SELECTOR, ".kb button")]
        claim[0].click()
        wait_for(browser, bot_text_with(browser, "jij pakt #1 op"), "the claim")

        # /mijnacties shows it as his.
        type_and_send(browser, ["/mijnacties"])
        mine = wait_for(browser, bot_text_with(browser, "Jouw open acties"), "/mijnacties")
        assert isinstance(mine, WebElement)
        assert "#1" in mine.text and "cijfers woningtoewijzing" in mine.text
        assert "buurtbudget" not in mine.text.split("Jouw open acties")[1].split("\n\n")[0]
        heading = mine.find_elements(By.CSS_SELECTOR, "b")
        assert any("Jouw open acties" in b.text for b in heading)  # HTML shown as formatting

        artifacts = Path(os.environ.get("OTBOT_ARTIFACTS", ROOT / "test-artifacts"))
        artifacts.mkdir(parents=True, exist_ok=True)
        shot = artifacts / "demo.png"
        assert browser.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
        print(f"screenshot: {shot}")
    finally:
        code, _, log = demo.stop()
    assert code == 0
    assert "Traceback" not in log, log
