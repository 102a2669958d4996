// ESLint 9 flat config (npm run lint): the Office add-in rules (load before read, sync after
// load, no sync in loops, ...), prettier, React and the rules of hooks, over every TypeScript
// file in src/, bench/ and tests/.
//
// The plugin's own configs match only *.{js,mjs,cjs,ts,cts,mts}: on their own they skip every
// .tsx file, so the same rules are applied to .tsx here. tests/lint.test.ts fails if any
// tracked source file is ignored.
import officeAddins from "eslint-plugin-office-addins";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import tsParser from "@typescript-eslint/parser";

const TS_FILES = ["**/*.{ts,tsx}"];

// The plugin's TypeScript block (@typescript-eslint, office-addins and prettier rules). Its own
// parser setting does not load (it takes a `default` export @typescript-eslint/parser does not
// have, so ESLint falls back to espree): the parser is set below.
const officeTs = officeAddins.configs.recommended.find((c) =>
  c.files?.some((f) => f.includes("ts"))
);
if (!officeTs) throw new Error("eslint-plugin-office-addins: its TypeScript config was not found");

export default [
  { ignores: ["node_modules/", "dist/", "dist-cli/", "out/", "coverage/", "tests/.tmp/"] },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  ...officeAddins.configs.recommended,
  { ...officeTs, files: TS_FILES },
  {
    files: TS_FILES,
    languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: {
      // TypeScript (strict) already checks that every name is defined, including Office/Excel
      // globals from @types/office-js and Node globals in src/cli.
      "no-undef": "off",
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "tests/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks },
    languageOptions: react.configs.flat.recommended.languageOptions,
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      // The JSX runtime (tsconfig "jsx": "react-jsx"): no React import needed in scope.
      ...react.configs.flat["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      // Props are typed by TypeScript.
      "react/prop-types": "off",
    },
  },
  {
    // Tests are linted for correctness, not layout: their formatting predates lint seeing them.
    files: ["tests/**"],
    rules: { "prettier/prettier": "off" },
  },
  {
    // The in-memory Excel's own tests read proxies before load and sync on purpose: that the
    // fake refuses, as Excel does, is what they test.
    files: ["tests/hosts/excel/fake-excel.test.ts"],
    rules: {
      "office-addins/call-sync-before-read": "off",
      "office-addins/call-sync-after-load": "off",
      "office-addins/load-object-before-read": "off",
      "office-addins/no-empty-load": "off",
    },
  },
  {
    // Jest's CommonJS module stubs.
    files: ["tests/stubs/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable" } },
  },
];
