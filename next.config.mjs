// The Content-Security-Policy is set per request, with a fresh script nonce, in proxy.ts
// (lib/auth/content-security-policy.ts); a static one here could only allow inline scripts.

/** @type {import("next").NextConfig} */
const nextConfig = {
  serverExternalPackages: ["better-sqlite3", "pg", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg"],
  poweredByHeader: false,
  // The build type-checks what it bundles (app/ and what it imports) and still fails on any error
  // there; tests, bench/, testing/ and e2e/ are `npm run typecheck`'s (tsconfig.json), which the
  // build used to repeat whole on every first start.
  typescript: { tsconfigPath: "tsconfig.build.json" },
  allowedDevOrigins: ["127.0.0.1", "localhost"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      },
    ];
  },
};

export default nextConfig;
