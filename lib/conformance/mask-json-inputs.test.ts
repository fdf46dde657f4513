import { describe, expect, it } from "vitest";
import { maskJsonInputs } from "./mask-json-inputs";

describe("maskJsonInputs", () => {
  it("labels payload JSON quoted in causes, one label per distinct text", () => {
    const prefix = "An error occurred while executing the state 'p' (entered at the event id #2). ";
    const tree = {
      a: `${prefix}The JSONPath '$.x' specified for the field 'v.$' could not be found in the input '{"int-literal":0}'`,
      b: [`${prefix}The JSONPath '$.y' specified for the field 'ErrorPath' could not be found in the input '{"int-literal":0}'`],
      c: `${prefix}The Parameters '{"Headers":{"h":"it's"}}' could not be used to start the Task: [The value of the field 'Headers' has an invalid format]`,
      d: "Invalid path '$.x' : No results for path: $['x']",
    };
    maskJsonInputs(tree);
    expect(tree.a).toBe(`${prefix}The JSONPath '$.x' specified for the field 'v.$' could not be found in the input '<json-input:1>'`);
    expect(tree.b[0]).toMatch(/could not be found in the input '<json-input:1>'$/);
    expect(tree.c).toBe(
      `${prefix}The Parameters '<json-input:2>' could not be used to start the Task: [The value of the field 'Headers' has an invalid format]`,
    );
    expect(tree.d).toBe("Invalid path '$.x' : No results for path: $['x']");
  });

  it("leaves already masked recordings unchanged", () => {
    const tree = { cause: "The JSONPath '$.x' specified for the field 'v.$' could not be found in the input '<json-input:1>'" };
    maskJsonInputs(tree);
    expect(tree.cause).toBe("The JSONPath '$.x' specified for the field 'v.$' could not be found in the input '<json-input:1>'");
  });
});
