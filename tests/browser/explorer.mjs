// Browser test of the iagraph web explorer, in Debian's headless Chromium.
//
//   IAGRAPH_URL=http://127.0.0.1:7878 SCREENSHOT=../../target/explorer.png node explorer.mjs
//
// Walks through the page as a person would (search, entity page, named query,
// graph view) and fails on any failed check, console error or warning, page
// error or failed request. Exits 0 when everything passed, 1 otherwise.
"use strict";

import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const base = (process.env.IAGRAPH_URL || "http://127.0.0.1:7878").replace(/\/+$/, "");
// A SCREENSHOT given in the environment is relative to the current directory;
// the default is relative to this file, so it lands in the repository's target/.
const screenshot = process.env.SCREENSHOT
  ? resolve(process.env.SCREENSHOT)
  : resolve(here, "../../target/explorer.png");
const executablePath = process.env.CHROMIUM || "/usr/bin/chromium";
const TIMEOUT_MS = 20_000;
const TOTAL_TIMEOUT_MS = 180_000;

const problems = [];
let passed = 0;
let failed = 0;

function ok(message) {
  passed += 1;
  console.log(`ok   ${message}`);
}

function fail(message) {
  failed += 1;
  console.log(`FAIL ${message}`);
}

/** Runs one named check; an exception fails it without stopping the others unless `fatal`. */
async function check(name, body, { fatal = false } = {}) {
  const started = Date.now();
  try {
    const detail = await body();
    const took = `(${((Date.now() - started) / 1000).toFixed(1)} s)`;
    ok(detail ? `${name}: ${detail} ${took}` : `${name} ${took}`);
    return true;
  } catch (err) {
    fail(`${name}: ${String(err && err.message ? err.message : err).split("\n")[0]}`);
    if (fatal) throw new Error(`stopping after: ${name}`);
    return false;
  }
}

