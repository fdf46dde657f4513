import { describe, expect, it } from "vitest";
import { StatesError } from "../errors";
import type { ExpressionEnv } from "../paths/env";
import { evaluateIntrinsic } from "./evaluate-intrinsic";
import { JavaRandom } from "./support/java-random";

const env = (input: unknown = {}, variables: Record<string, unknown> = {}): ExpressionEnv => ({
  input,
  context: { Execution: { Name: "exec-name", Input: input }, StateMachine: { Id: "arn:sm", Name: "machine-a-b" } },
  variables,
  random: { random: () => 0.999, uuid: () => "11111111-2222-4333-8444-555555555555" },
});

const run = (expression: string, input?: unknown, variables?: Record<string, unknown>) =>
  evaluateIntrinsic(expression, env(input, variables));

function failure(expression: string, input?: unknown): StatesError {
  try {
    run(expression, input);
  } catch (error) {
    expect(error).toBeInstanceOf(StatesError);
    expect((error as StatesError).error).toBe("States.Runtime");
    return error as StatesError;
  }
  throw new Error(`${expression} did not fail`);
}

describe("States.Format", () => {
  it("renders values as AWS does (Java toString for objects, null as null)", () => {
    expect(run("States.Format('{} {} {} {}', $.s, $.n, $.o, $.z)", { s: "x", n: 1.1, o: { Arg1: 1, Arg2: [] }, z: null })).toBe(
      "x 1.1 {Arg1=1, Arg2=[]} null",
    );
    expect(run("States.Format('snd={}', $$.StateMachine)")).toBe("snd={Id=arn:sm, Name=machine-a-b}");
    expect(run("States.Format('{}', $.a)", { a: [1, "b", [true]] })).toBe("[1, b, [true]]");
  });

  it("honours escapes in a literal template and takes templates from paths", () => {
    expect(run("States.Format('Name: \\'{}\\', literal \\{\\}', $.n)", { n: "Gabriel" })).toBe("Name: 'Gabriel', literal {}");
    expect(run("States.Format($.t, $.n)", { t: "Hello {}", n: "Ada" })).toBe("Hello Ada");
    expect(run("States.Format('  {}  ', 'x')")).toBe("  x  ");
  });

  it("fails when placeholders and arguments disagree or the template is malformed", () => {
    expect(failure("States.Format('{} {}', 'x')").cause).toContain("Invalid arguments in States.Format");
    expect(failure("States.Format('{}', 'x', 'y')").cause).toContain("number of arguments do not match the occurrences of {}.");
    expect(failure("States.Format('Hello {', 'x')").cause).toContain("matching '}' not found for '{'");
    expect(failure("States.Format($.t)", { t: 123 }).cause).toContain("Invalid arguments in States.Format");
  });

  it("gives the same results and errors when a template is used again (templates are split once)", () => {
    for (let i = 0; i < 2; i++) {
      expect(run("States.Format('a\\{\\}{}b{}', $.x, $.y)", { x: 1, y: [2] })).toBe("a{}1b[2]");
      expect(run("States.Format($.t, $.x, $.y)", { t: "a\\{}b{}", x: 1, y: 2 })).toBe("a\\1b2");
      expect(run("States.Format($.t)", { t: "no slots \\" })).toBe("no slots \\");
      // The first problem met left to right is reported: a missing argument before the brace error.
      expect(failure("States.Format('{} } {}')").cause).toContain("number of arguments do not match the occurrences of {}.");
      expect(failure("States.Format('{} } {}', 'x')").cause).toContain("matching '{' not found for '}'");
      expect(failure("States.Format('{}{}', 'x', 'y', 'z')").cause).toContain("number of arguments do not match the occurrences of {}.");
    }
  });
});

