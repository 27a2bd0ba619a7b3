import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { localizer, onMessagesChange, supportedLanguage, type Localizer } from './i18n.js';
import { closestAcross } from './tree.js';

// One observer for the whole page re-renders every host when a `lang`, `dir` or `theme` changes
// anywhere, and when the page registers strings.
const hosts = new Set<ReactiveControllerHost>();
let observer: MutationObserver | undefined;
onMessagesChange(() => hosts.forEach((host) => host.requestUpdate()));

const language = (element: Element) => element.getAttribute('lang') || null;

/**
 * Language, direction and theme for an element, as a Lit reactive controller: the element's own
 * `lang`, else the closest ancestor's across shadow roots, else the fallback's (an element's
 * library), else the document's, else English; the nearest `dir` or `lang`, whichever is closer,
 * for the direction; the closest `theme` attribute (as `data-shelf-theme` on the host). Updated before each render, and the host is
 * asked to render again when any of them changes on the page.
 *
 * A partner's own element can speak the library's language the same way:
 * `locale = new LocaleController(this)`, then `this.locale.l10n.messages.search` in `render()`.
 */
export class LocaleController implements ReactiveController {
  l10n: Localizer = localizer('en');
  direction: 'ltr' | 'rtl' = 'ltr';

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly fallback: () => Element | null = () => null,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    hosts.add(this.host);
    if (observer) return;
    observer = new MutationObserver(() => hosts.forEach((host) => host.requestUpdate()));
    observer.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['lang', 'theme', 'dir'],
      subtree: true,
    });
  }

  hostDisconnected(): void {
    hosts.delete(this.host);
  }

  hostUpdate(): void {
    const fallback = this.fallback();
    const first = <T>(pick: (element: Element) => T | null) =>
      closestAcross(this.host, pick) ?? closestAcross(fallback, pick);
    this.l10n = localizer(supportedLanguage(first(language) ?? document.documentElement.lang));
    // An explicit direction is honoured; otherwise the interface language's own direction.
    this.direction =
      first((element) => {
        const dir = element.getAttribute('dir');
        return dir === 'ltr' || dir === 'rtl' ? dir : language(element) ? this.l10n.dir : null;
      }) ?? this.l10n.dir;
    const theme = first((element) => (element.hasAttribute('theme') ? element.getAttribute('theme') : null));
    if (theme === 'dark' || theme === 'light') this.host.dataset.shelfTheme = theme;
    else delete this.host.dataset.shelfTheme;
  }
}
