/**
 * The Report library block in the editor: the element's settings as block controls, and a live
 * preview (the real <shelf-library>, from the drop-in file the editor loads). Plain script on
 * WordPress's own globals, so the plugin needs no build of its own.
 */
(function (wp, data) {
  'use strict';
  const el = wp.element.createElement;
  const { __, sprintf } = wp.i18n;
  const { InspectorControls, useBlockProps } = wp.blockEditor;
  const { Button, ExternalLink, Notice, PanelBody, RangeControl, SelectControl, TextControl, ToggleControl } =
    wp.components;

  const catalogues = (data && data.catalogues) || [];
  const FACETS = {
    region: __('Region', 'reportshelf'),
    country: __('Country', 'reportshelf'),
    category: __('Category', 'reportshelf'),
    author: __('Author', 'reportshelf'),
    organization: __('Organization', 'reportshelf'),
    language: __('Language', 'reportshelf'),
    year: __('Year', 'reportshelf'),
  };
  const DEFAULT_FACETS = ['region', 'country', 'category', 'year'];

  /** An http(s) address, or one on this site: what the server renders as `src` (anything else it refuses). */
  function webAddress(value) {
    const text = (value || '').trim();
    return /^https?:\/\/[^\s]/i.test(text) || /^\/(?!\/)/.test(text);
  }

  /** The element's attributes for these block attributes: what the server renders too. */
  function elementAttributes(a) {
    const out = {};
    const catalogue = catalogues.find((c) => c.id === a.catalogue);
    if (catalogue) out.src = catalogue.url;
    else if (a.catalogue === 0 && webAddress(a.src)) out.src = a.src.trim();
    if (a.lang) out.lang = a.lang;
    if (a.facets) out.facets = a.facets;
    if (a.pageSize) out['page-size'] = String(a.pageSize);
    if (a.sort) out.sort = a.sort;
    if (a.theme) out.theme = a.theme;
    if (a.label) out.label = a.label;
    // No sync-url in the editor: the preview must not rewrite the editor's own address.
    return out;
  }

  function FacetOrder({ value, onChange }) {
    const chosen = value ? value.split(' ').filter((f) => FACETS[f]) : DEFAULT_FACETS;
    const set = (list) => onChange(list.join(' '));
    const move = (i, by) => {
      const list = chosen.slice();
      const [f] = list.splice(i, 1);
      list.splice(i + by, 0, f);
      set(list);
    };
    const rest = Object.keys(FACETS).filter((f) => !chosen.includes(f));
    return el(
      'div',
      { className: 'reportshelf-facets' },
      el(
        'ol',
        { 'aria-label': __('Filters, in order', 'reportshelf') },
        chosen.map((f, i) =>
          el(
            'li',
            { key: f },
            el('span', null, FACETS[f]),
            el(Button, {
              icon: 'arrow-up-alt2',
              label: sprintf(__('Move %s up', 'reportshelf'), FACETS[f]),
              disabled: i === 0,
              onClick: () => move(i, -1),
            }),
            el(Button, {
              icon: 'arrow-down-alt2',
              label: sprintf(__('Move %s down', 'reportshelf'), FACETS[f]),
              disabled: i === chosen.length - 1,
              onClick: () => move(i, 1),
            }),
            el(Button, {
              icon: 'no-alt',
              label: sprintf(__('Remove %s', 'reportshelf'), FACETS[f]),
              disabled: chosen.length === 1,
              onClick: () => set(chosen.filter((x) => x !== f)),
            }),
          ),
        ),
      ),
      rest.length === 0
        ? null
        : el(SelectControl, {
            label: __('Add a filter', 'reportshelf'),
            value: '',
            options: [{ value: '', label: '—' }].concat(rest.map((f) => ({ value: f, label: FACETS[f] }))),
            onChange: (f) => f && set(chosen.concat(f)),
          }),
    );
  }

  /** The address field: the preview reads it once typed (on leaving the field or Enter), not at every letter. */
  function SourceAddress({ value, onChange }) {
    const [draft, setDraft] = wp.element.useState(value);
    const done = () => draft !== value && onChange(draft.trim());
    return el(
      'div',
      { onBlur: done, onKeyDown: (event) => event.key === 'Enter' && done() },
      el(TextControl, {
        label: __('Or the address of a CSV or catalogue file', 'reportshelf'),
        help: __(
          'A Google Sheet published as CSV (File → Share → Publish to web → Comma-separated values), or a CSV or catalogue JSON on a web server: read on every visit, so edits to the sheet show on the next one.',
          'reportshelf',
        ),
        type: 'url',
        value: draft,
        onChange: setDraft,
      }),
    );
  }

  function Edit({ attributes, setAttributes }) {
    const a = attributes;
    const missing = a.catalogue > 0 && !catalogues.some((c) => c.id === a.catalogue);
    const controls = el(
      InspectorControls,
      null,
      el(
        PanelBody,
        { title: __('Catalogue', 'reportshelf') },
        el(SelectControl, {
          label: __('Catalogue', 'reportshelf'),
          value: String(a.catalogue || 0),
          options: [{ value: '0', label: __('Bundled catalogue', 'reportshelf') }].concat(
            catalogues.map((c) => ({
              value: String(c.id),
              label: sprintf(__('%1$s (%2$d reports)', 'reportshelf'), c.title, c.reports),
            })),
          ),
          onChange: (v) => setAttributes({ catalogue: Number(v) }),
        }),
        data && data.uploadUrl
          ? el(ExternalLink, { href: data.uploadUrl }, __('Add a catalogue', 'reportshelf'))
          : null,
        a.catalogue ? null : el(SourceAddress, { value: a.src, onChange: (src) => setAttributes({ src }) }),
        a.catalogue === 0 && a.src && a.src.trim() && !webAddress(a.src)
          ? el(
              Notice,
              { status: 'warning', isDismissible: false },
              __('This is not an http or https address, so the library will not be shown.', 'reportshelf'),
            )
          : null,
      ),
      el(
        PanelBody,
        { title: __('Display', 'reportshelf') },
        el(SelectControl, {
          label: __('Language', 'reportshelf'),
          value: a.lang,
          options: [
            { value: '', label: __('The page’s language', 'reportshelf') },
            { value: 'en', label: 'English' },
            { value: 'fr', label: 'Français' },
            { value: 'es', label: 'Español' },
            { value: 'ar', label: 'العربية' },
          ],
          onChange: (lang) => setAttributes({ lang }),
        }),
        el(RangeControl, {
          label: __('Reports per page', 'reportshelf'),
          value: a.pageSize,
          min: 1,
          max: 100,
          onChange: (pageSize) => setAttributes({ pageSize: pageSize || 10 }),
        }),
        el(SelectControl, {
          label: __('Order', 'reportshelf'),
          value: a.sort,
          options: [
            { value: 'relevance', label: __('Relevance', 'reportshelf') },
            { value: 'newest', label: __('Newest first', 'reportshelf') },
            { value: 'oldest', label: __('Oldest first', 'reportshelf') },
            { value: 'title', label: __('Title', 'reportshelf') },
            { value: 'added', label: __('Recently added', 'reportshelf') },
          ],
          onChange: (sort) => setAttributes({ sort }),
        }),
        el(SelectControl, {
          label: __('Theme', 'reportshelf'),
          value: a.theme,
          options: [
            { value: '', label: __('The visitor’s setting', 'reportshelf') },
            { value: 'light', label: __('Light', 'reportshelf') },
            { value: 'dark', label: __('Dark', 'reportshelf') },
          ],
          onChange: (theme) => setAttributes({ theme }),
        }),
        el(TextControl, {
          label: __('Label', 'reportshelf'),
          help: __('A name for this library, for screen readers; needed when a page has several.', 'reportshelf'),
          value: a.label,
          onChange: (label) => setAttributes({ label }),
        }),
        el(ToggleControl, {
          label: __('Keep the search in the address', 'reportshelf'),
          help: __('So that Back, Forward and shared links show the same search.', 'reportshelf'),
          checked: a.syncUrl,
          onChange: (syncUrl) => setAttributes({ syncUrl }),
        }),
      ),
      el(
        PanelBody,
        { title: __('Filters', 'reportshelf') },
        el(FacetOrder, { value: a.facets, onChange: (facets) => setAttributes({ facets }) }),
      ),
    );
    const props = elementAttributes(a);
    return el(
      'div',
      useBlockProps(),
      controls,
      missing
        ? el(
            Notice,
            { status: 'warning', isDismissible: false },
            __('This catalogue is no longer in the media library. Choose another one.', 'reportshelf'),
          )
        : null,
      // Keys typed into the preview's search box stay in the preview: the editor sees only the
      // element (the input is in its shadow root) and would take Backspace for "remove block".
      el(
        'div',
        { className: 'reportshelf-preview', onKeyDown: (event) => event.stopPropagation() },
        el('shelf-library', Object.assign({ key: props.src || 'bundled' }, props)),
      ),
    );
  }

  wp.blocks.registerBlockType('reportshelf/library', { edit: Edit, save: () => null });
})(window.wp, window.reportshelfEditor);
