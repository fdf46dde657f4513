import { describe, expect, it } from "vitest";
import { printable, printableLine } from "./printable";

describe("printable", () => {
  it("removes terminal escapes, carriage returns, C1 controls and bidi overrides", () => {
    expect(printable("run\u001b[2J\u001b[31mred\u0007")).toBe("run[2J[31mred");
    expect(printable("ok\rFAKE")).toBe("okFAKE");
    expect(printable("a\u009b31mb\u0000c\u007f")).toBe("a31mbc");
    expect(printable("file\u202egnp.exe")).toBe("filegnp.exe");
  });

  it("keeps tabs, newlines and every printable character, accents and emoji included", () => {
    expect(printable("line 1\n\tline 2 é ü 😀 <b>")).toBe("line 1\n\tline 2 é ü 😀 <b>");
    expect(printableLine("a\nb\tc\u001bd")).toBe("a b cd");
  });
});
