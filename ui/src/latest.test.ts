import { describe, expect, it } from "vitest";
import { Latest } from "./latest";

/** A promise with its resolver, to finish calls in any order. */
function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("Latest", () => {
  it("drops an answer that arrives after a newer call", async () => {
    const pending = new Map<string, ReturnType<typeof deferred<string>>>();
    const applied: string[] = [];
    const latest = new Latest<string, string>(
      (q) => {
        const d = deferred<string>();
        pending.set(q, d);
        return d.promise;
      },
      (res) => applied.push(res),
      () => applied.push("error"),
    );
    const first = latest.call("c");
    const second = latest.call("cl");
    pending.get("cl")?.resolve("results for cl");
    expect(await second).toBe("applied");
    pending.get("c")?.resolve("results for c");
    expect(await first).toBe("dropped");
    expect(applied).toEqual(["results for cl"]);
  });

  it("drops a stale failure too, and applies the newest failure", async () => {
    const pending: Array<ReturnType<typeof deferred<string>>> = [];
    const seen: string[] = [];
    const latest = new Latest<number, string>(
      () => {
        const d = deferred<string>();
        pending.push(d);
        return d.promise;
      },
      (r) => seen.push(r),
      (e) => seen.push(`fail:${String(e)}`),
    );
    const a = latest.call(1);
    const b = latest.call(2);
    pending[0]?.reject("old");
    pending[1]?.reject("new");
    expect(await a).toBe("dropped");
    expect(await b).toBe("failed");
    expect(seen).toEqual(["fail:new"]);
  });

  it("cancel makes calls in flight stale", async () => {
    const d = deferred<string>();
    const seen: string[] = [];
    const latest = new Latest<number, string>(() => d.promise, (r) => seen.push(r), () => {});
    const a = latest.call(1);
    latest.cancel();
    d.resolve("late");
    expect(await a).toBe("dropped");
    expect(seen).toEqual([]);
  });
});
