// "Cities like this one" in the reader: other cases ranked by how alike their places are
// (population band, region, coast, hazards), each with the reasons, loaded on request.

import { useState } from "react";
import { toApiError } from "../api";
import { useStore } from "../components/common";
import { t, uiLang } from "../i18n";
import type { LikeHit } from "../bindings/LikeHit";
import "../explore.css";
import { tracked } from "../signal";

/** Cases shown at most. */
const LIKE_LIMIT = 8;

/** The action and, once used, the list for the case `id`. Mount with `key={id}` so a new
 * case starts closed. */
export const LikePanel = tracked(function LikePanel(props: { id: string }) {
  const store = useStore();
  const [state, setState] = useState<{ hits: LikeHit[] | null; error: string | null; busy: boolean }>({
    hits: null,
    error: null,
    busy: false,
  });
  const load = () => {
    setState({ hits: null, error: null, busy: true });
    store.backend
      .like(props.id, LIKE_LIMIT, uiLang.value)
      .then(
        (hits) => setState({ hits, error: null, busy: false }),
        (e) => setState({ hits: null, error: toApiError(e).message, busy: false }),
      );
  };
  return (
    <section className="like" aria-labelledby="like-title" data-testid="like-panel">
      <h2 id="like-title" className="section-title">
        {t("like_title")}
      </h2>
      {state.hits === null ? (
        <button type="button" className="button" data-testid="like-action" disabled={state.busy} onClick={load}>
          {state.busy ? t("explore_loading") : t("like_action")}
        </button>
      ) : null}
      {state.error !== null ? (
        <p className="muted" role="status">
          {t("explore_error", { message: state.error })}
        </p>
      ) : null}
      {state.hits !== null && state.hits.length === 0 ? <p className="muted">{t("like_none")}</p> : null}
      {state.hits !== null && state.hits.length > 0 ? (
        <ul className="related-list" role="list">
          {state.hits.map((h) => (
            <li key={h.id}>
              <button
                type="button"
                className="related-item"
                data-testid="like-item"
                aria-label={t("open_case", { title: h.title })}
                onClick={() => void store.open(h.id)}
              >
                <span className="related-title">{h.title}</span>
                <span className="muted">
                  {h.city} · {store.labelOf("country", h.country)}
                </span>
                <span className="like-reasons">{t("like_reasons", { reasons: h.reasons.join(uiLang.value === "ja" ? "、" : ", ") })}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
});
