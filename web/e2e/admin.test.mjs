// The administrator's screens and the password change, in a real browser
// against `ketaclinic serve --demo`: the administrator adds a nurse (the API's
// refusal of a prescriber's staff record shown next to the field, then the
// generated password shown once, which signs in), disables the account, and
// reads its trail on the Audit screen; the Users screen passes axe at 1280 px
// and 390 px without widening the page. Everyone changes their own password
// from the account menu: a wrong current password and a weak new one are
// named at their fields, the other session ends, the new password signs in.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { apiLogin, apiSignUp, desktop, phone, seriousViolations, signIn, startBrowser, stopBrowser, withPage } from "./harness.mjs";

before(startBrowser);
after(stopBrowser);

const admin = { email: "quinn.demo@example.com", password: "demo-admin-quinn-2026" }; // docs/security.md
const tag = Date.now().toString(36);

async function expectAccessible(page, what) {
  assert.deepEqual(await seriousViolations(page), [], `${what}: serious or critical accessibility violations`);
}

async function expectNoOverflow(page, what) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${what} is ${overflow}px wider than the screen`);
}

test("an administrator adds a nurse, sees the API's refusal at its field, hands over the password once, disables the account and reads its audit trail", async () => {
  const email = `new.nurse.${tag}@example.com`;
  let password = "";
  await withPage("admin-users", async (page) => {
    await signIn(page, admin);
    await page.waitForURL(/\/admin\/users$/);
    await page.getByRole("region", { name: "Staff accounts" }).getByRole("link", { name: /^Gray Demo/ }).waitFor();
    await page.getByRole("link", { name: "Add a user" }).click();
    await page.getByRole("heading", { level: 1, name: "Add a user" }).waitFor();

    await page.getByRole("button", { name: "Create account" }).click();
    await page.getByRole("alert").getByText("There is a problem").waitFor();
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Name", { exact: true }).fill("New Nurse");
    await page.getByLabel("Nurse", { exact: true }).check();
    await page.getByLabel("Ketaclinic Demo Allen").check();
    await page.getByLabel("Staff record").selectOption("avery-demo"); // a prescriber's record: refused by the API
    await page.getByRole("button", { name: "Create account" }).click();
    const fieldError = page.locator("#user-staff-code-error");
    await fieldError.waitFor();
    assert.match(await fieldError.innerText(), /is not a nurse in the clinic directory/);
    assert.equal(await page.getByLabel("Staff record").getAttribute("aria-invalid"), "true");
    await expectAccessible(page, "the new-user form with an error");

    await page.getByLabel("Staff record").selectOption("");
    await page.getByRole("button", { name: "Create account" }).click();
    password = await page.getByTestId("generated-password").innerText();
    assert.ok(password.length >= 15, "a generated password is shown");
    await (await apiLogin({ email, password })).call("GET", "/api/v1/session");

    await page.getByRole("link", { name: "Edit New Nurse" }).click();
    await page.getByRole("heading", { level: 1, name: "New Nurse" }).waitFor();
    await page.getByLabel(/^Disabled/).check();
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByText("Saved.").waitFor();
    await assert.rejects(apiLogin({ email, password }), /401/);

    await page.getByRole("link", { name: "All users" }).click();
    const row = page.getByRole("row").filter({ hasText: email });
    await row.getByText("Disabled").waitFor();
    await row.getByRole("link", { name: /Audit/ }).click();
    await page.getByRole("heading", { level: 1, name: "Audit trail" }).waitFor();
    const entries = page.getByRole("region", { name: "Audit entries" });
    await entries.getByText("login").first().waitFor(); // the new nurse's sign-in
    await page.getByLabel("Patient record").fill("x");
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("#audit-patient-error").waitFor();
    await expectAccessible(page, "the audit trail");
  }, { allow: [/Failed to load resource: the server responded with a status of 400/] });
});

for (const [width, viewport] of [["1280 px", desktop], ["390 px", phone]])
  test(`the Users and Audit screens are accessible at ${width}`, async () => {
    await withPage(`admin-accessible-${width}`, async (page) => {
      await signIn(page, admin);
      for (const [path, heading] of [["/admin/users", "Users"], ["/admin/users/new", "Add a user"], ["/admin/audit", "Audit trail"], ["/admin/locations", "Locations"], ["/account/password", "Change password"]]) {
        await page.goto(path);
        await page.getByRole("heading", { level: 1, name: heading }).waitFor();
        await page.waitForLoadState("networkidle");
        await expectAccessible(page, `${path} at ${width}`);
        await expectNoOverflow(page, `${path} at ${width}`);
      }
    }, { viewport });
  });

test("a signed-in patient changes their password from the account menu; the other session ends", async () => {
  const email = `pw.${tag}@example.com`, old = "amber kettle walks north slowly", fresh = "violet harbour sings at dawn";
  const other = await apiSignUp({ given_name: "Pat", family_name: `Password${tag}`, date_of_birth: "1988-08-08", sex: "female", email, password: old });
  await withPage("change-password", async (page) => {
    await signIn(page, { email, password: old });
    await page.getByRole("link", { name: "Change password" }).click();
    await page.getByRole("heading", { level: 1, name: "Change password" }).waitFor();
    const fill = async (current, next, again = next) => {
      await page.getByLabel("Current password", { exact: true }).fill(current);
      await page.getByLabel("New password", { exact: true }).fill(next);
      await page.getByLabel("New password again", { exact: true }).fill(again);
      await page.getByRole("button", { name: "Change password" }).click();
    };
    await fill("not my password at all", fresh);
    await page.locator("#pw-current-error").getByText("Is not your current password.").waitFor();
    await fill(old, "short");
    await page.locator("#pw-new-error").getByText(/at least 15 characters/).waitFor();
    await expectAccessible(page, "the password form with an error");
    await fill(old, fresh, "violet harbour sings at dusk");
    await page.locator("#pw-repeat-error").waitFor();
    await fill(old, fresh);
    await page.getByText("Your password is changed.").waitFor();
    await page.goto("/appointments");
    await page.getByRole("heading", { level: 1, name: "My appointments" }).waitFor(); // still signed in here
  }, { allow: [/Failed to load resource: the server responded with a status of 400/] });
  await assert.rejects(other.call("GET", "/api/v1/session"), /401/);
  await apiLogin({ email, password: fresh });
  await assert.rejects(apiLogin({ email, password: old }), /401/);
});
