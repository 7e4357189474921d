// The playground in real Chromium (Debian's `chromium`, driven by playwright-core): G1 typed as
// definitions shows its steps and result; the G2 backward pass steps frame by frame; a wrong
// answer gets its diagnosis; a misread input shows its reading and a bad one its position; the
// URL reproduces the state. Screenshots go to test-artifacts/browser/. Without chromium the tests
// SKIP with a loud notice — and FAIL when CI is set (CI installs it: .ci/run).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Live } from '../server/helpers.js';

function findChromium(): string | undefined {
  const env = process.env['CHROMIUM_PATH'];
  if (env && existsSync(env)) return env;
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    try {
      return execFileSync('which', [name], { encoding: 'utf8' }).trim() || undefined;
    } catch {
      // not this one
    }
  }
  return undefined;
}

const executablePath = findChromium();
const shots = fileURLToPath(new URL('../../test-artifacts/browser/', import.meta.url));
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

if (!executablePath) {
  const msg = '\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n' +
    '!! Browser tests SKIPPED: no chromium on PATH (apt-get install chromium). !!\n' +
    '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n';
  console.warn(msg);
  if (process.env['CI']) {
    describe('browser', () => it('needs chromium in CI', () => expect.fail('chromium is not installed; .ci/run installs it with apt-get')));
  }
}

