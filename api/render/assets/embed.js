/* <patient-content>: a patient-education section from the Patient content API, rendered in shadow DOM.
 * <script src="https://HOST/v1/embed.js?v=…" defer></script>
 * <patient-content topic="muscle-spasms" section="concerning-signs" locale="es"></patient-content>
 * Attributes: topic (required), section (omit for the whole topic), locale (default: the browser's
 * languages), version (pin one), rev (pin its exact text: the rev of the section's Content-Location),
 * heading-level (2), api (default: where this script came from).
 * Style it with --patient-content-* custom properties or ::part(). No dependencies; text only, never HTML. */
(() => {
  "use strict";
  const MESSAGES = /*@MESSAGES@*/ {};
  const SCRIPT_ORIGIN = document.currentScript ? new URL(document.currentScript.src).origin : location.origin;
  const CSS = `
:host { display: block; font: var(--patient-content-font, inherit); color: var(--patient-content-color, inherit);
  background: var(--patient-content-background, transparent); }
:host([hidden]) { display: none; }
.pc { line-height: var(--patient-content-line-height, 1.5); }
.pc h1, .pc h2, .pc h3, .pc h4, .pc h5, .pc h6 { color: var(--patient-content-heading-color, inherit);
  margin-block: var(--patient-content-heading-margin, 0.75em 0.4em); line-height: 1.25; }
.pc [part~=title] { font-size: var(--patient-content-title-size, 1.5em); }
.pc [part~=heading] { font-size: var(--patient-content-heading-size, 1.25em); }
.pc [part~=label] { font-size: var(--patient-content-label-size, 1.0625em); }
.pc :lang(ko) { word-break: keep-all; overflow-wrap: break-word; }
.pc :lang(zh), .pc :lang(ja) { line-break: strict; }
bdi { unicode-bidi: isolate; }
.pc ul { padding-inline-start: 1.4em; margin-block: 0.4em 0.8em; }
.pc li { margin-block: 0.25em; }
.pc a { color: var(--patient-content-link-color, LinkText); }
.notice, .attribution, .error { font-size: 0.9375em; }
.attribution { color: var(--patient-content-muted-color, inherit); margin-block-start: 1em; }
.notice { color: var(--patient-content-notice-color, inherit); margin-block: 0.5em 0.8em;
  border-inline-start: 3px solid var(--patient-content-accent-color, currentColor); padding-inline-start: 0.6em; }
.error { color: var(--patient-content-error-color, inherit); }`;

  function sheet() {
    if (!("adoptedStyleSheets" in Document.prototype)) return null;
    const styles = new CSSStyleSheet();
    styles.replaceSync(CSS);
    return styles;
  }
  const STYLES = sheet();

  // A left-to-right run (Latin words, numbers, codes, URLs) inside right-to-left text: isolated in a <bdi>.
  const LTR_RUN = /[A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.,:;/?&=_%#@+~'’-]*(?: [A-Za-z0-9\u00c0-\u024f][A-Za-z0-9\u00c0-\u024f.,:;/?&=_%#@+~'’-]*)*/g;

  function runs(text, direction) { // the text, with its left-to-right runs as <bdi> when the text is right to left
    if (direction !== "rtl" || !text) return [text];
    const parts = [];
    let start = 0;
    for (const found of text.matchAll(LTR_RUN)) {
      const run = found[0].replace(/[.,:;?!]+$/, "");
      if (!run) continue;
      parts.push(text.slice(start, found.index), el("bdi", {}, run));
      start = found.index + run.length;
    }
    parts.push(text.slice(start));
    return parts.filter((part) => part !== "");
  }

  function el(name, attributes, ...children) {
    const node = document.createElement(name);
    for (const [key, value] of Object.entries(attributes || {})) if (value != null) node.setAttribute(key, value);
    for (const child of children) if (child != null) node.append(child); // strings become text nodes
    return node;
  }

  function messagesFor(tag) {
    const wanted = (tag || "").toLowerCase();
    const keys = Object.keys(MESSAGES);
    const exact = keys.find((key) => key.toLowerCase() === wanted);
    if (exact) return MESSAGES[exact];
    const [language, ...rest] = wanted.split("-");
    if (language === "zh") {
      const traditional = rest.some((part) => ["hant", "tw", "hk", "mo"].includes(part));
      return MESSAGES[traditional ? "zh-Hant" : "zh-Hans"] || MESSAGES.en;
    }
    const sameLanguage = keys.find((key) => key.toLowerCase().split("-")[0] === language);
    return MESSAGES[sameLanguage] || MESSAGES.en;
  }

  function shown(messages, key) { // a message and the locale whose words it is (a locale lacking it borrows its chain's)
    const tag = (messages.lang && messages.lang[key]) || messages.locale;
    const words = MESSAGES[tag] || messages;
    return { text: messages[key], lang: words.locale, dir: words.direction };
  }

  function languageName(tag, inLanguage) {
    try {
      return new Intl.DisplayNames([inLanguage], { type: "language" }).of(tag) || tag;
    } catch {
      return tag;
    }
  }

  function separator(term, locale) { // a pause between a term and its text, for the eye and for screen readers
    if (/[.:?!。：？！]\s*$/.test(term)) return " ";
    return { zh: "：", fr: "\u202f: " }[locale.split("-")[0]] || ": ";
  }

  function itemNode(item, locale, dir) {
    const term = item.term ? el("strong", { part: "term" }, ...runs(item.term, dir)) : null;
    return el("li", { part: "item" }, term, term && item.text ? separator(item.term, locale) : null,
      ...(item.text ? runs(item.text, dir) : []));
  }

  function blockNode(block, level, locale, dir) {
    if (block.type === "paragraph") return el("p", { part: "paragraph" }, ...runs(block.text, dir));
    if (block.type === "list") {
      const label = block.label ? el(`h${Math.min(level + 1, 6)}`, { part: "label" }, ...runs(block.label, dir)) : null;
      const fragment = document.createDocumentFragment();
      fragment.append(...[label, el("ul", { part: "list" }, ...block.items.map((item) => itemNode(item, locale, dir)))].filter(Boolean));
      return fragment;
    }
    const links = block.links.map((link) => {
      const safe = /^https?:\/\//i.test(link.url) ? link.url : null; // never javascript: or data:
      const anchor = el("a", { href: safe, rel: "noopener noreferrer", target: "_blank", part: "link" }, ...runs(link.label, dir));
      return el("li", { part: "item" }, anchor, " — ", ...runs(link.purpose, dir));
    });
    return el("ul", { part: "list" }, ...links);
  }

  function reviewNotice(served) { // says how the translation was made, when its review record does
    const key = { "ai-assisted": "unreviewed_ai", human: "unreviewed_human" }[served.review.method] || "unreviewed";
    const notice = shown(messagesFor(served.locale), key);
    return el("p", { class: "notice", part: "notice review", lang: notice.lang, dir: notice.dir }, notice.text);
  }

  function sectionNode(section, level, requested, reviewNoted) { // heading, then its notices, then its blocks
    const node = el("section", { lang: section.locale, dir: section.direction, part: "section",
      "data-locale": section.locale, "data-review": section.review.status });
    node.append(el(`h${level}`, { part: "heading" }, ...runs(section.heading, section.direction)));
    if (section.fallback) {
      const wanted = (section.wanted && section.wanted.locale) || section.fallback.from;
      const notice = shown(messagesFor(wanted === "en" ? requested : wanted), "fallback");
      const text = notice.text.replace("{language}", languageName(section.locale, notice.lang));
      node.setAttribute("data-fallback-reason", section.fallback.reason);
      node.append(el("p", { class: "notice", part: "notice", lang: notice.lang, dir: notice.dir }, text));
    }
    if (section.review.status === "unreviewed" && section.locale !== reviewNoted) node.append(reviewNotice(section));
    for (const block of section.blocks) node.append(blockNode(block, level, section.locale, section.direction));
    return node;
  }

  function topicNodes(topic, level, requested) { // its title, one review notice for its locale, its sections
    const head = el("div", { class: "head", part: "head", lang: topic.locale, dir: topic.direction },
      el(`h${level}`, { part: "title" }, ...runs(topic.title, topic.direction))); // a div: a <header> would become the portal's banner
    if (topic.review.status === "unreviewed") head.append(reviewNotice(topic));
    return [head, ...topic.sections.map((section) => sectionNode(section, level + 1, requested, topic.locale))];
  }

  function attributionNode(attribution) {
    const source = /^https?:\/\//i.test(attribution.source_url) ? attribution.source_url : null;
    const link = el("a", { href: source, rel: "noopener noreferrer", target: "_blank" }, attribution.source_site);
    const line = [attribution.author, attribution.publisher].join(" · ");
    return el("p", { class: "attribution", part: "attribution", lang: "en", dir: "ltr" }, line, " · ", link); // not a <footer>: no contentinfo landmark
  }

  class PatientContent extends HTMLElement {
    static observedAttributes = ["topic", "section", "locale", "version", "rev", "api", "heading-level"];

    constructor() {
      super();
      this.attachShadow({ mode: "open" });
      if (STYLES) this.shadowRoot.adoptedStyleSheets = [STYLES];
      else this.shadowRoot.append(el("style", {}, CSS));
      this.container = el("div", { class: "pc", part: "container" });
      this.shadowRoot.append(this.container);
    }

    connectedCallback() { this.schedule(); }

    attributeChangedCallback(name, before, after) { if (before !== after && this.isConnected) this.schedule(); }

    schedule() { // one fetch for any number of attribute changes in one task (an upgrade sets them all)
      if (this.scheduled) return;
      this.scheduled = true;
      queueMicrotask(() => { this.scheduled = false; if (this.isConnected) this.load(); });
    }

    url() {
      const topic = encodeURIComponent(this.getAttribute("topic") || "");
      const section = this.getAttribute("section");
      const path = section ? `/v1/topics/${topic}/sections/${encodeURIComponent(section)}` : `/v1/topics/${topic}`;
      const url = new URL(path, this.getAttribute("api") || SCRIPT_ORIGIN);
      for (const name of ["locale", "version", "rev"]) if (this.hasAttribute(name)) url.searchParams.set(name, this.getAttribute(name));
      return url;
    }

    async load() {
      const request = (this.request = Symbol("request")); // a newer load wins over a slower, older one
      const level = Math.min(Math.max(parseInt(this.getAttribute("heading-level"), 10) || 2, 1), 5);
      const languages = navigator.languages && navigator.languages.length ? navigator.languages : [navigator.language];
      const requested = this.getAttribute("locale") || languages[0] || "en";
      this.setAttribute("aria-busy", "true");
      try {
        const headers = { "Accept-Language": languages.map((tag, i) => `${tag};q=${Math.max(1 - i / 10, 0.1).toFixed(1)}`).join(", ") };
        const response = await fetch(this.url(), { headers, credentials: "omit" });
        if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
        const body = await response.json();
        if (request !== this.request) return;
        this.container.replaceChildren(...(body.sections ? topicNodes(body, level, requested)
          : [sectionNode(body, level, requested, null)]), attributionNode(body.attribution));
        this.setAttribute("data-state", "ready");
      } catch (error) {
        if (request !== this.request) return;
        const message = shown(messagesFor(requested), "error");
        this.container.replaceChildren(el("p", { class: "error", part: "error", role: "alert", lang: message.lang,
          dir: message.dir }, message.text));
        this.setAttribute("data-state", "error");
        console.warn("patient-content: could not load", String(this.url()), error);
      } finally {
        if (request === this.request) this.removeAttribute("aria-busy");
      }
    }
  }

  if (!customElements.get("patient-content")) customElements.define("patient-content", PatientContent);
})();
