// A minimal observable state cell. We do not use @preact/signals: it assigns
// `Signal.prototype.valueOf`, which throws once Tauri freezes `Object.prototype`
// (`freezePrototype: true` in tauri.conf.json). Here, any change notifies the app root (through
// `useSyncExternalStore`), which re-renders the tree, `Pure` parts only when their inputs change; React batches the re-renders of one tick, and the tree is small
// (tens of results, about a hundred facet rows), so this stays well under a frame.

import { useSyncExternalStore } from "react";

type Listener = () => void;

const listeners = new Set<Listener>();
let batchDepth = 0;
let pending = false;
/** Counts changes: the snapshot React's `useSyncExternalStore` compares. */
let version = 0;

function notify(): void {
  if (batchDepth > 0) {
    pending = true;
    return;
  }
  version += 1;
  for (const l of [...listeners]) l();
}

/** A value whose changes re-render the app. */
export class Signal<T> {
  private current: T;

  constructor(initial: T) {
    this.current = initial;
  }

  /** The value; setting a different one notifies subscribers. */
  get value(): T {
    return this.current;
  }

  set value(next: T) {
    if (Object.is(next, this.current)) return;
    this.current = next;
    notify();
  }
}

/** A new signal. */
export function signal<T>(initial: T): Signal<T> {
  return new Signal(initial);
}

/** A value derived from signals, recomputed on read (only used for cheap derivations). */
export interface Computed<T> {
  readonly value: T;
}

/** A derived value. */
export function computed<T>(fn: () => T): Computed<T> {
  return {
    get value() {
      return fn();
    },
  };
}

/** Runs `fn` and notifies once at the end, however many signals it changed. */
export function batch<T>(fn: () => T): T {
  batchDepth += 1;
  try {
    return fn();
  } finally {
    batchDepth -= 1;
    if (batchDepth === 0 && pending) {
      pending = false;
      notify();
    }
  }
}

/** Calls `l` after every change; returns the unsubscribe function. */
export function subscribe(l: Listener): () => void {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

/** The number of changes so far (the external store's snapshot). */
export function changeCount(): number {
  return version;
}

/** Re-renders the calling component after every change, through React's
 * `useSyncExternalStore` (no torn reads in a concurrent render, no missed change between the
 * first render and the subscription). */
export function useSignals(): number {
  return useSyncExternalStore(subscribe, changeCount, changeCount);
}
