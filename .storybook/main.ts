import type { StorybookConfig } from '@storybook/web-components-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y'],
  framework: { name: '@storybook/web-components-vite', options: {} },
  // Catalogues that fail in each way a src can: served as files, so the error stories are real.
  staticDirs: [{ from: '../stories/fixtures', to: '/fixtures' }],
  core: { disableTelemetry: true },
  async viteFinal(viteConfig) {
    // Read the workspace packages from source, as the tests do.
    viteConfig.resolve = {
      ...viteConfig.resolve,
      conditions: ['source', 'module', 'browser', 'development|production'],
    };
    return viteConfig;
  },
};

export default config;
