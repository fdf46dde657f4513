import { withoutBom } from "../text/without-bom";

/** Thrown for files that are not what we expect; `message` names the file part that is wrong. */
export class IngestFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "IngestFormatError";
  }
}

/**
 * JSON.parse with a message a person can act on: truncated input says so with the position where
 * the text stops; other syntax errors give position, line and column. The position comes from our
 * own scan, because V8's messages only sometimes carry one.
 */
export function parseJsonText(source: string): unknown {
  const text = withoutBom(source);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const end = text.trimEnd().length;
    if (end === 0) throw new IngestFormatError("empty file, expected JSON");
    const position = jsonErrorPosition(text) ?? end;
    const where = `position ${position} (${lineColumn(text, position)})`;
    if (position >= end) {
      throw new IngestFormatError(`truncated JSON: the text ends at ${where} inside an unfinished value`);
    }
    const near = JSON.stringify(text.slice(position, position + 20));
    throw new IngestFormatError(`invalid JSON at ${where}, near ${near} (${message.replace(/, ".*" is not valid JSON$/s, "")})`);
  }
}

/**
 * Index of the first character that makes `text` invalid JSON (text.length when it ends early).
 * Keeps its open containers on a stack of its own, so text nested 10,000 levels deep is scanned too.
 */
export function jsonErrorPosition(text: string): number | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c === "\\") i += 2;
      else if (c.charCodeAt(0) < 0x20) fail();
      else i++;
    }
    i = text.length;
    fail();
  };
  /** Reads a primitive, or opens a container: the loop below reads what is inside. */
  const open: { bracket: "{" | "["; first: boolean }[] = [];
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === "{" || c === "[") {
      i++;
      open.push({ bracket: c, first: true });
      return;
    }
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    while (open.length > 0) {
      ws();
      const top = open[open.length - 1];
      const close = top.bracket === "{" ? "}" : "]";
      if (text[i] === close) {
        i++;
        open.pop();
        continue;
      }
      if (!top.first) {
        if (text[i] !== ",") fail();
        i++;
      }
      top.first = false;
      if (top.bracket === "{") {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
      }
      value();
    }
    ws();
    return i < text.length ? i : null;
  } catch (position) {
    return Math.min(position as number, text.length);
  }
}

function lineColumn(text: string, position: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < position && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${position - lineStart + 1}`;
}
