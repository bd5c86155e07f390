// iagraph explorer: search, named and free SPARQL queries, and a graph view.
//
// An ES module (so strict mode), loaded after the vendored libraries
// (/assets/vendor/, see VENDORED.md). The page's own words are in i18n.js.
// Every piece of data is inserted with textContent or as an attribute value;
// nothing from the server goes through innerHTML.
"use strict";

import { COLUMNS_EN, LANGUAGES, MESSAGES } from "./i18n.js";

const ONTOLOGY = "https://w3id.org/iagraph/ontology#";
const SEARCH_DELAY_MS = 200;
/** SELECT and ASK answer in JSON; CONSTRUCT and DESCRIBE fall back to Turtle, shown as text. */
const RESULTS_ACCEPT = "application/sparql-results+json, text/turtle;q=0.9";
const SEARCH_LIMIT = 20;
/** Node labels are drawn at this size (px) at zoom 1. */
const LABEL_PX = 12;
/** The smallest zoom a layout leaves: labels stay at least 10 px high. */
const READABLE_ZOOM = 10 / LABEL_PX;
/** Space kept between two nodes' boxes (labels included), in model px. */
const NODE_GAP = 14;
/** How many IRIs of a result go to /api/subgraph at most. */
const MAX_SUBGRAPH_IRIS = 2000;

/**
 * What the server says about its IRIs (GET /api/config): where its entities
 * live (`id`, under `--base`) and the prefixes its queries may use.
 */
const site = {
  id: null,
  prefixes: [],
  /** How the named queries name their columns of amounts, currencies and sources. */
  amountColumns: [],
  currencyColumns: [],
  sourceColumns: [],
};

const NUMERIC_TYPES = new Set(
  ["integer", "decimal", "double", "float", "long", "int", "short",
    "nonNegativeInteger", "positiveInteger", "negativeInteger", "nonPositiveInteger",
    "unsignedLong", "unsignedInt"].map((t) => "http://www.w3.org/2001/XMLSchema#" + t),
);

/** GraphViz shape names (from the API) to cytoscape node shapes. */
const SHAPES = {
  box: "round-rectangle",
  ellipse: "ellipse",
  box3d: "barrel",
  folder: "tag",
  hexagon: "hexagon",
  octagon: "octagon",
  component: "cut-rectangle",
  house: "pentagon",
  note: "rectangle",
};

const XSD = "http://www.w3.org/2001/XMLSchema#";
const DATE_TYPES = new Set(["date", "dateTime", "gYear", "gYearMonth"].map((t) => XSD + t));
/** The most values sent to /api/annotate (the server's own limit is higher). */
const MAX_ANNOTATIONS = 5000;

// ------------------------------------------------------------------ helpers

const $ = (id) => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el;
};

/** Creates an element with optional class and text (always as textContent). */
function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

/** The slug of an IRI the graph mints (`{base}id/slug`), or null. */
function slugOf(iri) {
  if (typeof iri !== "string" || !site.id || !iri.startsWith(site.id)) return null;
  const slug = iri.slice(site.id.length);
  return slug && !/[\s?#]/.test(slug) ? slug : null;
}

/** The page of an IRI the graph mints (`{base}id/slug` → `/id/slug`), or null. */
function localPath(iri) {
  const slug = slugOf(iri);
  return slug ? "/id/" + slug.split("/").map(encodeURIComponent).join("/") : null;
}

function compactIri(iri) {
  for (const [prefix, ns] of site.prefixes) {
    if (iri.startsWith(ns) && iri.length > ns.length) return `${prefix}:${iri.slice(ns.length)}`;
  }
  return iri;
}

const LANG_KEY = "iagraph.lang";

/** The language the page is shown in: remembered, else French. */
function savedLanguage() {
  try {
    const lang = window.localStorage.getItem(LANG_KEY);
    return LANGUAGES.includes(lang) ? lang : "fr";
  } catch (_) {
    return "fr";
  }
}

const locale = () => (graph.lang === "en" ? "en-GB" : "fr-FR");

/**
 * The page's words for `key` in its language, `{name}` replaced by
 * `vars.name`; a [singular, plural] pair is chosen by `vars.n` (French
 * singular below 2, English for 1).
 */
function t(key, vars = {}) {
  let text = (MESSAGES[graph.lang] || MESSAGES.fr)[key];
  if (Array.isArray(text)) {
    const n = Number(vars.n);
    text = text[(graph.lang === "fr" ? Math.abs(n) < 2 : n === 1) ? 0 : 1];
  }
  if (typeof text !== "string") return key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => {
    if (!(name in vars)) return whole;
    const value = vars[name];
    return typeof value === "number" ? value.toLocaleString(locale()) : String(value);
  });
}

/** An HTTP error carrying the server's plain-text message. */
class HttpError extends Error {
  constructor(status, statusText, body) {
    const text = (body || "").trim();
    super(text ? `${status} ${statusText} — ${text}` : `${status} ${statusText}`);
    this.status = status;
  }
}

async function checked(response) {
  if (!response.ok) {
    let body = "";
    try {
      body = await response.text();
    } catch (_) {
      body = "";
    }
    throw new HttpError(response.status, response.statusText, body);
  }
  return response;
}

async function getJson(url, options = {}) {
  const response = await checked(await fetch(url, {
    ...options,
    headers: { Accept: "application/json", ...(options.headers || {}) },
  }));
  return response.json();
}

