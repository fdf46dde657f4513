import { describe, expect, it } from "vitest";
import { hashText } from "./hash-text";

describe("hashText", () => {
  it("matches the digests AWS recorded for 'input data'", () => {
    expect(hashText("input data", "MD5")).toBe("812f45842bc6d66ee14572ce20db8e86");
    expect(hashText("input data", "SHA-1")).toBe("aaff4a450a104cd177d28d18d74485e8cae074b7");
    expect(hashText("input data", "SHA-256")).toBe("b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3");
    expect(hashText("input data", "SHA-384")).toBe(
      "d28a7d5cf25a74f11a50a18452b75e04bb3d70c9dd0510d6123aa008c756511b87525bdc835ebb27e1fb9e9374a15562",
    );
    expect(hashText("input data", "SHA-512")).toBe(
      "6ce4adb348546d4f449c4d25aad9a7c9cb711d9e91982d3f0b29ca2f3f47d4ce2deba23bf2954f0f1d593fc50283731a533d30d425402d4f91316d871303aac4",
    );
  });

  it("hashes UTF-8 bytes (non-ASCII and astral characters) and block-boundary lengths", () => {
    expect(hashText("✓", "SHA-256")).toBe("1dabba21cdad44541f6b15796f8d22978fc7ea10c46aeceeeeb66c23b3ac7604");
    expect(hashText("🚀", "SHA-256")).toBe("ebbc0b2870eb323f2b6cffa5c493ceef81ae7eb36afc73d4e0367301631daec5");
    expect(hashText("abc\u0000def", "MD5")).toBe("a5e4d5963ae44c1f4bfb37b1a3d55a3c");
    expect(hashText("", "SHA-256")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("agrees with node:crypto across padding boundaries", async () => {
    const { createHash } = await import("node:crypto");
    const names = { MD5: "md5", "SHA-1": "sha1", "SHA-256": "sha256", "SHA-384": "sha384", "SHA-512": "sha512" } as const;
    for (const length of [55, 56, 63, 64, 111, 112, 119, 120, 127, 128, 1000]) {
      const text = "x".repeat(length);
      for (const [algorithm, node] of Object.entries(names)) {
        expect(hashText(text, algorithm as keyof typeof names)).toBe(createHash(node).update(text).digest("hex"));
      }
    }
  });

  it("agrees with node:crypto on random text of any length, ASCII or not, hash after hash", async () => {
    const { createHash } = await import("node:crypto");
    const fc = (await import("fast-check")).default;
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 150 })), (text) => {
        expect(hashText(text, "SHA-256")).toBe(createHash("sha256").update(text).digest("hex"));
        expect(hashText(text, "MD5")).toBe(createHash("md5").update(text).digest("hex"));
      }),
      { numRuns: 500 },
    );
  });
});
