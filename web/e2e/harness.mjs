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

// The demo logins of `serve --demo` (README, docs/security.md).
export const demo = {
  frontDesk: { email: "oakley.demo@example.com", password: "demo-frontdesk-oakley" },
  prescriber: { email: "avery.demo@example.com", password: "demo-prescriber-avery" },
  nurse: { email: "gray.demo@example.com", password: "demo-nurse-gray-allen" },
  patient: { email: "devon.demo@example.com", password: "demo-patient-devon-26" },
};

// Signs in through the app's login page and waits to leave it.
export async function signIn(page, { email, password }, next = null) {
  if (next !== null) await page.goto(`/login?${new URLSearchParams({ next })}`);
  else if (!new URL(page.url()).pathname.startsWith("/login")) await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
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

// An API caller with a session of its own (cookie and CSRF token), from a
// login or a sign-up: { session, call(method, path, body, headers) }.
function withCookie(response, session) {
  const cookie = response.headers.get("set-cookie").split(";")[0];
  const call = (method, path, body, headers = {}) =>
    apiJson(method, path, body, { Cookie: cookie, "X-CSRF-Token": session.csrf_token, ...headers });
  return { session, call };
}

export async function apiLogin({ email, password }) {
  const r = await fetch(new URL("/api/v1/session", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (!r.ok) throw new Error(`login ${email}: ${r.status} ${await r.text()}`);
  return withCookie(r, await r.json());
}

// Signs a new patient up; `.patient` is their record.
export async function apiSignUp(input) {
  const r = await fetch(new URL("/api/v1/accounts", baseUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(input),
  });
  if (!r.ok) throw new Error(`sign-up ${input.email}: ${r.status} ${await r.text()}`);
  const made = await r.json();
  return { ...withCookie(r, made.session), patient: made.patient };
}
