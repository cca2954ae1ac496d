// Workshop state: the collections, the open collection, the "saved" marker on results, the
// add-to-collection dialog, personal notes and Undo of a delete. One instance per Store.

import { batch, signal } from "./signal";
import { toApiError, type Backend, type CollectionFormat } from "./api";
import type { CollectionSummary } from "./bindings/CollectionSummary";
import type { CollectionView } from "./bindings/CollectionView";
import type { PortableCollection } from "./bindings/PortableCollection";
import { format, uiLang } from "./i18n";

/** How long a note waits after the last keystroke before it is saved, in ms. */
export const NOTE_SAVE_DELAY_MS = 600;

/** Where an autosaved text stands: nothing to save, waiting/saving, saved, or failed. */
export type SaveState = "idle" | "pending" | "saved" | "error";

/** Saves a text some time after the last change and at once on `flush`, one save at a time,
 * always the latest text: what autosaving notes needs, without a Save button. */
export class Autosave {
  readonly state = signal<SaveState>("idle");
  readonly error = signal<string | null>(null);
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pending: string | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly save: (text: string) => Promise<unknown>,
    private readonly delay = NOTE_SAVE_DELAY_MS,
  ) {}

  /** Records a change; it is saved after the delay. */
  change(text: string): void {
    this.pending = text;
    this.state.value = "pending";
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Saves what is pending now (on blur, before leaving a view). */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running !== null) await this.running;
    const text = this.pending;
    if (text === null) return;
    this.pending = null;
    this.running = this.save(text).then(
      () => {
        if (this.pending === null) this.state.value = "saved";
        this.error.value = null;
      },
      (e: unknown) => {
        // Keep the text so the next change or flush tries again; say why it failed.
        if (this.pending === null) this.pending = text;
        batch(() => {
          this.state.value = "error";
          this.error.value = toApiError(e).message;
        });
      },
    );
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }
}

/** A deleted collection that can still be brought back. */
export interface Undoable {
  name: string;
  snapshot: PortableCollection;
}