async function postJson(url, body, options = {}) {
  return getJson(url, {
    ...options,
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

const isAbort = (err) => err && err.name === "AbortError";

function setStatus(node, text, kind) {
  node.textContent = text || "";
  node.classList.toggle("is-error", kind === "error");
  node.classList.toggle("is-busy", kind === "busy");
}

// -------------------------------------------------------------------- graph

const graph = {
  cy: null,
  lang: "fr",
  depth: 1,
  /** IRIs whose neighbourhood has been fetched. */
  expanded: new Set(),
  measure: null,
  /** The slug of the entity whose neighbourhood is drawn, if any. */
  focus: null,
  /** How many layouts have finished (the browser test waits on it). */
  layouts: 0,
};

/** Width and height that fit a node's (possibly multi-line) label. */
function nodeSize(label, shape) {
  if (!graph.measure) {
    const canvas = document.createElement("canvas");
    graph.measure = canvas.getContext("2d");
    graph.measure.font = "12px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  }
  const lines = String(label).split("\n");
  let width = 0;
  for (const line of lines) width = Math.max(width, graph.measure.measureText(line).width);
  width = Math.min(width, 150);
  const wrapped = lines.length + Math.max(0, Math.ceil(width / 150) - 1);
  let w = width + 18;
  let h = wrapped * 15 + 12;
  if (shape === "ellipse" || shape === "hexagon" || shape === "octagon" || shape === "pentagon") {
    w *= 1.3;
    h *= 1.35;
  }
  if (shape === "tag" || shape === "cut-rectangle" || shape === "barrel") w += 10;
  return { w: Math.max(36, Math.round(w)), h: Math.max(26, Math.round(h)) };
}

function nodeData(node) {
  const label = node.label || slugOf(node.id) || node.id;
  const shape = SHAPES[node.shape] || "round-rectangle";
  const { w, h } = nodeSize(label, shape);
  return {
    id: node.id,
    label,
    group: node.group || "",
    color: node.color || "#ffffff",
    cyShape: shape,
    note: node.shape === "note" ? "yes" : "no",
    w,
    h,
  };
}

function edgeId(edge) {
  const [a, b] = edge.symmetric && edge.target < edge.source
    ? [edge.target, edge.source]
    : [edge.source, edge.target];
  return `edge\u0001${a}\u0001${b}\u0001${edge.label || ""}`;
}

function createGraph() {
  if (typeof window.cytoscape !== "function") {
    setStatus($("graph-status"), t("graph.noLibrary"), "error");
    return null;
  }
  const cy = window.cytoscape({
    container: $("graph-canvas"),
    elements: [],
    minZoom: 0.1,
    maxZoom: 4,
    boxSelectionEnabled: false,
    style: [
      {
        selector: "node",
        style: {
          shape: "data(cyShape)",
          "background-color": "data(color)",
          width: "data(w)",
          height: "data(h)",
          label: "data(label)",
          color: "#1f2328",
          "font-size": LABEL_PX,
          "font-family": "system-ui, -apple-system, Roboto, Helvetica, Arial, sans-serif",
          "text-wrap": "wrap",
          "text-max-width": "150px",
          "text-valign": "center",
          "text-halign": "center",
          "border-width": 1,
          "border-color": "#7a7f87",
        },
      },
      {
        selector: "node[note = 'yes']",
        style: { "border-width": 1.5, "border-color": "#444444", "border-style": "dashed" },
      },
      {
        selector: "node.focus",
        style: { "border-width": 3, "border-color": "#b3261e" },
      },
      {
        selector: "node:selected",
        style: { "border-width": 3, "border-color": "#0b57d0", "overlay-opacity": 0 },
      },
      {
        selector: "edge",
        style: {
          width: 1.2,
          "line-color": "#8c9199",
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          "target-arrow-color": "#8c9199",
          "arrow-scale": 0.9,
          label: "data(label)",
          "font-size": LABEL_PX,
          color: "#3c4043",
          "text-wrap": "wrap",
          "text-background-color": "#ffffff",
          "text-background-opacity": 0.85,
          "text-background-padding": "1px",
          "text-background-shape": "round-rectangle",
        },
      },
      {
        selector: "edge[symmetric = 'yes']",
        style: { "target-arrow-shape": "none", "line-style": "dashed" },
      },
      {
        // Announced, planned, aimed at…: not reported as done (the label
        // names the modality).
        selector: "edge[reported = 'no']",
        style: { "line-style": "dotted" },
      },
      {
        selector: "edge.faded, node.faded",
        style: { opacity: 0.35 },
      },
    ],
  });

  // The stylesheet has been checked by now (an invalid property is warned about
  // above). What cytoscape would still warn about is transient: edges it cannot
  // draw while two nodes overlap during a layout or a drag, which it calls
  // "expected behaviour". Those are not worth a console warning.
  window.cytoscape.warnings(false);

  cy.on("tap", "node", (event) => {
    const node = event.target;
    showSelection(node);
    expandNode(node.id());
  });
  cy.on("dbltap", "node", (event) => {
    const path = localPath(event.target.id());
    if (path) window.location.assign(path);
  });
  cy.on("tap", (event) => {
    if (event.target === cy) clearSelection();
  });
  return cy;
}

function updateEmptyState() {
  const empty = !graph.cy || graph.cy.nodes().length === 0;
  $("graph-empty").hidden = !empty;
}

/**
 * Adds the nodes and edges of an API answer, skipping those already drawn.
 * Returns how many nodes were new.
 */
function mergeGraph(data, around) {
  const cy = graph.cy;
  if (!cy) return 0;
  const nodes = Array.isArray(data && data.nodes) ? data.nodes : [];
  const edges = Array.isArray(data && data.edges) ? data.edges : [];
  const origin = around && !around.empty() ? around.position() : null;
  // Every new node starts at its own place: nodes stacked on one point have
  // edges without endpoints, which cytoscape warns about.
  const extent = cy.extent();
  const spread = Math.max(200, Math.sqrt(nodes.length) * 90);
  const centre = origin || {
    x: Number.isFinite(extent.x1) ? (extent.x1 + extent.x2) / 2 : 0,
    y: Number.isFinite(extent.y1) ? (extent.y1 + extent.y2) / 2 : 0,
  };
  const radius = origin ? 120 : spread;
  const added = [];
  cy.batch(() => {
    for (const node of nodes) {
      if (!node || typeof node.id !== "string") continue;
      const existing = cy.getElementById(node.id);
      const data = nodeData(node);
      if (existing.nonempty()) {
        existing.data(data);
        continue;
      }
      added.push({
        group: "nodes",
        data,
        position: {
          x: centre.x + (Math.random() - 0.5) * radius,
          y: centre.y + (Math.random() - 0.5) * radius,
        },
      });
    }
    if (added.length) cy.add(added);
    const newEdges = [];
    const seen = new Set();
    for (const edge of edges) {
      if (!edge || typeof edge.source !== "string" || typeof edge.target !== "string") continue;
      if (cy.getElementById(edge.source).empty() || cy.getElementById(edge.target).empty()) continue;
      const id = edgeId(edge);
      if (seen.has(id) || cy.getElementById(id).nonempty()) continue;
      seen.add(id);
      newEdges.push({
        group: "edges",
        data: {
          id,
          source: edge.source,
          target: edge.target,
          label: edge.label || "",
          symmetric: edge.symmetric ? "yes" : "no",
          reported: edge.reported === false ? "no" : "yes",
        },
      });
    }
    if (newEdges.length) cy.add(newEdges);
  });
  updateEmptyState();
  return added.length;
}

/** Node boxes (labels included) that overlap, as pairs of ids. */
function overlappingPairs(cy) {
  const boxes = cy.nodes().map((n) => ({ id: n.id(), b: n.boundingBox({ includeLabels: true }) }));
  const pairs = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i].b;
      const b = boxes[j].b;
      if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs.push([boxes[i].id, boxes[j].id]);
    }
  }
  return pairs;
}

/**
 * Pushes apart the node boxes fcose left overlapping (it spaces nodes by
 * force, not by exact box): each overlapping pair is separated along the
 * axis where that costs least, a few passes at most.
 */
function separateOverlaps(cy) {
  const nodes = cy.nodes().toArray();
  // Sizes as drawn, labels and borders included.
  const boxes = nodes.map((n) => {
    const p = n.position();
    const b = n.boundingBox({ includeLabels: true });
    return { n, x: p.x, y: p.y, w: Math.max(n.outerWidth(), b.w), h: Math.max(n.outerHeight(), b.h) };
  });
  for (let pass = 0; pass < 400; pass++) {
    let moved = false;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i];
        const b = boxes[j];
        const dx = (a.w + b.w) / 2 + NODE_GAP - Math.abs(a.x - b.x);
        const dy = (a.h + b.h) / 2 + NODE_GAP - Math.abs(a.y - b.y);
        if (dx <= 0 || dy <= 0) continue;
        moved = true;
        if (dx < dy) {
          const shift = (dx / 2) * (a.x <= b.x ? 1 : -1);
          a.x -= shift;
          b.x += shift;
        } else {
          const shift = (dy / 2) * (a.y <= b.y ? 1 : -1);
          a.y -= shift;
          b.y += shift;
        }
      }
    }
    if (!moved) break;
  }
  cy.batch(() => boxes.forEach((b) => b.n.position({ x: b.x, y: b.y })));
}

