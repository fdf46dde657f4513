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

/** Valid templates split once into the literal texts around their `{}` slots, per escape mode. */
const splitTemplates = [new Map<string, string[]>(), new Map<string, string[]>()];
const SPLIT_CACHE_LIMIT = 1_000;

/** The texts around the slots (one more than the slots), or undefined for a template with a brace error. */
function splitTemplate(template: string, escapes: boolean): string[] | undefined {
  const cache = splitTemplates[escapes ? 1 : 0];
  const cached = cache.get(template);
  if (cached) return cached;
  const texts: string[] = [];
  let text = "";
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === "\\" && escapes && i + 1 < template.length) text += template[++i];
    else if (c === "{") {
      if (template[i + 1] !== "}") return undefined;
      texts.push(text);
      text = "";
      i++;
    } else if (c === "}") return undefined;
    else text += c;
  }
  texts.push(text);
  if (cache.size >= SPLIT_CACHE_LIMIT) cache.clear();
  cache.set(template, texts);
  return texts;
}

/** States.Format of `args[from..]` into `template`: same result and errors as formatTemplate. */
function format(template: string, escapes: boolean, args: unknown[], from: number): string {
  const texts = splitTemplate(template, escapes);
  // A template with a brace error is reported by formatTemplate, in the order it meets the problems.
  if (texts === undefined) return formatTemplate(template, escapes, args.slice(from));
  if (texts.length - 1 !== args.length - from) throw countMismatch();
  let out = texts[0];
  for (let i = 1; i < texts.length; i++) out += toJavaString(args[from + i - 1]) + texts[i];
  return out;
}

/** States.Format, States.StringSplit and States.UUID. */
export const stringFunctions: Record<string, IntrinsicImpl> = {
  "States.Format": (args, _env, literalTemplate) =>
    literalTemplate !== undefined ? format(literalTemplate, true, args, 1) : format(requireString(args[0]), false, args, 1),

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
