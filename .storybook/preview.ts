import type { Preview } from '@storybook/web-components-vite';
import { setCustomElementsManifest } from '@storybook/web-components';
import { html, nothing } from 'lit';
import '@reportshelf/elements/define.js';
import manifest from '../packages/elements/custom-elements.json';

// Docs tables (attributes, properties, events, slots, parts, custom properties) come from the
// manifest that `npm run analyze` writes from the elements' JSDoc.
setCustomElementsManifest(manifest);

const preview: Preview = {
  globalTypes: {
    lang: {
      description: 'Interface language',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'fr', title: 'Français' },
          { value: 'es', title: 'Español' },
          { value: 'ar', title: 'العربية' },
        ],
        dynamicTitle: true,
      },
    },
    theme: {
      description: 'Colour scheme',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'auto', title: 'System' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Text direction',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'auto', title: 'From the language' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { lang: 'en', theme: 'auto', dir: 'auto' },
  decorators: [
    // Every story sits in a frame carrying the toolbar's language, theme and direction; the
    // elements read them from their closest ancestor, as they would from a partner's page.
    (story, context) => {
      const { lang, theme, dir } = context.globals as { lang: string; theme: string; dir: string };
      const dark = theme === 'dark';
      return html`<div
        class="story-frame"
        lang=${lang}
        dir=${dir === 'auto' ? nothing : dir}
        theme=${theme === 'auto' ? nothing : theme}
        style="padding: 1rem; min-height: 100%; box-sizing: border-box; font-family: system-ui, sans-serif; ${dark ? 'background: #0f1114; color: #e6edf3;' : ''}"
      >
        ${story()}
      </div>`;
    },
  ],
  parameters: {
    layout: 'fullscreen',
    controls: { expanded: true },
    a11y: { test: 'error' },
    docs: { toc: true },
  },
};

export default preview;
