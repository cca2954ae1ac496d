// Runs before every test file: fails a test in which a component read a signal during its
// render without subscribing to it (outside a `tracked` render and outside a selector, see
// signal.ts). Such a component would show stale state until something else re-rendered it.

import * as React from "react";
import { afterEach } from "vitest";
import { Signal, tracking } from "./signal";

type Dispatcher = { useMemo?: unknown; useCallback?: unknown } | null;
const internals = (React as unknown as Record<string, { H: Dispatcher } | undefined>)
  .__CLIENT_INTERNALS_DO_NOT_USE_OR_WARN_USERS_THEY_CANNOT_UPGRADE;

/** Whether a function component is rendering now: React then installs a hooks dispatcher;
 * between renders its stand-in has one throwing function for every hook. */
function rendering(): boolean {
  const h = internals?.H ?? null;
  return h !== null && h.useMemo !== h.useCallback;
}

const untracked: string[] = [];
const own = Object.getOwnPropertyDescriptor(Signal.prototype, "value");
if (internals === undefined || own?.get === undefined) throw new Error("test-setup: cannot watch signal reads");
const read = own.get;
Object.defineProperty(Signal.prototype, "value", {
  ...own,
  get(this: Signal<unknown>) {
    if (!tracking() && rendering()) {
      const where = (new Error().stack ?? "").split("\n").slice(2, 6).join("\n");
      untracked.push(where);
    }
    return read.call(this);
  },
});

/** The untracked render reads recorded so far, forgetting them (for the test of this check). */
export function takeUntrackedReads(): string[] {
  return untracked.splice(0);
}

afterEach(() => {
  if (untracked.length === 0) return;
  const first = untracked[0];
  const n = untracked.length;
  untracked.length = 0;
  throw new Error(`${n} signal read(s) during a render that does not subscribe to them; the first:\n${first}`);
});
