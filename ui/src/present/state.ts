// Presenting a collection: the slides (one per case, built from the case in the UI language),
// which one is shown, the presenter view and its timer. Pure state, tested without a DOM.

import { batch, signal } from "../signal";
import type { Backend } from "../api";
import type { CaseView } from "../bindings/CaseView";
import type { CollectionView } from "../bindings/CollectionView";
import type { Outcome } from "../bindings/Outcome";

/** One slide: what a room reads about a case. */
export interface Slide {
  id: string;
  title: string;
  /** City and country, joined for the language. */
  place: string;
  lang: string;
  programmes: string[];
  summary: string;
  /** Three to five facts as [label, value]. */
  facts: [string, string][];
  outcomes: Outcome[];
  /** The first image of the case (a `casebook:` URL the core rewrote), or null. */
  image: string | null;
  /** The facilitator's note for this case (shown only in the presenter view). */
  note: string;
  /** The case left the library: the slide shows its last known title only. */
  missing: boolean;
}

/** Labels the slide builder needs, in the UI language. */
export interface SlideLabels {
  years: string;
  status: string;
  type: string;
  population: string;
  hazards: string;
  placeJoin: string;
  country: (code: string) => string;
  statusName: (s: string) => string;
  typeName: (s: string) => string;
  number: (n: number) => string;
}

/** The first `<img>` of the case HTML (sanitized by the core), or null. */
export function firstImage(html: string): string | null {
  if (typeof DOMParser === "undefined") return null;
  const doc = new DOMParser().parseFromString(html, "text/html");
  const src = doc.querySelector("img[src]")?.getAttribute("src") ?? null;
  // Only images the app serves itself; the CSP would refuse others anyway.
  return src !== null && /^(casebook:|https?:\/\/casebook\.localhost\/)/.test(src) ? src : null;
}

/** The slide of one case. */
export function slideOf(view: CaseView, note: string, l: SlideLabels): Slide {
  const m = view.meta;
  const years = m.started === null ? "" : m.ended === null ? `${m.started}–` : `${m.started}–${m.ended}`;
  const facts: [string, string][] = (
    [
      [l.years, years],
      [l.status, l.statusName(m.status)],
      [l.type, l.typeName(m.type)],
      [l.population, m.population === null ? "" : l.number(m.population)],
      [l.hazards, view.hazards.map((h) => h.label).join(l.placeJoin)],
    ] as [string, string][]
  ).filter(([, v]) => v !== "");
  return {
    id: m.id,
    title: m.title,
    place: [m.city, l.country(m.country)].filter((x) => x !== "").join(l.placeJoin),
    lang: view.lang,
    programmes: view.programmes.map((p) => p.label),
    summary: m.summary,
    facts: facts.slice(0, 5),
    outcomes: m.outcomes,
    image: firstImage(view.html),
    note,
    missing: false,
  };
}

/** A running presentation of a collection. */
export class Presentation {
  readonly index = signal(0);
  /** Whether the presenter view (note, next slide, timer) is shown instead of the slide. */
  readonly presenter = signal(false);
  /** When the presentation started (ms since the epoch), for the timer. */
  readonly started: number;

  constructor(
    readonly name: string,
    readonly slides: Slide[],
    now = Date.now(),
  ) {
    this.started = now;
  }

  get current(): Slide | undefined {
    return this.slides[this.index.value];
  }

  get next(): Slide | undefined {
    return this.slides[this.index.value + 1];
  }

  /** Goes to slide `i`, clamped to the deck. */
  go(i: number): void {
    this.index.value = Math.max(0, Math.min(this.slides.length - 1, i));
  }

  /** Handles a key as presentation software does; returns whether it was used. A clicker
   * sends PageUp/PageDown. `exit` is called for Esc. */
  key(key: string, exit: () => void): boolean {
    switch (key) {
      case "ArrowRight":
      case "ArrowDown":
      case "PageDown":
      case " ":
      case "Enter":
        this.go(this.index.value + 1);
        return true;
      case "ArrowLeft":
      case "ArrowUp":
      case "PageUp":
      case "Backspace":
        this.go(this.index.value - 1);
        return true;
      case "Home":
        this.go(0);
        return true;
      case "End":
        this.go(this.slides.length - 1);
        return true;
      case "p":
      case "P":
        this.presenter.value = !this.presenter.value;
        return true;
      case "Escape":
        exit();
        return true;
      default:
        return false;
    }
  }
}

/** Elapsed time as `m:ss` (or `h:mm:ss` past an hour). */
export function elapsed(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** Builds the slides of collection `view`, each case in `lang` where translated. */
export async function buildSlides(backend: Backend, view: CollectionView, lang: string, labels: SlideLabels): Promise<Slide[]> {
  return Promise.all(
    view.items.map(async (item): Promise<Slide> => {
      if (item.missing) {
        return {
          id: item.id,
          title: item.title,
          place: "",
          lang: "",
          programmes: [],
          summary: "",
          facts: [],
          outcomes: [],
          image: null,
          note: item.note,
          missing: true,
        };
      }
      const case_ = await backend.getCase(item.id, lang);
      return slideOf(case_, item.note, labels);
    }),
  );
}

/** Present / compare state of the app. */
export class PresentState {
  readonly presentation = signal<Presentation | null>(null);
  /** Case ids of the comparison being shown, or null. */
  readonly comparing = signal<string[] | null>(null);
  /** Results chosen with Ctrl+click or X, in the order chosen. */
  readonly selection = signal<readonly string[]>([]);

  /** Adds or removes `id` from the multi-selection. */
  toggleSelect(id: string): void {
    const s = this.selection.value;
    this.selection.value = s.includes(id) ? s.filter((x) => x !== id) : [...s, id];
  }

  clearSelection(): void {
    this.selection.value = [];
  }

  start(p: Presentation): void {
    batch(() => {
      this.presentation.value = p;
      this.comparing.value = null;
    });
  }

  stop(): void {
    this.presentation.value = null;
  }
}
