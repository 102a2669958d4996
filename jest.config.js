/** Jest: ts-jest for TypeScript; node by default, jsdom for task-pane tests (per-file docblock). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.test.json" }],
  },
  moduleNameMapper: {
    // office-addin-mock imports office-addin-manifest, whose ES module deps Jest cannot load.
    "^office-addin-manifest$": "<rootDir>/tests/stubs/office-addin-manifest.js",
    "\\.(css|less)$": "<rootDir>/tests/stubs/style.js",
  },
  setupFilesAfterEnv: ["<rootDir>/tests/setup.ts"],
  testTimeout: 60000,
};