describe.skipIf(!executablePath)('playground in Chromium', { timeout: 120_000 }, () => {
  let s: Live;
  let browser: Browser;
  let page: Page;
  /** requests that left the server: the page must work offline (no CDN) */
  let external: string[] = [];
  beforeAll(async () => {
    mkdirSync(shots, { recursive: true });
    s = await startServer();
    browser = await chromium.launch({ executablePath: executablePath!, args: FLAGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  }, 60_000);

  const fresh = async (query = ''): Promise<Page> => {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    external = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(s.url) && !r.url().startsWith('data:')) external.push(r.url());
    });
    await page.goto(`${s.url}/${query}`);
    expect(errors).toEqual([]);
    return page;
  };

  it('G1 typed as definitions: the readings, every step verified, the result', async () => {
    const p = await fresh();
    await p.fill('#expr', '');
    await p.focus('#expr');
    await p.keyboard.type('z = wx + b\ny = σ(z)\nL = BCE(y, ŷ)');
    await p.fill('#wrt', 'w');
    await p.focus('#expr');
    await p.keyboard.press('Control+Enter');
    await p.waitForSelector('#result .final', { timeout: 60_000 });
    expect(await p.locator('#reading-list li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-text')))).toEqual(['z = w*x + b', 'y = sigmoid(z)', 'L = BCE(y, y_hat)']);
    expect(await p.getAttribute('#result .final', 'data-text')).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(await p.locator('#result .katex').count()).toBeGreaterThan(0);
    const badges = await p.locator('#steps > li > .step-head .badge').allTextContents();
    expect(badges.length).toBe(6);
    expect(badges.every((b) => b.includes('verified'))).toBe(true);
    // expand the derivation of ∂y/∂z: the σ derivative, with its rule and verdict
    const details = p.locator('#steps > li').nth(1).locator(':scope > details');
    await details.locator(':scope > summary').click();
    await expect.poll(() => details.locator('li.step').count()).toBeGreaterThan(0);
    expect(await details.locator('code.rule').first().textContent()).toMatch(/^diff\./);
    expect(p.url()).toContain('expr=');
    expect(external, 'everything comes from the server').toEqual([]);
    await p.screenshot({ path: `${shots}g1-derivation.png`, fullPage: true });
  });

  it('the link reproduces the state', async () => {
    const url = `?expr=${encodeURIComponent('BCE(σ(w x + b), ŷ)')}&wrt=w`;
    const p = await fresh(url);
    await p.waitForSelector('#result .final', { timeout: 60_000 });
    expect(await p.inputValue('#expr')).toBe('BCE(σ(w x + b), ŷ)');
    expect(await p.getAttribute('#result .final', 'data-text')).toBe('(sigmoid(w*x + b) - y_hat)*x');
    // one-expression steps carry their justification and an expandable tidy-up
    expect(await p.locator('#steps .just .katex').count()).toBeGreaterThan(3);
  });

  it('G2: the forward pass, then the backward pass frame by frame', async () => {
    const p = await fresh();
    await p.fill('#expr', 'z = w0 + w1*x1 + w2*x2; p = σ(z); L = BCE(p, y)');
    await p.fill('#at', 'w0=-3, w1=2, w2=-3, x1=-1, x2=-2, y=1');
    await p.click('#graph-go');
    await p.waitForSelector('#graph-svg svg', { timeout: 60_000 });
    expect(await p.textContent('#frame-label')).toBe('forward pass (10 backward steps)');
    await p.focus('#graph-svg');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    expect(await p.textContent('#frame-label')).toBe('backward step 3 of 10');
    expect(await p.textContent('#frame-text')).toMatch(/edge .+ → .+:/);
    expect(await p.locator('#frame-text .katex').count()).toBe(1);
    await p.click('#frame-prev');
    expect(await p.textContent('#frame-label')).toBe('backward step 2 of 10');
    await p.click('#frame-last');
    expect(await p.textContent('#frame-label')).toBe('backward step 10 of 10');
    const grads = await p.locator('#grad-table tr').evaluateAll((rs) => rs.slice(1).map((r) => [...r.querySelectorAll('td')].map((d) => d.textContent)));
    expect(grads).toContainEqual(['w_2', '0.5379', '✓ verified']);
    expect(grads).toContainEqual(['x_2', '0.8068', '✓ verified']);
    await p.click('#frame-prev');
    await p.click('#frame-prev');
    await p.locator('#graph').screenshot({ path: `${shots}g2-backward-frame.png` });
  });

  it('check my answer: a wrong answer gets its diagnosis', async () => {
    const p = await fresh();
    await p.fill('#expr', 'BCE(σ(wx+b), ŷ)');
    await p.fill('#wrt', 'w');
    await p.fill('#answer', 'σ(wx+b) − ŷ');
    await p.press('#answer', 'Enter');
    await p.waitForSelector('#verdict .verdict', { timeout: 60_000 });
    expect(await p.getAttribute('#verdict .verdict', 'data-verdict')).toBe('incorrect');
    expect(await p.locator('.diagnosis li').evaluateAll((ls) => ls.map((l) => l.getAttribute('data-id')))).toContain('missing-chain-factor');
    expect(await p.textContent('.diagnosis')).toMatch(/chain rule/);
    await p.locator('#check').screenshot({ path: `${shots}check-diagnosis.png` });
    await p.fill('#answer', '(σ(wx+b) − ŷ)x');
    await p.click('#check-go');
    await p.waitForSelector('#verdict .verdict.correct', { timeout: 60_000 });
  });

  it('a misread input shows its reading; a bad one its position', async () => {
    const p = await fresh();
    // meant σ's derivative e^{-z}/(1+e^{-z})², typed without the parentheses
    await p.fill('#expr', 'exp(-z)/1+exp(-z)^2');
    await p.fill('#wrt', 'z');
    await p.click('#derive');
    await p.waitForSelector('#readings:not([hidden]) li', { timeout: 60_000 });
    expect(await p.getAttribute('#reading-list li', 'data-text')).toBe('exp(-z)/1 + exp(-z)^2');
    await p.screenshot({ path: `${shots}misread-reading.png`, fullPage: true });
    await p.fill('#expr', 'sigmod(x)');
    await p.click('#derive');
    await p.waitForSelector('#error:not([hidden])', { timeout: 60_000 });
    expect(await p.textContent('#error')).toMatch(/UNKNOWN_FUNCTION.*did you mean sigmoid/);
    expect(await p.textContent('#error mark')).toBe('sigmod');
  });

  it('the language switch: Korean page words, step labels and diagnoses, kept in the link', async () => {
    const p = await fresh(`?expr=${encodeURIComponent('BCE(σ(wx+b), ŷ)')}&wrt=w`);
    await p.waitForSelector('#result .final', { timeout: 60_000 });
    expect(await p.textContent('#h-derivation')).toBe('Derivation');
    await p.selectOption('#lang', 'ko');
    await expect.poll(() => p.textContent('#h-derivation')).toBe('유도 과정');
    expect(await p.getAttribute('html', 'lang')).toBe('ko');
    expect(await p.textContent('#h-check')).toBe('내 답 확인');
    // the derivation is asked again in Korean: the engine's labels, the same result
    await expect.poll(() => p.locator('#steps > li .label').first().textContent(), { timeout: 60_000 }).toBe('BCE를 거치는 연쇄 법칙');
    expect(await p.getAttribute('#result .final', 'data-text')).toBe('(sigmoid(w*x + b) - y_hat)*x');
    expect(await p.locator('#steps .badge').first().textContent()).toContain('검산됨');
    expect(p.url()).toContain('lang=ko');
    await p.fill('#answer', 'σ(wx+b) − ŷ');
    await p.click('#check-go');
    await p.waitForSelector('#verdict .verdict', { timeout: 60_000 });
    expect(await p.textContent('#verdict .verdict')).toBe('✗ 오답');
    expect(await p.textContent('.diagnosis')).toMatch(/연쇄 법칙/);
    await p.screenshot({ path: `${shots}korean.png`, fullPage: true });
    // a link with lang=ko opens in Korean
    const q = await fresh(`?lang=ko`);
    expect(await q.textContent('#h-graph')).toBe('계산 그래프');
    await q.selectOption('#lang', 'en');
    await expect.poll(() => q.textContent('#h-graph')).toBe('Computational graph');
  });

  it('dark theme, keyboard focus, print', async () => {
    const p = await fresh();
    await p.keyboard.press('Tab');
    await p.keyboard.press('Tab');
    const focused = await p.evaluate(() => document.activeElement?.id || document.activeElement?.textContent);
    expect(focused).toBeTruthy();
    await p.click('#theme');
    expect(await p.getAttribute('html', 'data-theme')).toBe('dark');
    await p.emulateMedia({ media: 'print' });
    expect(await p.isVisible('#derive')).toBe(false);
    await p.emulateMedia({ media: 'screen' });
    await p.screenshot({ path: `${shots}dark.png` });
  });
});
