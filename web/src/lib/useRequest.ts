// Loading, error and result of one API request, re-run when `deps` change.
// An older request still in flight is aborted, so a slow answer never
// overwrites a newer one.
import { useCallback, useEffect, useState } from "preact/hooks";

export type RequestState<T> =
  | { status: "loading" }
  | { status: "error"; error: Error }
  | { status: "done"; data: T };

export function useRequest<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
): [RequestState<T>, () => void, (data: T) => void] {
  const [state, setState] = useState<RequestState<T>>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setState({ status: "loading" });
    load(controller.signal).then(
      (data) => setState({ status: "done", data }),
      (error: Error) => {
        if (!controller.signal.aborted) setState({ status: "error", error });
      },
    );
    return () => controller.abort();
  }, [...deps, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  const replace = useCallback((data: T) => setState({ status: "done", data }), []);
  return [state, retry, replace];
}
