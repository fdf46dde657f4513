import { DefinitionError } from "../errors";
import { INTRINSIC_ARITY } from "./intrinsic-arity";

/** Parsed intrinsic expression: a call, a literal argument, or a path argument ($, $$, $var). */
export type IntrinsicNode =
  | { kind: "call"; name: string; args: IntrinsicNode[]; text: string }
  | { kind: "literal"; value: unknown; raw?: string }
  | { kind: "path"; path: string };

const cache = new Map<string, IntrinsicNode>();

/** True when a `.$` value is an intrinsic call rather than a path. */
export function isIntrinsicCall(text: string): boolean {
  return text.startsWith("States.");
}

/**
 * Parses `States.Fn(arg, ...)` with AWS's argument syntax: single-quoted strings with `\'` `\{`
 * `\}` `\\` escapes, numbers, true/false/null, paths (`$.a`, `$$.Execution.Id`, `$var.x`) and
 * nested calls. Checks the function name and its arity. Throws DefinitionError; cached by text.
 */
export function parseIntrinsic(text: string): IntrinsicNode & { kind: "call" } {
  const hit = cache.get(text);
  if (hit) return hit as IntrinsicNode & { kind: "call" };
  const parser = new Parser(text);
  const node = parser.call();
  parser.skipSpaces();
  if (!parser.done()) parser.fail("unexpected text after the closing parenthesis");
  if (cache.size > 10_000) cache.clear();
  cache.set(text, node);
  return node;
}

class Parser {
  private i = 0;
  constructor(private readonly text: string) {}

  done(): boolean {
    return this.i >= this.text.length;
  }

  fail(reason: string): never {
    throw new DefinitionError(`Invalid intrinsic function call '${this.text}': ${reason}`);
  }

  skipSpaces(): void {
    while (this.i < this.text.length && /\s/.test(this.text[this.i])) this.i++;
  }

  call(): IntrinsicNode & { kind: "call" } {
    const start = this.i;
    const match = /^States\.[A-Za-z0-9]+/.exec(this.text.slice(this.i));
    if (!match) this.fail("expected a States.* function name");
    const name = match[0];
    this.i += name.length;
    const arity = INTRINSIC_ARITY[name];
    if (!arity) this.fail(`the function '${name}' is not supported`);
    this.skipSpaces();
    if (this.text[this.i] !== "(") this.fail(`expected '(' after ${name}`);
    this.i++;
    const args: IntrinsicNode[] = [];
    this.skipSpaces();
    if (this.text[this.i] === ")") {
      this.i++;
    } else {
      for (;;) {
        this.skipSpaces();
        args.push(this.argument());
        this.skipSpaces();
        const c = this.text[this.i++];
        if (c === ")") break;
        if (c !== ",") this.fail(`expected ',' or ')' in the arguments of ${name}`);
      }
    }
    const [min, max] = arity;
    if (args.length < min || args.length > max) {
      const expected = min === max ? `${min}` : max === Infinity ? `at least ${min}` : `${min} to ${max}`;
      this.fail(`${name} takes ${expected} argument(s), got ${args.length}`);
    }
    return { kind: "call", name, args, text: this.text.slice(start, this.i) };
  }

  argument(): IntrinsicNode {
    const c = this.text[this.i];
    if (c === "'") return this.string();
    if (c === "$") return { kind: "path", path: this.path() };
    if (this.text.startsWith("States.", this.i)) return this.call();
    const rest = this.text.slice(this.i);
    const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?(?=\s*[,)])/.exec(rest);
    if (number) {
      this.i += number[0].length;
      return { kind: "literal", value: Number(number[0]) };
    }
    const keyword = /^(true|false|null)(?=\s*[,)])/.exec(rest);
    if (keyword) {
      this.i += keyword[0].length;
      return { kind: "literal", value: keyword[0] === "null" ? null : keyword[0] === "true" };
    }
    this.fail(`unexpected argument at position ${this.i}`);
  }

  string(): IntrinsicNode {
    const start = ++this.i;
    let value = "";
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (c === "\\") {
        const next = this.text[this.i + 1];
        if (next !== "'" && next !== "{" && next !== "}" && next !== "\\") {
          this.fail(`invalid escape sequence '\\${next ?? ""}' in a string literal`);
        }
        value += next;
        this.i += 2;
      } else if (c === "'") {
        const raw = this.text.slice(start, this.i);
        this.i++;
        return { kind: "literal", value, raw };
      } else {
        value += c;
        this.i++;
      }
    }
    this.fail("unterminated string literal");
  }

  /** A path runs to the next top-level ',' or ')' (brackets and quotes inside it are skipped over). */
  path(): string {
    const start = this.i;
    let depth = 0;
    let quote = "";
    while (this.i < this.text.length) {
      const c = this.text[this.i];
      if (quote) {
        if (c === "\\") this.i++;
        else if (c === quote) quote = "";
      } else if (c === "'" || c === '"') {
        quote = c;
      } else if (c === "[" || c === "(") {
        depth++;
      } else if (c === "]" || (c === ")" && depth > 0)) {
        depth--;
      } else if ((c === "," || c === ")") && depth === 0) {
        break;
      }
      this.i++;
    }
    return this.text.slice(start, this.i).trimEnd();
  }
}
