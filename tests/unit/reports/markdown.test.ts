import { describe, expect, it } from "vitest";
import { mdText } from "@/lib/reports/markdown";
import { timelineMarkdown } from "@/lib/reports/timeline";

describe("mdText: operator text made inert in Markdown", () => {
  it.each([
    ["plain words stay", "api-2 refused connections on 127.0.0.1:8080", "api-2 refused connections on 127.0.0.1:8080"],
    ["HTML becomes entities", `<img src=x onerror="alert(1)">`, '&lt;img src=x onerror="alert(1)"&gt;'],
    ["script tags become entities", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["a javascript: link stays text", "[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"],
    ["an image stays text", "![a](http://127.0.0.2/t.png)", "\\!\\[a\\](http://127.0.0.2/t.png)"],
    ["an autolink stays text", "<javascript:alert(1)>", "&lt;javascript:alert(1)&gt;"],
    ["pipes cannot split a cell", "a | b", "a \\| b"],
    ["backslashes are kept literally", "C:\\tmp", "C:\\\\tmp"],
    ["code and emphasis markers are escaped", "`x` *y* _z_ ~~w~~", "\\`x\\` \\*y\\* \\_z\\_ \\~\\~w\\~\\~"],
    ["line breaks become spaces", "a\nb\r\nc\rd", "a b c d"],
    ["a leading = is defused", '=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ["a leading + is defused", "+1+1", "'+1+1"],
    ["a leading @ is defused", "@SUM(A1)", "'@SUM(A1)"],
    ["ampersands are escaped so entities cannot be smuggled", "&lt;b&gt;", "&amp;lt;b&amp;gt;"],
    ["null is empty", null, ""],
  ])("%s", (_, input, out) => {
    expect(mdText(input)).toBe(out);
  });

  it("escapes the heading's service name as well as the cells", () => {
    const md = timelineMarkdown([], { from: "A", to: "B", service: "<b>pay</b>" });
    expect(md).toContain("0 events of &lt;b&gt;pay&lt;/b&gt;; times in UTC.");
    expect(md).not.toContain("<b>");
  });
});
