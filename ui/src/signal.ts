// A minimal observable state cell, and the glue that lets each component re-render only when a
// cell it reads changes.
//
// We do not use @preact/signals: it assigns `Signal.prototype.valueOf`, which throws once Tauri
// freezes `Object.prototype` (`freezePrototype: true` in tauri.conf.json). Nor a store library
// such as zustand: the state is already a set of cells in `Store` with actions, and a cell plus
// React's `useSyncExternalStore` is all a per-component subscription needs.
//
// Every cell keeps its own listeners. A component subscribes in one of two ways, both through
// `useSyncExternalStore` (no torn reads in a concurrent render, no change lost between the first
// render and the subscription):
// - `tracked(Component)` records every cell its render reads, however indirectly (`t()` reads
//   the UI language, `store.labelOf` the taxonomy and the facets, a `computed` its inputs), and
//   re-renders it when one of them changes. Listing the cells by hand would miss such reads and
//   show stale state. It is also `memo`: a parent's re-render does not reach it unless its props
//   changed.
// - `useSelector(() => expr)` / `useSignal(cell)` inside a component: the component re-renders
//   only when the selected value changes (`Object.is`), e.g. a result row that asks "am I the
//   highlighted one?" rather than reading the index. Reads inside a selector count for the
//   selector, not for the surrounding tracked render.
// Reads outside a render (event handlers, effects, actions) subscribe to nothing.

import { memo, useRef, useSyncExternalStore, type DependencyList, type FunctionComponent, type NamedExoticComponent, type ReactNode } from "react";

type Listener = () => void;
type AnySignal = Signal<unknown>;

/** Listeners to every change (once per batch), for things outside React such as the history. */
const globalListeners = new Set<Listener>();
let batchDepth = 0;
/** Cells changed inside the current batch, notified when it ends. */
const pending = new Set<AnySignal>();
/** Counts changes of all cells; a cell remembers the count at its last change. */
let clock = 0;
/** The set collecting the cells read by the render or selector that runs now, if any. */
let reads: Set<AnySignal> | null = null;

function notify(cells: Iterable<AnySignal>): void {
  // One call per listener, however many of its cells changed together.
  const due = new Set<Listener>();
  for (const c of cells) for (const l of c.listeners) due.add(l);
  for (const l of globalListeners) due.add(l);
  for (const l of due) l();
}

/** A value whose changes re-render the components that read it. */
export class Signal<T> {
  private current: T;
  /** The change clock at this cell's last change. */
  changedAt = 0;
  /** Called after every change of this cell (once per batch). */
  readonly listeners = new Set<Listener>();

  constructor(initial: T) {
    this.current = initial;
  }

  /** The value; read during a tracked render or a selector, it subscribes that component. */
  get value(): T {
    reads?.add(this as AnySignal);
    return this.current;
  }

  /** Setting a different value notifies the subscribers (at the end of the batch, if any). */
  set value(next: T) {
    if (Object.is(next, this.current)) return;
    this.current = next;
    clock += 1;
    this.changedAt = clock;
    if (batchDepth > 0) pending.add(this as AnySignal);
    else notify([this as AnySignal]);
  }
}

/** A new signal. */
export function signal<T>(initial: T): Signal<T> {
  return new Signal(initial);
}

/** A value derived from signals, recomputed on read (only used for cheap derivations). Reading
 * it reads its inputs, so a component that reads it subscribes to them. */
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
    if (batchDepth === 0 && pending.size > 0) {
      const changed = [...pending];
      pending.clear();
      notify(changed);
    }
  }
}

/** Calls `l` after every change of any signal (once per batch); returns the unsubscribe
 * function. Not for components: they subscribe to what they read (see above). */
export function subscribe(l: Listener): () => void {
  globalListeners.add(l);
  return () => {
    globalListeners.delete(l);
  };
}

/** Runs `fn`, returning its result and the signals it read. */
function track<T>(fn: () => T): [T, Set<AnySignal>] {
  const outer = reads;
  const mine = new Set<AnySignal>();
  reads = mine;
  try {
    return [fn(), mine];
  } finally {
    reads = outer;
  }
}

/** Whether signal reads are being recorded now (inside a tracked render or a selector). */
export function tracking(): boolean {
  return reads !== null;
}

