/* The site's scripts under Node, for the tests (tests/node_rules.py): the rules the browser runs,
 * called directly, with the words of the page's templates.
 * Reads lines of JSON from stdin, answers each with one line of JSON on stdout:
 *   {"words": {"<template id>": {"<key>": "<text>"}}}            -> {"ok": true}
 *   {"call": ["kiem-tra.js", "evaluate", [rules, answers, day]]}  -> {"value": ...} or {"error": "..."}
 * A script is loaded from docs/assets/ by its file name (core.js is "core.js"). */
"use strict";
const path = require("path");
const readline = require("readline");

const ASSETS = path.join(__dirname, "..", "..", "docs", "assets");
const core = require(path.join(ASSETS, "core.js"));

function answer(request) {
  if (request.words) {
    Object.keys(request.words).forEach((id) => core.useWords(id, request.words[id]));
    return { ok: true };
  }
  const [file, name, args] = request.call;
  if (!/^[a-z-]+\.js$/.test(file)) throw new Error("not a script of docs/assets/: " + file);
  const script = require(path.join(ASSETS, file));
  if (typeof script[name] !== "function") throw new Error(file + " exports no " + name);
  const value = script[name](...args);
  return { value: value === undefined ? null : value };
}

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  let reply;
  try {
    reply = answer(JSON.parse(line));
  } catch (error) {
    reply = { error: String(error && error.message ? error.message : error) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
