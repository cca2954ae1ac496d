// The three scales the map and the charts need. Not d3-scale: it loads d3-color, whose module
// code assigns `prototype.constructor` on plain objects, which throws once Tauri has frozen
// Object.prototype (`freezePrototype`), so the whole UI would fail to start.

/** Maps [d0, d1] linearly onto [r0, r1]; values outside the domain extrapolate. */
export function scaleLinear(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (v) => (span === 0 ? r0 : r0 + ((v - d0) / span) * (r1 - r0));
}

/** Maps [d0, d1] onto [r0, r1] by square root (so an area follows the value), clamped. */
export function scaleSqrtClamped(domain: [number, number], range: [number, number]): (v: number) => number {
  const [d0, d1] = domain;
  const lin = scaleLinear([Math.sqrt(d0), Math.sqrt(d1)], range);
  return (v) => lin(Math.sqrt(Math.min(Math.max(v, d0), d1)));
}

/** Equal bands for `n` slots across `width`, with `padding` (a fraction of a step) between
 * them and half of it at each end: the start of slot `i` and the band width. */
export function bands(n: number, width: number, padding: number): { x: (i: number) => number; bandwidth: number } {
  const step = width / Math.max(1, n + padding);
  return { x: (i) => step * padding + i * step, bandwidth: step * (1 - padding) };
}
