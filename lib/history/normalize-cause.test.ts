import { describe, expect, it } from "vitest";
import { normalizeCause, NORMALIZED_CAUSE_MAX } from "./normalize-cause";

describe("normalizeCause", () => {
  it("replaces ARNs, UUIDs, timestamps, hex and random ids and numbers by placeholders", () => {
    expect(
      normalizeCause(
        "Order 1234 not found at 2026-11-03T09:15:02.123Z (request 5f0c9a2e-1b7d-4c3e-9f21-0a1b2c3d4e5f, " +
          "trace 1-67a2b3c4-8d9e0f1a2b3c4d5e6f7a8b9c) calling arn:aws:lambda:us-east-1:123456789012:function:charge:live " +
          "token AbC9xY2kLmQ7 took 3.5 s",
      ),
    ).toBe("Order <n> not found at <time> (request <uuid>, trace <n>-<id>-<id>) calling <arn> token <id> took <n> s");
  });

  it("gives two causes of one failure the same text, and keeps different failures apart", () => {
    const a = normalizeCause(
      '{"errorMessage":"Item 17 out of stock","errorType":"StockError","requestId":"b7a1c0de-0000-4000-8000-00000000abcd"}',
    );
    const b = normalizeCause(
      '{"errorMessage":"Item 9042 out of stock","errorType":"StockError","requestId":"0c0ffee0-1111-4222-8333-444455556666"}',
    );
    const c = normalizeCause('{"errorMessage":"Card declined","errorType":"PaymentError"}');
    expect(a).toBe(b);
    expect(a).toBe('{"errorMessage":"Item <n> out of stock","errorType":"StockError","requestId":"<uuid>"}');
    expect(c).not.toBe(a);
  });

  it("keeps words with digits stable, ids in words as placeholders, and whitespace collapsed", () => {
    expect(normalizeCause("sha256   mismatch\n for order-881 on 2026-01-02")).toBe("sha<n> mismatch for order-<n> on <time>");
  });

  it("passes null through and cuts long causes", () => {
    expect(normalizeCause(null)).toBeNull();
    const long = normalizeCause("x".repeat(5000))!;
    expect(long.length).toBe(NORMALIZED_CAUSE_MAX + 1);
    expect(long.endsWith("…")).toBe(true);
  });
});
