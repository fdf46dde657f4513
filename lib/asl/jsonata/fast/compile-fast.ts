import { FAST_FUNCTIONS } from "./fast-functions";
import { BINARY_OPERATORS, truth } from "./fast-operators";
import { applyFilter, Frame, walkPath, type Evaluate, type FastScope, type Filter, type NameStep } from "./fast-path";
import { BAIL, bail, isNumeric, plain, setKey, settle, toBoolean } from "./fast-values";
import { boundNames, check, Unsupported, unsupported, type Node } from "./fast-ast";

class Compiler {
  constructor(private readonly bound: Set<string>) {}

  compile(node: Node): Evaluate {
    check(node);
    const filtered = node.predicate !== undefined && node.predicate.length > 0;
    // jsonata filters a function's raw result, and settles sequences only afterwards.
    const body = node.type === "function" ? this.call(node, !filtered) : this.body(node);
    if (!filtered) return body;
    const filters = node.predicate!.map((p) => this.filter(p));
    return (input, frame) => {
      let value = body(input, frame);
      for (const filter of filters) value = applyFilter(filter, value, frame);
      return settle(value);
    };
  }

  private filter(stage: Node): Filter {
    check(stage);
    if (stage.type !== "filter" || !stage.expr) unsupported();
    if (stage.expr.type === "number") return { index: stage.expr.value as number };
    return { predicate: this.compile(stage.expr) };
  }

  private body(node: Node): Evaluate {
    switch (node.type) {
      case "string":
      case "number":
      case "value": {
        const value = node.value;
        return () => value;
      }
      case "variable":
        return this.variable(String(node.value));
      case "path":
        return this.path(node);
      case "binary":
        return this.binary(node);
      case "unary":
        return this.unary(node);
      case "condition": {
        const condition = this.compile(node.condition!);
        const then = this.compile(node.then!);
        const otherwise = node.else ? this.compile(node.else) : undefined;
        return (input, frame) => (toBoolean(condition(input, frame)) ? then(input, frame) : otherwise?.(input, frame));
      }
      case "block": {
        const parts = node.expressions!.map((e) => this.compile(e));
        return (input, frame) => {
          const inner = new Frame(frame.scope, frame);
          let result: unknown;
          for (const part of parts) result = part(input, inner);
          return result;
        };
      }
      case "bind": {
        const name = String((node.lhs as Node).value);
        if ((node.lhs as Node).type !== "variable" || name === "" || name === "$") unsupported();
        const value = this.compile(node.rhs!);
        return (input, frame) => {
          const result = value(input, frame);
          (frame.vars ??= new Map()).set(name, result);
          return result;
        };
      }
      default:
        return unsupported();
    }
  }

  private variable(name: string): Evaluate {
    if (name === "") return (input) => input;
    if (name === "$") unsupported();
    if (this.bound.has(name)) {
      return (_input, frame) => {
        for (let f: Frame | undefined = frame; f; f = f.parent) if (f.vars?.has(name)) return f.vars.get(name);
        return topLevel(frame.scope, name);
      };
    }
    if (name === "states") return (_input, frame) => frame.scope.states;
    return (_input, frame) => topLevel(frame.scope, name);
  }

  private path(node: Node): Evaluate {
    const steps = node.steps!;
    const [head, ...rest] = steps;
    check(head);
    const relative = head.type === "name";
    const first = relative ? undefined : this.compile(head);
    const names = (relative ? steps : rest).map((step): NameStep => {
      check(step);
      if (step.type !== "name") unsupported();
      return { key: String(step.value), stages: (step.stages ?? []).map((s) => this.filter(s)) };
    });
    if (first && head.type !== "variable") {
      // Any other first step is evaluated once per item of an array context (not modelled).
      return (input, frame) => (Array.isArray(input) ? bail() : walkPath(input, frame, first, names));
    }
    return (input, frame) => walkPath(input, frame, first, names);
  }

  private binary(node: Node): Evaluate {
    const op = String(node.value);
    const lhs = this.compile(node.lhs as Node);
    const rhs = this.compile(node.rhs!);
    if (op === "and") return (input, frame) => truth(lhs(input, frame)) && truth(rhs(input, frame));
    if (op === "or") return (input, frame) => truth(lhs(input, frame)) || truth(rhs(input, frame));
    const apply = BINARY_OPERATORS[op];
    if (!apply) unsupported();
    if (op === "..") return (input, frame) => settle(apply(lhs(input, frame), rhs(input, frame)));
    return (input, frame) => apply(lhs(input, frame), rhs(input, frame));
  }

