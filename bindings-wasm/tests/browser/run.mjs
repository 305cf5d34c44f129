// Headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core):
// loads the web build from a page on 127.0.0.1 and runs the shared vectors and
// the hostile suite inside the page; then checks the browser example page.
import { chromium } from "playwright-core";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { serve } from "../serve/server.mjs";
import { flowSummary } from "../../../tests/js/flows.mjs";
import { summary } from "../../../tests/js/vectors.mjs";
import { hostileSummary } from "../../../tests/js/hostile.mjs";

const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const profile = await mkdtemp(path.join(os.tmpdir(), "alexpay-chromium-"));
let failed = 0;
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
try {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });

  await page.goto(`${base}/tests/browser/index.html`);
  await page.waitForFunction(() => window.__alexpayResult !== undefined, null, { timeout: 60_000 });
  const r = await page.evaluate(() => window.__alexpayResult);
  if (r.error) {
    console.log(`chromium: the test page failed: ${r.error}`);
    failed++;
  } else {
    console.log(`chromium: ${r.userAgent}`);
    console.log(summary("chromium", r.vectors));
    console.log(hostileSummary("chromium", r.hostile));
    console.log(flowSummary("chromium", r.flows));
    failed += r.vectors.failed + r.hostile.failed + r.flows.failed;
  }

  // The browser example builds and displays a payout request.
  await page.goto(`${base}/examples/browser/index.html`);
  await page.waitForFunction(() => document.getElementById("request")?.dataset.ready === "1", null, { timeout: 30_000 });
  const shown = await page.textContent("#request");
  const exampleOk = shown.includes("/v1/payment/payouts/process") && shown.includes("[REDACTED]") && !shown.includes("sk_test_browser_demo");
  console.log(`chromium: examples/browser/index.html ${exampleOk ? "builds and displays a payout request" : "FAILED:\n" + shown}`);
  if (!exampleOk) failed++;
  if (problems.length) {
    console.log(problems.join("\n"));
    failed += problems.length;
  }
} finally {
  await context.close();
  server.close();
  await rm(profile, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
