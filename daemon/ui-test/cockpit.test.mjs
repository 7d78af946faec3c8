// The operator page in a real browser (Debian's chromium, headless, driven by playwright-core; no browser is ever
// downloaded) against a daemon on the local chain that BrowserIT starts: HUBD_URL, HUBD_TOKEN and HUBD_SCREENSHOT
// come from it. Logs in, pauses TUSD, asks the faucet for a payout and sees its job appear and wait while planning is
// paused, resumes and sees the job complete, and checks that what a user controls is shown as text, never as markup.
import { test } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";

const URL = process.env.HUBD_URL;
const TOKEN = process.env.HUBD_TOKEN;
const CHROMIUM = process.env.HUBD_CHROMIUM || "/usr/bin/chromium";
const PATIENCE = 60_000;
const USER = "0x" + "00".repeat(12) + "00000000000000000000000000000000000b0b0b";
const OFFDELTA = process.env.HUBD_OFFDELTA; // the hub owes USER 40 TUSD: its sign depends on the hub's side

test("the cockpit logs in, shows a job appear and complete, and a paused token stops planning", async () => {
  assert.ok(URL && TOKEN, "HUBD_URL and HUBD_TOKEN are set by BrowserIT");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1800 } });
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    // failed requests show as console errors too; the one this test provokes (a malformed explain) is expected
    page.on("console", (m) => {
      if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
    });

    // an account the hub owes 40 TUSD (below the soft limit: nothing to plan), for the exposure panel
    const position = await fetch(URL + "/v1/positions", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + TOKEN },
      body: JSON.stringify({ version: 1, positions: [{ counterparty: USER, tokenId: 1, offdelta: OFFDELTA }] }),
    });
    assert.equal(position.status, 200, await position.text());

    await page.goto(URL + "/ui");
    await page.fill("#operator", "browser");
    await page.fill("#token", TOKEN);
    await page.click("#login button[type=submit]");
    await page.waitForSelector("#token-1", { timeout: PATIENCE });
    assert.match(await page.textContent("#planning-1"), /running/);
    await page.waitForFunction(() => /top exposure0x000000…0b0b\s*40\.00/.test(
      document.querySelector("#token-facts-1")?.textContent), null, { timeout: PATIENCE });
    assert.match(await page.textContent("#token-facts-1"), /hub credit0\.00 .*reserve saved by netting0\.00/s);
    assert.match(await page.textContent("#proposal-counts"), /^open: none .*settlements since start: proposed 0/);

    await page.click("#toggle-1");
    await page.waitForFunction(() => /paused \(operator\)/.test(document.querySelector("#planning-1")?.textContent),
      null, { timeout: PATIENCE });

    const faucet = await fetch(URL + "/v1/faucet", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ recipient: "0x00000000000000000000000000000000000b0b0b", tokenId: 1, amount: "1000000" }),
    });
    assert.equal(faucet.status, 202, await faucet.text());
    const open = await page.waitForSelector("#jobs-open tr[data-state=ACCEPTED]", { timeout: PATIENCE });
    const jobId = await open.getAttribute("data-job");
    // two more refreshes of the page while planning is paused: the job still waits
    for (let i = 0; i < 2; i++) {
      const before = await page.textContent("#status");
      await page.waitForFunction((b) => document.querySelector("#status").textContent !== b, before,
        { timeout: PATIENCE });
    }
    assert.equal(await page.getAttribute(`#jobs-open tr[data-job="${jobId}"]`, "data-state"), "ACCEPTED");

    await page.click("#toggle-1");
    await page.waitForSelector(`#jobs-closed tr[data-job="${jobId}"][data-state=CONFIRMED]`, { timeout: PATIENCE });
    assert.match(await page.textContent("#planning-1"), /running/);
    const audit = await page.textContent("#audit");
    assert.match(audit, /browser via session\s*PAUSE_TOKEN/);
    assert.match(audit, /browser via session\s*RESUME_TOKEN/);

    await page.fill("#explain-counterparty", "<img src=x id=injected onerror=\"window.pwned=1\">");
    await page.click("#explain-form button");
    await page.waitForFunction(() => /MALFORMED_REQUEST/.test(document.querySelector("#explain").textContent),
      null, { timeout: PATIENCE });
    assert.equal(await page.$("#injected"), null, "a string from the server became markup");
    assert.equal(await page.evaluate(() => window.pwned), undefined);

    if (process.env.HUBD_SCREENSHOT) {
      await page.screenshot({ path: process.env.HUBD_SCREENSHOT, fullPage: true });
    }
    assert.doesNotMatch(await page.textContent("#status"), /failed/);
    assert.deepEqual(errors, [], "errors in the page");
  } finally {
    await browser.close();
  }
});
