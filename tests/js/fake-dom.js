// A small stand-in for a browser page, enough to run seedwiki's page scripts (src/seedwiki/assets/js/)
// under node: elements and text nodes, simple CSS selectors (tags, #id, .class, [attr], [attr="v"],
// [attr*="v"], :scope, :not(…), descendant and child combinators, lists), and each script run with node's `vm` module in
// a context whose `window` is its global object, as in a browser.
"use strict";

const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const SCRIPTS = path.join(__dirname, "..", "..", "src", "seedwiki", "assets", "js");
const WORDS = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "src", "seedwiki", "words.json"), "utf8"));

class Node {
  constructor(ownerDocument) {
    this.ownerDocument = ownerDocument;
    this.parentNode = null;
    this.childNodes = [];
  }
  get parentElement() {
    return this.parentNode && this.parentNode.nodeType === 1 ? this.parentNode : null;
  }
  get firstChild() { return this.childNodes[0] || null; }
  get nextSibling() {
    const siblings = this.parentNode ? this.parentNode.childNodes : [];
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  remove() {
    if (this.parentNode) this.parentNode.childNodes.splice(this.parentNode.childNodes.indexOf(this), 1);
    this.parentNode = null;
  }
}

class Text extends Node {
  constructor(ownerDocument, data) {
    super(ownerDocument);
    this.nodeType = 3;
    this.data = String(data);
  }
  get textContent() { return this.data; }
  set textContent(value) { this.data = String(value); }
  cloneNode() { return new Text(this.ownerDocument, this.data); }
}

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decodeEntities(html) {  // what a <textarea> makes of its innerHTML: character references read, nothing else
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name) => {
    if (name[0] === "#") return String.fromCodePoint(name[1].toLowerCase() === "x" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10));
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

class Element extends Node {
  constructor(ownerDocument, tag) {
    super(ownerDocument);
    this.nodeType = 1;
    this.tagName = tag.toUpperCase();
    this.attributes = new Map();
    this.dataset = {};
    this.style = {};
    this.hidden = false;
    this.listeners = {};
    this.innerHTMLSet = null;
    const element = this;
    this.classList = {
      add(name) { const names = element.classNames(); if (!names.includes(name)) element.className = names.concat(name).join(" "); },
      remove(name) { element.className = element.classNames().filter((n) => n !== name).join(" "); },
      contains(name) { return element.classNames().includes(name); },
    };
  }
  classNames() { return (this.getAttribute("class") || "").split(/\s+/).filter(Boolean); }
  get className() { return this.getAttribute("class") || ""; }
  set className(value) { this.setAttribute("class", value); }
  get id() { return this.getAttribute("id") || ""; }
  set id(value) { this.setAttribute("id", value); }
  get content() { return this.getAttribute("content"); }
  set content(value) { this.setAttribute("content", value); }
  get children() { return this.childNodes.filter((n) => n.nodeType === 1); }
  get nextElementSibling() {
    const siblings = this.parentNode ? this.parentNode.children : [];
    return siblings[siblings.indexOf(this) + 1] || null;
  }
  get previousElementSibling() {
    const siblings = this.parentNode ? this.parentNode.children : [];
    return siblings[siblings.indexOf(this) - 1] || null;
  }
  getAttribute(name) { return this.attributes.has(name) ? this.attributes.get(name) : null; }
  setAttribute(name, value) { this.attributes.set(name, String(value)); }
  removeAttribute(name) { this.attributes.delete(name); }
  hasAttribute(name) { return this.attributes.has(name); }
  appendChild(node) { return this.insertBefore(node, null); }
  insertBefore(node, before) {
    node.remove();
    const at = before ? this.childNodes.indexOf(before) : -1;
    if (at < 0) this.childNodes.push(node); else this.childNodes.splice(at, 0, node);
    node.parentNode = this;
    return node;
  }
  get textContent() { return this.childNodes.map((n) => n.textContent).join(""); }
  set textContent(value) {
    this.childNodes.forEach((n) => { n.parentNode = null; });
    this.childNodes = [];
    if (value !== "" && value !== null && value !== undefined) this.appendChild(new Text(this.ownerDocument, value));
  }
  get value() { return this.tagName === "TEXTAREA" ? this.textContent : (this.getAttribute("value") ?? ""); }
  set value(v) { if (this.tagName === "TEXTAREA") this.textContent = v; else this.setAttribute("value", v); }
  set innerHTML(html) {  // only a <textarea> reads markup here (as text); elsewhere it is kept to be looked at
    this.innerHTMLSet = html;
    this.textContent = this.tagName === "TEXTAREA" ? decodeEntities(html) : "";
  }
  get innerHTML() { return this.innerHTMLSet ?? ""; }
  addEventListener(type, listener) { (this.listeners[type] = this.listeners[type] || []).push(listener); }
  removeEventListener(type, listener) {
    this.listeners[type] = (this.listeners[type] || []).filter((l) => l !== listener);
  }
  dispatch(type, event = {}) {
    (this.listeners[type] || []).slice().forEach((l) => l.call(this, event));
  }
  click() { this.dispatch("click", { preventDefault() {} }); }
  cloneNode(deep) {
    const copy = new Element(this.ownerDocument, this.tagName);
    this.attributes.forEach((v, k) => copy.setAttribute(k, v));
    if (deep) this.childNodes.forEach((n) => copy.appendChild(n.cloneNode(true)));
    return copy;
  }
  matches(selector) { return matchesList(this, parseSelector(selector), null); }
  closest(selector) {
    const list = parseSelector(selector);
    for (let el = this; el; el = el.parentElement) if (matchesList(el, list, null)) return el;
    return null;
  }
  querySelectorAll(selector) {
    const list = parseSelector(selector);
    return descendants(this).filter((el) => matchesList(el, list, this));
  }
  querySelector(selector) { return this.querySelectorAll(selector)[0] || null; }
  getBoundingClientRect() { return { left: 0, top: 0, right: 0, bottom: 0, width: 0, height: 0 }; }
}

function descendants(root) {
  const out = [];
  (function walk(node) {
    node.childNodes.forEach((child) => {
      if (child.nodeType === 1) { out.push(child); walk(child); }
    });
  })(root);
  return out;
}

// A selector list as [[{compound}, combinator, {compound}, …], …].
function parseSelector(selector) {
  return selector.split(",").map((part) => {
    const tokens = part.trim().replace(/\s*>\s*/g, " > ").split(/\s+/);
    return tokens.map((token) => (token === ">" ? ">" : parseCompound(token)));
  });
}

function parseCompound(token) {
  const compound = { tag: null, ids: [], classes: [], attrs: [], scope: false, not: [] };
  const pattern = /^(\*|[a-z][a-z0-9-]*)|#([\w-]+)|\.([\w-]+)|\[([\w:.-]+)(?:(\*?=)(?:"([^"]*)"|'([^']*)'|([^\]]*)))?\]|:scope|:not\(([^)]*)\)/gi;
  let rest = token, m;
  while (rest && (m = pattern.exec(rest)) && m.index === 0) {
    if (m[1]) compound.tag = m[1] === "*" ? null : m[1].toUpperCase();
    else if (m[2]) compound.ids.push(m[2]);
    else if (m[3]) compound.classes.push(m[3]);
    else if (m[4]) compound.attrs.push([m[4], m[5] || null, m[6] ?? m[7] ?? m[8] ?? null]);
    else if (m[0] === ":scope") compound.scope = true;
    else if (m[9] !== undefined) compound.not.push(parseSelector(m[9]));
    rest = rest.slice(m[0].length);
    pattern.lastIndex = 0;
  }
  if (rest) throw new Error("the fake DOM does not read this selector: " + token);
  return compound;
}

function matchesCompound(el, c, scope) {
  if (c.scope && el !== scope) return false;
  if (c.tag && el.tagName !== c.tag) return false;
  if (c.ids.some((id) => el.id !== id)) return false;
  if (c.classes.some((name) => !el.classNames().includes(name))) return false;
  if (c.attrs.some(([name, op, value]) => !el.hasAttribute(name)
    || (op === "=" && el.getAttribute(name) !== value) || (op === "*=" && !el.getAttribute(name).includes(value)))) return false;
  return !c.not.some((list) => matchesList(el, list, scope));
}

function matchesList(el, list, scope) {
  return list.some((parts) => matchesFrom(el, parts, parts.length - 1, scope));
}

function matchesFrom(el, parts, i, scope) {
  if (!matchesCompound(el, parts[i], scope)) return false;
  if (i === 0) return true;
  if (parts[i - 1] === ">") return Boolean(el.parentElement) && matchesFrom(el.parentElement, parts, i - 2, scope);
  for (let up = el.parentElement; up; up = up.parentElement) if (matchesFrom(up, parts, i - 1, scope)) return true;
  return false;
}

class Document extends Element {
  constructor() {
    super(null, "#document");
    this.nodeType = 9;
    this.ownerDocument = this;
    this.title = "";
    this.created = [];
    this.documentElement = this.appendChild(new Element(this, "html"));
    this.head = this.documentElement.appendChild(new Element(this, "head"));
    this.body = this.documentElement.appendChild(new Element(this, "body"));
    this.documentElement.clientWidth = 1024;
    this.copyHandled = null;  // what execCommand("copy") does: null, a copy event to the page's listeners
  }
  createElement(tag) {
    const el = new Element(this, tag);
    this.created.push(el);
    return el;
  }
  createTextNode(data) { return new Text(this, data); }
  getElementById(id) { return this.querySelector("#" + id); }
  execCommand(command) {
    if (command !== "copy" || this.copyBlocked) return false;
    const data = {};
    this.dispatch("copy", { clipboardData: { setData(type, value) { data[type] = value; } }, preventDefault() {} });
    this.copied = data;
    return true;
  }
}

// Builds elements from a nested description: h("p", {class: "sw-p", id: "p1"}, "text", h(...), …).
function h(document, tag, attrs, ...children) {
  const el = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, v));
  children.flat().forEach((child) => el.appendChild(typeof child === "string" ? document.createTextNode(child) : child));
  return el;
}

