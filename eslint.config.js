import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

// Layering (DESIGN.md "Where code lives"): browser-shared code must never pull in server code.
const noServerImports = {
  "no-restricted-imports": [
    "error",
    {
      patterns: [
        { group: ["@/server", "@/server/*", "**/server/*", "../server", "../../server"], message: "components/ and lib/ must not import server/ (server-only code)." },
        { group: ["@/app", "@/app/*"], message: "components/ and lib/ must not import app/ (routes only)." },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ["node_modules/", ".next/", ".meridian/", "server/generated/", "test-results/", "playwright-report/", "next-env.d.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  { files: ["components/**", "lib/**"], rules: noServerImports },
  // Playwright fixtures call their `use` callback, which is not React's hook.
  { files: ["e2e/**", "test/**", "bench/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    files: ["server/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@/app", "@/app/*", "@/components", "@/components/*"], message: "server/ must not import app/ or components/." }] }],
    },
  },
  { files: ["**/*.mjs", "**/*.js"], languageOptions: { globals: { process: "readonly", console: "readonly" } } },
);
