// The web app in a real browser against `ketaclinic serve --demo`, the
// journey of issue 6: a patient finds the Allen clinic from ZIP 75013, books a
// consultation creating their account on the way, answers the PHQ-9 one
// question at a time with item 9 positive and sees the crisis resources at
// once; the front desk signs in, sees the booking and that a safety flag
// exists on the day board, and checks the patient in; a prescriber
// acknowledges the flag on the board, opens the record, sees the PHQ-9 trend
// chart, screens and decides; the simulator draws its chart with the API's
// numbers. Also: a patient moves and cancels a visit; problems are shown in
// words; keyboard use; signed-out visitors of staff pages are sent to the
// login; axe-core finds no serious or critical violation on any page, at
// phone and desktop widths.
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

let booked = null; // { id, date, patientId } of the consultation booked in the first test

// Answers the current question by its option's text and goes on.
async function answer(page, option) {
  await page.getByRole("radio", { name: option, exact: true }).check();
  await page.getByRole("button", { name: /^(Next|Review answers)$/ }).click();
}

test("a patient finds the Allen clinic from ZIP 75013, books a consultation creating an account, answers the PHQ-9 and sees crisis resources", async () => {
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
      // The error summary (GOV.UK pattern) takes the focus and links to each field.
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
      const summary = page.locator(".error-summary");
      assert.match(await summary.innerText(), /There is a problem/);
      await summary.getByRole("link", { name: "Enter your first name." }).click();
      assert.equal(await page.evaluate(() => document.activeElement?.id), "given_name");
      assert.match(await page.locator("#given_name-error").innerText(), /Enter your first name/);
      await page.getByLabel("First name").fill("Robin");
      await page.getByLabel("Last name").fill(family);
      await page.getByLabel("Date of birth").fill("1984-05-06");
      await page.getByLabel("Sex").selectOption("female");
      await page.getByLabel("Phone (optional)").fill("+1 214 555 0199");
      await expectAccessible(page, "booking details");
      await page.getByRole("button", { name: "Continue" }).click();

      await page.getByRole("heading", { name: "Create an account or sign in" }).waitFor();
      await page.getByLabel("Email").fill(`robin.${family.toLowerCase()}@example.com`);
      const password = page.getByLabel("Choose a password");
      await password.fill("too short");
      await page.getByRole("button", { name: "Create account and continue" }).click();
      await page.locator("#signup-password-error").getByText("Your password must be at least 15 characters").waitFor();
      assert.equal(await password.getAttribute("aria-invalid"), "true");
      await password.fill("password12345678"); // long enough, but on the list of common passwords
      await page.getByRole("button", { name: "Create account and continue" }).click();
      await page.locator("#signup-password-error").getByText("Your password is too common; choose another.").waitFor();
      assert.match(await page.locator(".error-summary").innerText(), /Your account is not created yet\.[\s\S]*too common/);
      await expectAccessible(page, "account step with an error");
      await password.fill(passphrase);
      await page.getByRole("button", { name: "Create account and continue" }).click();

      await page.getByRole("heading", { name: "Check and book" }).waitFor();
      assert.match(await page.locator(".details").innerText(), new RegExp(`Robin ${family}`));
      await expectAccessible(page, "booking confirmation");
      await page.getByRole("button", { name: "Book consultation" }).click();

      // Booked: the intake questionnaires come next.
      await page.waitForURL(/\/questionnaires\?booked=\d+$/);
      await page.getByText("Your consultation is booked.").waitFor();
      await page.getByRole("heading", { name: "Next: your intake questionnaires" }).waitFor();
      const id = Number(/booked=(\d+)/.exec(page.url())[1]);
      assert.match(await page.locator("main").innerText(), /Generalized Anxiety Disorder-7/);
      await expectAccessible(page, "intake list");
      await page.getByRole("link", { name: "Start Patient Health Questionnaire-9 (PHQ-9)" }).click();

      // One question at a time, with its progress; an answer is needed to go on.
      await page.getByText("Question 1 of 10").waitFor();
      await page.getByRole("heading", { level: 2, name: "Little interest or pleasure in doing things" }).waitFor();
      await page.getByRole("button", { name: "Next" }).click();
      await page.locator(".field-error").getByText("Choose an answer to continue.").waitFor();
      await page.waitForFunction(() => document.activeElement?.classList.contains("error-summary"));
      await expectAccessible(page, "a question");
      const phq9 = ["More than half the days", "More than half the days", "Several days", "More than half the days", "Several days",
        "Several days", "Several days", "Not at all", "Several days"]; // item 9: "Several days"
      for (const option of phq9) await answer(page, option);
      await page.getByText("Question 10 of 10").waitFor();
      await page.getByRole("button", { name: "Back" }).click();
      await page.getByText("Question 9 of 10").waitFor();
      assert.equal(await page.getByRole("radio", { name: "Several days" }).isChecked(), true, "Back keeps the answer");
      await page.getByRole("button", { name: "Next" }).click();
      await answer(page, "Somewhat difficult");
      await page.getByRole("heading", { name: "Check your answers" }).waitFor();
      await expectAccessible(page, "review");
      await page.getByRole("button", { name: "Send answers" }).click();

      // Item 9 raised an urgent flag: the crisis resources at once, with the focus on them.
      const crisis = page.getByTestId("crisis-resources");
      await crisis.waitFor();
      assert.match(await crisis.innerText(), /988 Suicide & Crisis Lifeline/);
      assert.equal(await crisis.getByRole("link", { name: "Call 988" }).getAttribute("href"), "tel:988");
      assert.equal(await crisis.getByRole("link", { name: "Text 988" }).getAttribute("href"), "sms:988");
      assert.equal(await crisis.getByRole("link", { name: "Call 911" }).getAttribute("href"), "tel:911");
      // The clinic that will call back, and when (data/clinic/flag_policy.json).
      const clinic = crisis.getByTestId("crisis-clinic");
      assert.match(await clinic.innerText(), /care team at Ketaclinic Demo Allen\. A clinician will call you within one hour/);
      assert.match(await clinic.getByRole("link", { name: /^Call Ketaclinic Demo Allen/ }).getAttribute("href"), /^tel:\+?\d{10,}$/);
      assert.equal(await page.evaluate(() => document.activeElement?.id), "crisis-heading");
      await page.getByRole("heading", { name: "Thank you, your answers are sent" }).waitFor();
      await expectAccessible(page, "crisis resources");
      await page.screenshot({ path: `${process.env.KC_RESULTS ?? "../test-results"}/journey-crisis-phone.png`, fullPage: true });

      // The header names the patient; "My appointments" lists the visit.
      await page.getByText(`Robin ${family}`).first().waitFor();
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "My appointments" }).click();
      await page.getByRole("heading", { level: 1, name: "My appointments" }).waitFor();
      const visit = page.locator(".visit", { has: page.locator(`a[href="/appointments/${id}"]`) });
      await visit.getByText(/^Consultation, until/).waitFor();
      assert.match(await visit.innerText(), /Ketaclinic Demo Allen/);
      await expectAccessible(page, "my appointments");

      const desk = await apiLogin(demo.frontDesk);
      const appointment = await desk.call("GET", `/api/v1/appointments/${id}`);
      assert.equal(appointment.location, "allen");
      assert.equal(appointment.type, "consultation");
      booked = { id, date: appointment.start.slice(0, 10), patientId: appointment.patient_id };
    },
    { viewport: phone, allow: [/status of 400/] }, // the refused common password
  );
});

