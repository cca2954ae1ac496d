// The workshop kit's screens: the Collections page (list, the open collection with its cases
// in order, notes saved as one types, exports), the add-to-collection dialog, and the note
// editor the reader uses for personal notes.

import { useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from "react";
import type { CollectionFormat } from "../api";
import type { CollectionItem } from "../bindings/CollectionItem";
import { t, type MessageKey } from "../i18n";
import { Autosave } from "../workshop";
import { Icon, useSignal, useStore } from "./common";
import { Modal } from "./Panels";
import "../workshop.css";
import { tracked } from "../signal";

/** A text area that saves itself (no Save button) and says whether it did. */
export const NoteEditor = tracked(function NoteEditor(props: {
  /** Identity of what is edited: a new key starts a new editor. */
  id: string;
  value: string;
  label: string;
  placeholder: string;
  save: (text: string) => Promise<unknown>;
  testid?: string;
  rows?: number;
}) {
  const [text, setText] = useState(props.value);
  const saver = useMemo(() => new Autosave(props.save), [props.id]);
  // Leaving (another case, another view) saves what is pending.
  useEffect(() => () => void saver.flush(), [saver]);
  const state = useSignal(saver.state);
  const error = useSignal(saver.error);
  return (
    <div className="note-editor">
      <label className="note-label">
        <span>{props.label}</span>
        <textarea
          className="note-text"
          data-testid={props.testid}
          rows={props.rows ?? 3}
          value={text}
          placeholder={props.placeholder}
          onChange={(e) => {
            setText(e.currentTarget.value);
            saver.change(e.currentTarget.value);
          }}
          onBlur={() => void saver.flush()}
        />
      </label>
      <span className={`save-state save-${state}`} aria-live="polite" data-testid={props.testid ? `${props.testid}-state` : undefined}>
        {state === "pending" ? t("note_saving") : state === "saved" ? t("note_saved") : state === "error" ? t("note_failed", { message: error ?? "" }) : ""}
      </span>
    </div>
  );
});

const EXPORTS: [CollectionFormat, boolean, MessageKey][] = [
  ["pdf", false, "export_pdf"],
  ["pdf", true, "export_pdf_compare"],
  ["csv", false, "export_csv"],
  ["json", false, "export_json"],
  ["collection", false, "export_collection_file"],
];

/** One case of the open collection: reorder (drag, Alt+↑/↓, buttons), open, remove, note. */
const ItemRow = tracked(function ItemRow(props: { item: CollectionItem; index: number; count: number; collectionId: number; onDrop: (from: string, to: number) => void }) {
  const store = useStore();
  const w = store.workshop;
  const { item, index, count, collectionId } = props;
  const move = (to: number) => void w.move(collectionId, item.id, to);
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (!e.altKey) return;
    if (e.key === "ArrowUp" && index > 0) {
      e.preventDefault();
      move(index - 1);
    } else if (e.key === "ArrowDown" && index < count - 1) {
      e.preventDefault();
      move(index + 1);
    }
  };
  const country = item.country === "" ? "" : store.labelOf("country", item.country);
  return (
    <li
      className={`coll-item ${item.missing ? "is-missing" : ""}`}
      data-testid="collection-item"
      data-id={item.id}
      draggable
      onDragStart={(e: DragEvent) => {
        e.dataTransfer.setData("text/x-casebook-id", item.id);
        e.dataTransfer.effectAllowed = "move";
      }}
      onDragOver={(e: DragEvent) => {
        if (e.dataTransfer.types.includes("text/x-casebook-id")) {
          e.preventDefault();
          e.stopPropagation();
        }
      }}
      onDrop={(e: DragEvent) => {
        const from = e.dataTransfer.getData("text/x-casebook-id");
        if (from === "") return;
        e.preventDefault();
        e.stopPropagation();
        props.onDrop(from, index);
      }}
    >
      <div className="coll-item-head">
        <span className="coll-pos" aria-hidden="true">
          {index + 1}
        </span>
        <span className="drag-handle" aria-hidden="true" title={t("drag_to_reorder")}>
          ⋮⋮
        </span>
        {item.missing ? (
          <span className="coll-title">
            {item.title} <span className="missing-tag">{t("case_missing")}</span>
          </span>
        ) : (
          <button type="button" className="link-button coll-title" lang={item.lang} onKeyDown={onKey} onClick={() => void store.open(item.id)}>
            {item.title}
          </button>
        )}
        <span className="muted coll-place">{[item.city, country].filter((x) => x !== "").join(t("place_join"))}</span>
        <span className="coll-item-actions">
          <button type="button" className="icon-button" aria-label={t("move_up", { title: item.title })} disabled={index === 0} onClick={() => move(index - 1)} onKeyDown={onKey}>
            ↑
          </button>
          <button type="button" className="icon-button" aria-label={t("move_down", { title: item.title })} disabled={index === count - 1} onClick={() => move(index + 1)} onKeyDown={onKey}>
            ↓
          </button>
          <button type="button" className="icon-button" aria-label={t("remove_from_collection", { title: item.title })} onClick={() => void w.removeItem(collectionId, item.id)}>
            <Icon name="x" />
          </button>
        </span>
      </div>
      <NoteEditor
        id={`${collectionId}:${item.id}`}
        value={item.note}
        label={t("facilitator_note")}
        placeholder={t("facilitator_note_placeholder")}
        testid="item-note"
        rows={2}
        save={(text) => w.saveItemNote(collectionId, item.id, text)}
      />
    </li>
  );
});

