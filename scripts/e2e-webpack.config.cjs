/**
 * The production webpack configuration (webpack.config.js), unchanged except that ts-loader only
 * transpiles: the e2e journeys test the built pane, and type errors are tsc's job
 * (npm run typecheck). This keeps the build quick and independent of files mid-edit.
 */
const base = require("../webpack.config.js");

module.exports = async (env, options) => {
  const config = await base(env, options);
  for (const rule of config.module.rules) {
    const use = rule.use;
    if (use && use.loader === "ts-loader") use.options = { ...use.options, transpileOnly: true };
  }
  return config;
};
