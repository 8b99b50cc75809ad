// Browser harness for the end-to-end tests: Debian's chromium driven by npm
// playwright-core against the server that scripts/test-web.sh started
// (KC_BASE_URL). Each test gets a fresh page that records console errors;
// a failing test leaves a full-page screenshot in KC_RESULTS.
import { mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const baseUrl = process.env.KC_BASE_URL ?? "http://127.0.0.1:8080";
const results = process.env.KC_RESULTS ?? "test-results";
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export const phone = { width: 390, height: 844 };
export const desktop = { width: 1280, height: 900 };

let browser = null;

// One browser for the whole file. Playwright gives it a fresh, empty profile
// (a new --user-data-dir in a temporary folder) and removes it on close.
export async function startBrowser() {
  browser = await chromium.launch({
    executablePath: process.env.KC_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

export async function stopBrowser() {
  await browser?.close();
}

// Runs `body(page)` on a new page of `viewport`; fails when the page logged a
// console error or threw (unless the text matches one of `allow`); on failure
// saves test-results/<name>.png.
export async function withPage(name, body, { viewport = desktop, allow = [] } = {}) {
  const context = await browser.newContext({ viewport, baseURL: baseUrl });
  const page = await context.newPage();
  const errors = [];
  page.on("console", (m) => {
    if (m.type() === "error" && !allow.some((re) => re.test(m.text()))) errors.push(`console: ${m.text()}`);
  });
  page.on("pageerror", (e) => errors.push(`page error: ${e.message}`));
  try {
    await body(page);
    if (errors.length) throw new Error(`the browser reported errors:\n${errors.join("\n")}`);
  } catch (e) {
    mkdirSync(results, { recursive: true });
    const file = join(results, `${name.replace(/[^\w-]+/g, "-")}.png`);
    await page.screenshot({ path: file, fullPage: true }).catch(() => {});
    e.message += `\n(screenshot: ${file}; page: ${page.url()})`;
    throw e;
  } finally {
    await context.close();
  }
}

// axe-core on the current page: the serious and critical violations, as text.
// Injected through the debugging protocol, which the page's CSP does not govern.
export async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.slice(0, 3).join("; ")})`);
}

// The API, straight from the test (Node's fetch), to set up and to compare.
export async function apiJson(method, path, body, headers = {}) {
  const r = await fetch(new URL(path, baseUrl), {
    method,
    headers: body === undefined ? headers : { "Content-Type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}