/** Fits the graph, but never below a zoom where labels get too small to read. */
function readableFit(cy) {
  cy.fit(undefined, 30);
  if (cy.zoom() >= READABLE_ZOOM) return;
  const focus = cy.nodes(".focus");
  const centre = focus.nonempty() ? focus.first() : cy.nodes().first();
  cy.zoom(READABLE_ZOOM);
  cy.center(centre);
}

/**
 * Lays the graph out with fcose (force-directed, made for graphs of this
 * size), nodes sized by their labels, then removes what overlap is left and
 * fits at a readable zoom. Each finished layout bumps `graph.layouts`.
 */
function runLayout(randomize) {
  const cy = graph.cy;
  if (!cy || cy.nodes().length === 0) return;
  const layout = cy.layout({
    name: typeof window.cytoscapeFcose === "function" ? "fcose" : "cose",
    quality: "proof",
    randomize: Boolean(randomize),
    animate: false,
    fit: false,
    nodeDimensionsIncludeLabels: true,
    uniformNodeDimensions: false,
    packComponents: true,
    nodeSeparation: 90,
    // Longer edges between wide labels: the edge's own label needs room too.
    idealEdgeLength: (edge) => 70 + (edge.source().width() + edge.target().width()) / 4,
    nodeRepulsion: () => 9000,
    edgeElasticity: () => 0.45,
    gravity: 0.2,
    gravityRange: 3.8,
    numIter: 2500,
    tile: true,
    tilingPaddingVertical: 20,
    tilingPaddingHorizontal: 20,
  });
  layout.one("layoutstop", () => {
    separateOverlaps(cy);
    readableFit(cy);
    graph.layouts += 1;
    window.iagraphLayouts = graph.layouts;
  });
  layout.run();
}

function clearGraph() {
  graph.focus = null;
  if (!graph.cy) return;
  graph.cy.elements().remove();
  graph.expanded.clear();
  clearSelection();
  updateEmptyState();
}

function clearSelection() {
  $("graph-selection").replaceChildren();
  if (graph.cy) graph.cy.nodes().removeClass("focus");
}

function showSelection(node) {
  const box = $("graph-selection");
  const label = node.data("label").replace(/\n/g, " ");
  const group = node.data("group");
  const path = localPath(node.id());
  const parts = [el("strong", null, label)];
  if (group) parts.push(el("span", "tag", group));
  parts.push(el("span", "muted", t("graph.links", { n: node.degree(false) })));
  if (path) {
    const link = el("a", null, t("graph.open"));
    link.href = path;
    parts.push(link);
  }
  box.replaceChildren(...parts);
}

let graphRequest = 0;

/** Runs `task` as the graph's current request, reporting progress and errors. */
async function graphTask(message, task) {
  const ticket = ++graphRequest;
  const status = $("graph-status");
  setStatus(status, message, "busy");
  $("graph").setAttribute("aria-busy", "true");
  try {
    const text = await task(() => ticket === graphRequest);
    if (ticket === graphRequest) setStatus(status, text || "");
  } catch (err) {
    if (ticket === graphRequest && !isAbort(err)) {
      setStatus(status, t("graph.error", { error: err.message }), "error");
    }
  } finally {
    if (ticket === graphRequest) $("graph").removeAttribute("aria-busy");
  }
}

