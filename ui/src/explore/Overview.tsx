// The overview: bar charts of the current results per facet, a start-year timeline and the
// curator lists. Bars are drawn into SVG (scales in scales.ts); every bar is a button that adds its
// value as a filter, and every chart has a text summary for screen readers.

import { max } from "d3-array";
import { bands, scaleLinear } from "./scales";
import { fmtNumber, t, type MessageKey } from "../i18n";
import type { StatCount } from "../bindings/StatCount";
import type { Stats } from "../bindings/Stats";
import type { YearCount } from "../bindings/YearCount";
import "../explore.css";
import { tracked } from "../signal";

/** Facets charted, in order; each takes its colour from the facet palette. */
export const CHART_FACETS = ["hazard", "sector", "measure", "programme", "country"] as const;

/** Bars shown per chart at most (the rest are summed up in the text). */
const MAX_BARS = 12;

const ROW = 26;
const LABEL_W = 210;
const BAR_W = 300;
const COUNT_W = 44;

/** The overview of `stats`; `onFilter` adds a facet value, `onYear` a one-year range and
 * `onOpen` opens a case. */
export const Overview = tracked(function Overview(props: {
  stats: Stats;
  onFilter: (facet: string, id: string) => void;
  onYear: (year: number) => void;
  onOpen: (id: string) => void;
}) {
  const { stats } = props;
  return (
    <section className="overview" data-testid="overview" aria-label={t("overview_title")}>
      <h2 className="overview-title">{t("overview_title")}</h2>
      <div className="overview-grid">
        {CHART_FACETS.map((f) => (
          <BarChart key={f} facet={f} rows={stats[f]} onFilter={props.onFilter} />
        ))}
        <Timeline years={stats.years} onYear={props.onYear} />
      </div>
      <Curator stats={stats} onOpen={props.onOpen} />
    </section>
  );
});

const BarChart = tracked(function BarChart(props: { facet: string; rows: StatCount[]; onFilter: (facet: string, id: string) => void }) {
  const { facet } = props;
  const title = t(`facet_${facet}` as MessageKey);
  const rows = [...props.rows].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)).slice(0, MAX_BARS);
  const top = rows[0];
  const x = scaleLinear([0, max(rows, (r) => r.count) ?? 1], [0, BAR_W]);
  const height = rows.length * ROW;
  return (
    <figure className={`chart chart-${facet}`} data-testid={`chart-${facet}`}>
      <figcaption>{title}</figcaption>
      {top === undefined ? (
        <p className="chart-empty">{t("chart_empty")}</p>
      ) : (
        <>
          <p className="visually-hidden">
            {t("chart_summary", { title, n: fmtNumber(props.rows.length), top: `${top.label} (${fmtNumber(top.count)})` })}
          </p>
          <svg
            viewBox={`0 0 ${LABEL_W + BAR_W + COUNT_W} ${height}`}
            width="100%"
            role="group"
            aria-label={title}
            className="chart-svg"
          >
            {rows.map((r, i) => {
              const name = r.count === 1 ? t("chart_bar_one", { label: r.label }) : t("chart_bar", { label: r.label, n: fmtNumber(r.count) });
              const go = () => props.onFilter(facet, r.id);
              return (
                <g
                  key={r.id}
                  className="chart-bar"
                  transform={`translate(0, ${i * ROW})`}
                  role="button"
                  tabIndex={0}
                  aria-label={name}
                  data-testid="chart-bar"
                  data-id={r.id}
                  onClick={go}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" || e.key === " ") {
                      e.preventDefault();
                      go();
                    }
                  }}
                >
                  <title>{name}</title>
                  <rect className="chart-hit" x={0} y={0} width={LABEL_W + BAR_W + COUNT_W} height={ROW} />
                  <text className="chart-label" x={LABEL_W - 8} y={ROW / 2 + 5} textAnchor="end">
                    {clip(r.label, 26)}
                  </text>
                  <rect className="chart-fill" x={LABEL_W} y={4} width={Math.max(2, x(r.count))} height={ROW - 8} rx={2} />
                  <text className="chart-count" x={LABEL_W + Math.max(2, x(r.count)) + 6} y={ROW / 2 + 5}>
                    {fmtNumber(r.count)}
                  </text>
                </g>
              );
            })}
          </svg>
        </>
      )}
    </figure>
  );
});

