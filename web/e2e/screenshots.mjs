// Screenshots of every page at phone and desktop width, to look at by eye:
//   KC_BASE_URL=http://127.0.0.1:8080 node e2e/screenshots.mjs
// against a running `ketaclinic serve --demo`; writes test-results/screens/*.png.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { desktop, phone, startBrowser, stopBrowser, withPage } from "./harness.mjs";

const out = join(process.env.KC_RESULTS ?? "../test-results", "screens");
mkdirSync(out, { recursive: true });
const pages = [
  ["landing", "/"],
  ["find", "/find?zip=75013"],
  ["clinic", "/clinics/allen"],
  ["board", "/staff/board?location=allen"],
  ["simulator", "/staff/simulator"],
  ["not-found", "/no-such-page"],
  ...(process.env.KC_EXTRA ?? "").split(",").filter(Boolean).map((p, i) => [`extra-${i}`, p]),
];

await startBrowser();
try {
  for (const [size, viewport] of [["phone", phone], ["desktop", desktop]])
    await withPage(`screens-${size}`, async (page) => {
      for (const [name, path] of pages) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        await page.waitForTimeout(300);
        await page.screenshot({ path: join(out, `${name}-${size}.png`), fullPage: true });
        if (size === "phone") await page.screenshot({ path: join(out, `${name}-${size}-top.png`) });
      }
    }, { viewport });
} finally {
  await stopBrowser();
}
console.log(`screenshots in ${out}`);