test("the front desk signs in, sees the booking and that a safety flag exists on the day board, and checks the patient in", async () => {
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
    await row.locator(".badge", { hasText: "Booked" }).waitFor();
    await row.locator(".badge", { hasText: "Safety flag" }).waitFor();
    // The front desk sees THAT a flag is open, not why, and cannot acknowledge it.
    const flag = page.locator(".flag-row", { hasText: `Robin ${family}` });
    await flag.waitFor();
    assert.match(await flag.innerText(), /Open · urgent/);
    assert.doesNotMatch(await page.locator(".flags-panel").innerText(), /item 9|PHQ-9/i);
    assert.equal(await flag.getByRole("button").count(), 0);
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

test("the flag inbox shows a nurse every open flag with its answer, age and a call link, and the count in the navigation", async () => {
  assert.ok(booked, "needs the booking of the first test");
  for (const [name, size] of [["desktop", desktop], ["phone", phone]]) {
    await withPage(`flag-inbox-${name}`, async (page) => {
      await page.setViewportSize(size);
      await signIn(page, demo.nurse, "/staff/flags?location=allen");
      await page.getByRole("heading", { level: 1, name: "Flag inbox" }).waitFor();
      const entry = page.locator(".flag", { hasText: `Robin ${family}` });
      await entry.waitFor();
      assert.match(await entry.innerText(), /Answer: item 9: /);
      assert.match(await entry.innerText(), /waiting \d+ min/);
      assert.match(await entry.getByRole("link", { name: /^Call Robin/ }).getAttribute("href"), /^tel:/);
      const count = Number(await page.getByTestId("flag-count").innerText().then((t) => t.replace(/\D/g, "")));
      assert.ok(count >= 1, `the navigation counts ${count} open flags`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `the inbox is ${overflow}px wider than the screen`);
      await expectAccessible(page, `flag inbox (${name})`);
    });
  }
});

test("a prescriber acknowledges the flag on the day board, opens the record, sees the PHQ-9 trend, screens and decides", async () => {
  assert.ok(booked, "needs the booking of the first test");
  await withPage("flag-and-record", async (page) => {
    await signIn(page, demo.prescriber, `/staff/board?location=allen&date=${booked.date}`);
    const flag = page.locator(".flag-row", { hasText: `Robin ${family}` });
    await flag.getByRole("button", { name: /^Review and acknowledge/ }).click();
    await flag.getByText(/item 9/i).first().waitFor(); // clinicians see why
    // Signed as the login's own staff record: no choice of name.
    await flag.getByText(/Recorded as Avery Demo, MD \(demo\), the signed-in clinician/).waitFor();
    assert.equal(await flag.getByLabel("Acknowledged by").count(), 0);
    await expectAccessible(page, "acknowledge form");
    await flag.getByLabel("Action taken").fill("Called Robin: safe, safety plan reviewed; C-SSRS at the visit");
    await flag.getByRole("button", { name: "Acknowledge flag" }).click();
    await flag.getByText(/Acknowledged by Avery Demo, MD \(demo\) at .*: Called Robin: safe/).waitFor();
    const prescriber = await apiLogin(demo.prescriber);
    const flags = await prescriber.call("GET", `/api/v1/patients/${booked.patientId}/flags?status=all`);
    assert.equal(flags.flags[0].status, "acknowledged");
    assert.equal(flags.flags[0].acknowledgement.staff, "avery-demo");

    // A follow-up PHQ-9, assigned by the prescriber and answered by Robin: 11 -> 3 is a response and a remission.
    const followUp = await prescriber.call("POST", `/api/v1/patients/${booked.patientId}/assignments`, { instrument: "phq9" });
    const robin = await apiLogin({ email: `robin.${family.toLowerCase()}@example.com`, password: passphrase });
    const answers = { phq9_1: 1, phq9_2: 1, phq9_3: 1, phq9_4: 0, phq9_5: 0, phq9_6: 0, phq9_7: 0, phq9_8: 0, phq9_9: 0, phq9_10: 0 };
    await robin.call("POST", `/api/v1/assignments/${followUp.id}/submission`, { answers });

    // The record: demographics, the acknowledged flag, the visit, the PHQ-9 trend chart.
    await page.getByRole("link", { name: `Robin ${family}` }).first().click();
    await page.getByRole("heading", { level: 1, name: `Robin ${family}` }).waitFor();
    assert.match(await page.locator(".details").first().innerText(), /1984-05-06/);
    await page.getByRole("heading", { name: "Safety flags" }).waitFor();
    await page.locator(".flag", { hasText: "Acknowledged" }).waitFor();
    const trend = page.getByTestId("trend-phq9");
    await trend.waitFor();
    assert.match(await trend.innerText(), /Remission zone \(total < 5\)/);
    const rows = await trend.locator("tbody tr").allInnerTexts();
    assert.equal(rows.length, 2);
    assert.match(rows[0], /\(baseline\)\s+11\s+Moderate/);
    assert.match(rows[1], /\s3\s.*-8 \(-73 %\)\s+Yes\s+Yes/s); // response and remission reached
    const painted = await trend.locator("canvas").evaluate((c) => {
      const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
      return n;
    });
    assert.ok(painted > 2000, `the trend chart has only ${painted} painted pixels`);
    await expectAccessible(page, "patient record");

    // Eligibility: screen with the facts, read the reasons, decide.
    await page.getByRole("button", { name: "Screen for eligibility" }).click();
    await page.getByLabel("Pregnancy test").selectOption("no");
    await page.getByLabel("Systolic blood pressure (mmHg)").fill("128");
    await page.getByLabel("Diastolic blood pressure (mmHg)").fill("82");
    await page.getByLabel(/Takes no current medications/).check();
    await page.getByRole("button", { name: "Screen", exact: true }).click();
    const screening = page.locator(".screening").first();
    await screening.getByText(/Proposal by rule set/).waitFor();
    await screening.getByText("Missing information:").first().waitFor(); // the medical screening is not answered yet
    await expectAccessible(page, "screening with the decision form");
    await screening.getByLabel("Not eligible").check();
    await screening.getByLabel("Note").fill("Medical screening questionnaire first; review at the consultation.");
    await screening.getByRole("button", { name: "Record decision" }).click();
    await screening.getByText(/Decision: Not eligible by Avery Demo, MD \(demo\)/).waitFor();
    await page.screenshot({ path: `${process.env.KC_RESULTS ?? "../test-results"}/journey-record-desktop.png`, fullPage: true });

    // The same record on a phone: nothing wider than the screen (a long email wraps), still accessible.
    await page.setViewportSize(phone);
    await page.waitForTimeout(300);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the record is ${overflow}px wider than a phone`);
    await expectAccessible(page, "patient record on a phone");
    await page.screenshot({ path: `${process.env.KC_RESULTS ?? "../test-results"}/journey-record-phone.png`, fullPage: true });
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
      await page.waitForURL(/\/questionnaires\?booked=\d+$/);
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

// The clinic's dose caps (data/clinic/dose_policy.json): 1 mg/kg at 70 kg is 70 mg, above the 60 mg soft cap, so
// the simulator asks why; with a reason it predicts, says what was overridden and warns about the peak above the
// dissociation range. 5 mg/kg is above a hard cap: refused whatever the reason.
test("the simulator asks for an override reason above a soft cap and refuses a hard one", async () => {
  await withPage(
    "simulator-dose-policy",
    async (page) => {
      await signIn(page, demo.prescriber, "/staff/simulator");
      await page.getByTestId("simulation").waitFor();
      assert.match(await page.getByTestId("benchmark").innerText(), /where 185 ng\/mL was measured \(\+30 %\)/);
      await page.getByLabel("Dose (mg/kg)").fill("1");
      await page.getByRole("button", { name: "Simulate" }).click();
      await page.getByText("The simulation could not run.").waitFor();
      assert.match(await page.getByRole("alert").innerText(), /total_mg/);
      await page.getByLabel("Override reason").fill("escalation after no response to 0.5 mg/kg");
      await page.getByRole("button", { name: "Simulate" }).click();
      await page.getByTestId("simulation").waitFor();
      assert.match(await page.getByTestId("overridden").innerText(), /escalation after no response/);
      assert.match(await page.getByTestId("warning-caution").innerText(), /dissociation/);
      await expectAccessible(page, "simulator override");
      await page.getByLabel("Dose (mg/kg)").fill("5");
      await page.getByRole("button", { name: "Simulate" }).click();
      await page.getByText("The simulation could not run.").waitFor();
      assert.match(await page.getByRole("alert").innerText(), /hard cap/);
    },
    { allow: [/Failed to load resource: the server responded with a status of 422/] },
  );
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

test("keyboard only: the skip link, signing in with Enter, the focus on each new page's heading", async () => {
  await withPage("keyboard", async (page) => {
    await page.goto("/login?next=%2Fstaff%2Fsimulator");
    await page.getByRole("heading", { level: 1, name: "Sign in" }).waitFor();
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), "Skip to content");
    await page.keyboard.press("Enter");
    assert.equal(await page.evaluate(() => document.activeElement?.id), "main");
    await page.keyboard.press("Tab"); // the first control in the page: the email field
    assert.equal(await page.evaluate(() => document.activeElement?.id), "login-email");
    await page.keyboard.type(demo.nurse.email);
    await page.keyboard.press("Tab");
    await page.keyboard.type(demo.nurse.password);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/staff\/simulator$/);
    await page.getByRole("heading", { level: 1, name: "Infusion simulator" }).waitFor();
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    const ring = await page.evaluate(() => {
      const button = document.querySelector("button.button");
      button.focus();
      return getComputedStyle(button).outlineStyle;
    });
    assert.notEqual(ring, "none", "a focused button shows its focus ring");
  });
});

const kPublicPages = [
  ["/", "Ketamine treatment, step by step"],
  ["/find?zip=75013", "Find a clinic near you"],
  ["/clinics/frisco", "Ketaclinic Demo Frisco"],
  ["/login", "Sign in"],
  ["/no-such-page", "Page not found"],
];
// Devon Demo, the demo patient, has a record with an infusion course.
const devon = async () => (await apiLogin(demo.patient)).session.account.patient_id;
const kSignedInPages = async () => [
  [demo.patient, [["/appointments", "My appointments"], ["/questionnaires", "My questionnaires"]]],
  [demo.prescriber, [
    ["/staff/board?location=allen", "Day board"],
    ["/staff/patients?q=Demo", "Patients"],
    [`/staff/patients/${await devon()}`, "Devon Demo"],
    ["/staff/simulator", "Infusion simulator"],
  ]],
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
    for (const [who, pages] of await kSignedInPages())
      await withPage(`accessible-${width}-${who.email}`, async (page) => {
        await signIn(page, who);
        for (const [path, heading] of pages) await checkPage(page, path, heading, width);
      }, { viewport });
  });
