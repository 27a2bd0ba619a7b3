import { html, nothing, type PropertyValues, type PropertyDeclarations } from 'lit';
import { foldText, safeUrl, type Report } from '@reportshelf/core';
import { LocalizedElement } from '../shared/base.js';
import { loaders } from '../shared/loaders.js';
import { emit } from '../shared/events.js';
import { highlight } from '../shared/highlight.js';
import { directionOf } from '../shared/i18n.js';
import { tokens } from '../shared/tokens.styles.js';
import { styles } from './report-card.styles.js';

/**
 * One observer for every card: all summaries are measured together after layout, then all cards
 * updated, so that ten cards cost one layout rather than one each. Made on first use.
 */
/**
 * Values in a list, each isolated from the others and from the text around it: a right-to-left
 * override in one name (U+202E) reorders that name alone.
 */
const isolate = (values: string[], terms?: string[]) =>
  values.map((value, i) => html`${i ? ', ' : ''}<bdi>${terms ? highlight(value, terms) : value}</bdi>`);

let clampObserver: ResizeObserver | undefined;
const onClamp = new WeakMap<Element, (overflowing: boolean) => void>();
const clamps = () =>
  (clampObserver ??= new ResizeObserver((entries) => {
    const measured = entries.map(({ target }) => [target, target.scrollHeight > target.clientHeight + 1] as const);
    for (const [summary, overflowing] of measured) onClamp.get(summary)?.(overflowing);
  }));

/**
 * One report: its title (a link to the document when it has one), year, places, categories,
 * people and organisations, and its summary clamped to a few lines with Show more.
 *
 * @tagname shelf-report-card
 * @summary A single report, usable on its own with a `report` property.
 *
 * @fires shelf-report-open - The title link was followed; `detail.report` and `detail.url`. Cancel it to handle the opening yourself.
 * @fires shelf-cite - The visitor copies the report's reference (`format` `apa`) or link (`link`), or downloads it (`ris`, `bibtex`); `detail.reports`. Cancel it to do it your own way.
 *
 * @csspart card - The card's frame (an `article`).
 * @csspart cover - The report's cover (its `image`), when it has one: lazy, its box sized before it loads.
 * @csspart title - The heading.
 * @csspart link - The title link.
 * @csspart meta - The line of year, countries, regions and categories.
 * @csspart authors - The authors line.
 * @csspart organizations - The organisations line.
 * @csspart summary - The summary text.
 * @csspart toggle - The Show more / Show less button.
 * @csspart cite-toggle - The Cite button, which opens the citation.
 * @csspart view-toggle - The Details button (before Cite), which opens the report's own view (a dialog, `part="view"`; in a library with `sync-url`, at its own address, `report=ID`).
 * @csspart cite - The citation panel: the APA 7 reference, Copy, RIS and BibTeX downloads, and with sync-url a link to the report.
 * @csspart highlight - Each search term marked in the text.
 *
 * @cssprop --shelf-card-padding - Space inside the card. Default: `var(--shelf-space)`.
 * @cssprop --shelf-card-background - Card background. Default: `var(--shelf-color-surface)`.
 * @cssprop --shelf-card-border-color - Card border. Default: `var(--shelf-color-border-subtle)`.
 * @cssprop --shelf-card-title-size - Title font size. Default: `1.15em`.
 * @cssprop --shelf-summary-lines - Lines of summary shown before Show more. Default: `4`.
 * @cssprop --shelf-cover-width - Width of a cover (3:4, cropped to fit). Default: `5.5rem`.
 * @cssprop --shelf-color-highlight - Background of marked search terms.
 */
export class ShelfReportCard extends LocalizedElement {
  static override styles = [tokens, styles];

  static override properties: PropertyDeclarations = {
    report: { attribute: false },
    highlight: { converter: { fromAttribute: (v: string | null) => (v ?? '').split(/\s+/).filter(Boolean) } },
    headingLevel: { type: Number, attribute: 'heading-level' },
    expanded: { state: true },
    overflowing: { state: true },
    citing: { state: true },
  };

  /** The report to show. */
  report: Report | null = null;

  /** Words to mark in the text, accent-insensitively. As an attribute: space-separated words. */
  highlight: string[] = [];

  /** Level of the title heading, 1 to 6. */
  headingLevel = 3;

