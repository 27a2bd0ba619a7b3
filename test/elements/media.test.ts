import { expect, fixture, html } from '@open-wc/testing';
import type { ShelfLibrary } from '@reportshelf/elements';
import { emulateMedia } from '@web/test-runner-commands';
import { deep, libraryFixture, seed, settle } from './helpers.js';

const cardBackground = (lib: Element) =>
  getComputedStyle(deep(deep(lib, 'shelf-report-card'), 'article')).backgroundColor;

describe('media preferences', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' }));

  it('follows a dark system scheme, and theme="light" overrides it', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const lib = await libraryFixture();
    expect(cardBackground(lib)).to.equal('rgb(22, 25, 29)');
    expect(getComputedStyle(lib).backgroundColor).to.equal('rgb(22, 25, 29)');
    await expect(lib).to.be.accessible();
    const light = await libraryFixture(html`<shelf-library theme="light" .catalogue=${seed}></shelf-library>`);
    expect(cardBackground(light)).to.equal('rgb(255, 255, 255)');
    // In the light scheme the page shows through.
    expect(getComputedStyle(light).backgroundColor).to.equal('rgba(0, 0, 0, 0)');
  });

  it('stops the loading animation for reduced motion', async () => {
    const loading = () =>
      fixture<ShelfLibrary>(html`<shelf-library .catalogue=${new Promise(() => {})}></shelf-library>`);
    const bone = async (lib: ShelfLibrary) => {
      await settle(lib);
      return getComputedStyle(deep(lib, '[part="skeleton"] div')).animationName;
    };
    expect(await bone(await loading())).to.equal('pulse');
    await emulateMedia({ reducedMotion: 'reduce' });
    expect(await bone(await loading())).to.equal('none');
  });
});
