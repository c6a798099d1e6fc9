import { describe, expect, it } from "vitest";
import { csvCell, csvRow, toCsv } from "@/lib/faults/csv";

describe("csvCell", () => {
  it("writes plain text, numbers and booleans as they are, and nothing for null/undefined", () => {
    expect(csvCell("checkout-blue-1")).toBe("checkout-blue-1");
    expect(csvCell(42)).toBe("42");
    expect(csvCell(0.5)).toBe("0.5");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(false)).toBe("false");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
    expect(csvCell(Number.NaN)).toBe("");
  });

  it("quotes a field with a comma, a quote or a line break, doubling quotes", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line 1\nline 2")).toBe('"line 1\nline 2"');
    expect(csvCell("line 1\r\nline 2")).toBe('"line 1\r\nline 2"');
    expect(csvCell('"')).toBe('""""');
  });

  it("defuses text a spreadsheet would run as a formula with a leading quote", () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell("+1 555")).toBe("'+1 555");
    expect(csvCell("-cmd")).toBe("'-cmd");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tTAB")).toBe("'\tTAB");
    expect(csvCell("\rCR")).toBe(`"'\rCR"`);
    // Only the first character counts, and real numbers are left alone.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell(-3)).toBe("-3");
  });
});

describe("toCsv", () => {
  it("writes a header and one CRLF-terminated line per record", () => {
    const text = toCsv(
      ["key", "cause", "flapping"],
      [
        ["F-1001", "GET http://x/healthz → 503, twice", false],
        ["F-1002", null, true],
      ],
    );
    expect(text).toBe('key,cause,flapping\r\nF-1001,"GET http://x/healthz → 503, twice",false\r\nF-1002,,true\r\n');
  });

  it("writes just the header when there are no records", () => {
    expect(toCsv(["a", "b"], [])).toBe("a,b\r\n");
  });

  it("keeps a multi-line field in one record", () => {
    const text = toCsv(["x"], [["one\ntwo"]]);
    expect(text.split("\r\n")).toEqual(["x", '"one\ntwo"', ""]);
    expect(csvRow(["a", 1, null, "b,c"])).toBe('a,1,,"b,c"');
  });
});
