/**
 * The LibreOffice test helper: where soffice is absent its suites say so and pass, unless
 * REQUIRE_SOFFICE=1 (CI), where they fail with a message saying what to install.
 */
import { describeIfSoffice, findSoffice, resetSofficeLookup } from "../../helpers/libreoffice";

type Registered = { name: string; fn: () => unknown };

/** Run describeIfSoffice against fake describe/test and return what it registered. */
function register(): { describes: string[]; tests: Registered[]; ranSuite: boolean } {
  const g = globalThis as unknown as { describe: unknown; test: unknown };
  const saved = { describe: g.describe, test: g.test };
  const describes: string[] = [];
  const tests: Registered[] = [];
  let ranSuite = false;
  g.describe = (name: string, fn: () => void) => {
    describes.push(name);
    fn();
  };
  g.test = (name: string, fn: () => unknown) => void tests.push({ name, fn });
  try {
    describeIfSoffice("a suite", () => {
      ranSuite = true;
    });
  } finally {
    g.describe = saved.describe;
    g.test = saved.test;
  }
  return { describes, tests, ranSuite };
}

describe("describeIfSoffice", () => {
  const env = { SOFFICE: process.env.SOFFICE, REQUIRE_SOFFICE: process.env.REQUIRE_SOFFICE };
  afterEach(() => {
    for (const [k, v] of Object.entries(env)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetSofficeLookup();
  });

  test("soffice absent: one test that says so and passes", () => {
    process.env.SOFFICE = "/nonexistent/soffice";
    delete process.env.REQUIRE_SOFFICE;
    resetSofficeLookup();
    expect(findSoffice()).toBeNull();
    const write = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    try {
      const r = register();
      expect(r.ranSuite).toBe(false);
      expect(r.tests).toHaveLength(1);
      expect(r.tests[0].name).toMatch(/not installed/);
      expect(() => r.tests[0].fn()).not.toThrow();
    } finally {
      write.mockRestore();
    }
  });

  test("soffice absent with REQUIRE_SOFFICE=1: that test fails and says what to install", () => {
    process.env.SOFFICE = "/nonexistent/soffice";
    process.env.REQUIRE_SOFFICE = "1";
    resetSofficeLookup();
    const r = register();
    expect(r.ranSuite).toBe(false);
    expect(() => r.tests[0].fn()).toThrow(/REQUIRE_SOFFICE=1 .*libreoffice-calc-nogui/);
  });

  test("soffice present: the suite itself is registered", () => {
    if (!findSoffice()) return; // nothing to show on a machine without LibreOffice
    const r = register();
    expect(r.ranSuite).toBe(true);
    expect(r.describes).toEqual(["a suite"]);
  });
});
