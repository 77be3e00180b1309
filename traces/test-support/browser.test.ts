import { describe, expect, it } from 'vitest';
import { requireChromium } from './browser.ts';

describe('requireChromium', () => {
  it('names the package to install when the browser is missing', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(
      "Chromium is not installed at /nonexistent/chromium; the browser tests need Debian's package: apt-get install chromium",
    );
  });
});
