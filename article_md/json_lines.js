// The loop of the build's Node scripts (article_md/node.py starts one per build): one
// JSON request per line on stdin, one JSON answer per line on stdout, an error as
// {"error": "..."} so that the Python side reports it in one line.
"use strict";

const readline = require("readline");

exports.serve = function serve(answer) {
  readline.createInterface({ input: process.stdin }).on("line", (line) => {
    let reply;
    try {
      reply = answer(JSON.parse(line));
    } catch (error) {
      reply = { error: String(error && error.message ? error.message : error) };
    }
    process.stdout.write(JSON.stringify(reply) + "\n");
  });
};
