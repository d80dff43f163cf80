// The intranet page in a real browser: Debian's headless Chromium, driven by
// playwright-core, the page served from a local static server.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { mkdtempSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import { chromium } from "playwright-core";

const examples = new URL("../../examples/", import.meta.url).pathname;
const artifacts = new URL("../../artifacts/", import.meta.url).pathname;
const TYPES = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".css": "text/css",
  ".json": "application/json", ".wasm": "application/wasm" };

let server;
let base;
let browser;

before(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, "http://x").pathname)).replace(/^(\.\.[/\\])+/, "");
    const file = join(examples, path);
    try {
      if (!file.startsWith(examples) || !statSync(file).isFile()) throw new Error("not found");
      res.writeHead(200, { "content-type": TYPES[extname(file)] || "application/octet-stream" });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${server.address().port}`;
  // A fresh profile each run.
  browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "samskab-chromium-")), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1400, height: 1100 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("a coordinator finds a way in for a newcomer", async () => {
  const page = await browser.newPage();
  const problems = [];
  page.on("console", (m) => { if (m.type() === "error") problems.push(m.text()); });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(`${base}/intranet/index.html`);
  await page.waitForSelector("body[data-loaded=true]", { timeout: 30000 });
  assert.match(await page.textContent("#summary"), /54 aktører/);

  await page.selectOption("#source", "v-maja");
  await page.selectOption("#target", "u-job");
  await page.click("#find");
  await page.waitForSelector("#paths li .chain");
  const first = await page.textContent("#paths li:first-child .chain");
  assert.equal(first, "Maja Sørensen → Ahmad Rahimi → Aisha Noor");
  assert.match(await page.textContent("#paths li:first-child .introducer"), /Spørg Ahmad Rahimi/);

  // The lists and the report answer too.
  assert.match(await page.textContent("#cold-list"), /Karin Bech – Kurt Poulsen/);
  assert.match(await page.textContent("#key-list"), /Mette Holm/);
  await page.click("#report-form button");
  await page.waitForFunction(() => document.querySelector("#report-text").textContent.length > 0);
  assert.match(await page.textContent("#report-text"), /kontakter i alt/);

  // An actor's ties, explained in words.
  await page.selectOption("#actor-pick", "v-grethe");
  await page.waitForSelector("#actor-ties .tie");
  assert.match(await page.textContent("#actor-ties .tie"), /Grethe Lauridsen har tillid 0,97 til Mette Holm/);
  // The drawing has every actor, coloured by sector.
  assert.equal(await page.evaluate(() => document.querySelectorAll("#graph canvas").length > 0), true);
  await page.click("#lang");
  await page.waitForFunction(() => document.documentElement.lang === "en");
  await page.click("#find");
  await page.waitForFunction(() => document.querySelector("#paths li .introducer").textContent.startsWith("Ask"));
  assert.match(await page.textContent("h2[data-t=wayIn]"), /Find a way in/);

  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "intranet.png"), fullPage: true });

  // Another municipality's file, opened with the file picker: nothing of the
  // first one's answers stays (found: the report and the way in still spoke of Egebæk).
  await page.setInputFiles("#file", join(examples, "data", "skovlund.json"));
  await page.waitForFunction(() => document.querySelector("#summary").textContent.includes("9 actors"));
  assert.equal(await page.textContent("#report-text"), "");
  assert.equal(await page.$$eval("#paths li", (items) => items.length), 0);
  assert.doesNotMatch(await page.textContent("#actor-ties"), /Grethe/);
  // The first click asks a real question (found: both lists started on one
  // person, and the answer was an InvalidArgumentError in English).
  assert.notEqual(await page.inputValue("#source"), await page.inputValue("#target"));
  await page.click("#find");
  await page.waitForSelector("#paths li");
  assert.equal(await page.isHidden("#error"), true);
  await page.$eval("#as-of", (input) => {
    input.value = "2024-06-01";
    input.dispatchEvent(new Event("change"));
  });
  await page.selectOption("#source", "v-omar");
  await page.selectOption("#target", "u-job");
  await page.click("#find");
  await page.waitForFunction(() => document.querySelector("#paths li .chain")?.textContent.startsWith("Omar Said"));

  // A broken file gets a clear message, and the page keeps working.
  await page.setInputFiles("#file", { name: "broken.json", mimeType: "application/json", buffer: Buffer.from("{ not json") });
  await page.waitForSelector("#error:not([hidden])");
  // In the page's language (English here), the technical words in small print.
  assert.match(await page.textContent("#error strong"), /^The file is not valid JSON\./);
  assert.match(await page.textContent("#error small"), /ParseError/);
  assert.deepEqual(problems, [], `console errors: ${problems.join("\n")}`);
});
