import { describe, expect, it } from "vitest";
import { escapeHtml, sanitizeSnippet } from "./sanitize";

describe("sanitizeSnippet", () => {
  it("keeps <mark> and escaped text as they are", () => {
    const s = "Copenhagen&#39;s <mark>cloudburst</mark> plan &amp; parks";
    expect(sanitizeSnippet(s)).toBe(s);
  });

  it("escapes <script>", () => {
    const out = sanitizeSnippet("a <script>alert(1)</script> b");
    expect(out).toBe("a &lt;script&gt;alert(1)&lt;/script&gt; b");
    expect(out).not.toContain("<script");
  });

  it("escapes <img onerror> and leaves no tag but mark", () => {
    const out = sanitizeSnippet('<mark>x</mark><img src=x onerror="alert(1)">');
    expect(out).toBe("<mark>x</mark>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    const tags = out.match(/<[^>]*>/g) ?? [];
    expect(tags.every((t) => t === "<mark>" || t === "</mark>")).toBe(true);
  });

  it("rejects marks with attributes and other casing", () => {
    expect(sanitizeSnippet('<mark onclick="x">a</mark>')).toBe("&lt;mark onclick=&quot;x&quot;&gt;a");
    expect(sanitizeSnippet("<MARK>a</MARK>")).toBe("&lt;MARK&gt;a&lt;/MARK&gt;");
  });

  it("balances marks", () => {
    expect(sanitizeSnippet("</mark>a<mark>b")).toBe("a<mark>b</mark>");
  });

  it("escapes a bare ampersand but keeps entities", () => {
    expect(sanitizeSnippet("R&D &lt; &#x41; &copy;")).toBe("R&amp;D &lt; &#x41; &copy;");
  });

  it("produces DOM with only mark elements", () => {
    const div = document.createElement("div");
    div.innerHTML = sanitizeSnippet('<mark>熱中症</mark> <svg onload=alert(1)><a href="javascript:x">y</a>');
    const names = [...div.querySelectorAll("*")].map((e) => e.tagName);
    expect(names).toEqual(["MARK"]);
    expect(div.textContent).toContain("<svg onload=alert(1)>");
  });
});

describe("escapeHtml", () => {
  it("escapes the five characters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