function watch(page) {
  page.on("console", (message) => {
    const type = message.type();
    if (type === "error" || type === "warning") {
      const where = message.location();
      const at = where && where.url ? ` (${where.url}:${where.lineNumber})` : "";
      problems.push(`console ${type} on ${new URL(page.url()).pathname}: ${message.text()}${at}`);
    }
  });
  page.on("pageerror", (err) => problems.push(`page error: ${err.message}`));
  page.on("requestfailed", (request) => {
    const failure = request.failure();
    const reason = failure ? failure.errorText : "failed";
    // Requests the page itself aborts (a newer search replacing an older one) are expected.
    if (reason !== "net::ERR_ABORTED") problems.push(`request failed: ${request.url()} ${reason}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
}

const nodeIds = (page) =>
  page.evaluate(() => window.iagraphGraph.nodes().map((n) => n.id()).sort());

async function searchFor(page, text) {
  const input = page.getByRole("searchbox", { name: /Entité/ });
  await input.fill("");
  await input.pressSequentially(text, { delay: 40 });
  const result = page.locator("#search-results li").filter({
    has: page.getByRole("link", { name: "Mistral AI", exact: true }),
  });
  await result.first().waitFor({ timeout: TIMEOUT_MS });
  return result.first();
}

async function run() {
  console.log(`explorer: testing ${base}/ with ${executablePath}`);
  const profile = mkdtempSync(join(tmpdir(), "iagraph-chromium-"));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 1440, height: 900 },
      locale: "fr-FR",
    });
    context.setDefaultTimeout(TIMEOUT_MS);
    const page = context.pages()[0] || (await context.newPage());
    watch(page);

    await check("the explorer page loads", async () => {
      const response = await page.goto(`${base}/`, { waitUntil: "load" });
      if (!response || !response.ok()) throw new Error(`GET / answered ${response && response.status()}`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === "true"
        && typeof window.iagraphGraph === "object" && window.iagraphGraph !== null);
      const h1 = await page.locator("h1").first().textContent();
      return `title "${await page.title()}", h1 "${h1.trim()}"`;
    }, { fatal: true });

    await check("the legend and the named queries are listed", async () => {
      await page.locator("#legend-list li").first().waitFor();
      await page.locator("#query-select option[value='funders']").waitFor({ state: "attached" });
      const legend = await page.locator("#legend-list li").count();
      const queries = await page.locator("#query-select option:not([value=''])").count();
      return `${legend} legend entries, ${queries} queries`;
    });

    let result;
    await check("searching \"Mistral\" finds \"Mistral AI\"", async () => {
      result = await searchFor(page, "Mistral");
      return `${await page.locator("#search-results li").count()} results`;
    }, { fatal: true });

    await check("the result opens the entity page of Mistral AI", async () => {
      await Promise.all([
        page.waitForURL(/\/id\/[^/]+$/),
        result.getByRole("link", { name: "Mistral AI", exact: true }).click(),
      ]);
      const h1 = (await page.locator("h1").first().textContent()) || "";
      if (!h1.includes("Mistral AI")) throw new Error(`h1 is "${h1.trim()}"`);
      return new URL(page.url()).pathname;
    });

    await check("going back returns to the explorer", async () => {
      await page.goBack({ waitUntil: "load" });
      await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
      return new URL(page.url()).pathname;
    }, { fatal: true });

    await check("the named query funders runs and lists Jean Zay", async () => {
      await page.getByLabel("Requêtes prêtes à l'emploi").selectOption("funders");
      const text = await page.getByLabel("Texte de la requête").inputValue();
      if (!/SELECT/i.test(text)) throw new Error("the query text was not filled in");
      await page.getByRole("button", { name: "Exécuter" }).click();
      await page.waitForFunction(
        () => document.querySelectorAll("#results-table tbody tr").length > 5,
      );
      const table = await page.locator("#results-table").innerText();
      if (!table.includes("Jean Zay")) throw new Error("no \"Jean Zay\" in the results");
      const rows = await page.locator("#results-table tbody tr").count();
      return `${rows} rows; ${(await page.locator("#results-status").innerText()).trim()}`;
    });

    let before = [];
    await check("the graph shows the entities of the result", async () => {
      await page.waitForFunction(() => window.iagraphGraph.nodes().length > 3);
      before = await nodeIds(page);
      const edges = await page.evaluate(() => window.iagraphGraph.edges().length);
      return `${before.length} nodes, ${edges} edges`;
    });

    await check("\"Voir dans le graphe\" loads the neighbourhood of Mistral AI", async () => {
      result = await searchFor(page, "Mistral");
      const target = await result.getByRole("link", { name: "Mistral AI", exact: true }).getAttribute("href");
      await result.getByRole("button", { name: /Voir .* dans le graphe/ }).click();
      await page.waitForFunction((old) => {
        const ids = window.iagraphGraph.nodes().map((n) => n.id()).sort();
        return ids.length !== old.length || ids.some((id, i) => id !== old[i]);
      }, before);
      const after = await nodeIds(page);
      const slug = target.replace(/^\/id\//, "");
      if (!after.some((id) => id.endsWith(`/id/${slug}`))) throw new Error(`no node for ${slug}`);
      return `${before.length} → ${after.length} nodes`;
    });

    await check("clicking a node adds its neighbours", async () => {
      const start = await page.evaluate(() => window.iagraphGraph.nodes().length);
      // Tap the neighbour with the most links outside the drawing: the one a person would try.
      const id = await page.evaluate(() => {
        const cy = window.iagraphGraph;
        const focus = cy.nodes(".focus");
        const others = cy.nodes().not(focus);
        return (others.length ? others[0] : cy.nodes()[0]).id();
      });
      await page.evaluate((iri) => {
        window.iagraphGraph.getElementById(iri).emit("tap");
      }, id);
      await page.waitForFunction(
        () => !document.getElementById("graph").hasAttribute("aria-busy"),
      );
      const end = await page.evaluate(() => window.iagraphGraph.nodes().length);
      if (end < start) throw new Error(`the graph shrank from ${start} to ${end}`);
      const status = (await page.locator("#graph-status").innerText()).trim();
      if (/Erreur/.test(status)) throw new Error(status);
      return `${start} → ${end} nodes`;
    });

    await check("screenshot", async () => {
      await page.waitForTimeout(1200); // let the layout animation settle
      mkdirSync(dirname(screenshot), { recursive: true });
      await page.screenshot({ path: screenshot, fullPage: true });
      return screenshot;
    });
  } finally {
    if (context) await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

const timer = setTimeout(() => {
  console.log(`FAIL the test did not finish within ${TOTAL_TIMEOUT_MS / 1000} s`);
  process.exit(1);
}, TOTAL_TIMEOUT_MS);

try {
  await run();
} catch (err) {
  if (!/^stopping after/.test(err.message)) fail(`unexpected error: ${err.message.split("\n")[0]}`);
}
clearTimeout(timer);

if (problems.length) {
  failed += 1;
  console.log(`FAIL ${problems.length} console error(s), warning(s) or failed request(s):`);
  for (const problem of problems) console.log(`     ${problem}`);
} else {
  ok("no console error or warning, no page error, no failed request");
}
console.log(`explorer: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
