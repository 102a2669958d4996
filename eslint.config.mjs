// ESLint 9 flat config used by office-addin-lint (npm run lint): the Office add-in rules
// (load before read, sync after load, no sync in loops, ...) plus prettier, over src/.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: {
      parser: tsParser,
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    rules: {
      // TypeScript (strict) already checks that every name is defined, including Office/Excel
      // globals from @types/office-js and Node globals in src/cli.
      "no-undef": "off",
    },
  },
];
