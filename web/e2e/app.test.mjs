// The web app in a real browser against `ketaclinic serve --demo`: a patient
// finds the Allen clinic from ZIP 75013, books a consultation creating their
// account on the way, and finds it under "My appointments"; the front desk
// signs in, sees the booking on the day board and checks the patient in, and
// does not get the simulator; a patient moves and cancels a visit; a
// prescriber's simulator draws its chart with the API's numbers; problems are
// shown in words; signed-out visitors of staff pages are sent to the login;
// axe-core finds no serious or critical violation on any page, at phone and
// desktop widths.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  apiJson, apiLogin, apiSignUp, demo, desktop, phone, seriousViolations, signIn, startBrowser, stopBrowser, withPage,
} from "./harness.mjs";

before(startBrowser);
after(stopBrowser);

const family = `Browser${Date.now().toString(36)}`;
const passphrase = "amber kettle walks north slowly";

async function expectAccessible(page, what) {
  const found = await seriousViolations(page);
  assert.deepEqual(found, [], `${what}: serious or critical accessibility violations`);
}

let booked = null; // { id, date } of the consultation booked in the first test

test("a patient finds the Allen clinic from ZIP 75013, books a consultation creating an account, and sees it", async () => {
  await withPage(
    "booking",
    async (page) => {
      await page.goto("/");
      await page.getByRole("heading", { level: 1, name: "Ketamine treatment, step by step" }).waitFor();
      await expectAccessible(page, "landing");
      assert.equal(await page.getByRole("link", { name: "Day board" }).count(), 0, "no staff pages for visitors");
      await page.getByRole("link", { name: "Find a clinic near you" }).first().click();

      await page.getByLabel("ZIP code or city").fill("75013");
      await page.getByRole("button", { name: "Search" }).click();
      await page.getByRole("heading", { name: /^Clinics near 75013/ }).waitFor();
      const first = page.locator(".card-list > li").first();
      assert.match(await first.locator("h3").innerText(), /Allen/);
      assert.match(await first.innerText(), /miles away/);
      assert.match(await first.innerText(), /Next free consultation:/);
      await expectAccessible(page, "find a clinic");
      await page.getByRole("link", { name: "See times and book at Ketaclinic Demo Allen" }).click();

      await page.getByRole("heading", { level: 1, name: "Ketaclinic Demo Allen" }).waitFor();
      await page.getByText("Times are shown in the clinic's time zone").waitFor();
      const slot = page.locator(".slot-grid a").first();
      await slot.waitFor();
      await expectAccessible(page, "clinic");
      await slot.click();

      await page.getByRole("heading", { level: 1, name: "Book a consultation" }).waitFor();
      await page.getByRole("button", { name: "Continue" }).click();
      assert.match(await page.locator(".field-error").first().innerText(), /Enter your first name/);
      await page.getByLabel("First name").fill("Robin");
      await page.getByLabel("Last name").fill(family);
      await page.getByLabel("Date of birth").fill("1984-05-06");
      await page.getByLabel("Sex").selectOption("female");
      await expectAccessible(page, "booking details");
      await page.getByRole("button", { name: "Continue" }).click();

      await page.getByRole("heading", { name: "Create an account or sign in" }).waitFor();
      await page.getByLabel("Email").fill(`robin.${family.toLowerCase()}@example.com`);
      const password = page.getByLabel("Choose a password");
      await password.fill("too short");
      await page.getByRole("button", { name: "Create account and continue" }).click();
      await page.getByText("Your password must be at least 15 characters").waitFor();
      assert.equal(await password.getAttribute("aria-invalid"), "true");
      await password.fill("password12345678"); // long enough, but on the list of common passwords
      await page.getByRole("button", { name: "Create account and continue" }).click();
      await page.getByText("Your password is too common; choose another.").waitFor();
      await expectAccessible(page, "account step with an error");
      await password.fill(passphrase);
      await page.getByRole("button", { name: "Create account and continue" }).click();

      await page.getByRole("heading", { name: "Check and book" }).waitFor();
      assert.match(await page.locator(".details").innerText(), new RegExp(`Robin ${family}`));
      await expectAccessible(page, "booking confirmation");
      await page.getByRole("button", { name: "Book consultation" }).click();

      await page.waitForURL(/\/appointments\/\d+\?booked=1$/);
      await page.getByText("Your consultation is booked.").waitFor();
      assert.equal(await page.locator(".badge").first().innerText(), "Booked");
      await expectAccessible(page, "appointment");
      const id = Number(/appointments\/(\d+)/.exec(page.url())[1]);

      // The header now names the patient; "My appointments" lists the visit.
      await page.getByText(`Robin ${family}`).first().waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My appointments" }).click();
      await page.getByRole("heading", { level: 1, name: "My appointments" }).waitFor();
      const visit = page.locator(".visit", { has: page.locator(`a[href="/appointments/${id}"]`) });
      await visit.first().waitFor();
      assert.match(await visit.first().innerText(), /Consultation/);
      assert.match(await visit.first().innerText(), /Ketaclinic Demo Allen/);
      await expectAccessible(page, "my appointments");

      const desk = await apiLogin(demo.frontDesk);
      const appointment = await desk.call("GET", `/api/v1/appointments/${id}`);
      assert.equal(appointment.location, "allen");
      assert.equal(appointment.type, "consultation");
      booked = { id, date: appointment.start.slice(0, 10) };
    },
    { viewport: phone, allow: [/status of 400/] }, // the refused common password
  );
});

