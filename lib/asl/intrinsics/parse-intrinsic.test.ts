import { describe, expect, it } from "vitest";
import { DefinitionError } from "../errors";
import { parseIntrinsic } from "./parse-intrinsic";

describe("parseIntrinsic", () => {
  it("parses literals, paths and nested calls", () => {
    const call = parseIntrinsic(
      "States.Format('it''s {}', $.a[0], $$.Execution.Id, $var.x, 1.5, -2, true, null, States.UUID())".replace("''", "\\'"),
    );
    expect(call.name).toBe("States.Format");
    expect(call.args.map((a) => a.kind)).toEqual(["literal", "path", "path", "path", "literal", "literal", "literal", "literal", "call"]);
    expect(call.args[0]).toEqual({ kind: "literal", value: "it's {}", raw: "it\\'s {}" });
    expect(call.args.slice(1, 4)).toEqual([
      { kind: "path", path: "$.a[0]" },
      { kind: "path", path: "$$.Execution.Id" },
      { kind: "path", path: "$var.x" },
    ]);
    expect(call.args.slice(4, 8).map((a) => (a as { value: unknown }).value)).toEqual([1.5, -2, true, null]);
  });

  it("keeps commas and parentheses inside path brackets", () => {
    const call = parseIntrinsic("States.Array($['a,b'], $.items[?(@.x > 1)].y)");
    expect(call.args).toEqual([
      { kind: "path", path: "$['a,b']" },
      { kind: "path", path: "$.items[?(@.x > 1)].y" },
    ]);
  });

  it("keeps the source text of each call for error messages", () => {
    const call = parseIntrinsic("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)");
    expect(call.text).toBe("States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), 0)");
    expect((call.args[0] as { text: string }).text).toBe("States.StringSplit($$.StateMachine.Name, '-')");
  });

  it.each([
    ["States.Nope(1)", "is not supported"],
    ["States.ArrayRange(1, 5)", "takes 3 argument(s), got 2"],
    ["States.Hash('a', 'MD5', 'x')", "takes 2 argument(s), got 3"],
    ["States.Format('abc", "unterminated string literal"],
    ["States.Format('a\\nb')", "invalid escape sequence"],
    ["States.ArrayGetItem($.arr, )", "unexpected argument"],
    ["States.UUID() x", "unexpected text"],
    ["States.Array(foo)", "unexpected argument"],
  ])("rejects %s", (text, message) => {
    expect(() => parseIntrinsic(text)).toThrow(DefinitionError);
    expect(() => parseIntrinsic(text)).toThrow(message);
  });
});