function clip(s: string, n: number): string {
  const chars = [...s];
  return chars.length > n ? `${chars.slice(0, n - 1).join("")}…` : s;
}

const TL_W = 560;
const TL_H = 150;
const TL_AXIS = 22;

const Timeline = tracked(function Timeline(props: { years: YearCount[]; onYear: (year: number) => void }) {
  const title = t("chart_years");
  const years = [...props.years].sort((a, b) => a.year - b.year);
  const firstYear = years[0];
  const lastYear = years[years.length - 1];
  if (firstYear === undefined || lastYear === undefined) {
    return (
      <figure className="chart chart-years" data-testid="chart-years">
        <figcaption>{title}</figcaption>
        <p className="chart-empty">{t("chart_empty")}</p>
      </figure>
    );
  }
  // Every year between the first and the last gets a slot, so gaps show as gaps.
  const first = firstYear.year;
  const last = lastYear.year;
  const all = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const byYear = new Map(years.map((y) => [y.year, y.count]));
  const x = bands(all.length, TL_W, 0.15);
  const y = scaleLinear([0, max(years, (d) => d.count) ?? 1], [0, TL_H - TL_AXIS - 4]);
  const step = Math.max(1, Math.ceil(all.length / 10));
  const top = years.reduce((a, b) => (b.count > a.count ? b : a));
  return (
    <figure className="chart chart-years" data-testid="chart-years">
      <figcaption>{title}</figcaption>
      <p className="visually-hidden">
        {t("chart_summary", { title, n: fmtNumber(years.length), top: `${top.year} (${fmtNumber(top.count)})` })}
      </p>
      <svg viewBox={`0 0 ${TL_W} ${TL_H}`} width="100%" role="group" aria-label={title} className="chart-svg">
        {all.map((yr, i) => {
          const n = byYear.get(yr) ?? 0;
          const h = y(n);
          const bx = x.x(i);
          const label = i % step === 0 ? (
            <text className="chart-tick" x={bx + x.bandwidth / 2} y={TL_H - 6} textAnchor="middle">
              {yr}
            </text>
          ) : null;
          if (n === 0) return <g key={yr}>{label}</g>;
          const name = n === 1 ? t("chart_year_bar_one", { year: yr }) : t("chart_year_bar", { year: yr, n: fmtNumber(n) });
          return (
            <g
              key={yr}
              className="chart-bar"
              role="button"
              tabIndex={0}
              aria-label={name}
              data-testid="year-bar"
              onClick={() => props.onYear(yr)}
              onKeyDown={(e) => {
                if (e.key === "Enter" || e.key === " ") {
                  e.preventDefault();
                  props.onYear(yr);
                }
              }}
            >
              <title>{name}</title>
              <rect className="chart-fill" x={bx} y={TL_H - TL_AXIS - h} width={x.bandwidth} height={h} rx={2} />
              {label}
            </g>
          );
        })}
      </svg>
    </figure>
  );
});

const Curator = tracked(function Curator(props: { stats: Stats; onOpen: (id: string) => void }) {
  const { stats } = props;
  return (
    <section className="curator" data-testid="curator" aria-label={t("curator_title")}>
      <h3>{t("curator_title")}</h3>
      <div className="curator-grid">
        <div>
          <h4>{t("curator_unused")}</h4>
          {stats.unused.length === 0 ? (
            <p className="chart-empty">{t("curator_none_unused")}</p>
          ) : (
            <ul className="curator-list" data-testid="curator-unused">
              {stats.unused.map((u) => (
                <li key={`${u.facet}:${u.id}`}>
                  <span className="chip-facet">{t(`facet_${u.facet}` as MessageKey)}</span> {u.label}
                </li>
              ))}
            </ul>
          )}
        </div>
        {(["fewest_outcomes", "fewest_sources"] as const).map((k) => (
          <div key={k}>
            <h4>{t(`curator_${k}`)}</h4>
            <ol className="curator-list" data-testid={`curator-${k}`}>
              {stats[k].map((c) => (
                <li key={c.id}>
                  <button type="button" className="link-button" onClick={() => props.onOpen(c.id)}>
                    {c.title}
                  </button>{" "}
                  <span className="muted">{t("curator_counts", { outcomes: fmtNumber(c.outcomes), sources: fmtNumber(c.sources) })}</span>
                </li>
              ))}
            </ol>
          </div>
        ))}
      </div>
    </section>
  );
});