/** The workshop part of the app state. */
export class Workshop {
  readonly collections = signal<CollectionSummary[]>([]);
  /** Ids of cases in any collection (the saved marker). */
  readonly collected = signal<ReadonlySet<string>>(new Set());
  /** The collection shown on the collections page. */
  readonly current = signal<CollectionView | null>(null);
  readonly currentId = signal<number | null>(null);
  /** The case ids the add-to-collection dialog is for; null when it is closed. */
  readonly adding = signal<string[] | null>(null);
  /** Collections that already hold every case being added (ids), for the dialog's marks. */
  readonly holding = signal<ReadonlySet<number>>(new Set());
  /** The last deleted collection, while Undo is offered. */
  readonly undo = signal<Undoable | null>(null);
  readonly error = signal<string | null>(null);
  /** The personal note of the case in the reader. */
  readonly note = signal<{ caseId: string; text: string } | null>(null);
  private undoTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly backend: Backend,
    private readonly flash: (message: string) => void,
  ) {}

  private fail(e: unknown): void {
    const message = toApiError(e).message;
    this.error.value = message;
    this.flash(message);
  }

  /** Reloads the list of collections and the saved marker. */
  async refresh(): Promise<void> {
    try {
      const [list, ids] = await Promise.all([this.backend.listCollections(), this.backend.collectedCaseIds()]);
      batch(() => {
        this.collections.value = list;
        this.collected.value = new Set(ids);
        this.error.value = null;
      });
      const id = this.currentId.value;
      if (id !== null) {
        if (list.some((c) => c.id === id)) await this.show(id);
        else batch(() => ((this.currentId.value = null), (this.current.value = null)));
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** Shows the collection `id` (titles in the UI language where translated). */
  async show(id: number): Promise<void> {
    try {
      const view = await this.backend.collection(id, uiLang.value);
      batch(() => {
        this.currentId.value = id;
        this.current.value = view;
      });
    } catch (e) {
      this.fail(e);
    }
  }

  /** Creates a collection and shows it; returns it, or null when refused (the reason is shown). */
  async create(name: string, description = ""): Promise<CollectionSummary | null> {
    try {
      const c = await this.backend.createCollection(name, description);
      this.currentId.value = c.id;
      await this.refresh();
      return c;
    } catch (e) {
      this.fail(e);
      return null;
    }
  }

  async rename(id: number, name: string): Promise<boolean> {
    try {
      await this.backend.renameCollection(id, name);
      await this.refresh();
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** Saves a description (used through an [`Autosave`]). */
  async describe(id: number, description: string): Promise<void> {
    await this.backend.describeCollection(id, description);
    const list = await this.backend.listCollections();
    this.collections.value = list;
  }

  /** Deletes a collection and offers Undo for a while. */
  async remove(id: number): Promise<void> {
    const name = this.collections.value.find((c) => c.id === id)?.name ?? "";
    try {
      const snapshot = await this.backend.deleteCollection(id);
      this.undo.value = { name, snapshot };
      if (this.undoTimer !== null) clearTimeout(this.undoTimer);
      this.undoTimer = setTimeout(() => (this.undo.value = null), 15000);
      if (this.currentId.value === id) batch(() => ((this.currentId.value = null), (this.current.value = null)));
      await this.refresh();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Brings back the last deleted collection. */
  async undoDelete(): Promise<void> {
    const u = this.undo.value;
    if (u === null) return;
    try {
      const report = await this.backend.restoreCollection(u.snapshot);
      this.undo.value = null;
      this.currentId.value = report.collection.id;
      await this.refresh();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Opens the add-to-collection dialog for `caseIds`. */
  async startAdding(caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    await this.refresh();
    const views = await Promise.all(
      this.collections.value.map((c) => this.backend.collection(c.id, null).catch(() => null)),
    );
    const holding = new Set<number>();
    for (const v of views) {
      if (v && caseIds.every((id) => v.items.some((i) => i.id === id))) holding.add(v.collection.id);
    }
    batch(() => {
      this.holding.value = holding;
      this.adding.value = caseIds;
    });
  }

  closeAdding(): void {
    this.adding.value = null;
  }

  /** Adds the dialog's cases to collection `id` (skipping those already in it). */
  async addTo(id: number): Promise<boolean> {
    const ids = this.adding.value ?? [];
    try {
      const view = await this.backend.collection(id, null);
      const fresh = ids.filter((c) => !view.items.some((i) => i.id === c));
      if (fresh.length > 0) await this.backend.addToCollection(id, fresh);
      this.adding.value = null;
      await this.refresh();
      this.flash(format(uiLang.value, "added_to", { name: view.collection.name, n: fresh.length }));
      return true;
    } catch (e) {
      this.fail(e);
      return false;
    }
  }

  /** Creates a collection named `name` and adds the dialog's cases to it. */
  async addToNew(name: string): Promise<boolean> {
    const keep = this.currentId.value;
    const c = await this.create(name);
    if (c === null) return false;
    this.currentId.value = keep;
    return this.addTo(c.id);
  }

  async removeItem(id: number, caseId: string): Promise<void> {
    try {
      await this.backend.removeFromCollection(id, caseId);
      await this.refresh();
    } catch (e) {
      this.fail(e);
    }
  }

  /** Moves `caseId` to `position` (0-based). The list shows the new order at once. */
  async move(id: number, caseId: string, position: number): Promise<void> {
    const view = this.current.value;
    if (view && view.collection.id === id) {
      const items = [...view.items];
      const from = items.findIndex((i) => i.id === caseId);
      if (from < 0 || position < 0 || position >= items.length || from === position) return;
      const [item] = items.splice(from, 1);
      if (item) items.splice(position, 0, item);
      this.current.value = { ...view, items };
    }
    try {
      await this.backend.moveInCollection(id, caseId, position);
    } catch (e) {
      this.fail(e);
    }
    await this.show(id);
  }

  /** Saves a facilitator note (used through an [`Autosave`]). */
  async saveItemNote(id: number, caseId: string, note: string): Promise<void> {
    await this.backend.setItemNote(id, caseId, note);
    const view = this.current.value;
    if (view && view.collection.id === id) {
      this.current.value = { ...view, items: view.items.map((i) => (i.id === caseId ? { ...i, note } : i)) };
    }
  }

  /** Loads the personal note of the case in the reader. */
  async loadNote(caseId: string): Promise<void> {
    try {
      const text = await this.backend.getNote(caseId);
      this.note.value = { caseId, text };
    } catch {
      this.note.value = { caseId, text: "" };
    }
  }

  /** Saves a personal note (used through an [`Autosave`]). */
  async saveNote(caseId: string, text: string): Promise<void> {
    await this.backend.setNote(caseId, text);
    if (this.note.value?.caseId === caseId) this.note.value = { caseId, text };
  }

  /** Exports a collection through the save dialog; says where it went. */
  async exportCollection(id: number, fmt: CollectionFormat, compare = false): Promise<void> {
    try {
      const name = await this.backend.exportCollection(id, fmt, uiLang.value, compare);
      if (name !== null) this.flash(format(uiLang.value, "exported_to", { name }));
    } catch (e) {
      this.fail(e);
    }
  }

  /** Imports a collection file through the open dialog and shows it. */
  async importFile(): Promise<void> {
    try {
      const report = await this.backend.importCollection();
      if (report === null) return;
      this.currentId.value = report.collection.id;
      await this.refresh();
      this.flash(
        format(uiLang.value, report.missing.length > 0 ? "imported_missing" : "imported", {
          name: report.collection.name,
          n: report.collection.count,
          missing: report.missing.length,
        }),
      );
    } catch (e) {
      this.fail(e);
    }
  }
}