/** The signals one component (or selector) depends on, as an external store for React. */
class Sources {
  private cells: AnySignal[] = [];
  private onChange: Listener | null = null;
  /** The clock when the cells were last read. */
  private readAt = 0;
  /** Bumped on every change of a cell: the snapshot of a tracked render. */
  private version = 0;

  private readonly changed = () => {
    this.version += 1;
    this.onChange?.();
  };

  /** Starts a new read of the cells (call before `track`). */
  begin(): void {
    this.readAt = clock;
  }

  /** Whether a cell changed since the last read. */
  stale(): boolean {
    return this.cells.some((c) => c.changedAt > this.readAt);
  }

  /** Takes `next` as the cells, moving a live subscription over to them. */
  set(next: Set<AnySignal>): void {
    if (this.onChange !== null) {
      for (const c of this.cells) if (!next.has(c)) c.listeners.delete(this.changed);
      for (const c of next) c.listeners.add(this.changed);
    }
    this.cells = [...next];
  }

  readonly subscribe = (cb: Listener): (() => void) => {
    this.onChange = cb;
    for (const c of this.cells) c.listeners.add(this.changed);
    // A change between the render and this subscription: React compares the snapshot next.
    if (this.stale()) this.version += 1;
    return () => {
      for (const c of this.cells) c.listeners.delete(this.changed);
      this.onChange = null;
    };
  };

  readonly snapshot = (): number => this.version;
}

/** `render` as a component that re-renders when a signal it read in its last render changes
 * (and, being `memo`, when its props change). A recursive component must not name `render`
 * like itself: inside a named function expression the name is the bare function. */
export function tracked<P extends object>(render: (props: P) => ReactNode): NamedExoticComponent<P> {
  const Tracked: FunctionComponent<P> = (props: P) => {
    const ref = useRef<Sources | null>(null);
    if (ref.current === null) ref.current = new Sources();
    const sources = ref.current;
    useSyncExternalStore(sources.subscribe, sources.snapshot, sources.snapshot);
    sources.begin();
    const [out, cells] = track(() => render(props));
    sources.set(cells);
    return out;
  };
  Tracked.displayName = render.name || "Tracked";
  return memo(Tracked);
}

/** One `useSelector` call: the selector, its last value and the signals it read. */
class Selection<T> {
  readonly sources = new Sources();
  private value: T | undefined = undefined;
  private has = false;
  private dirty = true;

  constructor(
    private select: () => T,
    private deps: DependencyList | undefined,
  ) {}

  /** Takes the selector of this render; a different one (or different `deps`) is evaluated
   * again. */
  update(select: () => T, deps: DependencyList | undefined): void {
    const same =
      deps !== undefined && this.deps !== undefined
        ? deps.length === this.deps.length && deps.every((d, i) => Object.is(d, this.deps?.[i]))
        : select === this.select;
    if (same) return;
    this.select = select;
    this.deps = deps;
    this.dirty = true;
  }

  /** The selected value; the previous one while it is `Object.is`-equal, so React skips the
   * re-render. */
  readonly snapshot = (): T => {
    if (this.has && !this.dirty && !this.sources.stale()) return this.value as T;
    this.sources.begin();
    const [next, cells] = track(this.select);
    this.sources.set(cells);
    this.dirty = false;
    if (!this.has || !Object.is(next, this.value)) {
      this.value = next;
      this.has = true;
    }
    return this.value as T;
  };
}

/** The value of `select()`, re-rendering the caller only when it changes (`Object.is`) after a
 * signal it read changed. Without `deps` the selector is evaluated again on every render of the
 * caller (so it may use props freely); with them, only when one of them changed. */
export function useSelector<T>(select: () => T, deps?: DependencyList): T {
  const ref = useRef<Selection<T> | null>(null);
  if (ref.current === null) ref.current = new Selection(select, deps);
  const sel = ref.current;
  sel.update(select, deps);
  return useSyncExternalStore(sel.sources.subscribe, sel.snapshot, sel.snapshot);
}

/** The value of `s`, re-rendering the caller when it changes. */
export function useSignal<T>(s: Signal<T>): T {
  return useSelector(() => s.value, [s]);
}
