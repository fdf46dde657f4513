import { describe, expect, it } from "vitest";
import { listParamsSchema, searchParamsToObject, toExecutionFilter } from "./list-params";

const parse = (qs: string) => listParamsSchema.safeParse(searchParamsToObject(new URLSearchParams(qs)));

describe("execution list parameters", () => {
  it("turns URL parameters into a filter", () => {
    const r = parse("status=FAILED,TIMED_OUT&source=local&q=%20Order-7%20&from=2026-10-01&to=2026-10-02&limit=20");
    expect(r.success).toBe(true);
    const f = toExecutionFilter(r.data!);
    expect(f).toMatchObject({ status: ["FAILED", "TIMED_OUT"], source: ["local"], q: "Order-7", limit: 20 });
    expect(f.to?.toISOString()).toBe("2026-10-02T23:59:59.999Z"); // a date means the whole day
  });

  it("names what is wrong", () => {
    const r = parse("status=BROKEN&from=yesterday");
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([expect.stringMatching(/^status: unknown value "BROKEN"/), 'from: not a date: "yesterday"']),
    );
  });

  it("ignores a malformed cursor instead of failing", () => {
    expect(toExecutionFilter(parse("after=nonsense").data!).after).toBeUndefined();
    expect(toExecutionFilter(parse("after=2026-10-01T00:00:00.000Z~abc").data!).after).toEqual({
      startDate: new Date("2026-10-01T00:00:00.000Z"),
      id: "abc",
    });
  });
});
