// Screenshots of every page at phone and desktop width, to look at by eye:
//   KC_BASE_URL=http://127.0.0.1:8080 node e2e/screenshots.mjs
// against a running `ketaclinic serve --demo` (it signs in with the demo
// logins); writes test-results/screens/<page>-<width>.png. KC_EXTRA=/a,/b
// adds pages, seen signed out.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { demo, desktop, phone, signIn, startBrowser, stopBrowser, withPage } from "./harness.mjs";

const out = join(process.env.KC_RESULTS ?? "../test-results", "screens");
mkdirSync(out, { recursive: true });
// [who is signed in (null: nobody), [[name, path], ...]]
const pages = [
  [null, [
    ["landing", "/"],
    ["find", "/find?zip=75013"],
    ["clinic", "/clinics/allen"],
    ["login", "/login?next=%2Fstaff%2Fboard"],
    ["not-found", "/no-such-page"],
    ...(process.env.KC_EXTRA ?? "").split(",").filter(Boolean).map((p, i) => [`extra-${i}`, p]),
  ]],
  [demo.patient, [["my-appointments", "/appointments"], ["my-questionnaires", "/questionnaires"]]],
  [demo.frontDesk, [["board-front-desk", "/staff/board?location=allen"], ["simulator-front-desk", "/staff/simulator"]]],
  [demo.prescriber, [["board", "/staff/board?location=allen"], ["patients", "/staff/patients?q=Demo"], ["simulator", "/staff/simulator"]]],
];

await startBrowser();
try {
  for (const [size, viewport] of [["phone", phone], ["desktop", desktop]])
    for (const [who, list] of pages)
      await withPage(`screens-${size}`, async (page) => {
        if (who) await signIn(page, who);
        for (const [name, path] of list) {
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
