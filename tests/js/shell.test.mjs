// index.html carries a static shell (header, notice, "Loading…") that is painted while the page's files
// download and is replaced by app.js. Its words are copies of en.json's; this keeps the two equal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './load.mjs';

const html = readFileSync(path.join(root, 'web/index.html'), 'utf8');
const en = JSON.parse(readFileSync(path.join(root, 'web/i18n/en.json'), 'utf8'));
const unescape = (text) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const textOf = (pattern) => {
  const m = pattern.exec(html);
  assert.ok(m, `index.html has no match for ${pattern}`);
  return unescape(m[1].replace(/<[^>]*>/g, ''));
};

test('the static shell in index.html says what en.json says', () => {
  assert.equal(textOf(/<title>([^<]*)<\/title>/), en.title);
  assert.equal(textOf(/<h1>([^<]*)<\/h1>/), en.heading);
  assert.equal(textOf(/<p class="tagline">([^<]*)<\/p>/), en.tagline);
  assert.equal(textOf(/<p class="notice" role="note">([\s\S]*?)<\/p>/), en.notice);
  assert.equal(textOf(/<p class="loading">([^<]*)<\/p>/), en.loading);
});

test('the shell sits inside #app, so the page replaces all of it', () => {
  const app = /<div id="app">([\s\S]*?)<\/div>\s*<noscript>/.exec(html);
  assert.ok(app, 'the shell is the content of <div id="app">, followed by <noscript>');
  for (const part of ['<header class="top">', '<main>', '<p class="loading">']) assert.ok(app[1].includes(part), part);
});