function neighbourhoodUrl(iri) {
  const params = new URLSearchParams({ iri, depth: String(graph.depth), lang: graph.lang });
  return `/api/neighbourhood?${params}`;
}

/** Replaces the graph with the neighbourhood of `iri` (from a search result). */
function showNeighbourhood(iri, knownLabel) {
  if (!graph.cy) return;
  let label = knownLabel || slugOf(iri) || iri;
  graph.focus = slugOf(iri);
  graphTask(t("graph.loading", { label }), async (current) => {
    const data = await getJson(neighbourhoodUrl(iri));
    if (!current()) return "";
    clearGraph();
    graph.focus = slugOf(iri);
    mergeGraph(data);
    graph.expanded.add(iri);
    const node = graph.cy.getElementById(iri);
    if (node.nonempty()) label = node.data("label").replace(/\n/g, " ");
    if (node.nonempty()) {
      node.addClass("focus");
      showSelection(node);
    }
    runLayout(true);
    $("graph").scrollIntoView({ behavior: "smooth", block: "nearest" });
    return t("graph.neighbourhood", { label, ...drawnCounts() });
  });
}

/** `{ nodes, edges }`: how many of each the graph draws, in words. */
function drawnCounts() {
  return {
    nodes: t("graph.nodes", { n: graph.cy.nodes().length }),
    edges: t("graph.edges", { n: graph.cy.edges().length }),
  };
}

/** Adds the neighbours of a node already drawn. */
function expandNode(iri) {
  if (!graph.cy || graph.expanded.has(iri)) return;
  const node = graph.cy.getElementById(iri);
  const label = node.nonempty() ? node.data("label").replace(/\n/g, " ") : iri;
  graphTask(t("graph.expanding", { label }), async (current) => {
    const data = await getJson(neighbourhoodUrl(iri));
    graph.expanded.add(iri);
    if (!current()) return "";
    const drawn = graph.cy.getElementById(iri);
    const added = mergeGraph(data, drawn);
    if (drawn.nonempty()) showSelection(drawn);
    if (added > 0) runLayout(false);
    return added > 0
      ? t("graph.added", { label, n: added })
      : t("graph.noneAdded", { label });
  });
}

/** Replaces the graph with the entities among `iris`. */
function showSubgraph(iris) {
  if (!graph.cy) return;
  graphTask(t("graph.loadingResult"), async (current) => {
    const data = await postJson("/api/subgraph", { iris, lang: graph.lang });
    if (!current()) return "";
    const count = Array.isArray(data && data.nodes) ? data.nodes.length : 0;
    if (count === 0) {
      return t("graph.resultEmpty");
    }
    clearGraph();
    mergeGraph(data);
    runLayout(true);
    return t("graph.result", drawnCounts());
  });
}

/** Redraws the labels of the current graph in `lang`. */
function relabel() {
  const cy = graph.cy;
  if (!cy || cy.nodes().length === 0) return;
  const iris = cy.nodes().map((n) => n.id());
  graphTask(t("graph.relabel"), async (current) => {
    const data = await postJson("/api/subgraph", { iris, lang: graph.lang });
    if (!current()) return "";
    cy.batch(() => cy.edges().remove());
    mergeGraph(data);
    return "";
  });
}

async function loadLegend() {
  const list = $("legend-list");
  try {
    const legend = await getJson(`/api/legend?lang=${encodeURIComponent(graph.lang)}`);
    const items = (Array.isArray(legend) ? legend : []).map((entry) => {
      const item = el("li", "legend-item");
      const swatch = el("span", `swatch swatch-${SHAPES[entry.shape] || "round-rectangle"}`);
      swatch.setAttribute("aria-hidden", "true");
      swatch.style.backgroundColor = entry.color || "#ffffff";
      item.append(swatch, el("span", null, entry.label || entry.group || ""));
      return item;
    });
    list.replaceChildren(...items);
  } catch (err) {
    list.replaceChildren(el("li", "is-error", t("graph.legendError", { error: err.message })));
  }
}

function initGraph() {
  graph.cy = createGraph();
  window.iagraphGraph = graph.cy;
  updateEmptyState();
  $("graph-depth").addEventListener("change", (event) => {
    graph.depth = Number(event.target.value) || 1;
    graph.expanded.clear();
  });
  $("graph-fit").addEventListener("click", () => graph.cy && graph.cy.fit(undefined, 30));
  $("graph-layout").addEventListener("click", () => runLayout(true));
  $("graph-reset").addEventListener("click", () => {
    graphRequest++;
    clearGraph();
    remember({ hash: null });
    setStatus($("graph-status"), t("graph.cleared"));
  });
  loadLegend();
}

// ------------------------------------------------------------------- search

const search = { timer: 0, controller: null, last: null };

function renderResults(results, query) {
  const list = $("search-results");
  const status = $("search-status");
  if (!results.length) {
    list.replaceChildren();
    setStatus(status, t("search.none", { q: query }));
    return;
  }
  const items = results.map((result) => {
    const item = el("li", "search-result");
    const head = el("div", "result-head");
    const path = localPath(result.iri) || (result.slug ? `/id/${encodeURIComponent(result.slug)}` : null);
    // One language: the English label on an English page, when there is one.
    const label = (graph.lang === "en" && result.label_en) || result.label || result.slug || result.iri;
    let title;
    if (path) {
      title = el("a", "result-label", label);
      title.href = path;
    } else {
      title = el("span", "result-label", label);
    }
    head.append(title);
    const meta = el("div", "result-meta");
    if (result.class_label || result.class) meta.append(el("span", "tag", result.class_label || result.class));
    if (result.matched && result.matched !== result.label && result.matched !== result.label_en) {
      meta.append(el("span", "matched", t("search.alias", { alias: result.matched })));
    }
    const button = el("button", "small", t("search.show"));
    button.type = "button";
    button.setAttribute("aria-label", t("search.showLabel", { label }));
    button.addEventListener("click", () => {
      remember({ hash: slugOf(result.iri), depth: graph.depth === 1 ? null : graph.depth });
      showNeighbourhood(result.iri, label);
    });
    item.append(head, meta, button);
    return item;
  });
  list.replaceChildren(...items);
  setStatus(status, t(results.length >= SEARCH_LIMIT ? "search.first" : "search.count", { n: results.length }));
}

