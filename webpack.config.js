/* eslint-disable no-undef */
/**
 * webpack 5: the task pane and the ribbon commands.
 *
 * - Production builds point the manifest's URLs at PRODUCTION_URL (set it when you deploy;
 *   without it they point at a placeholder host and the build says so: scripts/manifest.cjs),
 *   and lower every script to the webviews' syntax (ES2020, Safari 14: scripts/bundle-target.cjs).
 * - The support page (support.html, the manifest's SupportUrl) ships with the pane.
 * - The dev server uses https with office-addin-dev-certs when it can (Windows, Mac). Where the
 *   certificate cannot be installed (Linux as root has no sudo), it falls back to plain http on
 *   localhost and says so: sideload from Windows or Mac for Excel itself.
 * - OFFICE_JS=local serves office.js from node_modules instead of Microsoft's CDN (browser tests).
 */
const path = require("path");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const CopyWebpackPlugin = require("copy-webpack-plugin");

const { manifestFor } = require("./scripts/manifest.cjs");
const { LowerBundlePlugin, TARGET_TEXT } = require("./scripts/bundle-target.cjs");
const officeJsCdn = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";

async function httpsOptions() {
  if (process.env.DEV_HTTP === "1") return null;
  try {
    const devCerts = require("office-addin-dev-certs");
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (e) {
    console.warn(
      `\n[inspection-tracker] Could not install the development certificate (${e.message.split("\n")[0]}).` +
        `\n[inspection-tracker] Serving over http://localhost:3000 instead. Excel needs https: sideload from Windows or Mac.\n`
    );
    return null;
  }
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  const officeJs = process.env.OFFICE_JS === "local" ? "/office.js" : officeJsCdn;
  const https = dev && !env.WEBPACK_BUILD ? await httpsOptions() : null;
  if (!dev) {
    const { base, placeholder } = manifestFor("", { dev, productionUrl: process.env.PRODUCTION_URL });
    console.warn(
      placeholder
        ? `\n[inspection-tracker] PRODUCTION_URL is not set: dist/manifest.xml points at the placeholder host ${base}, which does not exist.` +
            `\n[inspection-tracker] Fine for local use and CI; to deploy, build with PRODUCTION_URL=https://your-host/.\n`
        : `\n[inspection-tracker] dist/manifest.xml points at ${base}. Scripts lowered to ${TARGET_TEXT}.\n`
    );
  }
  return {
    devtool: dev ? "source-map" : false,
    entry: {
      taskpane: "./src/taskpane/index.tsx",
      commands: "./src/commands/commands.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      chunkFilename: "[name].[contenthash:8].js",
      clean: true,
    },
    resolve: { extensions: [".ts", ".tsx", ".js", ".mjs"] },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { configFile: "tsconfig.build.json", transpileOnly: false } },
        },
        { test: /\.(png|jpg|jpeg|gif|ico|svg)$/, type: "asset/resource", generator: { filename: "assets/[name][ext]" } },
      ],
    },
    performance: { hints: false },
    optimization: {
      splitChunks: { chunks: "async" },
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
        templateParameters: { officeJs },
      }),
      new HtmlWebpackPlugin({
        filename: "commands.html",
        template: "./src/commands/commands.html",
        chunks: ["commands"],
        templateParameters: { officeJs },
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/support.html", to: "support.html" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return manifestFor(content.toString(), { dev, productionUrl: process.env.PRODUCTION_URL }).xml;
            },
          },
          ...(process.env.OFFICE_JS === "local"
            ? [{ from: "node_modules/@microsoft/office-js/dist/office.js", to: "office.js" }]
            : []),
        ],
      }),
      ...(dev ? [] : [new LowerBundlePlugin()]),
    ],
    devServer: {
      hot: false,
      headers: { "Access-Control-Allow-Origin": "*" },
      server: https ? { type: "https", options: https } : { type: "http" },
      port: Number(process.env.npm_package_config_dev_server_port || 3000),
      static: { directory: path.resolve(__dirname, "dist"), watch: false },
    },
  };
};
