// A small stand-in for the browser DOM, enough to unit-test the editor's wiring modules
// under Node: elements with attributes, classes, dataset and children; text; innerHTML
// through a tiny parser (well-formed markup only); the selectors the editor uses (tag,
// #id, .class, [attr], [attr="v"], :not(), :scope, descendant and child combinators);
// bubbling events; focus. Anything else throws, so a test never passes by accident on a
// feature the fake does not have.
//
//   const document = installDom();   // sets globalThis.document (shell.js's el() uses it)
//   click(button); keydown(root, { key: "s", ctrlKey: true });

const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "path", "circle"]);
const BOOLEAN_PROPS = ["hidden", "disabled", "open"];
const STRING_PROPS = { id: "id", className: "class", type: "type", title: "title", lang: "lang" };

const decode = (s) =>
  s.replace(/&(amp|lt|gt|quot|#39);/g, (_, e) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[e]);
const escape = (s) => s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);

export class FakeEvent {
  constructor(type, { bubbles = true, cancelable = true, ...props } = {}) {
    this.type = type;
    this.bubbles = bubbles;
    this.cancelable = cancelable;
    this.defaultPrevented = false;
    this.target = null;
    this.currentTarget = null;
    this.stopped = false;
    this.returnValue = undefined; // settable, as BeforeUnloadEvent's is
    Object.assign(this, props);
  }
  preventDefault() {
    if (this.cancelable) this.defaultPrevented = true;
  }
  stopPropagation() {
    this.stopped = true;
  }
}

class Target {
  constructor() {
    this.listeners = new Map();
  }
  addEventListener(type, fn) {
    if (!this.listeners.has(type)) this.listeners.set(type, []);
    this.listeners.get(type).push(fn);
  }
  removeEventListener(type, fn) {
    const list = this.listeners.get(type) || [];
    const i = list.indexOf(fn);
    if (i >= 0) list.splice(i, 1);
  }
  /** Listeners for `type` on this target (to check what was wired). */
  listenerCount(type) {
    return (this.listeners.get(type) || []).length;
  }
  dispatchEvent(event) {
    if (!event.target) event.target = this;
    const path = [this];
    if (event.bubbles) for (let n = this.parentNode; n; n = n.parentNode) path.push(n);
    for (const node of path) {
      event.currentTarget = node;
      for (const fn of [...(node.listeners.get(event.type) || [])]) fn.call(node, event);
      if (event.stopped) break;
    }
    return !event.defaultPrevented;
  }
}

export class FakeText {
  constructor(data) {
    this.nodeType = 3;
    this.data = String(data);
    this.parentNode = null;
  }
  get textContent() {
    return this.data;
  }
  remove() {
    this.parentNode?.removeChild(this);
  }
}

// --- selectors ------------------------------------------------------------------------------

function parseCompound(sel, start) {
  const c = { tag: null, id: null, classes: [], attrs: [], nots: [], scope: false };
  let i = start;
  while (i < sel.length && sel[i] !== " " && sel[i] !== ">" && sel[i] !== ")") {
    const rest = sel.slice(i);
    let m;
    if ((m = /^\*/.exec(rest))) {
      /* any element */
    } else if ((m = /^[a-zA-Z][\w-]*/.exec(rest))) c.tag = m[0].toLowerCase();
    else if ((m = /^#([\w-]+)/.exec(rest))) c.id = m[1];
    else if ((m = /^\.([\w-]+)/.exec(rest))) c.classes.push(m[1]);
    else if ((m = /^\[([\w-]+)(?:=(?:"([^"]*)"|([^\]]*)))?\]/.exec(rest))) c.attrs.push([m[1], m[2] ?? m[3] ?? null]);
    else if ((m = /^:scope/.exec(rest))) c.scope = true;
    else if ((m = /^:not\(([^)]*)\)/.exec(rest))) c.nots.push(parseCompound(m[1], 0)[0]);
    else throw new Error(`fake DOM: unsupported selector "${sel}"`);
    i += m[0].length;
  }
  return [c, i];
}

function parseComplex(sel) {
  const parts = [];
  let i = 0;
  const s = sel.trim();
  while (i < s.length) {
    let comb = null;
    if (s[i] === " " || s[i] === ">") {
      while (s[i] === " ") i += 1;
      comb = " ";
      if (s[i] === ">") {
        comb = ">";
        i += 1;
        while (s[i] === " ") i += 1;
      }
    }
    const [compound, next] = parseCompound(s, i);
    parts.push({ compound, comb: parts.length ? comb : null });
    i = next;
  }
  return parts;
}

const parseSelector = (sel) => sel.split(",").map(parseComplex);

function matchCompound(node, c, scope) {
  if (c.tag && node.localName !== c.tag) return false;
  if (c.id && node.getAttribute("id") !== c.id) return false;
  for (const cls of c.classes) if (!node.classList.contains(cls)) return false;
  for (const [name, value] of c.attrs) {
    if (!node.hasAttribute(name)) return false;
    if (value !== null && node.getAttribute(name) !== value) return false;
  }
  for (const not of c.nots) if (matchCompound(node, not, scope)) return false;
  if (c.scope && node !== scope) return false;
  return true;
}

function matchComplex(node, parts, k, scope) {
  if (!matchCompound(node, parts[k].compound, scope)) return false;
  if (k === 0) return true;
  if (parts[k].comb === ">") return node.parentElement ? matchComplex(node.parentElement, parts, k - 1, scope) : false;
  for (let a = node.parentElement; a; a = a.parentElement) if (matchComplex(a, parts, k - 1, scope)) return true;
  return false;
}

const matchesAny = (node, list, scope) => list.some((parts) => matchComplex(node, parts, parts.length - 1, scope));

// --- elements -------------------------------------------------------------------------------

export class FakeElement extends Target {
  constructor(ownerDocument, tagName, namespaceURI = "http://www.w3.org/1999/xhtml") {
    super();
    this.nodeType = 1;
    this.ownerDocument = ownerDocument;
    this.localName = tagName.toLowerCase();
    this.tagName = tagName.toUpperCase();
    this.namespaceURI = namespaceURI;
    this.attributes = new Map();
    this.childNodes = [];
    this.parentNode = null;
    this.scrollTop = 0;
    this.scrollHeight = 0;
    this.clientHeight = 0;
    this.rectTop = 0; // what getBoundingClientRect().top answers
    this.scrolledIntoView = []; // the options of each scrollIntoView call
    const element = this;
    this.dataset = new Proxy(
      {},
      {
        get: (_, prop) => (typeof prop === "string" ? element.getAttribute(dataName(prop)) ?? undefined : undefined),
        set: (_, prop, value) => {
          element.setAttribute(dataName(prop), value);
          return true;
        },
        has: (_, prop) => element.hasAttribute(dataName(prop)),
      },
    );
    this.classList = {
      contains: (c) => this.classes().includes(c),
      add: (...cs) => this.setClasses([...new Set([...this.classes(), ...cs])]),
      remove: (...cs) => this.setClasses(this.classes().filter((c) => !cs.includes(c))),
      toggle: (c, force) => {
        const on = force === undefined ? !this.classList.contains(c) : Boolean(force);
        if (on) this.classList.add(c);
        else this.classList.remove(c);
        return on;
      },
    };
    if (this.localName === "dialog") {
      this.showModal = () => this.setAttribute("open", "");
      this.close = () => {
        this.removeAttribute("open");
        this.dispatchEvent(new FakeEvent("close", { bubbles: false }));
      };
    }
  }

  classes() {
    return (this.getAttribute("class") || "").split(/\s+/).filter(Boolean);
  }
  setClasses(list) {
    this.setAttribute("class", list.join(" "));
  }

  getAttribute(name) {
    return this.attributes.has(name) ? this.attributes.get(name) : null;
  }
  setAttribute(name, value) {
    this.attributes.set(name, String(value));
  }
  removeAttribute(name) {
    this.attributes.delete(name);
  }
  hasAttribute(name) {
    return this.attributes.has(name);
  }

  get tabIndex() {
    const value = this.getAttribute("tabindex");
    if (value !== null) return Number(value);
    return ["button", "a", "input", "select", "textarea"].includes(this.localName) ? 0 : -1;
  }
  set tabIndex(value) {
    this.setAttribute("tabindex", value);
  }

  get parentElement() {
    return this.parentNode instanceof FakeElement ? this.parentNode : null;
  }
  get children() {
    return this.childNodes.filter((n) => n instanceof FakeElement);
  }
  get firstElementChild() {
    return this.children[0] || null;
  }

  append(...nodes) {
    for (const node of nodes) {
      const child = typeof node === "string" ? new FakeText(node) : node;
      child.parentNode?.removeChild(child);
      child.parentNode = this;
      this.childNodes.push(child);
    }
  }
  removeChild(child) {
    const i = this.childNodes.indexOf(child);
    if (i >= 0) this.childNodes.splice(i, 1);
    child.parentNode = null;
    return child;
  }
  replaceChildren(...nodes) {
    for (const child of [...this.childNodes]) this.removeChild(child);
    this.append(...nodes);
  }
  remove() {
    this.parentNode?.removeChild(this);
  }

  get textContent() {
    return this.childNodes.map((n) => n.textContent).join("");
  }
  set textContent(value) {
    this.replaceChildren(...(value === "" || value === null || value === undefined ? [] : [String(value)]));
  }
  get innerHTML() {
    return this.childNodes.map(serialize).join("");
  }
  set innerHTML(html) {
    this.replaceChildren(...parseHTML(this.ownerDocument, String(html)));
  }
  get outerHTML() {
    return serialize(this);
  }

  matches(selector) {
    return matchesAny(this, parseSelector(selector), this);
  }
  closest(selector) {
    const list = parseSelector(selector);
    for (let n = this; n; n = n.parentElement) if (matchesAny(n, list, n)) return n;
    return null;
  }
  querySelectorAll(selector) {
    const list = parseSelector(selector);
    const found = [];
    const walk = (node) => {
      for (const child of node.children) {
        if (matchesAny(child, list, this)) found.push(child);
        walk(child);
      }
    };
    walk(this);
    return found;
  }
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }

  focus() {
    this.ownerDocument.activeElement = this;
  }
  scrollIntoView(options) {
    this.scrolledIntoView.push(options);
  }
  getBoundingClientRect() {
    return { top: this.rectTop, left: 0, right: 0, bottom: this.rectTop, width: 0, height: 0 };
  }
}

for (const name of BOOLEAN_PROPS) {
  Object.defineProperty(FakeElement.prototype, name, {
    get() {
      return this.hasAttribute(name);
    },
    set(value) {
      if (value) this.setAttribute(name, "");
      else this.removeAttribute(name);
    },
  });
}
for (const [prop, attr] of Object.entries(STRING_PROPS)) {
  Object.defineProperty(FakeElement.prototype, prop, {
    get() {
      return this.getAttribute(attr) ?? "";
    },
    set(value) {
      this.setAttribute(attr, value);
    },
  });
}

function dataName(prop) {
  return `data-${String(prop).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function serialize(node) {
  if (node instanceof FakeText) return escape(node.data);
  const attrs = [...node.attributes].map(([k, v]) => ` ${k}="${escape(v)}"`).join("");
  if (VOID.has(node.localName) && !node.childNodes.length) return `<${node.localName}${attrs}/>`;
  return `<${node.localName}${attrs}>${node.childNodes.map(serialize).join("")}</${node.localName}>`;
}

function parseHTML(doc, html) {
  const top = doc.createElement("template");
  const stack = [top];
  const re = /<!--[\s\S]*?-->|<\/([\w-]+)\s*>|<([\w-]+)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
  let m;
  while ((m = re.exec(html))) {
    const parent = stack[stack.length - 1];
    if (m[1]) {
      const name = m[1].toLowerCase();
      const at = stack.map((n) => n.localName).lastIndexOf(name);
      if (at > 0) stack.length = at;
    } else if (m[2]) {
      const node = doc.createElement(m[2]);
      for (const a of m[3].matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) node.setAttribute(a[1], decode(a[2] ?? ""));
      parent.append(node);
      if (!m[4] && !VOID.has(node.localName)) stack.push(node);
    } else if (m[5]) {
      parent.append(decode(m[5]));
    }
  }
  return [...top.childNodes];
}

// --- document -------------------------------------------------------------------------------

export class FakeDocument extends Target {
  constructor() {
    super();
    this.documentElement = new FakeElement(this, "html");
    this.body = new FakeElement(this, "body");
    this.documentElement.append(this.body);
    this.documentElement.parentNode = this;
    this.activeElement = this.body;
    this.cookie = "";
    this.visibilityState = "visible";
    this.readyState = "complete";
  }
  createElement(tag) {
    return new FakeElement(this, tag);
  }
  createElementNS(ns, tag) {
    return new FakeElement(this, tag, ns);
  }
  createTextNode(data) {
    return new FakeText(data);
  }
  getElementById(id) {
    return this.documentElement.querySelectorAll("[id]").find((n) => n.getAttribute("id") === id) || null;
  }
  querySelectorAll(selector) {
    return this.documentElement.matches(selector)
      ? [this.documentElement, ...this.documentElement.querySelectorAll(selector)]
      : this.documentElement.querySelectorAll(selector);
  }
  querySelector(selector) {
    return this.querySelectorAll(selector)[0] || null;
  }
}

/** A window stand-in: an event target (online, pagehide, beforeunload …). */
export class FakeWindow extends Target {
  constructor() {
    super();
    this.parentNode = null;
  }
}

/** A fresh document, installed as globalThis.document (shell.js and comments.js use it). */
export function installDom() {
  const doc = new FakeDocument();
  globalThis.document = doc;
  return doc;
}

export const click = (node) => node.dispatchEvent(new FakeEvent("click"));
export const keydown = (node, props) => {
  const event = new FakeEvent("keydown", { isComposing: false, altKey: false, ctrlKey: false, metaKey: false, shiftKey: false, ...props });
  node.dispatchEvent(event);
  return event;
};
export const fire = (target, type, props = {}) => {
  const event = new FakeEvent(type, props);
  target.dispatchEvent(event);
  return event;
};