async function runSearch(query) {
  if (search.controller) search.controller.abort();
  const status = $("search-status");
  if (!query) {
    search.controller = null;
    search.last = null;
    $("search-results").replaceChildren();
    setStatus(status, "");
    return;
  }
  const controller = new AbortController();
  search.controller = controller;
  setStatus(status, t("search.busy"), "busy");
  try {
    const params = new URLSearchParams({ q: query, limit: String(SEARCH_LIMIT), lang: graph.lang });
    const results = await getJson(`/api/search?${params}`, { signal: controller.signal });
    if (search.controller !== controller) return;
    search.last = query;
    renderResults(Array.isArray(results) ? results : [], query);
  } catch (err) {
    if (isAbort(err) || search.controller !== controller) return;
    $("search-results").replaceChildren();
    setStatus(status, `Erreur de recherche : ${err.message}`, "error");
  }
}

function initSearch() {
  const input = $("search-input");
  const schedule = () => {
    clearTimeout(search.timer);
    const query = input.value.trim();
    if (query === search.last) return;
    search.timer = setTimeout(() => {
      // Typing on ("Mis" → "Mistral") or correcting is one search: one
      // history entry, not one per pause.
      const shown = new URLSearchParams(window.location.search).get("q") || "";
      const same = shown && query && (query.startsWith(shown) || shown.startsWith(query));
      remember({ q: query }, { replace: Boolean(same) });
      runSearch(query);
    }, SEARCH_DELAY_MS);
  };
  input.addEventListener("input", schedule);
  $("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(search.timer);
    search.last = null;
    remember({ q: input.value.trim() });
    runSearch(input.value.trim());
  });
  // A value restored by the browser (back button) shows its results again.
  if (input.value.trim()) runSearch(input.value.trim());
  window.addEventListener("pageshow", (event) => {
    if (event.persisted && input.value.trim() && !$("search-results").children.length) {
      search.last = null;
      runSearch(input.value.trim());
    }
  });
}

// ------------------------------------------------------------------- SPARQL

const sparql = { controller: null, queries: [], last: null, shown: "", editor: null };

/** "17 rows · 11 columns · 46 ms" for the table shown. */
function showResultStatus() {
  if (!sparql.last) return;
  setStatus($("results-status"), t("sparql.status", {
    rows: t("sparql.rows", { n: sparql.last.bindings.length }),
    columns: t("sparql.columns", { n: sparql.last.vars.length }),
    ms: sparql.ms,
  }));
}

/** A named query's title in the page's language (`English — Français` in the file). */
function queryTitle(query) {
  const title = graph.lang === "en" ? query.title_en : query.title_fr;
  return title || query.title || query.name;
}

async function loadQueries() {
  const select = $("query-select");
  try {
    const queries = await getJson("/api/queries");
    sparql.queries = Array.isArray(queries) ? queries : [];
    for (const query of sparql.queries) {
      const option = el("option", null, queryTitle(query));
      option.value = query.name;
      select.append(option);
    }
  } catch (err) {
    const option = el("option", null, t("sparql.unavailable", { error: err.message }));
    option.disabled = true;
    select.append(option);
  }
}

function termCell(term) {
  const cell = el("td");
  if (!term) return cell;
  switch (term.type) {
    case "uri": {
      const path = localPath(term.value);
      if (path) {
        const link = el("a", "iri", slugOf(term.value));
        link.href = path;
        link.title = term.value;
        cell.append(link);
      } else {
        const text = el("span", "iri", compactIri(term.value));
        text.title = term.value;
        cell.append(text);
      }
      break;
    }
    case "bnode":
      cell.append(el("span", "bnode", `_:${term.value}`));
      break;
    case "triple": {
      const inner = term.value || {};
      const show = (t) => (t ? (t.type === "uri" ? compactIri(t.value) : t.value) : "?");
      cell.textContent = `<< ${show(inner.subject)} ${show(inner.predicate)} ${show(inner.object)} >>`;
      break;
    }
    default: {
      cell.append(document.createTextNode(term.value));
      const lang = term["xml:lang"];
      if (lang) {
        cell.lang = lang;
        // French is the page's language: only other languages are tagged.
        if (!/^fr\b/i.test(lang)) cell.append(el("span", "lang-tag", `@${lang}`));
      } else if (term.datatype && NUMERIC_TYPES.has(term.datatype)) {
        cell.className = "num";
      } else if (DATE_TYPES.has(term.datatype) || /^\d{4}-\d{2}(-\d{2})?$/.test(term.value)) {
        cell.className = "date";
      }
    }
  }
  return cell;
}

function resetResults() {
  $("results-status").textContent = "";
  $("results-status").classList.remove("is-error", "is-busy");
  $("results-truncated").hidden = true;
  $("results-error").hidden = true;
  $("results-error").replaceChildren();
  $("results-table").hidden = true;
  $("results-table").tHead.replaceChildren();
  $("results-table").tBodies[0].replaceChildren();
  $("results-raw").hidden = true;
  $("results-raw").textContent = "";
  $("results-csv").hidden = true;
  sparql.last = null;
}

function showError(message) {
  const box = $("results-error");
  box.replaceChildren(el("strong", null, t("sparql.error")), el("pre", null, message));
  box.hidden = false;
}

/** IRIs of the graph's entities (and statements) named in SELECT bindings. */
function resultIris(vars, bindings) {
  const iris = new Set();
  for (const row of bindings) {
    for (const name of vars) {
      const term = row[name];
      if (term && term.type === "uri" && slugOf(term.value)) iris.add(term.value);
    }
    if (iris.size >= MAX_SUBGRAPH_IRIS) break;
  }
  return [...iris];
}

