// The Users form's requests (a new account whole, an edit as only its changes,
// so one's own rename carries no grants) and the audit search from the address.
import { describe, expect, it } from "vitest";
import type { Account } from "../src/api/schema";
import { auditQueryOf, checkDraft, draftOf, emptyDraft, newUserRequest, userChange } from "../src/features/admin/user-draft";

const nurse: Account = {
  id: 7, email: "gray@example.test", name: "Gray", roles: ["nurse"], locations: ["allen"], patient_id: null,
  disabled: false, created_at: "2026-11-01T00:00:00Z", staff_code: "gray-demo",
};

describe("the Users form", () => {
  it("checks what the API would refuse before sending", () => {
    expect(Object.keys(checkDraft(emptyDraft())).sort()).toEqual(["email", "name", "roles"]);
    const desk = { ...emptyDraft(), email: "a@b.c", name: "A", roles: ["front_desk" as const] };
    expect(checkDraft(desk).locations).toMatch(/locations/);
    expect(checkDraft({ ...desk, roles: ["admin"] })).toEqual({});
    expect(checkDraft({ ...desk, locations: ["allen"] })).toEqual({});
  });

  it("sends a new account whole, without an empty staff record", () => {
    const d = { ...emptyDraft(), email: " New@Clinic.example ", name: " New ", roles: ["nurse" as const], locations: ["allen"] };
    expect(newUserRequest(d)).toEqual({ email: "New@Clinic.example", name: "New", roles: ["nurse"], locations: ["allen"] });
    expect(newUserRequest({ ...d, staffCode: "gray-demo" }).staff_code).toBe("gray-demo");
  });

  it("sends only what changed; unlinking sends null", () => {
    const d = draftOf(nurse);
    expect(userChange(nurse, d)).toEqual({});
    expect(userChange(nurse, { ...d, name: "Gray Demo" })).toEqual({ name: "Gray Demo" });
    expect(userChange(nurse, { ...d, locations: ["allen"], roles: ["nurse"] })).toEqual({}); // same sets
    expect(userChange(nurse, { ...d, roles: ["nurse", "prescriber"], staffCode: "" })).toEqual({
      roles: ["nurse", "prescriber"], staff_code: null,
    });
    expect(userChange(nurse, { ...d, disabled: true })).toEqual({ disabled: true });
  });
});

describe("the audit search", () => {
  it("reads the address, sending the day after the last day shown", () => {
    const q = auditQueryOf(new URLSearchParams("patient=12&user=3&from=2026-11-01&to=2026-11-30&before=99"));
    expect(q).toEqual({ patient: 12, user: 3, from: "2026-11-01", to: "2026-12-01", before: 99, limit: 50 });
  });

  it("drops what the API would refuse", () => {
    const q = auditQueryOf(new URLSearchParams("patient=0&user=x&from=yesterday&to="));
    expect(q).toEqual({ patient: undefined, user: undefined, before: undefined, limit: 50 });
  });
});
