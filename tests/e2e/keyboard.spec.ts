// Keyboard only: search, open a result, filter by a map marker, read the statistics and
// export CSV with key presses alone (no click, no mouse). Focus is always visible and never
// falls back to <body> when the view changes. `prefers-reduced-motion: reduce` turns off
// every transition and animation.
import { test, expect, appReady } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

test.use({ serviceWorkers: 'block' });
test.setTimeout(90_000);

/** Where focus is, and whether it can be seen (its outline, or its card's or dot's ring). */
function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { body: true, visible: false, desc: 'body' };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
    const card = el.closest('.card');
    const ring = !!card && getComputedStyle(card).boxShadow !== 'none';
    const dot = el.querySelector('.marker-dot');
    const dotRing = !!dot && getComputedStyle(dot).outlineStyle !== 'none';
    const searchRing = el.matches('input') && s.outlineStyle !== 'none';
    return {
      body: false,
      visible: el.matches(':focus-visible') && (outline || ring || dotRing || searchRing),
      desc: el.outerHTML.slice(0, 100),
    };
  });
}

/** Presses Tab (or Shift+Tab) until the focused element matches `selector`. */
async function tabTo(page: Page, selector: string, back = false, max = 200) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const hit = await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector);
    if (hit) {
      const f = await focusState(page);
      expect(f.visible, `focus ring on ${f.desc}`).toBe(true);
      return;
    }
  }
  throw new Error(`could not reach ${selector} with ${back ? 'Shift+' : ''}Tab`);
}

/** After a view change, focus is somewhere in the page, never <body>. */
async function focusKept(page: Page, where: string) {
  await page.waitForTimeout(150);
  const f = await focusState(page);
  expect(f.body, `${where}: focus fell back to <body>`).toBe(false);
  return f;
}

test('keyboard-only journey: search, open a result, map filter, statistics, CSV export', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  // The skip link comes first.
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.className)).toContain('skip-link');
  // Search.
  await tabTo(page, 'input[name="q"]');
  await page.keyboard.type('طنجة');
  await expect(page.locator('article.card[data-id="tangier"]')).toBeVisible();
  await expect(page).toHaveURL(/q=/);
  // Open a result.
  await tabTo(page, 'article.card[data-id="tangier"] a.card-link');
  await page.keyboard.press('Enter');
  await expect(page.locator('article.detail[data-id="tangier"]')).toBeVisible();
  const f = await focusKept(page, 'detail');
  expect(f.desc).toContain('detail-title');
  // To the map, through the view switcher.
  await tabTo(page, '.view-switcher a[data-view="map"]', true);
  await page.keyboard.press('Enter');
  await expect(page.locator('.map-marker[data-place="tangier"]')).toBeVisible();
  await focusKept(page, 'map');
  // Filter by a marker: focus stays on the marker, now pressed.
  await tabTo(page, '.map-marker[data-place="tangier"]');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/place=tangier/);
  await expect(page.locator('.map-marker[data-place="tangier"][data-layer="main"]')).toHaveAttribute('aria-pressed', 'true');
  await focusKept(page, 'marker');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-place'))).toBe('tangier');
  await expect(page.locator('.map-events li').first()).toBeVisible();
  // The statistics.
  await tabTo(page, '.view-switcher a[data-view="stats"]', true);
  await page.keyboard.press('Enter');
  await expect(page.locator('.stats-table').first()).toBeVisible();
  await focusKept(page, 'stats');
  // Read the table: a figure's row link is reachable.
  await tabTo(page, '.stats-table a');
  // Export CSV, from the share menu.
  await tabTo(page, '[data-menu="share"] summary', true);
  await page.keyboard.press('Enter');
  // The menu builds its downloads when it opens (its toggle event comes a task after the
  // key): a reader sees it open before pressing Tab, and so does the test.
  await expect(page.locator('[data-export="csv"]')).toBeVisible();
  await tabTo(page, '[data-export="csv"]');
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(download.suggestedFilename()).toBe('atlas-figures.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.slice(1).split('\r\n')[0]).toMatch(/^id,measure,value,/);
  expect(csv.split('\r\n').length).toBeGreaterThan(2);
  await focusKept(page, 'after export');
});

test('keyboard: retry on the error state keeps focus in the page', async ({ page }) => {
  let broken = true;
  await page.route('**/data/bundle.json', (r) => (broken ? r.fulfill({ status: 500, body: 'down' }) : r.continue()));
  await page.goto('/');
  await expect(page.locator('[data-state="error"]')).toBeVisible();
  await tabTo(page, '[data-action="retry"]');
  broken = false;
  await page.keyboard.press('Enter');
  await expect(page.locator('article.card').first()).toBeVisible();
  await focusKept(page, 'after retry');
});

test('keyboard: choosing a facet with the space bar keeps focus on it', async ({ page }) => {
  await page.goto('/');
  await expect(page.locator('article.card').first()).toBeVisible();
  await tabTo(page, 'fieldset[data-facet="kind"] input');
  await page.keyboard.press('Space');
  await expect(page).toHaveURL(/kind=/);
  await focusKept(page, 'facet');
  expect(await page.evaluate(() => document.activeElement?.closest('fieldset')?.getAttribute('data-facet'))).toBe('kind');
});