test("the front desk signs in, sees the booking on the day board and checks the patient in", async () => {
  assert.ok(booked, "needs the booking of the previous test");
  await withPage("day-board", async (page) => {
    const board = `/staff/board?location=allen&date=${booked.date}`;
    await page.goto(board);
    await page.waitForURL(/\/login\?next=/);
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.getByText("Please sign in to open that page.").waitFor();
    await expectAccessible(page, "login");
    await signIn(page, demo.frontDesk);
    assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, board, "back where they wanted to go");

    const row = page.locator("tr", { hasText: `Robin ${family}` });
    await row.waitFor();
    assert.match(await row.innerText(), /Consultation/);
    assert.match(await row.locator(".badge").innerText(), /Booked/);
    await expectAccessible(page, "day board");
    await row.getByRole("button", { name: /^Check in/ }).click();
    await row.locator(".badge", { hasText: "Checked in" }).waitFor();
    const desk = await apiLogin(demo.frontDesk);
    assert.equal((await desk.call("GET", `/api/v1/appointments/${booked.id}`)).status, "checked_in");
    await page.getByLabel("Chair or room").check();
    await page.locator("section.lane h2").first().waitFor();
    await expectAccessible(page, "day board by chair");

    // The front desk has no simulator: not in the menu, and not by address.
    assert.equal(await page.getByRole("link", { name: "Simulator" }).count(), 0);
    await page.goto("/staff/simulator");
    await page.getByRole("heading", { level: 1, name: "Not available to your account" }).waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("link", { name: "Sign in" }).waitFor();
    assert.equal(await page.getByRole("link", { name: "Day board" }).count(), 0);
    await page.goto("/staff/board");
    await page.waitForURL(/\/login\?next=/);
  });
});

