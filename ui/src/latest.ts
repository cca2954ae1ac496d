// "Only the latest answer counts": every call gets a sequence number; when an answer arrives
// after a newer call was made it is dropped, never queued or applied out of order. Used for
// search-as-you-type, where each keystroke starts a search.

/** What happened to a call. */
export type Outcome = "applied" | "dropped" | "failed";

/** Wraps `run` so that only the answer of the newest call reaches `apply`/`fail`. */
export class Latest<Req, Res> {
  private seq = 0;

  constructor(
    private readonly run: (req: Req) => Promise<Res>,
    private readonly apply: (res: Res, req: Req) => void,
    private readonly fail: (err: unknown, req: Req) => void,
  ) {}

  /** Starts a call; resolves once its answer was applied, dropped as stale, or failed. */
  async call(req: Req): Promise<Outcome> {
    const mine = ++this.seq;
    try {
      const res = await this.run(req);
      if (mine !== this.seq) return "dropped";
      this.apply(res, req);
      return "applied";
    } catch (e) {
      if (mine !== this.seq) return "dropped";
      this.fail(e, req);
      return "failed";
    }
  }

  /** Makes every call in flight stale (e.g. when the view is reset). */
  cancel(): void {
    this.seq += 1;
  }
}
