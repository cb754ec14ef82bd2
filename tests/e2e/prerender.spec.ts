// The landing view is in the HTML (rendered at build time by src/bin/prerender.rs from the
// app's own components): readable with JavaScript off, the same cards in the same order as
// the running app shows, and replaced by the app without a jump and without losing what the
// reader typed meanwhile.
import type { Page } from '@playwright/test';
import { test, expect, appReady, holdWasm, scrollToSixthLandingCard } from './fixtures';

const ids = (page: Page) => page.locator('.cards article[data-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')));

test.describe('with JavaScript off', () => {
  test.use({ javaScriptEnabled: false });

  test('the landing view has the header, a working search form and a screen of cards', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/');
    await expect(page.locator('#boot[data-prerendered="landing"]')).toHaveCount(1);
    await expect(page.locator('h1 .brand-title')).toHaveText('أطلس');
    await expect(page.locator('nav.view-switcher a[data-view]')).toHaveCount(4);
    const cards = await ids(page);
    expect(cards.length).toBeGreaterThanOrEqual(8);
    await expect(page.locator('.cards article[data-id]').first()).toBeVisible();
    await expect(page.locator('.boot-wait')).toBeHidden();
    // The search form is a plain GET form: submitting it asks for ?q=.
    const field = page.locator('form[role="search"] input[type="search"][name="q"]');
    await field.fill('مراكش');
    await field.press('Enter');
    await expect(page).toHaveURL(/[?&]q=%D9%85%D8%B1%D8%A7%D9%83%D8%B4/);
  });
});

test('the page needs no other file for its first paint: its style sheet is written into it', async ({ page }) => {
  const release = await holdWasm(page);
  const sheets: string[] = [];
  page.on('request', (r) => {
    if (r.resourceType() === 'stylesheet') sheets.push(r.url());
  });
  await page.setViewportSize({ width: 412, height: 823 });
  await page.goto('/');
  // While the app has not started, the landing view is already styled as the app styles it.
  await expect(page.locator('#boot .cards article[data-id]').first()).toBeVisible();
  const style = await page.evaluate(() => ({
    links: document.querySelectorAll('link[rel~="stylesheet"]:not([disabled])').length,
    later: document.querySelectorAll('link[rel~="stylesheet"][disabled]#views-css').length,
    inline: [...document.styleSheets].filter((s) => !s.href).reduce((n, s) => n + s.cssRules.length, 0),
    cards: getComputedStyle(document.querySelector('#boot .cards')!).display,
  }));
  expect(style.links).toBe(0);
  expect(style.later).toBe(1);
  expect(style.inline).toBeGreaterThan(100);
  expect(style.cards).toBe('grid');
  // The other views' sheet (linked disabled) is not fetched while the page waits for the app…
  await page.waitForTimeout(300);
  expect(sheets).toEqual([]);
  release();
  await appReady(page);
  // …but once the app is in the page, before the reader can open one of those views.
  await expect.poll(() => sheets.length).toBe(1);
  expect(sheets[0]).toMatch(/\/views-[0-9a-f]+\.css$/);
  await expect(page.locator('#views-css:not([disabled])')).toHaveCount(1);
});

test('the sheet fetched after the first answer styles no part of the landing view', async ({ page }) => {
  // So enabling it moves nothing on the first screen: no rule of style/views.css matches an
  // element of the cards view, its header, filters or menus, at a phone's width or a desktop's.
  for (const [width, height] of [[412, 823], [1280, 800]]) {
    await page.setViewportSize({ width, height });
    await page.goto('/');
    await appReady(page);
    await expect(page.locator('#views-css:not([disabled])')).toHaveCount(1);
    const matched = await page.evaluate(async () => {
      const link = document.getElementById('views-css') as HTMLLinkElement;
      if (!link.sheet) await new Promise((r) => link.addEventListener('load', r, { once: true }));
      const out: string[] = [];
      const walk = (rules: CSSRuleList) => {
        for (const rule of rules) {
          if (rule instanceof CSSStyleRule) {
            // An element's pseudo-elements are styled with it, and a reader's pointer or
            // focus may reach it: ask for the element.
            const selector = rule.selectorText
              .replace(/::?(before|after|marker|backdrop|placeholder|-webkit-[a-z-]+)/g, '')
              .replace(/:(hover|active|focus-visible|focus-within|focus)\b/g, '')
              .replace(/:not\(\)/g, '');
            for (const one of selector.split(',')) {
              if (one.trim() && document.querySelector(one)) out.push(one.trim());
            }
          } else if ('cssRules' in rule) {
            walk((rule as CSSGroupingRule).cssRules);
          }
        }
      };
      walk(link.sheet!.cssRules);
      return { rules: link.sheet!.cssRules.length, out };
    });
    expect(matched.rules).toBeGreaterThan(50);
    expect(matched.out, `at ${width} px`).toEqual([]);
  }
  // The views it is for are styled by it: the map's frame.
  await page.goto('/?view=map');
  await expect(page.locator('.map-stage')).toBeVisible();
  await expect(page.locator('.map-stage')).toHaveCSS('overflow', 'hidden');
});

