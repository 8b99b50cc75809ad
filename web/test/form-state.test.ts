// A form's errors: local checks, then the server's refusal; the summary links to the fields it knows.
import { describe, expect, it } from "vitest";
import { formErrors, hasErrors, withoutField } from "../src/lib/form-state";

const ids = { email: "login-email", password: "login-password" };

describe("form state", () => {
  it("has no errors before anything went wrong", () => {
    expect(formErrors(ids, {}, null)).toEqual({ fields: {}, summary: [] });
    expect(hasErrors({ email: undefined })).toBe(false);
  });

  it("puts local checks next to their fields and links them from the summary, in the form's order", () => {
    const e = formErrors(ids, { email: "Enter your email address.", password: "Enter your password." }, null);
    expect(e.fields).toEqual({ email: "Enter your email address.", password: "Enter your password." });
    expect(e.summary).toEqual([
      { href: "#login-email", text: "Enter your email address." },
      { href: "#login-password", text: "Enter your password." },
    ]);
  });

  it("skips fields whose check passed", () => {
    const e = formErrors(ids, { email: undefined, password: "Enter your password." }, null);
    expect(e.summary).toEqual([{ href: "#login-password", text: "Enter your password." }]);
    expect(e.fields.email).toBeUndefined();
  });

  it("shows local checks instead of an older refusal", () => {
    const e = formErrors(ids, { email: "Enter your email address." }, { message: "Too many tries." });
    expect(e.summary.map((s) => s.text)).toEqual(["Enter your email address."]);
  });

  it("places the server's field errors by their field, keeping the field's name in the summary", () => {
    const refusal = {
      message: "Password: is too common",
      fields: [{ field: "password", message: "password: is too common; choose another" }],
    };
    const e = formErrors(ids, {}, refusal);
    expect(e.fields.password).toBe("Is too common; choose another.");
    expect(e.summary).toEqual([{ href: "#login-password", text: "Password: is too common; choose another" }]);
  });

  it("lists a field error of a field the form does not have without a link", () => {
    const e = formErrors(ids, {}, { message: "x", fields: [{ field: "weight_kg", message: "weight_kg: must be a number from 0.3 to 400" }] });
    expect(e.fields).toEqual({});
    expect(e.summary).toEqual([{ href: null, text: "Weight kg: must be a number from 0.3 to 400" }]);
  });

  it("shows a refusal without field errors as one sentence", () => {
    const e = formErrors(ids, {}, { message: "The email or the password is not right." });
    expect(e.summary).toEqual([{ href: null, text: "The email or the password is not right." }]);
  });

  it("drops the field's name from a message shown next to the field", () => {
    expect(withoutField("given_name: must not be empty")).toBe("Must not be empty.");
    expect(withoutField("items[3].value: out of range.")).toBe("Out of range.");
    expect(withoutField("already a sentence!")).toBe("Already a sentence!");
  });
});