/** The collection being shown: name, description, export menu, its cases. */
const CollectionPage = tracked(function CollectionPage() {
  const store = useStore();
  const w = store.workshop;
  const view = w.current.value;
  const [renaming, setRenaming] = useState<string | null>(null);
  if (view === null) {
    return <p className="empty-hint coll-empty">{w.collections.value.length === 0 ? t("collections_none") : t("collection_pick")}</p>;
  }
  const c = view.collection;
  return (
    <section className="coll-page" aria-labelledby="coll-title" data-testid="collection-page">
      <div className="coll-page-head">
        {renaming === null ? (
          <h2 id="coll-title" className="pane-title" data-testid="collection-title">
            {c.name}
          </h2>
        ) : (
          <form
            className="rename-form"
            onSubmit={(e) => {
              e.preventDefault();
              void w.rename(c.id, renaming).then((ok) => ok && setRenaming(null));
            }}
          >
            <input className="text-input" aria-label={t("collection_name")} value={renaming} autoFocus onChange={(e) => setRenaming(e.currentTarget.value)} />
            <button type="submit" className="button button-primary">
              {t("rename")}
            </button>
            <button type="button" className="button" onClick={() => setRenaming(null)}>
              {t("cancel")}
            </button>
          </form>
        )}
        <span className="muted">{t("n_cases", { n: c.count })}</span>
      </div>
      <div className="coll-toolbar">
        {renaming === null ? (
          <button type="button" className="button" onClick={() => setRenaming(c.name)}>
            {t("rename")}
          </button>
        ) : null}
        <ExportMenu id={c.id} />
        <div className="collection-actions">
          <button type="button" className="button button-primary" data-testid="present-collection" disabled={view.items.length === 0} onClick={() => void store.presentCollection(c.id)}>
            {t("present")}
          </button>
          <button
            type="button"
            className="button"
            data-testid="compare-collection"
            disabled={view.items.length < 2}
            title={t("compare_first_four")}
            onClick={() => store.compare(view.items.slice(0, 4).map((i) => i.id))}
          >
            {t("compare")}
          </button>
        </div>
        <button type="button" className="button button-danger" data-testid="delete-collection" onClick={() => void w.remove(c.id)}>
          {t("delete")}
        </button>
      </div>
      <NoteEditor
        id={`desc:${c.id}`}
        value={c.description}
        label={t("collection_description")}
        placeholder={t("collection_description_placeholder")}
        testid="collection-description"
        rows={2}
        save={(text) => w.describe(c.id, text)}
      />
      {view.items.length === 0 ? (
        <p className="empty-hint">{t("collection_empty")}</p>
      ) : (
        <ol className="coll-items" aria-label={t("collection_cases", { name: c.name })}>
          {view.items.map((item, i) => (
            <ItemRow
              key={item.id}
              item={item}
              index={i}
              count={view.items.length}
              collectionId={c.id}
              onDrop={(from, to) => void w.move(c.id, from, to)}
            />
          ))}
        </ol>
      )}
    </section>
  );
});

