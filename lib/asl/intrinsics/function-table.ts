import { arrayFunctions } from "./functions/array-functions";
import { encodingFunctions } from "./functions/encoding-functions";
import { jsonFunctions } from "./functions/json-functions";
import { mathFunctions } from "./functions/math-functions";
import { stringFunctions } from "./functions/string-functions";
import type { IntrinsicImpl } from "./invalid-arguments";

/** All 18 States.* intrinsic functions by name. */
export const INTRINSIC_FUNCTIONS: Readonly<Record<string, IntrinsicImpl>> = {
  ...arrayFunctions,
  ...encodingFunctions,
  ...jsonFunctions,
  ...mathFunctions,
  ...stringFunctions,
};