/** Runs the query of the text box; `draw: false` leaves the graph as it is. */
async function runQuery({ draw = true } = {}) {
  const text = queryText();
  sparql.shown = text;
  if (!text.trim()) {
    resetResults();
    setStatus($("results-status"), t("sparql.empty"), "error");
    return;
  }
  if (sparql.controller) sparql.controller.abort();
  const controller = new AbortController();
  sparql.controller = controller;
  const button = $("query-run");
  button.disabled = true;
  button.textContent = t("sparql.running");
  $("results").setAttribute("aria-busy", "true");
  resetResults();
  setStatus($("results-status"), t("sparql.busy"), "busy");
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: RESULTS_ACCEPT,
      },
      body: new URLSearchParams({ query: text }).toString(),
      signal: controller.signal,
    });
    const body = await response.text();
    if (sparql.controller !== controller) return;
    const ms = Math.round(performance.now() - started);
    if (!response.ok) {
      setStatus($("results-status"), t("sparql.failed", { status: response.status }), "error");
      showError(body.trim() || `${response.status} ${response.statusText}`);
      return;
    }
    const truncated = (response.headers.get("X-Iagraph-Truncated") || "").toLowerCase() === "true";
    if (truncated) {
      const limit = Number(response.headers.get("X-Iagraph-Row-Limit")) || 0;
      const note = $("results-truncated");
      note.textContent = t("sparql.truncated", { limit });
      note.hidden = false;
    }
    const type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
    let json = null;
    if (/json/i.test(type) || /^\s*\{/.test(body)) {
      try {
        json = JSON.parse(body);
      } catch (_) {
        json = null;
      }
    }
    if (!json || (typeof json.boolean !== "boolean" && !json.results)) {
      // CONSTRUCT or DESCRIBE answered in an RDF syntax: show it as is.
      $("results-raw").textContent = body;
      $("results-raw").hidden = false;
      setStatus($("results-status"), t("sparql.graph", { type: type || "?", ms }));
      return;
    }
    if (typeof json.boolean === "boolean") {
      const answer = el("p", "ask-answer", t(json.boolean ? "sparql.true" : "sparql.false"));
      $("results-raw").hidden = true;
      setStatus($("results-status"), t("sparql.ask", { ms }));
      $("results-status").append(answer);
      return;
    }
    const vars = (json.head && Array.isArray(json.head.vars)) ? json.head.vars : [];
    const bindings = Array.isArray(json.results.bindings) ? json.results.bindings : [];
    renderTable(vars, bindings);
    sparql.ms = ms;
    showResultStatus();
    const iris = resultIris(vars, bindings);
    if (iris.length) {
      // /api/subgraph draws a statement's subject and object for it.
      if (draw && sparql.controller === controller) showSubgraph(iris);
    } else {
      setStatus($("graph-status"), t("graph.noEntity"));
    }
  } catch (err) {
    if (isAbort(err) || sparql.controller !== controller) return;
    setStatus($("results-status"), t("sparql.failedShort"), "error");
    showError(err.message);
  } finally {
    if (sparql.controller === controller) {
      button.disabled = false;
      button.textContent = t("sparql.run");
      $("results").removeAttribute("aria-busy");
    }
  }
}

function renderTable(vars, bindings) {
  const table = $("results-table");
  const headRow = el("tr");
  for (const name of vars) {
    const th = el("th", null, graph.lang === "en" ? COLUMNS_EN[name] || name : name);
    th.scope = "col";
    th.title = `?${name}`;
    headRow.append(th);
  }
  table.tHead.replaceChildren(headRow);
  const rows = bindings.map((row) => {
    const tr = el("tr");
    for (const name of vars) tr.append(termCell(row[name]));
    return tr;
  });
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = false;
  sparql.last = { vars, bindings };
  $("results-csv").hidden = false;
  annotateTable(vars, bindings, rows).catch((err) => {
    setStatus($("results-status"), t("sparql.annotateError", {
      status: $("results-status").textContent, error: err.message,
    }));
  });
}

const isAmountColumn = (name) => site.amountColumns.some((p) => name.toLowerCase().startsWith(p));

/**
 * Shows a result in readers' terms, with the server's wording
 * (POST /api/annotate): amounts as `50 Md€` (the raw number in the
 * tooltip), entity labels as links to their pages, source ids as the
 * articles' titles and dates.
 */
