import { act } from "react";
import { createRoot } from "react-dom/client";
import { expect, it, vi } from "vitest";
import { StoreContext } from "../components/common";
import { createMockBackend } from "../mock/backend";
import { Store } from "../store";
import { LikePanel } from "./LikePanel";
import type { LikeHit } from "../bindings/LikeHit";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

it("loads cities like the open one on request and shows why", async () => {
  const hit: LikeHit = {
    id: "rotterdam-water-squares",
    title: "Water squares",
    city: "Rotterdam",
    country: "NL",
    score: 3.5,
    reasons: ["also coastal", "250k-1M", "pluvial flooding"],
  };
  const like = vi.fn(async () => [hit]);
  const store = new Store(Object.assign(createMockBackend(), { like }));
  const open = vi.spyOn(store, "open").mockResolvedValue(undefined);
  const el = document.createElement("div");
  const root = createRoot(el);
  act(() =>
    root.render(
      <StoreContext.Provider value={store}>
        <LikePanel id="copenhagen-cloudburst-plan" />
      </StoreContext.Provider>,
    ),
  );
  expect(like).not.toHaveBeenCalled();
  await act(async () => el.querySelector<HTMLButtonElement>('[data-testid="like-action"]')!.click());
  expect(like).toHaveBeenCalledWith("copenhagen-cloudburst-plan", 8, "en");
  const item = el.querySelector<HTMLButtonElement>('[data-testid="like-item"]')!;
  expect(item.textContent).toContain("Why: also coastal, 250k-1M, pluvial flooding");
  act(() => item.click());
  expect(open).toHaveBeenCalledWith("rotterdam-water-squares");
  act(() => root.unmount());
});
