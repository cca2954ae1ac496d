import { describe, expect, it } from "vitest";
import { elapsed, firstImage, Presentation, type Slide } from "./state";

const slide = (id: string): Slide => ({
  id,
  title: id,
  place: "",
  lang: "en",
  programmes: [],
  summary: "",
  facts: [],
  outcomes: [],
  image: null,
  note: "",
  missing: false,
});

describe("presentation keys", () => {
  it("moves like presentation software, clamped to the deck, and leaves on Esc", () => {
    const p = new Presentation("Deck", [slide("a"), slide("b"), slide("c")]);
    let left = 0;
    const exit = () => (left += 1);
    for (const k of ["ArrowRight", "PageDown", " "]) p.key(k, exit);
    expect(p.index.value).toBe(2); // clamped at the last slide
    p.key("PageUp", exit);
    expect(p.current?.id).toBe("b");
    expect(p.next?.id).toBe("c");
    p.key("Home", exit);
    expect(p.index.value).toBe(0);
    p.key("ArrowLeft", exit);
    expect(p.index.value).toBe(0);
    p.key("End", exit);
    expect(p.index.value).toBe(2);
    expect(p.next).toBeUndefined();
    expect(p.key("p", exit)).toBe(true);
    expect(p.presenter.value).toBe(true);
    expect(p.key("q", exit)).toBe(false);
    p.key("Escape", exit);
    expect(left).toBe(1);
  });

  it("formats the timer and finds only the app's own images", () => {
    expect(elapsed(0)).toBe("0:00");
    expect(elapsed(65_000)).toBe("1:05");
    expect(elapsed(3_725_000)).toBe("1:02:05");
    expect(firstImage('<p>x</p><img src="casebook://localhost/eu/a.png"><img src="casebook://localhost/b.png">')).toBe(
      "casebook://localhost/eu/a.png",
    );
    expect(firstImage('<img src="https://evil.example/x.png">')).toBeNull();
    expect(firstImage("<p>no image</p>")).toBeNull();
  });
});
