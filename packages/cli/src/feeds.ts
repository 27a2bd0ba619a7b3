/**
 * Alerts without a server: Atom feeds (RFC 4287) of a catalogue's newest reports, written by
 * `reportshelf build` beside the catalogue. A visitor's feed reader (or an e-mail service that
 * reads feeds) polls the file; nothing runs on the partner's server. `feed.xml` holds the newest
 * reports of the whole library; `feeds/FACET/SLUG.xml` those of one facet value (a country, a
 * category), written on request.
 */
import {
  FACETS,
  FEED_PATH,
  facetFeedPath,
  slugify,
  type Catalogue,
  type FacetName,
  type Report,
} from '@reportshelf/core';

/** Entries per feed: what a reader shows as new, not the whole library. */
export const FEED_ENTRIES = 50;

/** What marks a feed as this tool's, so that a rebuild replaces it and never a partner's own file. */
export const GENERATOR = 'Reportshelf';

export interface FeedOptions {
  /** The page the library is on (absolute): entries link to `PAGE?report=ID`, and the feed's ids are made from it. */
  site?: string;
  /** Where the feed itself will be (absolute), for its `self` link. */
  self?: string;
  /** The feed's title; else the catalogue's, else "New reports". */
  title?: string;
  /** When the feed was written (its `updated` when no report says): now, unless a test says otherwise. */
  now?: Date;
  /** The feed's path beside the catalogue (`feed.xml`), which its id is made from when it has no `self`. */
  path?: string;
}

/** What XML 1.0 forbids in a document: control characters, U+FFFE and U+FFFF, and a surrogate without its pair (UTF-8 would write U+FFFD). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text as XML character data: the characters that could end it escaped, and what XML forbids removed. */
const xml = (text: string) =>
  text.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The day a report counts as new from: when it was added, else published, else 1 January of its year. */
const dayOf = (report: Report): string | undefined =>
  report.added ?? (report.date ? report.date.padEnd(10, '-01') : report.year ? `${report.year}-01-01` : undefined);

/** The newest reports first: by the day they count from, undated last, then as the catalogue lists them. */
export function newest(reports: readonly Report[], count = FEED_ENTRIES): Report[] {
  return reports
    .map((report, i) => ({ report, i, day: dayOf(report) ?? '' }))
    .sort((a, b) => (a.day === b.day ? a.i - b.i : a.day < b.day ? 1 : -1))
    .slice(0, count)
    .map(({ report }) => report);
}

/** An absolute http(s) address, or undefined: a feed reader has no page to resolve a relative one against. */
function absolute(url: string | undefined, base?: string): string | undefined {
  if (!url) return undefined;
  try {
    const resolved = new URL(url, base);
    return /^https?:$/.test(resolved.protocol) ? resolved.href : undefined;
  } catch {
    return undefined;
  }
}

/** The address of a report's view on the partner's page. */
const viewOf = (site: string, id: string) => {
  const url = new URL(site);
  url.searchParams.set('report', id);
  return url.href;
};

/**
 * An Atom feed of the newest reports (at most FEED_ENTRIES). Each entry: the report's title, its
 * abstract as the summary, its authors (else its organisations), when it was added (else
 * published) as `updated`, the document as an `alternate` link and, with `site`, the report's view
 * on the page as another; an entry with neither carries its abstract as `content`, as RFC 4287 asks.
 */
export function atomFeed(catalogue: Catalogue, reports: readonly Report[], options: FeedOptions = {}): string {
  const now = (options.now ?? new Date()).toISOString().replace(/\.\d+Z$/, 'Z');
  const entries = newest(reports);
  const title = options.title ?? catalogue.title ?? 'New reports';
  const site = absolute(options.site);
  const slug = slugify(catalogue.title ?? 'reports');
  const path = options.path ?? FEED_PATH;
  // Ids never change for the same report: from the page when one is given, else a URN of the catalogue's title and the id.
  const idOf = (report: Report) =>
    site ? viewOf(site, report.id) : `urn:reportshelf:${encodeURIComponent(slug)}:${encodeURIComponent(report.id)}`;
  const updated = entries.map(dayOf).find(Boolean);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${catalogue.language ? ` xml:lang="${xml(catalogue.language)}"` : ''}>`,
    `  <title>${xml(title)}</title>`,
    `  <id>${xml(options.self ?? (site ? `${site}#${path}` : `urn:reportshelf:${encodeURIComponent(slug)}:${path}`))}</id>`,
    `  <updated>${updated ? `${updated}T00:00:00Z` : now}</updated>`,
    `  <author><name>${xml(catalogue.title ?? title)}</name></author>`,
    `  <generator>${GENERATOR}</generator>`,
  ];
  if (options.self) lines.push(`  <link rel="self" type="application/atom+xml" href="${xml(options.self)}"/>`);
  if (site) lines.push(`  <link rel="alternate" type="text/html" href="${xml(site)}"/>`);
  for (const report of entries) {
    const document = absolute(report.url, site);
    const view = site ? viewOf(site, report.id) : undefined;
    const day = dayOf(report);
    lines.push('  <entry>', `    <title>${xml(report.title)}</title>`, `    <id>${xml(idOf(report))}</id>`);
    lines.push(`    <updated>${day ? `${day}T00:00:00Z` : now}</updated>`);
    if (report.date) lines.push(`    <published>${report.date.padEnd(10, '-01')}T00:00:00Z</published>`);
    for (const name of report.authors.length ? report.authors : report.organizations)
      lines.push(`    <author><name>${xml(name)}</name></author>`);
    if (view) lines.push(`    <link rel="alternate" type="text/html" href="${xml(view)}"/>`);
    if (document) lines.push(`    <link rel="${view ? 'related' : 'alternate'}" href="${xml(document)}"/>`);
    for (const category of report.categories) lines.push(`    <category term="${xml(category)}"/>`);
    const text = report.summary ?? report.title;
    lines.push(
      `    <${view || document ? 'summary' : 'content'} type="text">${xml(text)}</${view || document ? 'summary' : 'content'}>`,
    );
    lines.push('  </entry>');
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/**
 * Every feed of a catalogue, path → text: `feed.xml`, and for each facet asked for, one per value
 * its reports hold (values whose slugs collide share a feed, as they would share a name).
 */
export function catalogueFeeds(
  catalogue: Catalogue,
  facets: readonly FacetName[] = [],
  options: FeedOptions = {},
): Map<string, string> {
  const base = options.self;
  const at = (path: string) => (base ? new URL(path, base).href : undefined);
  const feeds = new Map([[FEED_PATH, atomFeed(catalogue, catalogue.reports, options)]]);
  for (const facet of facets) {
    const field = FACETS[facet];
    const byPath = new Map<string, { value: string; reports: Report[] }>();
    for (const report of catalogue.reports) {
      const values = field === 'language' ? (report.language ? [report.language] : []) : report[field];
      for (const value of values) {
        const path = facetFeedPath(facet, value);
        const entry = byPath.get(path) ?? { value, reports: [] };
        entry.reports.push(report);
        byPath.set(path, entry);
      }
    }
    for (const [path, { value, reports }] of byPath) {
      const self = at(path);
      feeds.set(
        path,
        atomFeed(catalogue, reports, {
          ...options,
          title: `${options.title ?? catalogue.title ?? 'New reports'}: ${value}`,
          path,
          ...(self ? { self } : {}),
        }),
      );
    }
  }
  return feeds;
}
