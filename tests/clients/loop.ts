// The sync loop through openapi-fetch, typed by openapi-typescript from openapi.yaml (tests/test_generated_clients.py
// generates schema.d.ts beside this file, type-checks it with tsc --strict, and runs it with node).
// Prints one JSON line of what each step saw; any surprise throws, and node exits non-zero.
import createClient from "openapi-fetch";
import type { paths } from "./schema.js";

declare const process: { env: Record<string, string | undefined> }; // node's, without @types/node

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const base = env("BASE");
const timeout = () => AbortSignal.timeout(10_000);
const client = createClient<paths>({ baseUrl: base });

function must<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`no ${what}`);
  return value;
}

const bundle = must((await client.GET("/v1/bundles/{bundle_locale}", {
  params: { path: { bundle_locale: "es" } }, signal: timeout(),
})).data, "bundle");
const firstDelta = must((await client.GET("/v1/changes", {
  params: { query: { since: bundle.cursor, locale: "es" } }, signal: timeout(),
})).data, "first delta");

// The Infobutton's default answer: Atom, read as text; and the JSON a typed client asks for by Accept.
const query = { "mainSearchCriteria.v.c": "M62.838", "mainSearchCriteria.v.cs": "2.16.840.1.113883.6.90",
  "informationRecipient.languageCode.c": "es" };
const atom = await client.GET("/v1/infobutton", { params: { query }, parseAs: "text", signal: timeout() });
if (!String(atom.data).includes("<feed") || !atom.response.headers.get("Content-Type")?.startsWith("text/xml")) {
  throw new Error(`default answer is not Atom: ${atom.response.headers.get("Content-Type")}`);
}
const knowledge = must((await client.GET("/v1/infobutton", {
  params: { query }, headers: { Accept: "application/json" }, signal: timeout(),
})).data, "knowledge feed");
if (typeof knowledge === "string") throw new Error("Accept: application/json got Atom");

const first = await client.GET("/v1/topics/{topic_id}", {
  params: { path: { topic_id: "muscle-spasms" }, query: { locale: "es" } }, signal: timeout(),
});
const etag = must(first.response.headers.get("ETag") ?? undefined, "ETag");
const again = await client.GET("/v1/topics/{topic_id}", {
  params: { path: { topic_id: "muscle-spasms" }, query: { locale: "es" }, header: { "If-None-Match": etag } },
  signal: timeout(),
});

const writer = createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${env("TOKEN")}` } });
const catalog = await writer.GET("/v1/catalogs/{locale}", {
  params: { path: { locale: "es" } }, parseAs: "text", signal: timeout(),
});
const published = await writer.PUT("/v1/catalogs/{locale}", {
  params: { path: { locale: "es" }, header: { "If-Match": must(catalog.response.headers.get("ETag") ?? undefined, "catalog ETag") } },
  body: String(catalog.data).replace(env("OLD"), env("NEW")),
  bodySerializer: (body: string) => body,
  headers: { "Content-Type": "text/x-gettext-translation" },
  signal: AbortSignal.timeout(30_000),
});
const delta = must((await client.GET("/v1/changes", {
  params: { query: { since: bundle.cursor, locale: "es" } }, signal: timeout(),
})).data, "delta");
const changed = await client.GET("/v1/topics/{topic_id}", {
  params: { path: { topic_id: "muscle-spasms" }, query: { locale: "es" }, header: { "If-None-Match": etag } },
  signal: timeout(),
});

console.log(JSON.stringify({
  firstDelta: firstDelta.changes.length,
  infobutton: knowledge.feed.author.name._value,
  revalidated: again.response.status,
  published: published.data?.revision !== undefined && published.data.revision === delta.changes[0]?.catalog_revision,
  delta: delta.changes.map((change) => [change.topic, change.locale]),
  changed: changed.response.status,
  newText: JSON.stringify(changed.data).includes(env("NEW")),
}));