test('a view styled by the later sheet waits for it', async ({ page }) => {
  // A direct visit to the map: its view may be built before the sheet has come.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/views-[0-9a-f]+\.css$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/?view=map');
  await expect(page.locator('.map-view')).toHaveCount(1);
  await expect(page.locator('.map-view')).toHaveCSS('visibility', 'hidden');
  release();
  await expect(page.locator('.map-view')).toHaveCSS('visibility', 'visible');
  await expect(page.locator('.map-stage')).toHaveCSS('overflow', 'hidden');
});

test('a view whose sheet never comes shows anyway after 3 s, unstyled rather than never', async ({ page }) => {
  await page.route(/\/views-[0-9a-f]+\.css$/, (route) => route.abort());
  await page.goto('/?view=timeline');
  await expect(page.locator('.timeline')).toHaveCount(1);
  await expect(page.locator('.timeline')).toHaveCSS('visibility', 'hidden');
  await expect(page.locator('.timeline')).toHaveCSS('visibility', 'visible', { timeout: 6000 });
});

test('a sheet that failed is fetched again when the reader opens another view', async ({ page }) => {
  // Refused while the timeline is built (and again if the app asks meanwhile), then served.
  let refuse = true;
  let asked = 0;
  await page.route(/\/views-[0-9a-f]+\.css$/, (route) => {
    asked += 1;
    return refuse ? route.abort() : route.continue();
  });
  await page.goto('/?view=timeline');
  await expect(page.locator('.timeline')).toHaveCSS('visibility', 'visible', { timeout: 6000 });
  await expect(page.locator('#views-css[data-failed]')).toHaveCount(1);
  const refused = asked;
  expect(refused).toBeGreaterThanOrEqual(1);
  refuse = false;
  // The next view asks for the sheet again, and is styled by it.
  await page.locator('.view-switcher a[data-view="stats"]').click();
  await expect(page.locator('.stats-table').first()).toBeVisible();
  await expect.poll(() => asked).toBe(refused + 1);
  await expect(page.locator('.stats-head')).toHaveCSS('display', 'flex');
  await expect(page.locator('#views-css')).toHaveCount(1);
  await expect(page.locator('#views-css[data-failed]')).toHaveCount(0);
});

test('the running app shows the same first cards as the HTML, in the same order', async ({ browser, baseURL, page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const noJs = await browser.newContext({ javaScriptEnabled: false, baseURL, viewport: { width: 1280, height: 800 } });
  const staticPage = await noJs.newPage();
  await staticPage.goto('/');
  const prerendered = await ids(staticPage);
  await noJs.close();

  await page.goto('/');
  await appReady(page);
  const running = await ids(page);
  expect(prerendered.length).toBeGreaterThan(0);
  expect(running.slice(0, prerendered.length)).toEqual(prerendered.slice(0, running.length));
  expect(Math.min(running.length, prerendered.length)).toBeGreaterThanOrEqual(8);
});

for (const width of [390, 1280]) {
  test(`the app takes over at ${width} px without a layout shift`, async ({ page }) => {
    await page.setViewportSize({ width, height: 844 });
    await page.addInitScript(() => {
      (window as any).__shift = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries() as any[]) if (!e.hadRecentInput) (window as any).__shift += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await page.goto('/');
    await appReady(page);
    await page.waitForTimeout(500);
    const shift = await page.evaluate(() => (window as any).__shift as number);
    expect(shift).toBeLessThanOrEqual(0.02);
  });
}

test('text typed before the app is ready is kept, searched and still focused', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Hold the app's wasm until the reader has typed.
  const release = await holdWasm(page);
  await page.goto('/');
  await expect(page.locator('#boot[data-prerendered="landing"]')).toHaveCount(1);
  const field = page.locator('#q');
  await field.click();
  await field.pressSequentially('غلاسكو');
  expect(await ids(page)).not.toEqual([]);
  release();
  await appReady(page);
  await expect(page.locator('#q')).toHaveValue('غلاسكو');
  await expect(page.locator('#q')).toBeFocused();
  // Searched: every card shown is a hit (its text is highlighted), and the URL follows.
  await expect(page).toHaveURL(/[?&]q=/);
  const cards = page.locator('.cards article[data-id]');
  await expect(cards.first()).toBeVisible();
  const n = await cards.count();
  expect(n).toBeGreaterThan(0);
  await expect(page.locator('.cards article[data-id] mark')).not.toHaveCount(0);
  // Typing goes on in the app's own field.
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect(page.locator('#q')).toHaveValue('غلاسكو ');
});

// The page's first five controls (the skip link, the name's link, the search field, the
// language menu, the views) and its last one, each reached by keyboard before the app runs.
for (const [key, times] of [['Tab', 1], ['Tab', 2], ['Tab', 3], ['Tab', 4], ['Tab', 5], ['Shift+Tab', 1]] as const) {
  test(`a control reached with ${key} ×${times} before the app is ready keeps the focus`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    const release = await holdWasm(page);
    await page.goto('/');
    await expect(page.locator('#boot[data-prerendered="landing"]')).toHaveCount(1);
    for (let i = 0; i < times; i++) await page.keyboard.press(key);
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return 'body';
        return `${el.tagName}.${el.className} ${el.getAttribute('href') ?? ''} ${el.textContent?.trim()} boot=${!!el.closest('#boot')}`;
      });
    const before = await focused();
    expect(before).not.toBe('body');
    expect(before).toContain('boot=true');
    release();
    await appReady(page);
    // At the swap, or a few frames later for a card the list adds once it is measured.
    await expect.poll(focused, { timeout: 2000 }).toBe(before.replace('boot=true', 'boot=false'));
    await expect(page.locator(':focus-visible')).toHaveCount(1);
  });
}