/** The export choices of a collection as a small menu (a native `<details>` disclosure). */
const ExportMenu = tracked(function ExportMenu(props: { id: number }) {
  const store = useStore();
  const ref = useRef<HTMLDetailsElement>(null);
  return (
    <details className="menu" ref={ref}>
      <summary className="button" data-testid="export-menu">
        {t("export")}
      </summary>
      <ul className="menu-list" role="menu">
        {EXPORTS.map(([format, compare, key]) => (
          <li key={key} role="none">
            <button
              type="button"
              role="menuitem"
              className="menu-item"
              data-testid={`export-${format}${compare ? "-compare" : ""}`}
              onClick={() => {
                if (ref.current) ref.current.open = false;
                void store.workshop.exportCollection(props.id, format, compare);
              }}
            >
              {t(key)}
            </button>
          </li>
        ))}
      </ul>
    </details>
  );
});

/** A one-field form for a new collection's name. */
const NewCollectionForm = tracked(function NewCollectionForm(props: { onCreate: (name: string) => Promise<unknown>; testid: string }) {
  const [name, setName] = useState("");
  return (
    <form
      className="new-coll"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim() === "") return;
        void props.onCreate(name).then(() => setName(""));
      }}
    >
      <input
        className="text-input"
        data-testid={`${props.testid}-name`}
        aria-label={t("collection_name")}
        placeholder={t("new_collection_placeholder")}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
      />
      <button type="submit" className="button button-primary" data-testid={`${props.testid}-create`} disabled={name.trim() === ""}>
        {t("create")}
      </button>
    </form>
  );
});

/** The Collections page: the list on the left, the open collection on the right. */
export const Collections = tracked(function Collections() {
  const store = useStore();
  const w = store.workshop;
  const list = w.collections.value;
  const undo = w.undo.value;
  return (
    <section className="collections-pane" aria-labelledby="collections-title" data-testid="collections-view">
      <div className="problems-head">
        <button type="button" className="button button-quiet" aria-label={t("back")} onClick={() => (store.view.value = "results")}>
          <Icon name="back" />
          {t("back_short")}
        </button>
        <h1 id="collections-title" className="pane-title">
          {t("collections")}
        </h1>
        <button type="button" className="button" data-testid="import-collection" onClick={() => void w.importFile()}>
          {t("import_collection")}
        </button>
      </div>
      {undo !== null ? (
        <div className="undo-bar" role="status" data-testid="undo-bar">
          <span>{t("collection_deleted", { name: undo.name })}</span>
          <button type="button" className="button" data-testid="undo-delete" onClick={() => void w.undoDelete()}>
            {t("undo")}
          </button>
        </div>
      ) : null}
      <div className="collections-body">
        <nav className="coll-list" aria-label={t("collections")}>
          <NewCollectionForm testid="new-collection" onCreate={(name) => w.create(name)} />
          <ul role="list">
            {list.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className={`coll-link ${w.currentId.value === c.id ? "is-on" : ""}`}
                  aria-current={w.currentId.value === c.id ? "true" : undefined}
                  data-testid="collection-link"
                  onClick={() => void w.show(c.id)}
                >
                  <span className="coll-link-name">{c.name}</span>
                  <span className="count-badge">{c.count}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <CollectionPage />
      </div>
    </section>
  );
});

/** "Add to collection": pick a collection (or name a new one) for the chosen cases. */
export const AddToCollection = tracked(function AddToCollection() {
  const store = useStore();
  const w = store.workshop;
  const ids = w.adding.value;
  if (ids === null) return null;
  const holding = w.holding.value;
  return (
    <Modal labelledBy="add-title" onClose={() => w.closeAdding()} testid="add-dialog">
      <h2 id="add-title" className="modal-title">
        {ids.length === 1 ? t("add_to_collection") : t("add_n_to_collection", { n: ids.length })}
      </h2>
      <ul className="add-list" role="list">
        {w.collections.value.map((c) => (
          <li key={c.id}>
            <button
              type="button"
              className="button add-target"
              data-testid="add-target"
              disabled={holding.has(c.id)}
              onClick={() => void w.addTo(c.id)}
            >
              <span>{c.name}</span>
              <span className="muted">{holding.has(c.id) ? t("already_in") : t("n_cases", { n: c.count })}</span>
            </button>
          </li>
        ))}
      </ul>
      <NewCollectionForm testid="add-new" onCreate={(name) => w.addToNew(name)} />
      <div className="modal-actions">
        <button type="button" className="button" onClick={() => w.closeAdding()}>
          {t("cancel")}
        </button>
      </div>
    </Modal>
  );
});