test("a patient adds a visit to the calendar, moves it and cancels it", async () => {
  const email = `sam.${family.toLowerCase()}@example.com`;
  const sam = await apiSignUp({
    given_name: "Sam", family_name: family, date_of_birth: "1990-01-02", sex: "male", email, password: passphrase,
  });
  const from = new Date(Date.now() + 5 * 86400000).toISOString().slice(0, 10);
  const free = await apiJson("GET", `/api/v1/availability?location=mckinney&type=consultation&from=${from}`);
  const appointment = await sam.call(
    "POST", "/api/v1/appointments",
    { patient_id: sam.patient.id, location: "mckinney", type: "consultation", start: free.slots[0].start },
    { "Idempotency-Key": `e2e-${family}` },
  );
  await withPage("appointment-changes", async (page) => {
    await signIn(page, { email, password: passphrase }, `/appointments/${appointment.id}`);
    const calendar = page.getByRole("link", { name: "Add to calendar" });
    await calendar.waitFor();
    const cookies = await page.context().cookies();
    const ics = await fetch(new URL(await calendar.getAttribute("href"), page.url()), {
      headers: { Cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") },
    });
    assert.equal(ics.status, 200);
    assert.match(ics.headers.get("content-type"), /^text\/calendar/);
    assert.match(await ics.text(), /BEGIN:VEVENT/);

    await page.getByRole("button", { name: "Move to another time" }).click();
    const next = page.locator(".slot-grid button").nth(1);
    await next.waitFor();
    await expectAccessible(page, "reschedule");
    await next.click();
    await page.getByRole("heading", { name: "Choose a new time" }).waitFor({ state: "detached" });
    const moved = await sam.call("GET", `/api/v1/appointments/${appointment.id}`);
    assert.notEqual(moved.start, appointment.start);

    await page.getByRole("button", { name: "Cancel appointment" }).click();
    await page.getByLabel("Reason (optional)").fill("feeling better");
    await page.getByRole("button", { name: "Yes, cancel it" }).click();
    await page.locator(".badge", { hasText: "Cancelled" }).waitFor();
    assert.equal((await sam.call("GET", `/api/v1/appointments/${appointment.id}`)).status, "cancelled");

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My appointments" }).click();
    await page.getByRole("heading", { name: "Past and cancelled" }).waitFor();
    await page.getByText("No visits booked.").waitFor();
  });
});

test("a time taken meanwhile offers nearby times and books one for the same account", async () => {
  const from = new Date(Date.now() + 6 * 86400000).toISOString().slice(0, 10);
  const free = await apiJson("GET", `/api/v1/availability?location=frisco&type=consultation&from=${from}`);
  const wanted = free.slots[0].start;
  await withPage(
    "slot-taken",
    async (page) => {
      await page.goto(`/book/frisco?${new URLSearchParams({ start: wanted })}`);
      await page.getByLabel("First name").fill("Kim");
      await page.getByLabel("Last name").fill(family);
      await page.getByLabel("Date of birth").fill("1979-09-30");
      await page.getByLabel(/^Phone/).fill("+1 214 555 0199");
      await page.getByRole("button", { name: "Continue" }).click();
      await page.getByLabel("Email").fill(`kim.${family.toLowerCase()}@example.com`);
      await page.getByLabel("Choose a password").fill(passphrase);
      await page.getByRole("button", { name: "Create account and continue" }).click();
      await page.getByRole("heading", { name: "Check and book" }).waitFor();
      // Someone else books the same time first.
      const other = await apiSignUp({
        given_name: "Lee", family_name: family, date_of_birth: "1970-03-03", sex: "unknown",
        email: `lee.${family.toLowerCase()}@example.com`, password: passphrase,
      });
      await other.call("POST", "/api/v1/appointments", { patient_id: other.patient.id, location: "frisco", type: "consultation", start: wanted },
        { "Idempotency-Key": `e2e-taken-${family}` });
      await page.getByRole("button", { name: "Book consultation" }).click();
      await page.getByText("Your consultation is not booked yet.").waitFor();
      await expectAccessible(page, "slot taken");
      await page.getByRole("heading", { name: "Free times nearby" }).waitFor();
      await page.locator(".card .slot-grid a").first().click();
      await page.getByRole("heading", { name: "Check and book" }).waitFor(); // still signed in: no second account
      await page.getByRole("button", { name: "Book consultation" }).click();
      await page.waitForURL(/\/appointments\/\d+\?booked=1$/);
      await page.getByText("Your consultation is booked.").waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My appointments" }).click();
      await page.locator(".visit").first().waitFor();
      assert.equal(await page.locator(".visit").count(), 1, "one visit for the one account");
    },
    { allow: [/Failed to load resource: the server responded with a status of 409/] },
  );
});

test("a prescriber's simulator draws Cp, Ce and the population band with the API's numbers", async () => {
  const body = { model: "domino", weight_kg: 80, dose_mg_per_kg: 0.5, duration_min: 40, population: { n: 500, seed: 1, percentiles: [5, 50, 95], cv: 0.3 } };
  const prescriber = await apiLogin(demo.prescriber);
  const expected = await prescriber.call("POST", "/api/v1/pharm/simulate", body);
  await withPage("simulator", async (page) => {
    await signIn(page, demo.prescriber, "/staff/simulator");
    await page.getByTestId("simulation").waitFor();
    assert.match(await page.getByTestId("citation").innerText(), /Domino/);
    await page.getByLabel("Weight (kg)").fill("80");
    await page.getByRole("button", { name: "Simulate" }).click();
    await page.getByTestId("cmax").filter({ hasText: `${Math.round(expected.summary.cmax_ng_ml)} ng/mL` }).waitFor();
    // Both charts are drawn: the plot area of each canvas has coloured pixels.
    const painted = await page.$$eval(".chart canvas", (canvases) =>
      canvases.map((c) => {
        const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
        let n = 0;
        for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
        return n;
      }),
    );
    assert.equal(painted.length, 2);
    for (const n of painted) assert.ok(n > 2000, `a chart canvas has only ${n} painted pixels`);
    assert.match(await page.locator("figure").first().innerText(), /virtual patients/);
    assert.match(await page.locator(".sources").innerText(), /ASSUMPTION/);
    await expectAccessible(page, "simulator");
  });
});

test("problems are shown in words: a wrong password, a missing appointment, a bad weight", async () => {
  await withPage(
    "problem-in-words",
    async (page) => {
      await page.goto("/login");
      await page.getByLabel("Email").fill(demo.nurse.email);
      await page.getByLabel("Password", { exact: true }).fill("not the right password");
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("The email or the password is not right.").waitFor();
      await expectAccessible(page, "login refused");
      await signIn(page, demo.nurse);

      await page.goto("/appointments/999999");
      const alert = page.getByRole("alert");
      await alert.waitFor();
      const text = await alert.innerText();
      assert.match(text, /We could not load your appointment/);
      assert.match(text, /appointment/i);
      assert.doesNotMatch(text, /[{}]|urn:|"code"/);
      await page.getByRole("button", { name: "Try again" }).waitFor();
      await page.goto("/staff/simulator");
      await page.getByTestId("simulation").waitFor();
      await page.getByLabel("Weight (kg)").fill("5000");
      await page.getByRole("button", { name: "Simulate" }).click();
      await page.getByText("The simulation could not run.").waitFor();
      assert.match(await page.getByRole("alert").innerText(), /Weight kg: must be a number from 0\.3 to 400/);
    },
    { allow: [/Failed to load resource: the server responded with a status of (401|404|400)/] },
  );
});

const kPublicPages = [
  ["/", "Ketamine treatment, step by step"],
  ["/find?zip=75013", "Find a clinic near you"],
  ["/clinics/frisco", "Ketaclinic Demo Frisco"],
  ["/login", "Sign in"],
  ["/no-such-page", "Page not found"],
];
const kSignedInPages = [
  [demo.patient, [["/appointments", "My appointments"]]],
  [demo.prescriber, [["/staff/board?location=allen", "Day board"], ["/staff/simulator", "Infusion simulator"]]],
];

async function checkPage(page, path, heading, width) {
  await page.goto(path);
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
  await page.waitForLoadState("networkidle");
  await expectAccessible(page, `${path} at ${width} width`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${path} is ${overflow}px wider than the ${width} screen`);
}

for (const [width, viewport] of [["phone", phone], ["desktop", desktop]])
  test(`every page is accessible at ${width} width`, async () => {
    await withPage(`accessible-${width}`, async (page) => {
      for (const [path, heading] of kPublicPages) await checkPage(page, path, heading, width);
    }, { viewport });
    for (const [who, pages] of kSignedInPages)
      await withPage(`accessible-${width}-${who.email}`, async (page) => {
        await signIn(page, who);
        for (const [path, heading] of pages) await checkPage(page, path, heading, width);
      }, { viewport });
  });
