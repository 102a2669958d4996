#!/usr/bin/env node
// The headless command line. Built by `npm run build` (or `npm run build:cli`) into dist-cli/.
"use strict";
const path = require("path");
const fs = require("fs");
const main = path.join(__dirname, "..", "dist-cli", "src", "cli", "main.js");
if (!fs.existsSync(main)) {
  process.stderr.write("inspection-tracker: not built yet. Run `npm run build` (or `npm run build:cli`) first.\n");
  process.exit(2);
}
require(main)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
