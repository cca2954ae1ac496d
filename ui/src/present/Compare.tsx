// Side-by-side comparison of two to four cases: one column per case, rows of facts; rows where
// all cases agree can be hidden; "PDF for printing" saves the same table through the core.

import { useEffect, useState } from "react";
import type { Comparison } from "../bindings/Comparison";
import { Icon, useSignal, useStore } from "../components/common";
import { t, uiLang } from "../i18n";
import { toApiError } from "../api";
import "../present.css";
import { tracked } from "../signal";

export const Compare = tracked(function Compare() {
  const store = useStore();
  const ids = useSignal(store.present.comparing);
  const lang = useSignal(uiLang);
  const [cmp, setCmp] = useState<Comparison | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hideSame, setHideSame] = useState(false);
  const key = ids?.join(" ") ?? "";
  useEffect(() => {
    if (ids === null) return;
    let live = true;
    setError(null);
    store.backend.compare(ids, lang).then(
      (c) => live && setCmp(c),
      (e: unknown) => live && setError(toApiError(e).message),
    );
    return () => {
      live = false;
    };
  }, [key, lang]);
  if (ids === null) return null;
  const rows = cmp?.rows.filter((r) => !(hideSame && r.same)) ?? [];
  return (
    <section className="compare-pane" aria-labelledby="compare-title" data-testid="compare-view">
      <div className="problems-head">
        <button type="button" className="button button-quiet" aria-label={t("back")} onClick={() => store.closeCompare()}>
          <Icon name="back" />
          {t("back_short")}
        </button>
        <h1 id="compare-title" className="pane-title">
          {t("compare_title")}
        </h1>
        <label className="compare-toggle">
          <input type="checkbox" data-testid="hide-same" checked={hideSame} onChange={(e) => setHideSame(e.currentTarget.checked)} />
          {t("hide_same_rows")}
        </label>
        <button
          type="button"
          className="button"
          data-testid="compare-pdf"
          onClick={() =>
            void store.backend.exportComparison(ids, lang).then(
              (name) => name !== null && store.flash(t("exported_to", { name })),
              (e: unknown) => store.flash(toApiError(e).message),
            )
          }
        >
          {t("print")}
        </button>
      </div>
      {error !== null ? (
        <p className="error-banner" role="alert">
          {error}
        </p>
      ) : null}
      {cmp !== null ? (
        <div className="compare-scroll">
          <table className="compare-table" data-testid="compare-table">
            <colgroup>
              <col className="compare-label-col" />
            </colgroup>
            <thead>
              <tr>
                <td />
                {cmp.cases.map((c) => (
                  <th key={c.id} scope="col" lang={c.lang || undefined} data-testid="compare-case">
                    {c.missing ? (
                      <span>
                        {c.title} <span className="missing-tag">{t("case_missing")}</span>
                      </span>
                    ) : (
                      <button type="button" className="link-button" onClick={() => void store.open(c.id)}>
                        {c.title}
                      </button>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key} className={r.same ? "is-same" : ""} data-testid="compare-row" data-key={r.key}>
                  <th scope="row">{r.label}</th>
                  {r.values.map((v, i) => (
                    <td key={i} lang={cmp.cases[i]?.lang || undefined}>
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
});