async function annotateTable(vars, bindings, rows) {
  const currencyVar = vars.find((v) => site.currencyColumns.includes(v));
  const amounts = [];
  const amountCells = [];
  const names = new Set();
  const nameCells = [];
  const sources = new Set();
  const sourceCells = [];
  bindings.forEach((row, i) => {
    const cells = rows[i].children;
    const code = currencyVar && row[currencyVar] && row[currencyVar].type === "literal"
      ? row[currencyVar].value : null;
    vars.forEach((name, j) => {
      const term = row[name];
      if (!term || term.type !== "literal") return;
      if (code && isAmountColumn(name) && NUMERIC_TYPES.has(term.datatype)) {
        if (amounts.length < MAX_ANNOTATIONS) {
          amounts.push({ value: term.value, currency: code });
          amountCells.push([cells[j], term.value, code]);
        }
      } else if (site.sourceColumns.includes(name)) {
        const ids = term.value.split(/,\s*/).filter(Boolean);
        if (sources.size + ids.length <= MAX_ANNOTATIONS) {
          ids.forEach((id) => sources.add(id));
          sourceCells.push([cells[j], ids]);
        }
      } else if ((!term.datatype || term.datatype === XSD + "string") && term.value.length <= 200) {
        if (names.size < MAX_ANNOTATIONS) {
          names.add(term.value);
          nameCells.push([cells[j], term.value]);
        }
      }
    });
  });
  if (!amounts.length && !names.size && !sources.size) return;
  const answer = await postJson("/api/annotate", {
    amounts, names: [...names], sources: [...sources], lang: graph.lang,
  });
  if (!sparql.last || sparql.last.bindings !== bindings) return;
  const words = Array.isArray(answer.amounts) ? answer.amounts : [];
  amountCells.forEach(([cell, value, code], i) => {
    if (typeof words[i] !== "string") return;
    cell.textContent = words[i];
    cell.title = `${value} ${code}`;
    cell.dataset.raw = value;
    cell.classList.add("amount");
  });
  const paths = answer.names || {};
  for (const [cell, text] of nameCells) {
    const path = paths[text];
    if (typeof path !== "string") continue;
    const link = el("a", "entity", text);
    link.href = path;
    cell.replaceChildren(link);
  }
  const articles = answer.sources || {};
  for (const [cell, ids] of sourceCells) {
    const parts = [];
    for (const id of ids) {
      const source = articles[id];
      if (parts.length) parts.push(document.createTextNode(" ; "));
      if (!source) {
        parts.push(document.createTextNode(id));
        continue;
      }
      const link = el("a", "source", source.date ? `${source.title} (${source.date})` : source.title);
      link.href = source.path;
      link.title = id;
      parts.push(link);
    }
    cell.replaceChildren(...parts);
    cell.classList.add("sources");
  }
}

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. */
function csvField(text) {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The last result as CSV, raw values (numbers unformatted, full IRIs), as SPARQL's CSV. */
function resultCsv({ vars, bindings }) {
  const lines = [vars.map(csvField).join(",")];
  for (const row of bindings) {
    lines.push(vars.map((v) => csvField(row[v] ? String(row[v].value) : "")).join(","));
  }
  return lines.join("\r\n") + "\r\n";
}

function downloadCsv() {
  if (!sparql.last) return;
  const blob = new Blob([resultCsv(sparql.last)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = el("a");
  link.href = url;
  link.download = `iagraph-${$("query-select").value || "resultat"}.csv`;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The query being edited (the editor's text, or the text box's without it). */
function queryText() {
  return sparql.editor ? sparql.editor.getValue() : $("query-text").value;
}

function setQueryText(text) {
  if (sparql.editor) {
    sparql.editor.setValue(text);
    sparql.editor.scrollTo(0, 0);
  } else {
    $("query-text").value = text;
    $("query-text").scrollTop = 0;
  }
}

/**
 * CodeMirror 5 with its SPARQL mode over the text box: syntax highlighting,
 * line numbers, brackets matched. The text box stays the form's field
 * (kept in step), and the page works without the editor.
 */
function createEditor(textarea, submit) {
  if (typeof window.CodeMirror !== "function") return null;
  const run = () => submit();
  const editor = window.CodeMirror.fromTextArea(textarea, {
    mode: "application/sparql-query",
    lineNumbers: true,
    lineWrapping: true,
    indentUnit: 2,
    screenReaderLabel: t("sparql.text"),
    extraKeys: { "Ctrl-Enter": run, "Cmd-Enter": run },
  });
  editor.on("change", () => editor.save());
  return editor;
}

async function initSparql() {
  const select = $("query-select");
  const textarea = $("query-text");
  select.addEventListener("change", () => {
    const query = sparql.queries.find((q) => q.name === select.value);
    if (query) {
      setQueryText(query.sparql);
      remember({ query: query.name, sparql: null });
      runQuery();
    }
  });
  const submit = () => {
    const named = sparql.queries.find((q) => q.name === select.value);
    const text = queryText();
    if (named && named.sparql === text) {
      remember({ query: named.name, sparql: null });
    } else {
      select.value = "";
      remember({ query: null, sparql: text });
    }
    runQuery();
  };
  sparql.editor = createEditor(textarea, submit);
  $("sparql-form").addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });
  textarea.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      submit();
    }
  });
  $("results-csv").addEventListener("click", downloadCsv);
  await loadQueries();
}

// ----------------------------------------------------------------- timeline

const timeline = { view: null, items: [] };

/** A date as the graph writes it (`2024`, `2024-05`, `2024-05-22`) as a Date. */
function partialDate(text) {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(String(text));
  if (!match) return null;
  return new Date(Date.UTC(Number(match[1]), match[2] ? Number(match[2]) - 1 : 0, match[3] ? Number(match[3]) : 1));
}

/** The statements with a date or a deadline, on a vis-timeline, filtered by entity. */
async function loadTimeline() {
  const status = $("timeline-status");
  if (!window.vis || typeof window.vis.Timeline !== "function") {
    setStatus(status, t("timeline.noLibrary"), "error");
    return;
  }
  try {
    const items = await getJson(`/api/timeline?lang=${encodeURIComponent(graph.lang)}`);
    timeline.items = Array.isArray(items) ? items : [];
  } catch (err) {
    setStatus(status, t("timeline.error", { error: err.message }), "error");
    return;
  }
  const select = $("timeline-entity");
  const chosen = select.value;
  const entities = new Map();
  for (const item of timeline.items) {
    for (const [iri, label] of item.entities || []) entities.set(iri, label);
  }
  const options = [...entities].sort((a, b) => a[1].localeCompare(b[1], "fr"))
    .map(([iri, label]) => {
      const option = el("option", null, label);
      option.value = iri;
      return option;
    });
  select.replaceChildren(select.options[0], ...options);
  if (entities.has(chosen)) select.value = chosen;
  renderTimeline();
}

function renderTimeline() {
  const entity = $("timeline-entity").value;
  const shown = timeline.items.filter((item) =>
    !entity || (item.entities || []).some(([iri]) => iri === entity));
  const items = [];
  shown.forEach((item, n) => {
    const start = partialDate(item.start);
    if (!start) return;
    const end = item.end ? partialDate(item.end) : null;
    // Elements, not HTML strings: the labels are data.
    const content = el("span", null,
      item.kind === "deadline" ? t("timeline.deadline", { label: item.label }) : item.label);
    const title = el("span", null, `${item.start}${item.end ? ` → ${item.end}` : ""} · ${item.label}`);
    items.push({
      id: n,
      content,
      title,
      start,
      end: end && end > start ? end : undefined,
      type: end && end > start ? "range" : "box",
      className: `timeline-${item.kind}`,
      path: item.path,
    });
  });
  const data = new window.vis.DataSet(items);
  if (!timeline.view) {
    timeline.view = new window.vis.Timeline($("timeline-view"), data, {
      stack: true,
      maxHeight: 520,
      zoomKey: "ctrlKey",
      orientation: { axis: "top" },
      margin: { item: 6 },
    });
    timeline.view.on("select", ({ items: selected }) => {
      const box = $("timeline-selection");
      const chosen = selected.length ? timeline.view.itemsData.get(selected[0]) : null;
      if (!chosen) {
        box.replaceChildren();
        return;
      }
      const link = el("a", null, t("timeline.open"));
      link.href = chosen.path;
      box.replaceChildren(el("span", null, `${chosen.title.textContent} — `), link);
    });
  } else {
    timeline.view.setItems(data);
    timeline.view.fit({ animation: false });
  }
  timeline.shown = items.length;
  setStatus($("timeline-status"), entity
    ? t("timeline.countFor", { n: items.length, entity: $("timeline-entity").selectedOptions[0].textContent })
    : t("timeline.count", { n: items.length }));
}

