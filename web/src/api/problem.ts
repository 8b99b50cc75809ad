// A problem document (RFC 9457) in words a person can read: the field errors
// of a 400, else the problem's detail, else a plain sentence for the status;
// a 5xx never shows server details. Pure, so it is unit-tested (test/).
import type { Problem } from "./schema";

const kStatusWords: Record<number, string> = {
  401: "Please sign in to continue.",
  403: "Your account is not allowed to do this.",
  404: "We could not find what you were looking for.",
  409: "That is no longer possible: something changed in the meantime.",
  413: "That is more than the server accepts.",
  429: "Too many requests. Please wait a moment and try again.",
  503: "The service is unavailable right now. Please try again shortly.",
};

// "weight_kg: must be a number from 0.3 to 400" -> "Weight kg: must be a number from 0.3 to 400".
export function readable(message: string): string {
  const m = /^([\w.[\]-]+): (.*)$/s.exec(message);
  if (!m) return message;
  const label = m[1].replace(/[._]/g, " ");
  return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${m[2]}`;
}

// "the email or the password is wrong" -> "The email or the password is wrong."
function sentence(text: string): string {
  const capital = `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
}

// The sentence shown to a person for a problem document.
export function describeProblem(status: number, problem: Problem | null): string {
  if (status >= 500) return "Something went wrong on our side. Please try again in a moment.";
  if (problem?.errors?.length) return problem.errors.map((e) => readable(e.message)).join(" ");
  if (problem?.detail) return sentence(readable(problem.detail));
  return kStatusWords[status] ?? "The request could not be completed.";
}
