// ESLint flat config: Next.js's rules, typescript-eslint, and the import boundaries the layout
// depends on (README "Layout"). Formatting is Prettier's job (`npm run format`), not ESLint's.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

const testFiles = ["**/*.test.ts", "**/*.test.tsx", "**/*.fuzz.test.ts", "e2e/**", "bench/**", "testing/**"];
const prismaModels = [
  "stateMachine",
  "stateMachineVersion",
  "execution",
  "historyEvent",
  "stateRun",
  "dataBackfill",
  "syncCursor",
  "auditLog",
  "lease",
  "executionHourBucket",
  "stateHourBucket",
  "executionDayBucket",
  "stateDayBucket",
];
const prismaPackages = [
  "@prisma/client",
  "@prisma/client/*",
  "@prisma/adapter-*",
  "prisma",
  "prisma/*",
  "**/generated/prisma",
  "**/generated/prisma/**",
  "**/generated/prisma-pg",
  "**/generated/prisma-pg/**",
];

const config = [
  { ignores: ["node_modules/**", ".next/**", "lib/generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  prettier,
  {
    settings: { "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  {
    // Product code: the layers of README "Layout".
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: testFiles,
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/asl",
              from: ".",
              except: ["./lib/asl", "./node_modules"],
              message: "lib/asl is the pure interpreter: it imports only itself and its libraries.",
            },
            { target: "./components", from: "./lib/db", message: "components never talk to the database; pages and routes pass data in." },
            { target: "./lib/db", from: "./components", message: "lib/db must not depend on React views." },
            {
              target: "./lib/ingest",
              from: ["./lib/sfn-api", "./lib/examples"],
              message: "ingestion must not depend on the local engine's API or the demo workflows.",
            },
            {
              target: ["./lib/replay", "./lib/history", "./lib/ingest", "./lib/db"],
              from: "./lib/examples",
              message: "the example workflows are demo data, not product logic.",
            },
            // app/dev is the development server's component gallery (404 in production builds): it may show recorded histories
            {
              target: [
                "./lib",
                "./components",
                "./app/api",
                "./app/executions",
                "./app/state-machines",
                "./app/compare",
                "./app/audit",
                "./app/login",
                "./proxy.ts",
              ],
              from: ["./testing", "./bench", "./e2e"],
              message: "product code never imports test support or benchmarks.",
            },
          ],
        },
      ],
    },
  },
  {
    // Tests may use test support; the interpreter's tests still import nothing of the product outside lib/asl.
    files: testFiles,
    rules: {
      "import/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: "./lib/asl",
              from: ".",
              except: ["./lib/asl", "./testing", "./node_modules"],
              message: "lib/asl's tests use only lib/asl, testing/ and libraries.",
            },
            { target: "./components", from: "./lib/db", message: "components never talk to the database; pages and routes pass data in." },
            { target: "./lib/db", from: "./components", message: "lib/db must not depend on React views." },
            {
              target: "./lib/ingest",
              from: ["./lib/sfn-api", "./lib/examples"],
              message: "ingestion must not depend on the local engine's API or the demo workflows.",
            },
          ],
        },
      ],
    },
  },
  {
    // Prisma stays inside lib/db: no model queries (db.execution.findMany, tx.$transaction, ...) elsewhere.
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/db/**", ...testFiles],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: `MemberExpression[object.type="MemberExpression"][object.property.name=/^(${prismaModels.join("|")})$/][property.name=/^(findMany|findFirst|findFirstOrThrow|findUnique|findUniqueOrThrow|create|createMany|update|updateMany|upsert|delete|deleteMany|count|aggregate|groupBy)$/]`,
          message: "only lib/db queries the database: add a function there and call it.",
        },
        {
          selector: `MemberExpression[property.name=/^\\$(transaction|queryRaw|queryRawUnsafe|executeRaw|executeRawUnsafe)$/]`,
          message: "only lib/db queries the database: add a function there and call it.",
        },
      ],
    },
  },
  {
    // Prisma stays inside lib/db.
    files: ["**/*.ts", "**/*.tsx", "**/*.mjs"],
    ignores: ["lib/db/**", "scripts/**", "prisma.config.ts", ...testFiles],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: prismaPackages, message: "only lib/db talks to Prisma." }] }],
    },
  },
];

export default config;
