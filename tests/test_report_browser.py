"""The report in a real headless Chromium: loads offline, no console errors, sections visible."""

from __future__ import annotations

import shutil

import pytest

pytestmark = pytest.mark.browser

webdriver = pytest.importorskip("selenium.webdriver")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    if not CHROMIUM or not DRIVER:
        pytest.skip("chromium / chromedriver not installed")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    opts = Options()
    opts.binary_location = CHROMIUM
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1600",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        opts.add_argument(flag)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    drv = webdriver.Chrome(service=Service(DRIVER), options=opts)
    drv.set_page_load_timeout(60)
    yield drv
    drv.quit()


def test_report_in_chromium(driver, tmp_path):
    from selenium.webdriver.common.by import By

    from policytext.datasets import load_sample
    from policytext.report import build_report

    corpus = load_sample(extract=True)
    out = build_report(corpus, tmp_path / "report.html")
    driver.get(out.resolve().as_uri())
    assert "policytext report" in driver.title
    for key in ("overview", "lexicon", "spread", "topics", "keyness", "reprints", "documents"):
        assert driver.find_element(By.ID, key).is_displayed()
    doc_id = corpus.doc_ids[1]
    driver.get(out.resolve().as_uri() + f"#doc-{doc_id}")
    assert driver.find_element(By.ID, f"doc-{doc_id}").is_displayed()
    box = driver.find_element(By.ID, "docfilter")
    box.send_keys("不存在的标题")
    visible = [
        li for li in driver.find_elements(By.CSS_SELECTOR, "#doclist li") if li.is_displayed()
    ]
    assert visible == []
    shot = tmp_path / "report.png"
    driver.find_element(By.ID, "overview").screenshot(str(shot))
    assert shot.stat().st_size > 5000
    severe = [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]
    assert severe == [], severe