  private unary(node: Node): Evaluate {
    if (node.value === "-") {
      const operand = this.compile(node.expression!);
      return (input, frame) => {
        const value = operand(input, frame);
        if (value === undefined) return undefined;
        if (!isNumeric(value)) bail();
        return -value;
      };
    }
    if (node.value === "[") {
      const items = node.expressions!.map((e) => ({ nested: e.type === "unary" && e.value === "[", evaluate: this.compile(e) }));
      return (input, frame) => {
        let result: unknown[] = [];
        for (const item of items) {
          const value = item.evaluate(input, frame);
          if (value === undefined) continue;
          if (item.nested || !Array.isArray(value)) result.push(plain(value));
          else result = result.concat(value);
        }
        return result;
      };
    }
    if (node.value === "{") return this.object(node.lhs as Node[][]);
    return unsupported();
  }

  /** `{key: value, ...}` against a single (non-array) context value. */
  private object(pairs: Node[][]): Evaluate {
    const compiled = pairs.map(([key, value]) => ({
      literal: key.type === "string" ? String(key.value) : undefined,
      key: this.compile(key),
      value: this.compile(value),
    }));
    if (compiled.every((pair) => pair.literal !== undefined)) {
      const keys = compiled.map((pair) => pair.literal!);
      // The same key from two pairs is jsonata's error D1009, and "__proto__" is left to it.
      if (new Set(keys).size !== keys.length || keys.includes("__proto__")) unsupported();
      const values = compiled.map((pair) => pair.value);
      return (input, frame) => {
        if (Array.isArray(input)) bail();
        const result: Record<string, unknown> = {};
        for (let i = 0; i < keys.length; i++) {
          const value = values[i](input, frame);
          if (value !== undefined) result[keys[i]] = plain(value);
        }
        return result;
      };
    }
    return (input, frame) => {
      if (Array.isArray(input)) bail();
      const slots = new Map<string, number>();
      for (let i = 0; i < compiled.length; i++) {
        const key = compiled[i].key(input, frame);
        if (key === undefined) continue;
        if (typeof key !== "string") bail();
        const previous = slots.get(key);
        if (previous !== undefined && previous !== i) bail();
        slots.set(key, i);
      }
      const result: Record<string, unknown> = {};
      for (const [key, index] of slots) {
        const value = compiled[index].value(input, frame);
        if (value !== undefined) setKey(result, key, plain(value));
      }
      return result;
    };
  }

  private call(node: Node, settleResult: boolean): Evaluate {
    const procedure = node.procedure!;
    check(procedure);
    const name = String(procedure.value);
    if (procedure.type !== "variable" || procedure.predicate || this.bound.has(name)) unsupported();
    const fn = FAST_FUNCTIONS[name];
    if (!fn) unsupported();
    const args = node.arguments!.map((a) => this.compile(a));
    return (input, frame) => {
      if (name in frame.scope.variables) bail();
      const values = new Array(args.length);
      for (let i = 0; i < args.length; i++) values[i] = args[i](input, frame);
      return settleResult ? settle(fn(values)) : fn(values);
    };
  }
}

/** `$name` outside any `:=` binding: `$states` or a state machine variable (else jsonata decides). */
function topLevel(scope: FastScope, name: string): unknown {
  if (name === "states") return scope.states;
  if (name in scope.variables) return scope.variables[name];
  return bail();
}

/**
 * A compiled expression: the value jsonata would return, already as plain JSON (sequences become
 * ordinary arrays where they are stored or returned, nothing undefined inside), or BAIL when
 * jsonata must decide.
 */
export type FastExpression = (scope: FastScope) => unknown;

/**
 * Compiles a jsonata AST into plain synchronous closures when every node is in the supported
 * subset (literals, `$states`/variables, name paths with index or boolean filters, arithmetic,
 * comparison, `&`, `and`/`or`, `in`, ranges, array/object constructors, conditions, blocks with
 * `:=`, and the functions of FAST_FUNCTIONS); undefined otherwise. Run-time cases outside the
 * model (a type jsonata would reject, a function shadowed by a variable, ...) return BAIL.
 */
export function compileFast(ast: unknown): FastExpression | undefined {
  let root: Evaluate;
  const bound = boundNames(ast, new Set());
  try {
    root = new Compiler(bound).compile(ast as Node);
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return (scope) => {
    try {
      // An expression without `:=` never writes to its frame, so the scope's one is shared.
      const frame = bound.size === 0 ? (scope.frame ??= new Frame(scope, undefined)) : new Frame(scope, undefined);
      return plain(settle(root(undefined, frame)));
    } catch (error) {
      if (error === BAIL) return BAIL;
      throw error;
    }
  };
}

export { BAIL };
