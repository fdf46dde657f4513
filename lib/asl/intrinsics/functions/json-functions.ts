import { parseJson } from "../support/parse-json";
import { InvalidArguments, requireObject, requireString, type IntrinsicImpl } from "../invalid-arguments";

/** States.StringToJson / JsonToString / JsonMerge (shallow only, as AWS supports). */
export const jsonFunctions: Record<string, IntrinsicImpl> = {
  "States.StringToJson": ([text]) => {
    const source = requireString(text).trim();
    if (source === "") return null;
    try {
      return parseJson(source);
    } catch {
      throw new InvalidArguments();
    }
  },

  "States.JsonToString": ([value]) => JSON.stringify(value ?? null),

  "States.JsonMerge": ([left, right, deep]) => {
    const a = requireObject(left);
    const b = requireObject(right);
    if (deep !== false) throw new InvalidArguments();
    return { ...a, ...b };
  },
};
