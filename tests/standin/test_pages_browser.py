"""The sandbox as a newcomer uses it, in a real browser: Debian's chromium, headless, driven by
selenium through chromium-driver, against the real stack (the GitHub stand-in, the real Flask
webhook app, a real Redis and a real long-running RQ worker process).

Open the first PR → its test summary is a rendered table → click Merge → the next PR appears
on the pull requests page → comment `/py3bridge help` → the bot's reply appears under it.
"""
import shutil
import time

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from standin.server import installation_event
from tests.e2e.conftest import INSTALLATION, SECRET, env_cache, stack  # noqa: F401  (fixtures)
from tests.standin.fixtures import standin, standin_server  # noqa: F401  (fixtures)

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--window-size=1280,1000"]


@pytest.fixture
def browser(tmp_path):
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    assert chromium and driver_path, "chromium and chromium-driver are missing: `make system` installs them"
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in CHROMIUM_FLAGS + ["--user-data-dir=%s" % (tmp_path / "chromium-profile")]:
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(executable_path=driver_path), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def sandbox(stack):  # noqa: F811
    """The e2e stack with the App's webhook configured on the stand-in and a worker that keeps running."""
    stack.state.configure_webhook(stack.webhook_url, SECRET, root=stack.standin.html_url)
    worker = stack.start_worker(name="browser-worker")
    yield stack
    stack.kill(worker)
    stack.state.webhook = None


def after_click(driver, check, timeout=30):
    """Wait for the page a form post lands on: elements of the page clicked on go stale meanwhile."""
    return WebDriverWait(driver, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(check)


def poll(driver, url, find, timeout=120):
    """Reload `url` until `find(driver)` returns something truthy (as a person reloading would)."""
    deadline = time.monotonic() + timeout
    while True:
        driver.get(url)
        try:
            found = find(driver)
        except WebDriverException:
            found = None
        if found:
            return found
        assert time.monotonic() < deadline, "timed out on %s; the page says:\n%s" % (
            url, driver.find_element(By.TAG_NAME, "body").text[-3000:])
        time.sleep(0.5)


def test_merge_the_first_pr_see_the_next_and_ask_the_bot_for_help(sandbox, browser):
    root = sandbox.standin.html_url.rstrip("/")
    response = sandbox.deliver("installation", installation_event(sandbox.state, sandbox.standin.urls, INSTALLATION))
    assert response.status_code == 202
    sandbox.wait_for(lambda: sandbox.pulls(), timeout=150)
    (first,) = sandbox.pulls()

    # The pull request's page: the body is rendered Markdown, its test summary a real table.
    browser.get("%s/octo/legacy/pull/%d" % (root, first.number))
    assert browser.find_element(By.ID, "state").text == "open"
    table = browser.find_element(By.XPATH, "//div[@class='markdown']//table[.//td[contains(., '2.7')]]")
    assert table.is_displayed() and "3 passed" in table.text
    assert browser.find_element(By.TAG_NAME, "summary").is_displayed()  # <details>, folded
    assert browser.find_element(By.ID, "diff").is_displayed()

    # Merge: the page shows it merged, and the bot (told by the webhook) opens the next one.
    browser.find_element(By.ID, "merge").click()
    after_click(browser, lambda d: d.find_element(By.ID, "state").text == "merged")
    assert first.pull.merged
    pulls_page = "%s/octo/legacy/pulls" % root
    second = poll(browser, pulls_page, lambda d: [
        li for li in d.find_elements(By.CSS_SELECTOR, "li.item.open") if "(2 of 2)" in li.text], timeout=150)[0]
    assert "merged" in browser.find_element(By.CSS_SELECTOR, "li.item[data-number='%d']" % first.number).text

    # Ask the bot for help on the new PR: the comment box, then the bot's reply on the page.
    second_number = second.get_attribute("data-number")
    second.find_element(By.TAG_NAME, "a").click()
    after_click(browser, lambda d: "(2 of 2)" in d.find_element(By.TAG_NAME, "h1").text)
    pull_page = browser.current_url
    browser.find_element(By.ID, "new_comment_field").send_keys("/py3bridge help")
    browser.find_element(By.ID, "comment-submit").click()
    after_click(browser, lambda d: "#issuecomment-" in d.current_url)
    mine = browser.find_element(By.CSS_SELECTOR, "#comments .comment")
    assert mine.find_element(By.CLASS_NAME, "author").text == "octo" and "/py3bridge help" in mine.text

    def reply(driver):
        for comment in driver.find_elements(By.CSS_SELECTOR, "#comments .comment"):
            if comment.find_element(By.CLASS_NAME, "author").text == "py3bridge[bot]" and "rebase" in comment.text:
                return comment
        return None

    answer = poll(browser, pull_page.split("#")[0], reply, timeout=90)
    assert answer.find_element(By.TAG_NAME, "blockquote").text == "/py3bridge help"  # quoting the command
    assert answer.find_element(By.XPATH, ".//table//td[code='rebase']").is_displayed()  # the commands, a table
    assert browser.find_element(By.CSS_SELECTOR, "#comments .comment .reaction").get_attribute("title") == "eyes"
    assert [(d.event, d.status) for d in sandbox.state.deliveries] == [
        ("pull_request", 202), ("push", 202), ("issue_comment", 202)]
    # The merge's two deliveries (pull_request closed, push) opened one next PR, not two (max_open_prs: 1).
    assert [p.number for p in sandbox.pulls("open")] == [int(second_number)]
