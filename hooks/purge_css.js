// Unused-CSS removal for the notebook page (hooks/notebook.py), with PurgeCSS from npm.
// stdin: {"html": "<page without its <style> blocks>", "css": "..."}; stdout: the CSS it uses.
"use strict";

const { PurgeCSS } = require("purgecss");

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", async () => {
  const { html, css } = JSON.parse(input);
  const [result] = await new PurgeCSS().purge({
    content: [{ raw: html, extension: "html" }],
    css: [{ raw: css }],
    variables: true, // drop custom properties no remaining rule uses
    keyframes: true,
    fontFace: true,
  });
  process.stdout.write(result.css);
});
