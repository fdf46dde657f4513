import { InvalidArguments, requireString, type IntrinsicImpl } from "../invalid-arguments";
import { toJavaString } from "../support/to-java-string";

/** Splits a States.Format template into literal text and `{}` slots; `\` escapes the next character. */
function formatTemplate(template: string, escapes: boolean, values: unknown[]): string {
  let out = "";
  let slot = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "\\" && escapes && i + 1 < template.length) {
      out += template[++i];
    } else if (c === "{") {
      if (template[i + 1] !== "}") throw new InvalidArguments("Invalid template: matching '}' not found for '{'.");
      if (slot >= values.length) throw countMismatch();
      out += toJavaString(values[slot++]);
      i++;
    } else if (c === "}") {
      throw new InvalidArguments("Invalid template: matching '{' not found for '}'.");
    } else {
      out += c;
    }
  }
  if (slot !== values.length) throw countMismatch();
  return out;
}

function countMismatch(): InvalidArguments {
  return new InvalidArguments("number of arguments do not match the occurrences of {}.");
}

/** States.Format, States.StringSplit and States.UUID. */
export const stringFunctions: Record<string, IntrinsicImpl> = {
  "States.Format": ([template, ...values], _env, literalTemplate) =>
    literalTemplate !== undefined
      ? formatTemplate(literalTemplate, true, values)
      : formatTemplate(requireString(template), false, values),

  /** Every character of the second argument is a delimiter; empty tokens are dropped (Java StringTokenizer). */
  "States.StringSplit": ([text, delimiters]) => {
    const source = requireString(text);
    const delims = requireString(delimiters);
    const tokens: string[] = [];
    let token = "";
    for (const c of source) {
      if (delims.includes(c)) {
        if (token) tokens.push(token);
        token = "";
      } else {
        token += c;
      }
    }
    if (token) tokens.push(token);
    return tokens;
  },

  "States.UUID": (_args, env) => env.random.uuid(),
};
