import { arity, number, text, type FastFunction } from "./fast-function-support";
import { bail, toText } from "./fast-values";

const BASE64_CODES = Array.from("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/", (c) => c.charCodeAt(0));
const PAD = "=".charCodeAt(0);

/** Base64 of the string's code units taken as bytes (Node's "binary" encoding, as jsonata does). */
function latin1Base64(value: string): string {
  const codes: number[] = new Array(Math.ceil(value.length / 3) * 4);
  let o = 0;
  for (let i = 0; i < value.length; i += 3) {
    const b0 = value.charCodeAt(i) & 0xff;
    const has1 = i + 1 < value.length;
    const has2 = i + 2 < value.length;
    const b1 = has1 ? value.charCodeAt(i + 1) & 0xff : 0;
    const b2 = has2 ? value.charCodeAt(i + 2) & 0xff : 0;
    codes[o++] = BASE64_CODES[b0 >> 2];
    codes[o++] = BASE64_CODES[((b0 & 3) << 4) | (b1 >> 4)];
    codes[o++] = has1 ? BASE64_CODES[((b1 & 15) << 2) | (b2 >> 6)] : PAD;
    codes[o++] = has2 ? BASE64_CODES[b2 & 63] : PAD;
  }
  // In slices: String.fromCharCode takes its arguments on the stack.
  let out = "";
  for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  return out;
}

/** String functions (`<s-...>` signatures): strings only, anything else is left to jsonata. */
export const TEXT_FUNCTIONS: Record<string, FastFunction> = {
  string(args) {
    arity(args, 1);
    if (args[0] === undefined) bail();
    return toText(args[0]);
  },
  length(args) {
    arity(args, 1);
    return [...text(args[0])].length;
  },
  substring(args) {
    arity(args, 2, 3);
    const chars = [...text(args[0])];
    let start = number(args[1]);
    if (chars.length + start < 0) start = 0;
    if (args.length === 3) {
      const length = number(args[2]);
      if (length <= 0) return "";
      const end = start >= 0 ? start + length : chars.length + start + length;
      return chars.slice(start, end).join("");
    }
    return chars.slice(start).join("");
  },
  substringBefore(args) {
    arity(args, 2);
    const value = text(args[0]);
    const position = value.indexOf(text(args[1]));
    return position > -1 ? value.slice(0, position) : value;
  },
  substringAfter(args) {
    arity(args, 2);
    const value = text(args[0]);
    const token = text(args[1]);
    const position = value.indexOf(token);
    return position > -1 ? value.slice(position + token.length) : value;
  },
  uppercase(args) {
    arity(args, 1);
    return text(args[0]).toUpperCase();
  },
  lowercase(args) {
    arity(args, 1);
    return text(args[0]).toLowerCase();
  },
  trim(args) {
    arity(args, 1);
    let result = text(args[0]).replace(/[ \t\n\r]+/gm, " ");
    if (result.charAt(0) === " ") result = result.substring(1);
    if (result.charAt(result.length - 1) === " ") result = result.substring(0, result.length - 1);
    return result;
  },
  contains(args) {
    arity(args, 2);
    return text(args[0]).indexOf(text(args[1])) !== -1;
  },
  split(args) {
    arity(args, 2, 3);
    const value = text(args[0]);
    const separator = text(args[1]);
    if (args.length === 3) {
      const limit = number(args[2]);
      if (limit < 0) bail();
      return limit > 0 ? value.split(separator, limit) : [];
    }
    return value.split(separator);
  },
  join(args) {
    arity(args, 1, 2);
    const list = Array.isArray(args[0]) ? args[0] : [text(args[0])];
    for (const item of list) text(item);
    const separator = args.length === 2 ? text(args[1]) : "";
    return list.join(separator);
  },
  base64encode(args) {
    arity(args, 1);
    return latin1Base64(text(args[0]));
  },
};