// A page at `url` running the named scripts (in order, "shared" first unless told otherwise).
// `build(document, h)` adds the page's elements before the scripts run; `window` adds globals.
// With `documentDollar`, Material's document$ stands in: its subscribers are kept in `page.subscribers`.
// `language`: the interface's words (the package's words.json), as the generated js/words.js gives them.
function page({ url = "http://127.0.0.1:8000/seeds/a/", scripts = [], build, window: extra = {}, documentDollar = false,
  language = "en" } = {}) {
  const document = new Document();
  const make = (tag, attrs, ...children) => h(document, tag, attrs, ...children);
  if (build) build(document, make);
  document.created = [];
  const timers = [];
  const subscribers = [];
  const context = {
    document,
    location: new URL(url),
    navigator: {},
    history: { replaceState() {} },
    URL,
    URLSearchParams,
    Promise,
    JSON,
    encodeURIComponent,
    decodeURIComponent,
    setTimeout(fn, ms) { timers.push({ fn, ms }); return timers.length; },
    clearTimeout() {},
    scrollX: 0,
    scrollY: 0,
    isSecureContext: true,
    console,
    Intl,
    seedwikiWords: { lang: language, dir: language === "ar" ? "rtl" : "ltr", words: WORDS[language] },
    ...extra,
  };
  if (documentDollar) context.document$ = { subscribe(fn) { subscribers.push(fn); fn(document); } };
  context.window = context;
  vm.createContext(context);
  for (const name of scripts) {
    const file = path.join(SCRIPTS, name + ".js");
    vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  }
  return {
    window: context,
    document,
    timers,
    subscribers,
    h: make,
    load() { document.dispatch("DOMContentLoaded", {}); },  // the page has loaded
    instantLoad() { subscribers.forEach((fn) => fn(document)); },  // Material's instant navigation
  };
}

// Plain data from the page's realm (its arrays and objects have the page's prototypes).
function plain(value) {
  return JSON.parse(JSON.stringify(value));
}

module.exports = { page, plain, Element, Document, SCRIPTS };
