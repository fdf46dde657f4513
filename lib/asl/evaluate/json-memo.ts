import { toJson } from "./payload";

const NOTHING = Symbol("nothing");
const NONE: readonly never[] = [];

/** Objects whose JSON text is exactly `{"key":<member text>,...}` over Object.keys. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && typeof (value as { toJSON?: unknown }).toJSON !== "function";
}

/** Whether `next` holds one of `previous`'s object members under the same key. */
function sharesMembers(previous: Record<string, unknown>, next: Record<string, unknown>): boolean {
  for (const key in next) {
    const member = next[key];
    if (member !== null && typeof member === "object" && Object.prototype.hasOwnProperty.call(previous, key) && previous[key] === member)
      return true;
  }
  return false;
}

/** `"key":` and `,"key":` per key, so appending a member costs two concatenations. */
const keyPrefixes = new Map<string, [string, string]>();

function keyPrefix(key: string, first: boolean): string {
  let prefixes = keyPrefixes.get(key);
  if (prefixes === undefined) {
    const quoted = JSON.stringify(key);
    prefixes = [`${quoted}:`, `,${quoted}:`];
    if (keyPrefixes.size < 10_000) keyPrefixes.set(key, prefixes);
  }
  return prefixes[first ? 0 : 1];
}

/** Members of objects with more keys than this are not worth composing. */
const MAX_COMPOSED_KEYS = 64;
/** Nor are payloads whose predecessor's text was shorter than this. */
const MIN_COMPOSED_LENGTH = 400;

/**
 * The JSON text of one thread's successive payloads (a state's output is the next state's input).
 * The last payload's text is reused as is; and since a state's output mostly shares its members
 * with its input (ResultPath, `$merge`, pass-through fields), an object's text is composed from
 * the texts of its members, reusing those of the previous payload's identical members. Payloads
 * are treated as immutable, as everywhere in the engine.
 */
export class JsonMemo {
  private value: unknown = NOTHING;
  private text = "";
  private keys: readonly string[] = NONE;
  private values: readonly unknown[] = NONE;
  private texts: readonly (string | undefined)[] = NONE;
  /** Whether keys/values/texts describe `value`'s members. */
  private composed = false;

  /** The text of the last remembered payload when `value` is it. */
  known(value: unknown): string | undefined {
    return value === this.value ? this.text : undefined;
  }

  /** Starts from another thread's last payload (a branch or iteration starting from its parent). */
  inherit(parent: JsonMemo): void {
    this.remember(parent.value, parent.text);
  }

  /** Makes `text` the remembered text of `value` (e.g. the caller's own input text). */
  remember(value: unknown, text: string): void {
    this.value = value;
    this.text = text;
    this.composed = false;
  }

  /** JSON text of `value`, remembered for the next call. */
  serialize(value: unknown): string {
    if (value === this.value) return this.text;
    // Composing pays off for sizeable payloads that share members with their predecessor.
    let text: string | undefined;
    if (this.text.length >= MIN_COMPOSED_LENGTH && isPlainObject(this.value) && isPlainObject(value) && sharesMembers(this.value, value)) {
      text = this.compose(value);
    }
    if (text === undefined) {
      text = toJson(value);
      this.composed = false;
    }
    this.value = value;
    this.text = text;
    return text;
  }

  private compose(value: Record<string, unknown>): string | undefined {
    const keys = Object.keys(value);
    if (keys.length < 2 || keys.length > MAX_COMPOSED_KEYS) return undefined;
    const reuse = this.composed;
    const nextKeys: string[] = new Array(keys.length);
    const nextValues: unknown[] = new Array(keys.length);
    const nextTexts: (string | undefined)[] = new Array(keys.length);
    let text = "{";
    let count = 0;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const member = value[key];
      let memberText: string | undefined;
      if (reuse && this.keys[i] === key && this.values[i] === member) memberText = this.texts[i];
      else {
        if (member !== null && typeof member === "object" && typeof (member as { toJSON?: unknown }).toJSON === "function")
          return undefined;
        memberText = JSON.stringify(member) as string | undefined;
      }
      nextKeys[i] = key;
      nextValues[i] = member;
      nextTexts[i] = memberText;
      if (memberText === undefined) continue;
      text += keyPrefix(key, count++ === 0);
      text += memberText;
    }
    this.keys = nextKeys;
    this.values = nextValues;
    this.texts = nextTexts;
    this.composed = true;
    return text + "}";
  }
}
