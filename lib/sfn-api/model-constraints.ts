import type { Body } from "./request-fields";
import { SfnError } from "./sfn-error";

/** AWS's payload limit: 256 KiB of UTF-8 (StartExecution input, SendTaskSuccess output, ...). */
export const MAX_PAYLOAD_BYTES = 262_144;

interface TextRule {
  required?: boolean;
  min?: number;
  max?: number;
  /** Sensitive members (input, definition, error, cause...) are left out of the message, as AWS does. */
  sensitive?: boolean;
}

/**
 * The request model's constraints (required members, lengths, payload sizes), which AWS checks
 * before anything else and reports together:
 * `2 validation errors detected: Value 'x…' at 'name' failed to satisfy constraint: Member must
 * have length less than or equal to 80; Value at 'input' failed to satisfy constraint: Member must
 * have size less than or equal to 262144 bytes in UTF-8 encoding` (ValidationException; sensitive
 * values are not echoed). Lengths are counted in characters, payload sizes in UTF-8 bytes (the API
 * reference: "Length constraints apply to the payload size, and are expressed as bytes in UTF-8
 * encoding"). Wrong JSON types stay SerializationException, thrown at once.
 */
export class ModelConstraints {
  private readonly violations: string[] = [];

  constructor(private readonly body: Body) {}

  text(field: string, rule: TextRule): string | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) {
      if (rule.required) this.violate(field, null, "Member must not be null", false);
      return undefined;
    }
    if (typeof value !== "string")
      throw new SfnError("SerializationException", `Expected a string for member '${field}'`, 400, "com.amazon.coral.service");
    if (rule.min !== undefined && value.length < rule.min) {
      this.violate(field, value, `Member must have length greater than or equal to ${rule.min}`, rule.sensitive);
    } else if (rule.max !== undefined && value.length > rule.max) {
      this.violate(field, value, `Member must have length less than or equal to ${rule.max}`, rule.sensitive);
    }
    return value;
  }

  /** A JSON payload member: at most 262,144 bytes of UTF-8. */
  payload(field: string, required = false): string | undefined {
    const value = this.text(field, { required, sensitive: true });
    if (value !== undefined && value.length > MAX_PAYLOAD_BYTES / 4 && Buffer.byteLength(value, "utf8") > MAX_PAYLOAD_BYTES) {
      this.violate(field, value, `Member must have size less than or equal to ${MAX_PAYLOAD_BYTES} bytes in UTF-8 encoding`, true);
    }
    return value;
  }

  /** Throws the ValidationException listing every violation, if any. */
  check(): void {
    const n = this.violations.length;
    if (n === 0) return;
    throw new SfnError("ValidationException", `${n} validation error${n > 1 ? "s" : ""} detected: ${this.violations.join("; ")}`);
  }

  private violate(field: string, value: string | null, constraint: string, sensitive = false): void {
    const shown = value === null ? "null " : sensitive ? "" : `'${value}' `;
    this.violations.push(`Value ${shown}at '${field}' failed to satisfy constraint: ${constraint}`);
  }

  /** One ARN (or other 1-256 character) member checked alone; `max` for longer ones (mapRunArn, nextToken). */
  static arn(body: Body, field: string, required = true, max = 256): string | undefined {
    const model = new ModelConstraints(body);
    const value = model.text(field, { required, min: 1, max });
    model.check();
    return value;
  }
}