/** Every element (and its ::before/::after) with a transition or animation that takes time. */
function moving(page: Page) {
  return page.evaluate(() => {
    const out: string[] = [];
    const long = (v: string) => v.split(',').some((d) => parseFloat(d) > 0);
    for (const el of document.querySelectorAll('*')) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        if (long(s.transitionDuration) || (s.animationName !== 'none' && long(s.animationDuration)))
          out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo ?? ''}: ${s.transitionDuration} ${s.animationName}`);
      }
    }
    if (getComputedStyle(document.documentElement).scrollBehavior === 'smooth') out.push('html: smooth scrolling');
    return out;
  });
}

test('prefers-reduced-motion: no transition or animation anywhere', async ({ page }) => {
  // Hold the bundle briefly so the loading skeletons (the one animation) are on screen.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route('**/data/bundle.json', async (route) => {
    await held;
    await route.continue();
  });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  // Not the landing address (that one shows its cards, rendered at build time, meanwhile).
  await page.goto('/?view=cards');
  await expect(page.locator('.skeleton').first()).toBeVisible();
  // Without the preference the skeletons shimmer: the check below can see motion.
  expect((await moving(page)).some((m) => m.includes('shimmer'))).toBe(true);
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await moving(page)).toEqual([]);
  release();
  await expect(page.locator('article.card').first()).toBeVisible({ timeout: 15_000 });
  for (const url of ['/', '/?view=map&place=marrakech', '/?view=stats', '/?view=timeline', '/?id=gc-marrakech-2022']) {
    await page.goto(url);
    await expect(page.locator('main#main')).not.toBeEmpty();
    await page.locator('article.card, .map-marker, .stats-table, .tl-event, article.detail').first().waitFor();
    expect(await moving(page), url).toEqual([]);
  }
});

test('Tab reaches every card of a long list, however fast it is pressed (phone)', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 900 });
  await page.goto('/');
  await expect(page.locator('#boot')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('ul.cards.virtual')).toHaveAttribute('data-total', '73');
  await page.evaluate(() => {
    const w = window as unknown as { cards: Set<number> };
    w.cards = new Set();
    document.addEventListener('focusin', (e) => {
      const li = (e.target as Element).closest('ul.cards > li');
      if (li) w.cards.add(Number(li.getAttribute('aria-posinset')));
    });
  });
  await page.locator('ul.cards > li a').first().focus();
  // Sent without waiting for one another: faster than frames, so faster than the scroll
  // events that move the list's window. A card not in the page yet would be skipped, and
  // focus would leave the list.
  await Promise.all(Array.from({ length: 250 }, () => page.keyboard.press('Tab')));
  const seen = await page.evaluate(() => [...(window as unknown as { cards: Set<number> }).cards]);
  expect(seen.sort((a, b) => a - b)).toEqual(Array.from({ length: 73 }, (_, i) => i + 1));
});

test('the header is in Tab order as it reads: name, search, language, views', async ({ page }) => {
  for (const [lang, width] of [['ar', 1280], ['en', 1280], ['ar', 412], ['fr', 412]] as const) {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(`/?lang=${lang}`);
    await expect(page.locator('#boot')).toHaveCount(0, { timeout: 15_000 });
    // The header's parts in the page's order, each with its box.
    const parts = await page.evaluate(() =>
      ['.brand', '.site-header .search', '.lang-switcher', '.view-switcher'].map((s) => {
        const r = document.querySelector(s)!.getBoundingClientRect();
        return { s, top: r.top, bottom: r.bottom, left: r.left, right: r.right };
      }),
    );
    const rtl = lang === 'ar';
    for (let i = 1; i < parts.length; i++) {
      const [a, b] = [parts[i - 1], parts[i]];
      // The next part is on a lower row, or on the same row further along the reading direction.
      const along = rtl ? b.right <= a.left + 1 : b.left >= a.right - 1;
      expect(b.top >= a.bottom - 1 || along, `${lang} ${width}px: ${a.s} then ${b.s}`).toBe(true);
    }
  }
});

test('Enter in the search field goes to the results, past the filters', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?lang=en');
  await appReady(page);
  const q = page.locator('#q');
  await q.fill('Glasgow');
  await expect(page.locator('article.card[data-id="interpol-ga-92-glasgow-2024"]')).toBeVisible();
  await q.press('Enter');
  await expect(page.locator('#results-count')).toBeFocused();
  // The cards are a few Tab presses on (the count line's own controls first), not 50.
  let reached = false;
  for (let i = 0; i < 4 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await page.evaluate(() => !!document.activeElement?.closest('article.card'));
  }
  expect(reached).toBe(true);
  // Nothing found: focus stays in the field, to type again.
  await q.fill('xqzwv');
  await expect(page.locator('article.card')).toHaveCount(0);
  await q.press('Enter');
  await expect(q).toBeFocused();
});
