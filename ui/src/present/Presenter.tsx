// Presenter mode: one case per slide at projector size, full screen, keys like presentation
// software (a clicker sends PageUp/PageDown). P switches to the presenter view (note, next
// slide, timer) for a facilitator with a single screen.

import { useEffect, useState } from "react";
import { useSignal, useStore } from "../components/common";
import { fmtNumber, t } from "../i18n";
import { elapsed, type Presentation, type Slide } from "./state";
import "../present.css";
import { tracked } from "../signal";

const SlideView = tracked(function SlideView(props: { slide: Slide; index: number; count: number; small?: boolean }) {
  const s = props.slide;
  return (
    <article className={`slide ${props.small ? "slide-small" : ""}`} lang={s.lang || undefined} data-testid={props.small ? "next-slide" : "slide"} data-id={s.id}>
      <header className="slide-head">
        <h1 className="slide-title" data-testid={props.small ? undefined : "slide-title"}>
          {s.title}
        </h1>
        {s.missing ? <p className="slide-place">{t("case_missing")}</p> : <p className="slide-place">{s.place}</p>}
        {s.programmes.length > 0 ? (
          <p className="slide-badges">
            {s.programmes.map((p) => (
              <span key={p} className="slide-badge">
                {p}
              </span>
            ))}
          </p>
        ) : null}
      </header>
      {props.small ? null : (
        <div className={`slide-body ${s.image !== null ? "has-image" : ""}`}>
          <div className="slide-text">
            <p className="slide-summary">{s.summary}</p>
            {s.facts.length > 0 ? (
              <dl className="slide-facts">
                {s.facts.map(([k, v]) => (
                  <div key={k}>
                    <dt>{k}</dt>
                    <dd>{v}</dd>
                  </div>
                ))}
              </dl>
            ) : null}
            {s.outcomes.length > 0 ? (
              <table className="slide-outcomes">
                <thead>
                  <tr>
                    <th scope="col">{t("outcome_metric")}</th>
                    <th scope="col">{t("outcome_value")}</th>
                    <th scope="col">{t("outcome_year")}</th>
                  </tr>
                </thead>
                <tbody>
                  {s.outcomes.slice(0, 6).map((o, i) => (
                    <tr key={i}>
                      <td>{o.metric}</td>
                      <td className="num">
                        {Number.isInteger(o.value) ? fmtNumber(o.value) : o.value} {o.unit ?? ""}
                      </td>
                      <td className="num">{o.year}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
          </div>
          {s.image !== null ? <img className="slide-image" src={s.image} alt="" /> : null}
        </div>
      )}
      <footer className="slide-foot" aria-hidden="true">
        {props.index + 1} / {props.count}
      </footer>
    </article>
  );
});

/** Seconds since `start`, re-rendered every second while shown. */
const Timer = tracked(function Timer(props: { start: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return (
    <span className="presenter-timer" data-testid="presenter-timer" role="timer">
      {elapsed(now - props.start)}
    </span>
  );
});

const PresenterView = tracked(function PresenterView(props: { p: Presentation; index: number }) {
  const { p, index } = props;
  const cur = p.slides[index];
  const next = p.slides[index + 1];
  if (!cur) return null;
  return (
    <div className="presenter-view" data-testid="presenter-view">
      <div className="presenter-top">
        <span className="presenter-name">{p.name}</span>
        <span data-testid="presenter-position">
          {t("slide_of", { n: index + 1, total: p.slides.length })}
        </span>
        <Timer start={p.started} />
      </div>
      <div className="presenter-main">
        <section className="presenter-current" aria-label={t("current_slide")}>
          <SlideView slide={cur} index={index} count={p.slides.length} />
        </section>
        <aside className="presenter-side">
          <h2 className="presenter-label">{t("facilitator_note")}</h2>
          <p className="presenter-note" data-testid="presenter-note">
            {cur.note === "" ? <span className="muted">{t("no_note")}</span> : cur.note}
          </p>
          <h2 className="presenter-label">{t("next_slide")}</h2>
          {next ? <SlideView slide={next} index={index + 1} count={p.slides.length} small /> : <p className="muted">{t("last_slide")}</p>}
          <p className="presenter-keys muted">{t("presenter_keys")}</p>
        </aside>
      </div>
    </div>
  );
});

/** The presentation overlay; renders nothing when no presentation runs. */
export const Presenter = tracked(function Presenter() {
  const store = useStore();
  const p = useSignal(store.present.presentation);
  return p === null ? null : <Running p={p} />;
});

const Running = tracked(function Running(props: { p: Presentation }) {
  const store = useStore();
  const { p } = props;
  const i = useSignal(p.index);
  const presenter = useSignal(p.presenter);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      if (p.key(e.key, () => void store.stopPresenting())) {
        e.preventDefault();
        e.stopImmediatePropagation();
      }
    };
    // Capture, so the app's own shortcuts (Esc, /) do not act behind the slides.
    document.addEventListener("keydown", onKey, true);
    return () => document.removeEventListener("keydown", onKey, true);
  }, [p, store]);
  const slide = p.slides[i];
  return (
    <div className="presentation" role="dialog" aria-modal="true" aria-label={p.name} data-testid="presentation">
      {presenter ? (
        <PresenterView p={p} index={i} />
      ) : slide ? (
        <div
          className="audience"
          onClick={(e) => {
            // A click on the slide advances, as in presentation software.
            if (e.button === 0) p.go(i + 1);
          }}
        >
          <SlideView slide={slide} index={i} count={p.slides.length} />
        </div>
      ) : null}
    </div>
  );
});
