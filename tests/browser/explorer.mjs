// Browser test of the iagraph web explorer, in Debian's headless Chromium.
//
//   IAGRAPH_URL=http://127.0.0.1:7878 SCREENSHOT=../../target/explorer.png node explorer.mjs
//
// Walks through the page as a person would (search, entity page, named query,
// graph view) and fails on any failed check, console error or warning, page
// error or failed request. Exits 0 when everything passed, 1 otherwise.
"use strict";

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
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
/** Where the other screenshots go: beside SCREENSHOT, `explorer-<name>.png`. */
const shot = (name) => join(dirname(screenshot), `explorer-${name}.png`);
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

async function searchFor(page, text, expected = "Mistral AI") {
  const input = page.getByRole("searchbox", { name: /Entité/ });
  await input.fill("");
  await input.pressSequentially(text, { delay: 40 });
  const result = page.locator("#search-results li").filter({
    has: page.getByRole("link", { name: expected, exact: true }),
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

    await check("choosing the named query funders runs it; Jean Zay is listed", async () => {
      await page.getByLabel("Requêtes prêtes à l'emploi").selectOption("funders");
      // The form field the editor keeps in step.
      const text = await page.locator("#query-text").inputValue();
      if (!/SELECT/i.test(text)) throw new Error("the query text was not filled in");
      await page.waitForFunction(
        () => document.querySelectorAll("#results-table tbody tr").length > 5,
      );
      const table = await page.locator("#results-table").innerText();
      if (!table.includes("Jean Zay")) throw new Error("no \"Jean Zay\" in the results");
      const rows = await page.locator("#results-table tbody tr").count();
      const query = new URL(page.url()).searchParams.get("query");
      if (query !== "funders") throw new Error(`the address says query=${query}`);
      return `${rows} rows; ${(await page.locator("#results-status").innerText()).trim()}`;
    });

    await check("amounts read \"109 Md€\", the raw number in the tooltip", async () => {
      const cell = page.locator("#results-table td.amount", { hasText: /^109 Md€$/ });
      await cell.first().waitFor();
      const title = await cell.first().getAttribute("title");
      if (title !== "109000000000 EUR") throw new Error(`tooltip "${title}"`);
      const count = await page.locator("#results-table td.amount").count();
      const raw = await page.locator("#results-table td.amount", { hasText: /^\d{5,}/ }).count();
      if (raw > 0) throw new Error(`${raw} amounts still raw`);
      return `${count} amounts formatted`;
    });

    await check("dates do not wrap", async () => {
      const dates = page.locator("#results-table td.date");
      const n = await dates.count();
      if (n === 0) throw new Error("no date cell");
      const wrapped = await dates.evaluateAll((cells) => cells.filter((c) => {
        const range = document.createRange();
        range.selectNodeContents(c);
        return getComputedStyle(c).whiteSpace !== "nowrap" || range.getClientRects().length > 1;
      }).length);
      if (wrapped) throw new Error(`${wrapped} of ${n} dates wrap`);
      return `${n} dates on one line`;
    });

    await check("beneficiaries and sources link to their pages, sources by title and date", async () => {
      const jeanZay = page.locator("#results-table a.entity", { hasText: /^Jean Zay$/ }).first();
      const href = await jeanZay.getAttribute("href");
      if (href !== "/id/jean-zay") throw new Error(`Jean Zay links to ${href}`);
      const source = page.locator("#results-table a.source").first();
      const text = (await source.innerText()).trim();
      const target = await source.getAttribute("href");
      if (!/\(\d{4}(-\d{2}){0,2}\)$/.test(text) && !/^[A-Z]/.test(text)) throw new Error(`source shown as "${text}"`);
      if (!/^\/id\/art-/.test(target)) throw new Error(`source links to ${target}`);
      const ids = await page.locator("#results-table td.sources", { hasText: /^art-/ }).count();
      if (ids) throw new Error(`${ids} sources still shown by id`);
      const response = await page.request.get(base + target);
      if (!response.ok()) throw new Error(`${target} answered ${response.status()}`);
      return `"${text}" → ${target}`;
    });

    await check("the result downloads as CSV with raw values", async () => {
      const [download] = await Promise.all([
        page.waitForEvent("download"),
        page.getByRole("button", { name: "Télécharger en CSV" }).click(),
      ]);
      const path = await download.path();
      const csv = readFileSync(path, "utf8");
      const lines = csv.split("\r\n").filter(Boolean);
      if (!lines[0].startsWith("financeur,beneficiaire,montant,")) throw new Error(`header ${lines[0]}`);
      const rows = await page.locator("#results-table tbody tr").count();
      if (lines.length !== rows + 1) throw new Error(`${lines.length - 1} lines for ${rows} rows`);
      if (!csv.includes(",109000000000,")) throw new Error("no raw 109000000000");
      return `${download.suggestedFilename()}: ${lines.length - 1} rows`;
    });

    let before = [];
    await check("the graph shows the entities of the result", async () => {
      await page.waitForFunction(() => window.iagraphGraph.nodes().length > 3);
      before = await nodeIds(page);
      const edges = await page.evaluate(() => window.iagraphGraph.edges().length);
      return `${before.length} nodes, ${edges} edges`;
    });

    await check("the SPARQL editor highlights a query typed in it, and runs it with the server's prefixes", async () => {
      await page.locator("#sparql .CodeMirror").click();
      await page.keyboard.press("Control+A");
      await page.keyboard.type("SELECT ?s WHERE { ?s a iag:Startup } ORDER BY ?s");
      const tokens = await page.evaluate(() => [...document.querySelectorAll("#sparql .CodeMirror-code span[class^='cm-']")]
        .map((span) => `${span.className}=${span.textContent}`));
      for (const wanted of ["cm-keyword=SELECT", "cm-variable-2=?s", "cm-atom=iag:Startup"]) {
        if (!tokens.includes(wanted)) throw new Error(`no ${wanted} in ${tokens.join(" ")}`);
      }
      await page.keyboard.press("Control+Enter");
      // No PREFIX in the text: iag: is one of the prefixes the server declares.
      await page.waitForFunction(() => document.querySelectorAll("#results-table th").length === 1
        && document.querySelectorAll("#results-table tbody tr").length > 0);
      const sparqlParam = new URL(page.url()).searchParams.get("sparql");
      if (sparqlParam !== "SELECT ?s WHERE { ?s a iag:Startup } ORDER BY ?s") throw new Error(`sparql=${sparqlParam}`);
      const first = await page.locator("#results-table tbody a").first().getAttribute("href");
      if (!/^\/id\/[a-z0-9-]+$/.test(first)) throw new Error(`first row links to ${first}`);
      // The result's two start-ups replace the graph.
      await page.waitForFunction(() => {
        const ids = window.iagraphGraph.nodes().map((n) => n.id());
        return ids.length === 2 && ids.every((id) => /\/id\/(lighton|mistral-ai)$/.test(id))
          && !document.getElementById("graph").hasAttribute("aria-busy");
      });
      before = await nodeIds(page);
      const help = await page.locator("#query-help").innerText();
      if (!/iag: .*schema:/.test(help)) throw new Error(`help does not list the prefixes: ${help}`);
      return `${tokens.length} tokens highlighted; ${await page.locator("#results-table tbody tr").count()} rows`;
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

    await check("the address holds the search, the query and the entity in focus", async () => {
      const url = new URL(page.url());
      const q = url.searchParams.get("q");
      if (q !== "Mistral") throw new Error(`q=${q}`);
      if (url.hash !== "#mistral-ai") throw new Error(`hash "${url.hash}"`);
      return url.search + url.hash;
    });

    await check("a permalink opens the same search, query and entity", async () => {
      const other = await context.newPage();
      watch(other);
      try {
        await other.goto(`${base}/?q=Jean%20Zay&query=funders#mistral-ai`);
        await other.waitForFunction(() => document.documentElement.dataset.ready === "true");
        await other.locator("#search-results a", { hasText: /^Jean Zay$/ }).first().waitFor();
        await other.waitForFunction(
          () => document.querySelectorAll("#results-table tbody tr").length > 5,
        );
        await other.waitForFunction(() => {
          const node = window.iagraphGraph.nodes(".focus");
          return node.length === 1 && node.id().endsWith("/id/mistral-ai");
        });
        const chosen = await other.getByLabel("Requêtes prêtes à l'emploi").inputValue();
        if (chosen !== "funders") throw new Error(`query select shows ${chosen}`);
        return "search, table and graph restored";
      } finally {
        await other.close();
      }
    });

    await check("the back button restores the previous search", async () => {
      // Typed with a pause ("Jea", then "n Zay"): still one history entry.
      const input = page.getByRole("searchbox", { name: /Entité/ });
      await input.fill("");
      await input.pressSequentially("Jea", { delay: 40 });
      await page.waitForURL(/q=Jea(&|#|$)/);
      await input.pressSequentially("n Zay", { delay: 40 });
      await page.waitForURL(/q=Jean\+Zay/);
      await page.locator("#search-results a", { hasText: /^Jean Zay$/ }).first().waitFor();
      await page.goBack();
      await page.waitForFunction(() => document.getElementById("search-input").value === "Mistral");
      await page.locator("#search-results a", { hasText: /^Mistral AI$/ }).first().waitFor();
      return new URL(page.url()).search;
    });

    // What a reader sees of the drawing: node boxes (labels included) that
    // overlap, and the smallest label as drawn on screen.
    const readability = () => page.evaluate(() => {
      const cy = window.iagraphGraph;
      const boxes = cy.nodes().map((n) => n.boundingBox({ includeLabels: true }));
      let overlaps = 0;
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i];
          const b = boxes[j];
          if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) overlaps += 1;
        }
      }
      const px = Math.min(...cy.nodes().map((n) => parseFloat(n.renderedStyle("font-size"))));
      return { nodes: cy.nodes().length, overlaps, px };
    });
    const layouts = () => page.evaluate(() => window.iagraphLayouts || 0);

    let drawn;
    await check("50 nodes (Mistral AI at depth 2) are drawn readable", async () => {
      await page.getByLabel("Profondeur").selectOption("2");
      result = await searchFor(page, "Mistral");
      const done = await layouts();
      await result.getByRole("button", { name: /Voir .* dans le graphe/ }).click();
      await page.waitForFunction((n) => window.iagraphLayouts > n, done);
      drawn = await readability();
      if (drawn.nodes < 45) throw new Error(`only ${drawn.nodes} nodes`);
      if (drawn.overlaps > 0) throw new Error(`${drawn.overlaps} overlapping pairs of nodes`);
      if (drawn.px < 10) throw new Error(`labels drawn at ${drawn.px.toFixed(1)} px`);
      mkdirSync(dirname(screenshot), { recursive: true });
      await page.locator("#graph").screenshot({ path: shot("graph-50") });
      return `${drawn.nodes} nodes, no overlap, labels ≥ ${drawn.px.toFixed(1)} px; ${shot("graph-50")}`;
    });

    await check("\"Réorganiser\" keeps the 50 nodes readable", async () => {
      const done = await layouts();
      await page.getByRole("button", { name: "Réorganiser" }).click();
      await page.waitForFunction((n) => window.iagraphLayouts > n, done);
      const again = await readability();
      if (again.overlaps > drawn.overlaps) throw new Error(`${again.overlaps} overlapping pairs`);
      if (again.px < 10) throw new Error(`labels drawn at ${again.px.toFixed(1)} px`);
      return `${again.overlaps} overlaps, labels ≥ ${again.px.toFixed(1)} px`;
    });

    await check("the timeline shows every dated statement, filtered by entity", async () => {
      const response = await page.request.get(`${base}/api/timeline?lang=fr`);
      const items = await response.json();
      const boxes = page.locator("#timeline-view .vis-item.vis-box, #timeline-view .vis-item.vis-range");
      await page.waitForFunction((n) => document.querySelectorAll(
        "#timeline-view .vis-item.vis-box, #timeline-view .vis-item.vis-range").length === n, items.length);
      const deadlines = items.filter((i) => i.kind === "deadline").length;
      if (deadlines === 0 || deadlines === items.length) throw new Error("dates and deadlines are not both shown");
      const macron = items.filter((i) => i.entities.some(([iri]) => iri.endsWith("/id/emmanuel-macron")));
      if (macron.length === 0 || macron.length === items.length) throw new Error(`${macron.length} for Macron`);
      await page.getByLabel("Entité", { exact: true }).selectOption({ label: "Emmanuel Macron" });
      await page.waitForFunction((n) => document.querySelectorAll(
        "#timeline-view .vis-item.vis-box, #timeline-view .vis-item.vis-range").length === n, macron.length);
      const flat = (text) => text.replace(/\s+/g, " ").trim();
      const shown = (await boxes.allTextContents()).map(flat);
      const missing = macron.map((i) => flat(i.label)).filter((label) => !shown.some((t) => t.includes(label)));
      if (missing.length) throw new Error(`not shown: ${missing[0]}`);
      await page.locator("#timeline").screenshot({ path: shot("timeline") });
      await page.getByLabel("Entité", { exact: true }).selectOption("");
      return `${items.length} statements (${deadlines} deadlines), ${macron.length} for Emmanuel Macron; ${shot("timeline")}`;
    });

    await check("on a phone (390 px) no page scrolls sideways and the run button is reachable", async () => {
      const phone = await context.newPage();
      watch(phone);
      try {
        await phone.setViewportSize({ width: 390, height: 844 });
        const widths = [];
        for (const path of ["/id/mistral-ai", "/ontology", "/id/france-finance-jean-zay-50m", "/"]) {
          await phone.goto(`${base}${path}`);
          if (path === "/") {
            await phone.waitForFunction(() => document.documentElement.dataset.ready === "true");
          }
          const { scroll, client } = await phone.evaluate(() => ({
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
          }));
          if (scroll > client) throw new Error(`${path} is ${scroll} px wide in ${client} px`);
          widths.push(`${path} ${scroll} px`);
        }
        await phone.getByLabel("Requêtes prêtes à l'emploi").selectOption("people");
        await phone.waitForFunction(() => document.querySelectorAll("#results-table tbody tr").length > 0);
        const run = phone.getByRole("button", { name: "Exécuter" });
        await run.scrollIntoViewIfNeeded();
        const reachable = await run.evaluate((button) => {
          const box = button.getBoundingClientRect();
          const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
          return box.left >= 0 && box.right <= document.documentElement.clientWidth
            && box.height >= 40 && (hit === button || button.contains(hit));
        });
        if (!reachable) throw new Error("the run button is off screen, covered or too small to tap");
        await phone.evaluate(() => {
          document.querySelector("#results-table tbody").replaceChildren();
        });
        await run.click();
        await phone.waitForFunction(() => document.querySelectorAll("#results-table tbody tr").length > 0);
        const scroll = await phone.evaluate(() => document.documentElement.scrollWidth);
        if (scroll > 390) throw new Error(`with results, / is ${scroll} px wide`);
        await phone.screenshot({ path: shot("phone") });
        return `${widths.join(", ")}; ${shot("phone")}`;
      } finally {
        await phone.close();
      }
    });

    await check("one language at a time: English for the whole page, remembered, then French again", async () => {
      await page.goto(`${base}/?q=Mistral&query=funders`);
      await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
      await page.waitForFunction(() => document.querySelectorAll("#results-table tbody tr").length > 5);
      await page.locator("#search-results .tag").first().waitFor();
      const frTags = await page.locator("#search-results .tag").allInnerTexts();
      // Class names as the ontology labels them in French, not the classes' local names.
      if (frTags.some((tag) => ["Startup", "AIModel", "AIProduct"].includes(tag))) {
        throw new Error(`French page tags: ${frTags.join(", ")}`);
      }
      await page.getByLabel("Langue").selectOption("en");
      await page.waitForFunction(() => document.documentElement.lang === "en");
      await page.waitForFunction(() => /rows/.test(document.getElementById("results-status").textContent));
      await page.waitForFunction(() => [...document.querySelectorAll("#search-results .tag")]
        .some((tag) => tag.textContent === "AI model"));
      const expect = async (what, actual, wanted) => {
        if (actual !== wanted) throw new Error(`${what}: "${actual}", not "${wanted}"`);
      };
      await expect("headings", (await page.locator("main h2").allInnerTexts()).join(" | "),
        "Search | Graph | Timeline | SPARQL query");
      await expect("query title", (await page.locator("#query-select option:checked").innerText()).trim(),
        "Who funds what, and how much");
      await expect("first column", (await page.locator("#results-table th").first().innerText()).trim(), "funder");
      await expect("run button", (await page.locator("#query-run").innerText()).trim(), "Run");
      await expect("109 billion", (await page.locator("#results-table td.amount", { hasText: "109" }).first().innerText()).trim(), "€109bn");
      const french = await page.evaluate(() => {
        const words = /\b(Rechercher|Graphe|Chronologie|Requête|Exécuter|Télécharger|lignes|Légende|Profondeur)\b/;
        return [...document.querySelectorAll("body *:not(script):not(style):not(textarea):not(td):not(td *)")]
          .filter((n) => n.childNodes.length && [...n.childNodes].some((c) => c.nodeType === 3 && words.test(c.textContent)))
          .map((n) => n.textContent.trim().slice(0, 40));
      });
      if (french.length) throw new Error(`French left on the English page: ${french[0]}`);
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
      await expect("language after reload", await page.evaluate(() => document.documentElement.lang), "en");
      await expect("heading after reload", (await page.locator("main h2").first().innerText()).trim(), "Search");
      await page.getByLabel("Language").selectOption("fr");
      await page.waitForFunction(() => document.documentElement.lang === "fr");
      await expect("French heading", (await page.locator("main h2").first().innerText()).trim(), "Rechercher");
      return `English: ${frTags.length} tags, headings, titles, columns, amounts; remembered; back to French`;
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