function initTimeline() {
  $("timeline-entity").addEventListener("change", renderTimeline);
  return loadTimeline();
}

// ----------------------------------------------------------------- language

/** Writes the page's own words (data-i18n, data-i18n-attr) in its language. */
function translatePage() {
  document.documentElement.lang = graph.lang;
  document.title = t("page.title");
  for (const node of document.querySelectorAll("[data-i18n]")) {
    node.textContent = t(node.dataset.i18n);
  }
  for (const node of document.querySelectorAll("[data-i18n-attr]")) {
    for (const pair of node.dataset.i18nAttr.split(";")) {
      const [attr, key] = pair.split(":").map((x) => x.trim());
      if (attr && key) node.setAttribute(attr, t(key));
    }
  }
  const prefixes = site.prefixes.map(([p]) => `${p}:`).join(" ");
  $("query-help").textContent = t("sparql.help", { prefixes });
  for (const option of $("query-select").options) {
    const query = sparql.queries.find((q) => q.name === option.value);
    if (query) option.textContent = queryTitle(query);
  }
  $("page-lang").value = graph.lang;
}

/** Shows the whole page in `lang` and remembers the choice. */
function setLanguage(lang) {
  graph.lang = LANGUAGES.includes(lang) ? lang : "fr";
  try {
    window.localStorage.setItem(LANG_KEY, graph.lang);
  } catch (_) {
    // Private modes may refuse storage: the page still changes.
  }
  translatePage();
  loadLegend();
  relabel();
  loadTimeline();
  const query = $("search-input").value.trim();
  if (query) {
    search.last = null;
    runSearch(query);
  }
  if (sparql.last) {
    renderTable(sparql.last.vars, sparql.last.bindings);
    showResultStatus();
  }
  if (!$("query-run").disabled) $("query-run").textContent = t("sparql.run");
}

function initLanguage() {
  graph.lang = savedLanguage();
  translatePage();
  $("page-lang").addEventListener("change", (event) => setLanguage(event.target.value));
}

// -------------------------------------------------------- state in the address

/**
 * The page's state lives in its address, so that it can be linked to and the
 * back button restores it: `?q=` the search, `?query=` a named query (or
 * `?sparql=` a query's text), `&depth=`, and `#slug` the entity in focus.
 */
const address = { restoring: false };

/**
 * Records a change of state as a new history entry (not while restoring
 * one); `replace` rewrites the current entry instead.
 */
function remember(change, { replace = false } = {}) {
  if (address.restoring) return;
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(change)) {
    if (key === "hash") {
      url.hash = value ? encodeURIComponent(value) : "";
    } else if (value === null || value === undefined || value === "") {
      url.searchParams.delete(key);
    } else {
      url.searchParams.set(key, String(value));
    }
  }
  if (url.href === window.location.href) return;
  if (replace) {
    window.history.replaceState(null, "", url);
  } else {
    window.history.pushState(null, "", url);
  }
}

/** Puts the page in the state its address names. */
function restore() {
  address.restoring = true;
  try {
    const params = new URLSearchParams(window.location.search);
    const q = params.get("q") || "";
    const input = $("search-input");
    if (input.value.trim() !== q) {
      input.value = q;
      search.last = null;
      runSearch(q);
    }
    const depth = params.get("depth") === "2" ? 2 : 1;
    graph.depth = depth;
    $("graph-depth").value = String(depth);
    const slug = decodeURIComponent(window.location.hash.replace(/^#/, ""));
    const name = params.get("query");
    const text = params.get("sparql");
    const named = name ? sparql.queries.find((x) => x.name === name) : null;
    const wanted = named ? named.sparql : text || "";
    const select = $("query-select");
    select.value = named ? named.name : "";
    if (wanted !== sparql.shown) {
      setQueryText(wanted);
      if (wanted) {
        runQuery({ draw: !slug });
      } else {
        if (sparql.controller) sparql.controller.abort();
        resetResults();
        sparql.shown = "";
      }
    }
    if (slug && site.id && slug !== graph.focus) {
      showNeighbourhood(site.id + slug, null);
    } else if (!slug && graph.focus) {
      graph.focus = null;
      graphRequest++;
      clearGraph();
    }
  } finally {
    address.restoring = false;
  }
}

function initState() {
  window.addEventListener("popstate", restore);
  restore();
}

// --------------------------------------------------------------------- main

async function main() {
  try {
    const config = await getJson("/api/config");
    site.id = typeof config.id === "string" ? config.id : null;
    site.prefixes = Array.isArray(config.prefixes) ? config.prefixes : [];
    const list = (value) => (Array.isArray(value) ? value.map(String) : []);
    site.amountColumns = list(config.amount_columns);
    site.currencyColumns = list(config.currency_columns);
    site.sourceColumns = list(config.source_columns);
  } catch (err) {
    setStatus($("results-status"), t("config.error", { error: err.message }), "error");
  }
  graph.lang = savedLanguage();
  initGraph();
  initSearch();
  await initSparql();
  initLanguage();
  await initTimeline();
  initState();
  document.documentElement.dataset.ready = "true";
}

main();