  private expanded = false;
  private overflowing = false;
  private get summaryEl(): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>('#summary');
  }
  override disconnectedCallback(): void {
    super.disconnectedCallback();
    const summary = this.summaryEl;
    if (summary) clampObserver?.unobserve(summary);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('report')) this.expanded = this.citing = false;
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Whether the summary overflows its clamp depends on the card's width and the text: measured
    // after layout, with every card's in one batch. A new report is observed afresh (observing
    // reports once at the start) even where its summary has the same size as the last one.
    const summary = this.summaryEl;
    if (!summary || !changed.has('report')) return;
    onClamp.set(summary, (overflowing) => {
      if (!this.expanded) this.overflowing = overflowing;
    });
    clamps().unobserve(summary);
    clamps().observe(summary);
  }

  private citing = false;

  /**
   * Opens or closes the citation; its panel is loaded the first time (see cite/panels.ts). If it
   * cannot be (a file missing beside the lite drop-in), it says so, and the browser's error names the file.
   */
  private cite = (): unknown =>
    (this.citing = !this.citing) &&
    loaders.loadPanels().then(
      (panels) => panels.showCite(this.renderRoot.querySelector('#cite')!, this.report!, this.l10n.messages.panels),
      () => this.renderRoot.querySelector('#cite')!.replaceChildren(this.l10n.messages.panelFailed),
    );

  /** Opens the report's own view (see cite/view.ts), loaded with the panels. */
  private view = (from: HTMLElement, url?: string): unknown =>
    loaders.loadPanels().then(
      (panels) => panels.showReport(from, this.report!, this.l10n.messages, url),
      () => (
        (this.citing = true),
        this.renderRoot.querySelector('#cite')!.replaceChildren(this.l10n.messages.panelFailed)
      ),
    );

  private onOpen(event: MouseEvent, url: string): void {
    if (!this.report) return;
    const proceed = emit(this, 'shelf-report-open', { report: this.report, url }, true);
    if (!proceed) event.preventDefault();
  }

  private terms(): string[] {
    return this.highlight.map(foldText);
  }

  protected override render() {
    const report = this.report;
    if (!report) return nothing;
    const t = this.l10n.messages;
    const terms = this.terms();
    const url = report.url === undefined ? undefined : safeUrl(report.url);
    const level = Math.min(6, Math.max(1, Math.trunc(this.headingLevel) || 3));
    const title = highlight(report.title, terms);
    const meta: [string, unknown][] = [];
    if (report.year !== undefined) meta.push([t.year, this.l10n.year(report.year)]);
    if (report.countries.length) meta.push([t.countries, isolate(report.countries)]);
    // "Worldwide" as both country and region says it once.
    if (report.regions.length && report.regions.join() !== report.countries.join())
      meta.push([t.regions, isolate(report.regions)]);
    if (report.categories.length) meta.push([t.categories, isolate(report.categories)]);
    const clamp = !this.expanded;
    const cover = report.image && safeUrl(report.image);
    const body = html`
        <div class="title" part="title" role="heading" aria-level=${level}>
          ${
            url
              ? html`<a part="link" href=${url} @click=${(e: MouseEvent) => this.onOpen(e, url)} @auxclick=${(e: MouseEvent) => e.button === 1 && this.onOpen(e, url)}>${title}</a>`
              : title
          }
        </div>
        ${
          meta.length
            ? html`<ul class="meta" part="meta">
              ${meta.map(([label, value]) => html`<li><span class="visually-hidden" lang=${this.l10n.lang}>${label}: </span>${value}</li>`)}
            </ul>`
            : nothing
        }
        ${
          report.authors.length
            ? html`<p class="people" part="authors"><span lang=${this.l10n.lang}>${t.authors}:</span> ${isolate(report.authors, terms)}</p>`
            : nothing
        }
        ${
          report.organizations.length
            ? html`<p class="people" part="organizations"><span lang=${this.l10n.lang}>${t.organizations}:</span> ${isolate(report.organizations, terms)}</p>`
            : nothing
        }
        ${
          report.summary
            ? html`<p class=${clamp ? 'clamped' : ''} part="summary" id="summary">${highlight(report.summary, terms)}</p>`
            : nothing
        }
        ${
          report.summary && (this.overflowing || this.expanded)
            ? html`<button
              class="link"
              part="toggle"
              aria-expanded=${this.expanded ? 'true' : 'false'}
              aria-controls="summary"
              lang=${this.l10n.lang}
              @click=${() => (this.expanded = !this.expanded)}
            >
              ${this.expanded ? t.showLess : t.showMore}
            </button>`
            : nothing
        }
        <button class="link" part="view-toggle" aria-haspopup="dialog" lang=${this.l10n.lang} @click=${(e: Event) => this.view(e.target as HTMLElement, url)}>${t.details}</button>
        <button class="link" part="cite-toggle" aria-expanded=${this.citing ? 'true' : 'false'} aria-controls="cite" lang=${this.l10n.lang} @click=${this.cite}>${t.cite}</button>
        <div id="cite" part="cite" lang=${this.l10n.lang} ?hidden=${!this.citing}></div>`;
    // A cover's box is sized before the image comes (width and a 3:4 ratio), so nothing moves when it does.
    // No referrer: a cover on another site must not learn the page's address (the visitor's search is in it).
    return html`<article part="card" tabindex="-1" lang=${report.language ?? nothing} dir=${directionOf(report.language)} class=${cover ? 'covered' : ''}>
      ${cover ? html`<img part="cover" src=${cover} referrerpolicy="no-referrer" alt=${report.imageAlt ?? ''} loading="lazy" decoding="async" width="120" height="160" /><div>${body}</div>` : body}
    </article>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'shelf-report-card': ShelfReportCard;
  }
}