test('a reader who scrolled the landing view stays at the same cards when the app takes over', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const release = await holdWasm(page);
  await page.goto('/');
  const { id, y } = await scrollToSixthLandingCard(page);
  release();
  await appReady(page);
  await page.waitForTimeout(300);
  expect(Math.abs((await page.evaluate(() => window.scrollY)) - y)).toBeLessThanOrEqual(2);
  // The app's card is where the reader left it, rendered (not padding standing in for it).
  const card = page.locator(`.cards article[data-id="${id}"]`);
  await expect(card).toBeInViewport();
  expect(await card.innerText()).not.toEqual('');
});

test('any other address shows the boot shell, not the landing cards, until the app is ready', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/?view=map');
  await expect(page.locator('.boot-wait')).toBeVisible();
  await expect(page.locator('#boot .cards')).toBeHidden();
  release();
  await appReady(page);
  await expect(page.locator('.cards')).toHaveCount(0);
});

test.describe('taps on the landing view before the app is ready', () => {
  // Each test loads the page twice: a worker installed by the first load would serve the
  // second one's wasm from its cache, past the route that holds it back.
  test.use({ serviceWorkers: 'block' });

  test('on a phone the filters tapped meanwhile open once the app is there; tapped twice, they stay shut', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    for (const taps of [1, 2]) {
      const release = await holdWasm(page);
      await page.goto('/');
      const early = page.locator('#boot .view-bar button[data-action="filters"]');
      await expect(early).toBeVisible();
      for (let i = 0; i < taps; i++) await early.click();
      // The button says the tap is on its way (and, tapped again, that it is taken back).
      if (taps === 1) await expect(early).toHaveAttribute('aria-busy', 'true');
      else await expect(early).not.toHaveAttribute('aria-busy');
      release();
      await appReady(page);
      const button = page.locator('.view-bar .facets-toggle');
      if (taps === 1) {
        await expect(page.locator('#facet-groups')).toBeVisible();
        await expect(button).toHaveAttribute('aria-expanded', 'true');
        await expect(page.locator('.sheet-close')).toBeFocused();
      } else {
        await page.waitForTimeout(300);
        await expect(page.locator('#facet-groups')).toBeHidden();
        await expect(button).toHaveAttribute('aria-expanded', 'false');
      }
      await page.unrouteAll();
    }
  });

  test('an open menu stays open, and "embed this view" tapped meanwhile opens its dialog', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    let release = await holdWasm(page);
    await page.goto('/');
    // The share menu is a <details>: it opens without the app.
    await page.locator('#boot details[data-menu="share"] > summary').click();
    await expect(page.locator('#boot button[data-embed="open"]')).toBeVisible();
    release();
    await appReady(page);
    await expect(page.locator('details[data-menu="share"]')).toHaveAttribute('open', '');
    await expect(page.locator('button[data-embed="open"]')).toBeVisible();
    await page.unrouteAll();

    release = await holdWasm(page);
    await page.goto('/');
    await page.locator('#boot details[data-menu="share"] > summary').click();
    await page.locator('#boot button[data-embed="open"]').click();
    release();
    await appReady(page);
    await expect(page.locator('dialog.embed-dialog')).toBeVisible({ timeout: 10_000 });
    await expect(page.locator('dialog.embed-dialog [data-embed="code"]')).toBeVisible();
  });
});
