// A problem document in words: field errors, else the detail, else the status; never a server's insides.
import { describe, expect, it } from "vitest";
import { describeProblem, readable } from "../src/api/problem";

const problem = (extra: object) => ({ type: "about:blank", title: "t", status: 400, detail: "", code: "invalid_input", ...extra });

describe("problem in words", () => {
  it("names the field readably", () => {
    expect(readable("weight_kg: must be a number from 0.3 to 400")).toBe("Weight kg: must be a number from 0.3 to 400");
    expect(readable("no field here")).toBe("no field here");
  });

  it("prefers field errors, then the detail as a sentence, then the status", () => {
    const fields = problem({ errors: [{ field: "a", message: "a: bad" }, { field: "b_c", message: "b_c: worse" }] });
    expect(describeProblem(400, fields)).toBe("A: bad B c: worse");
    expect(describeProblem(409, problem({ status: 409, detail: "the slot is taken" }))).toBe("The slot is taken.");
    expect(describeProblem(404, null)).toBe("We could not find what you were looking for.");
    expect(describeProblem(418, null)).toBe("The request could not be completed.");
  });

  it("never shows a 5xx's details", () => {
    expect(describeProblem(500, problem({ status: 500, detail: "sqlite: disk I/O error" }))).toBe(
      "Something went wrong on our side. Please try again in a moment.",
    );
  });
});
