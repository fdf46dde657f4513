// The input condition's verdicts, evaluated inside an evaluation worker (plain JavaScript, so a
// condition worker starts without a TypeScript loader). See lib/server/input-condition.ts.
import jsonata from "jsonata";

let last;

/**
 * A JSONata input condition's verdict on each input text: true when the condition's result is
 * truthy for the parsed input; a missing input, text that is not JSON, and an evaluation error
 * all count as false.
 * @param {string} text the condition
 * @param {(string | null)[]} inputs the stored input texts
 * @returns {Promise<boolean[]>}
 */
export async function conditionVerdicts(text, inputs) {
  if (last?.text !== text) last = { text, expression: jsonata(text) };
  const verdicts = [];
  for (const inputText of inputs) verdicts.push(await verdict(last.expression, inputText));
  return verdicts;
}

async function verdict(expression, inputText) {
  if (inputText === null) return false;
  let input;
  try {
    input = JSON.parse(inputText);
  } catch {
    return false;
  }
  try {
    return truthy(await expression.evaluate(input));
  } catch {
    return false;
  }
}

function truthy(value) {
  if (Array.isArray(value)) return value.some(truthy);
  return !(value === undefined || value === null || value === false || value === 0 || value === "");
}