describe("array functions", () => {
  it("States.Array / ArrayLength / ArrayContains / ArrayUnique", () => {
    expect(run("States.Array()")).toEqual([]);
    expect(run("States.Array($.a, 'b', 3, null)", { a: { x: 1 } })).toEqual([{ x: 1 }, "b", 3, null]);
    expect(run("States.ArrayLength($.a)", { a: [1, 2, 3] })).toBe(3);
    expect(run("States.ArrayContains($.a, $.v)", { a: [[1, 2, 3], 2], v: [1, 2, 3] })).toBe(true);
    expect(run("States.ArrayContains($.a, $.v)", { a: [{ 1: 2, 2: [] }], v: { 2: [], 1: 2 } })).toBe(true);
    expect(run("States.ArrayContains($.a, $.v)", { a: [], v: [] })).toBe(false);
    expect(run("States.ArrayUnique($.a)", { a: [1, 1, "x", "x", [null], [null], { a: 1 }, { a: 1 }, { a: 2 }] })).toEqual([
      1,
      "x",
      [null],
      { a: 1 },
      { a: 2 },
    ]);
  });

  it("States.ArrayPartition truncates the chunk size", () => {
    expect(run("States.ArrayPartition($.a, 4)", { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [9]]);
    expect(run("States.ArrayPartition($.a, 2.6)", { a: [1, 2, 3, 4, 5] })).toEqual([[1, 2], [3, 4], [5]]);
    expect(run("States.ArrayPartition($.a, 3)", { a: [] })).toEqual([]);
    for (const size of ["0", "0.49", "-0.4", "-1", "'2'", "null"]) {
      expect(failure(`States.ArrayPartition($.a, ${size})`, { a: [1] }).cause).toContain("Invalid arguments in States.ArrayPartition");
    }
  });

  it("States.ArrayRange is inclusive, truncates, and caps at 1000 items", () => {
    expect(run("States.ArrayRange(1, 9, 2)")).toEqual([1, 3, 5, 7, 9]);
    expect(run("States.ArrayRange(0, 10, 3)")).toEqual([0, 3, 6, 9]);
    expect(run("States.ArrayRange(5, 1, -2)")).toEqual([5, 3, 1]);
    expect(run("States.ArrayRange(5, 1, 1)")).toEqual([]);
    expect(run("States.ArrayRange(3, 3, -1)")).toEqual([3]);
    expect(run("States.ArrayRange(5.4, -0.6, -2.4)")).toEqual([5, 3, 1]);
    expect(run("States.ArrayRange(1.6, 1.4, 1)")).toEqual([1]);
    expect((run("States.ArrayRange(1, 1000, 1)") as number[]).length).toBe(1000);
    for (const args of ["1, 1001, 1", "1, 10, 0", "1, 10, 0.49", "'a', 5, 1"]) {
      expect(failure(`States.ArrayRange(${args})`).cause).toContain("Invalid arguments in States.ArrayRange");
    }
  });

  it("States.ArrayGetItem truncates the index, fails out of range, and returns null for an empty array", () => {
    expect(run("States.ArrayGetItem($.a, 5)", { a: [1, 2, 3, 4, 5, 6, 7, 8, 9] })).toBe(6);
    expect(run("States.ArrayGetItem($.a, 1.2)", { a: [10, 20, 30] })).toBe(20);
    expect(run("States.ArrayGetItem($.a, 999)", { a: [] })).toBeNull();
    for (const index of ["3", "-1", "'1'"]) {
      expect(failure(`States.ArrayGetItem($.a, ${index})`, { a: [10, 20, 30] }).cause).toContain(
        "Invalid arguments in States.ArrayGetItem",
      );
    }
    expect(failure("States.ArrayGetItem('not-array', 0)").cause).toContain("States.ArrayGetItem");
  });
});

describe("encoding and hashing", () => {
  it("Base64 round-trips UTF-8 and decodes leniently", () => {
    expect(run("States.Base64Encode('Data to encode')")).toBe("RGF0YSB0byBlbmNvZGU=");
    expect(run("States.Base64Decode('RGF0YSB0byBlbmNvZGU=')")).toBe("Data to encode");
    expect(run("States.Base64Decode('4pyT')")).toBe("✓");
    expect(run("States.Base64Decode(' YWJjZA== ')")).toBe("abcd");
    expect(run("States.Base64Decode(States.Base64Encode('こんにちは'))")).toBe("こんにちは");
    expect(failure("States.Base64Encode($.s)", { s: "a".repeat(10001) }).cause).toContain("Invalid arguments in States.Base64Encode");
    expect(failure("States.Base64Decode(123)").cause).toContain("States.Base64Decode");
  });

  it("States.Hash supports exactly AWS's algorithm names and stringifies non-string data", () => {
    expect(run("States.Hash('input data', 'SHA-1')")).toBe("aaff4a450a104cd177d28d18d74485e8cae074b7");
    expect(run("States.Hash('hello', 'MD5')")).toBe("5d41402abc4b2a76b9719d911017c592");
    expect(run("States.Hash(123, 'MD5')")).toBe(run("States.Hash('123', 'MD5')"));
    expect((run("States.Hash($.s, 'SHA-256')", { s: "a".repeat(10000) }) as string).length).toBe(64);
    expect(failure("States.Hash($.s, 'SHA-256')", { s: "a".repeat(10001) }).cause).toContain("States.Hash");
    for (const algorithm of ["sha-256", "SHA256", "MD-5", ""]) {
      expect(failure(`States.Hash('x', '${algorithm}')`).cause).toContain("Invalid arguments in States.Hash");
    }
  });
});

describe("JSON functions", () => {
  it("StringToJson / JsonToString / JsonMerge", () => {
    expect(run("States.StringToJson($.s)", { s: '{"Arg1": 1, "Arg2": []}' })).toEqual({ Arg1: 1, Arg2: [] });
    expect(run("States.StringToJson($.s)", { s: " " })).toBeNull();
    expect(Object.is(run("States.StringToJson('-0')"), 0)).toBe(true);
    expect(run("States.JsonToString($.o)", { o: { Arg1: 1, Arg2: [] } })).toBe('{"Arg1":1,"Arg2":[]}');
    expect(run("States.JsonToString($.o)", { o: "HelloWorld" })).toBe('"HelloWorld"');
    expect(run("States.JsonMerge($.a, $.b, false)", { a: { x: 1, n: { p: 1 } }, b: { y: 2, n: { q: 2 } } })).toEqual({
      x: 1,
      y: 2,
      n: { q: 2 },
    });
    expect(failure("States.JsonMerge($.a, $.b, true)", { a: {}, b: {} }).cause).toContain("States.JsonMerge");
    expect(failure("States.StringToJson('{oops')").cause).toContain("States.StringToJson");
  });
});

describe("math, strings, UUID", () => {
  it("States.MathAdd rounds half up like Java (recorded cases)", () => {
    const cases: [number, number, number][] = [
      [1.49, 1.5, 3],
      [-1.5, 0, -1],
      [-1.51, 0, -2],
      [2.5, 0, 3],
      [-2.5, 0, -2],
      [-1.49, -1.5, -2],
      [-9, 3, -6],
    ];
    for (const [a, b, sum] of cases) expect(run("States.MathAdd($.a, $.b)", { a, b })).toBe(sum);
    expect(failure("States.MathAdd($.a, 1)", { a: "NOT A NUMBER" }).cause).toContain("Invalid arguments in States.MathAdd");
  });

  it("States.MathRandom draws from the random port, or java.util.Random with a seed", () => {
    expect(run("States.MathRandom(1, 999)")).toBe(998);
    const seeded = run("States.MathRandom(1, 100, 42)");
    expect(seeded).toBe(run("States.MathRandom(1, 100, 42)"));
    expect(seeded).toBe(1 + new JavaRandom(42).nextInt(99));
    expect(run("States.MathRandom(1, 100, 7)")).not.toBe(seeded);
    for (const args of ["1, 1", "10, 5", "1.4, 1.6", "'a', 10", "1, 10, null"]) {
      expect(failure(`States.MathRandom(${args})`).cause).toContain("Invalid arguments in States.MathRandom");
    }
  });

  it("States.StringSplit splits on any delimiter character and drops empty tokens", () => {
    expect(run("States.StringSplit($.s, $.d)", { s: "This.is+a,test=string", d: ".+,=" })).toEqual(["This", "is", "a", "test", "string"]);
    expect(run("States.StringSplit($.s, ',')", { s: ", , ," })).toEqual([" ", " "]);
    expect(run("States.StringSplit($.s, ',')", { s: ",,,," })).toEqual([]);
    expect(run("States.StringSplit('Hello\nWorld', '\n')")).toEqual(["Hello", "World"]);
  });

  it("nested calls compose (recorded $$.StateMachine.Name example)", () => {
    expect(
      run(
        "States.ArrayGetItem(States.StringSplit($$.StateMachine.Name, '-'), States.MathAdd(States.ArrayLength(States.StringSplit($$.StateMachine.Name, '-')), -1))",
      ),
    ).toBe("b");
    expect(run("States.UUID()")).toBe("11111111-2222-4333-8444-555555555555");
    expect(run("States.Format('{}', $x)", {}, { x: "var" })).toBe("var");
  });
});

describe("failures", () => {
  it("names the call and the missing path argument", () => {
    expect(failure("States.Hash($.missing, 'SHA-256')", {}).cause).toBe(
      "There was an error while evaluating the intrinsic function: States.Hash($.missing, 'SHA-256'). " +
        "The JsonPath argument for the field '$.missing' could not be found in the input '{}'",
    );
  });

  it("reports the innermost failing call and turns syntax errors into States.Runtime", () => {
    expect(failure("States.Format('{}', States.ArrayLength('x'))").cause).toBe(
      "There was an error while evaluating the intrinsic function: States.ArrayLength('x'). Invalid arguments in States.ArrayLength",
    );
    expect(failure("States.ArrayRange(1, 5)").cause).toContain("takes 3 argument(s)");
  });
});
