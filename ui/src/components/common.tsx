// Small shared pieces: the store context, facet badges, icons and the segmented switch.

import { createContext, useContext } from "react";
import { tracked } from "../signal";
import type { Store } from "../store";

/** The value of a signal, re-rendering the caller when it changes (see signal.ts). */
export { useSignal } from "../signal";

/** The app's store, provided by `App`. */
export const StoreContext = createContext<Store | null>(null);

/** The store of the surrounding app. */
export function useStore(): Store {
  const s = useContext(StoreContext);
  if (s === null) throw new Error("useStore outside <App>");
  return s;
}

/** The facets that have a colour code (badges on results and in the reader). */
export type ColouredFacet = "hazard" | "sector" | "measure";

/** A row of coloured facet badges. */
export const Badges = tracked(function Badges(props: { facet: ColouredFacet; ids: readonly string[]; max?: number }) {
  const store = useStore();
  const max = props.max ?? props.ids.length;
  const shown = props.ids.slice(0, max);
  const more = props.ids.length - shown.length;
  return (
    <>
      {shown.map((id) => (
        <span key={id} className={`badge badge-${props.facet}`} data-facet={props.facet}>
          {store.labelOf(props.facet, id)}
        </span>
      ))}
      {more > 0 ? <span className={`badge badge-${props.facet} badge-more`}>+{more}</span> : null}
    </>
  );
});

/** Icons, drawn inline so nothing is fetched. `aria-hidden`: the controls carry the names. */
export function Icon(props: { name: "search" | "gear" | "sun" | "moon" | "auto" | "back" | "x" | "chevron" | "filter" | "warning" | "external" }) {
  const common = { width: 16, height: 16, viewBox: "0 0 16 16", fill: "none", stroke: "currentColor", strokeWidth: 1.5, strokeLinecap: "round" as const, strokeLinejoin: "round" as const, "aria-hidden": "true" as const, class: "icon" };
  switch (props.name) {
    case "search":
      return (<svg {...common}><circle cx="7" cy="7" r="4.5" /><path d="M10.5 10.5L14 14" /></svg>);
    case "gear":
      return (<svg {...common}><circle cx="8" cy="8" r="2.2" /><path d="M8 1.5v2M8 12.5v2M1.5 8h2M12.5 8h2M3.4 3.4l1.4 1.4M11.2 11.2l1.4 1.4M3.4 12.6l1.4-1.4M11.2 4.8l1.4-1.4" /></svg>);
    case "sun":
      return (<svg {...common}><circle cx="8" cy="8" r="3" /><path d="M8 1v1.5M8 13.5V15M1 8h1.5M13.5 8H15M3 3l1 1M12 12l1 1M3 13l1-1M12 4l1-1" /></svg>);
    case "moon":
      return (<svg {...common}><path d="M13.5 9.5A5.5 5.5 0 016.5 2.5a5.5 5.5 0 107 7z" /></svg>);
    case "auto":
      return (<svg {...common}><circle cx="8" cy="8" r="5.5" /><path d="M8 2.5v11a5.5 5.5 0 000-11z" fill="currentColor" /></svg>);
    case "back":
      return (<svg {...common}><path d="M10 3L5 8l5 5" /></svg>);
    case "x":
      return (<svg {...common}><path d="M4 4l8 8M12 4l-8 8" /></svg>);
    case "chevron":
      return (<svg {...common}><path d="M6 4l4 4-4 4" /></svg>);
    case "filter":
      return (<svg {...common}><path d="M2 3.5h12M4.5 8h7M7 12.5h2" /></svg>);
    case "warning":
      return (<svg {...common}><path d="M8 2L1.5 13.5h13L8 2z" /><path d="M8 6.5v3M8 11.5v.01" /></svg>);
    case "external":
      return (<svg {...common}><path d="M9 2.5h4.5V7M13.5 2.5L7 9M11.5 9.5v3.5a.5.5 0 01-.5.5H3a.5.5 0 01-.5-.5V5a.5.5 0 01.5-.5h3.5" /></svg>);
  }
}

/** One button of a [`Segmented`] group: texts are computed by the caller's (tracked) render. */
export interface Segment<T extends string> {
  value: T;
  text: string;
  testId: string;
}

/** A group of buttons of which one is pressed: the list/map/overview switch, the map's area. */
export function Segmented<T extends string>(props: {
  label: string;
  options: readonly Segment<T>[];
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div role="group" aria-label={props.label} className="segmented">
      {props.options.map((o) => (
        <button
          key={o.value}
          type="button"
          aria-pressed={o.value === props.value}
          data-testid={o.testId}
          onClick={() => props.onChange(o.value)}
        >
          {o.text}
        </button>
      ))}
    </div>
  );
}
