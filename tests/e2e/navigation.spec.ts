// Moving between the list and the records' pages as a reader does: links keep the
// interface language, Back returns to the place left, a record's page opens at its top, and
// the skip link moves focus past the header. Each case was a defect a review of the release
// build found (session of 2026-12-07).
import { test, expect, watch, appReady } from './fixtures';

test.use({ serviceWorkers: 'block' });

test('every link to a record keeps the interface language, the home link too', async ({ page }) => {
  const problems = watch(page);
  await page.goto('/?lang=fr&q=' + encodeURIComponent('Hammouchi'));
  await appReady(page);
  const card = page.locator('article.card').first();
  await expect(card).toBeVisible();
  // A source in the card's footer.
  await card.locator('.sources a').first().click();
  await expect(page.locator('article.detail')).toBeVisible();
  await expect(page).toHaveURL(/lang=fr/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
  // Every link of a record's page to another record, then the home link.
  await page.goto('/?lang=en&id=gc-marrakech-2022');
  await expect(page.locator('article.detail[data-id="gc-marrakech-2022"]')).toBeVisible();
  const hrefs = await page
    .locator('article.detail a[href*="id="]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThan(5);
  for (const h of hrefs) expect(h, h).toContain('lang=en');
  await page.locator('article.detail a[href*="id=interpol"]').first().click();
  await expect(page.locator('article.detail[data-id="interpol"]')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
  await page.locator('#brand-link').click();
  await expect(page).toHaveURL(/\?lang=en$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // The statistics table's links.
  await page.goto('/?lang=es&view=stats');
  const rows = page.locator('table a[href*="id="]');
  await expect(rows.first()).toBeAttached();
  for (const h of await rows.evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''))) {
    expect(h, h).toContain('lang=es');
  }
  expect(problems).toEqual([]);
});

for (const [name, size, how] of [
  ['phone', { width: 390, height: 844 }, 'Back'],
  ['desktop', { width: 1280, height: 800 }, 'Back'],
  ['phone', { width: 390, height: 844 }, 'the back link'],
] as const) {
  test(`${name}: ${how} from a record's page returns to the place in the list, on its card`, async ({ page }) => {
    const problems = watch(page);
    await page.setViewportSize(size);
    await page.goto('/');
    await appReady(page);
    await expect(page.locator('ul.cards.virtual')).toHaveAttribute('data-total', '73');
    // Far down the list: about two thirds of the page.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight * 0.66));
    await page.waitForTimeout(300);
    // A card on screen (the list renders a few rows beyond it), found by its id: the list
    // re-renders its rows as the page scrolls.
    const id = await page.evaluate(() => {
      const cards = [...document.querySelectorAll('article.card')];
      const seen = cards.find((c) => {
        const r = c.getBoundingClientRect();
        return r.top > 0 && r.bottom < window.innerHeight;
      });
      return seen?.getAttribute('data-id') ?? null;
    });
    expect(id).not.toBeNull();
    const link = page.locator(`article.card[data-id="${id}"] .card-link`);
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(2 * size.height);
    await link.click();
    await expect(page.locator(`article.detail[data-id="${id}"]`)).toBeVisible();
    expect(await page.evaluate(() => window.scrollY)).toBeLessThan(50);
    const entries = await page.evaluate(() => history.length);
    if (how === 'Back') {
      await page.goBack();
    } else {
      // "Back to results" goes Back to the list it came from: no copy of it in history.
      await page.locator('article.detail .back a').click();
      await expect(page).toHaveURL(/\/$/);
      expect(await page.evaluate(() => history.length)).toBe(entries);
    }
    const card = page.locator(`article.card[data-id="${id}"] .card-link`);
    await expect(card).toBeFocused();
    const back = await page.evaluate(() => window.scrollY);
    expect(Math.abs(back - y), `left at ${y}, back at ${back}`).toBeLessThan(4);
    await expect(card).toBeInViewport();
    // Forward: the record's page again, at its top.
    await page.goForward();
    await expect(page.locator(`article.detail[data-id="${id}"]`)).toBeVisible();
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);
    expect(problems).toEqual([]);
  });
}

test('"back to results" on a page opened directly goes to the list, in the site', async ({ page }) => {
  // Opened from another page (here the list without a query): the link goes to its own
  // list, not Back.
  await page.goto('/?lang=en');
  await appReady(page);
  await page.goto('/?id=interpol');
  await expect(page.locator('article.detail[data-id="interpol"]')).toBeVisible();
  await page.locator('article.detail .back a').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'ar');
  await page.goto('/?lang=en&q=Interpol&id=interpol');
  await expect(page.locator('article.detail[data-id="interpol"]')).toBeVisible();
  await page.locator('article.detail .back a').click();
  await expect(page).toHaveURL(/\?lang=en&q=Interpol$/);
  await expect(page.locator('article.card').first()).toBeVisible();
  // Then Back (the page again) and the link once more: still a link, not Back out of it.
  await page.goBack();
  await expect(page.locator('article.detail[data-id="interpol"]')).toBeVisible();
  await page.locator('article.detail .back a').click();
  await expect(page).toHaveURL(/\?lang=en&q=Interpol$/);
  await expect(page.locator('article.card').first()).toBeVisible();
});

test("a source's link in a card opens the source's page at its top, its title focused", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?q=' + encodeURIComponent('الدخيسي'));
  await appReady(page);
  const source = page.locator('article.card .sources a').first();
  await expect(source).toBeVisible();
  await source.scrollIntoViewIfNeeded();
  await source.click();
  await expect(page.locator('article.detail[data-kind="source"], article.detail').first()).toBeVisible();
  await expect(page.locator('.detail-title')).toBeFocused();
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeLessThan(50);
});

test('the skip link moves focus to the content, past the header and filters', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  await page.keyboard.press('Tab');
  await expect(page.locator('#skip-link')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main#main')).toBeFocused();
  // The next Tab goes into the content, not back to the header's logo.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => !!document.activeElement?.closest('main'));
  expect(inMain).toBe(true);
});

test("the tab's title names the record, the search or the view", async ({ page }) => {
  await page.goto('/?lang=en&id=gc-marrakech-2022');
  await expect(page.locator('article.detail[data-id="gc-marrakech-2022"]')).toBeVisible();
  const title = await page.locator('.detail-title').innerText();
  await expect(page).toHaveTitle(`${title} — Atlas`);
  // A figure: its value, then its label (which follows a number).
  await page.goto('/?lang=en&id=gc-marrakech-2022-countries-alalam');
  await expect(page).toHaveTitle('75 countries and organisations represented (Al Alam) — Atlas');
  await page.goto('/?lang=en&view=stats');
  await expect(page).toHaveTitle(/^Statistics — /);
  await page.goto('/?q=' + encodeURIComponent('طنجة'));
  await appReady(page);
  await expect(page).toHaveTitle('طنجة — أطلس');
  // A search in another view names both.
  await page.goto('/?lang=fr&view=map&q=Glasgow');
  await expect(page).toHaveTitle('Glasgow · Carte — Atlas');
  await page.goto('/');
  await appReady(page);
  await expect(page).toHaveTitle(/^أطلس — /);
});

test('a year range chosen backwards is read, and shown, the right way round', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?lang=en');
  await appReady(page);
  const from = page.locator('select[name="year-from"]');
  const to = page.locator('select[name="year-to"]');
  await expect(from).toBeVisible();
  await from.selectOption('2022');
  await expect(page).toHaveURL(/year=2022/);
  await to.selectOption('2021');
  await expect(page).toHaveURL(/year=2021-2022/);
  await expect(from).toHaveValue('2021');
  await expect(to).toHaveValue('2022');
  // The menus follow the address: Back, then a removed chip, set them too.
  const years = await from.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
  const [first, last] = [years[0], years[years.length - 1]];
  expect(Number(last)).toBeGreaterThan(2022);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`year=2022-${last}(&|$)`));
  await expect(from).toHaveValue('2022');
  await expect(to).toHaveValue(last);
  await page.goBack();
  await expect(page).not.toHaveURL(/year=/);
  await expect(from).toHaveValue(first);
  await expect(to).toHaveValue(last);
  await page.goForward();
  await expect(from).toHaveValue('2022');
  await page.locator('a.filter-chip[data-facet="year"]').click();
  await expect(page).not.toHaveURL(/year=/);
  await expect(from).toHaveValue(first);
  await expect(to).toHaveValue(last);
  // A range of one year, then a later "from": the range is that year to the later one,
  // and the menus say so though the "from" year did not change.
  await from.selectOption('2022');
  await to.selectOption('2022');
  await expect(page).toHaveURL(/year=2022(&|$)/);
  await from.selectOption('2023');
  await expect(page).toHaveURL(/year=2022-2023/);
  await expect(from).toHaveValue('2022');
  await expect(to).toHaveValue('2023');
});

test("a record's page in English: names joined by commas, claims marked with their language", async ({ page }) => {
  await page.goto('/?lang=en&id=gc-marrakech-2022');
  await expect(page.locator('article.detail[data-id="gc-marrakech-2022"]')).toBeVisible();
  const topics = page.locator('.fact', { has: page.locator('dt', { hasText: 'Topics' }) }).locator('dd');
  await expect(topics).toContainText(', ');
  await expect(topics).not.toContainText('،');
  // A claim in a source's own words carries the source's language: both sources of who
  // organised the congress write Arabic, on the English page too.
  const claims = page.locator('section[data-id="gc-marrakech-2022-organizers"] .claim-value bdi');
  await expect(claims).toHaveCount(2);
  expect(await claims.evaluateAll((els) => els.map((e) => e.getAttribute('lang')))).toEqual(['ar', 'ar']);
  // Then what each says, in English.
  const glosses = page.locator('section[data-id="gc-marrakech-2022-organizers"] .claim-gloss');
  await expect(glosses).toHaveCount(2);
  expect(await glosses.evaluateAll((els) => els.map((e) => e.getAttribute('lang')))).toEqual(['en', 'en']);
  await expect(glosses.first()).toContainText('Rabat office');
  await expect(glosses.last()).toContainText('DGSN');
  // What the sources differ on names the heading, in English.
  await expect(page.locator('section[data-id="gc-marrakech-2022-organizers"] h3')).toContainText('Who organised');
});

test('a spelling claim says what sets it apart; an Arabic gloss equal to its value is not repeated', async ({ page }) => {
  await page.goto('/?id=interpol');
  const spellings = page.locator('section[data-id="interpol-spelling"] .claim');
  await expect(spellings).toHaveCount(4);
  // In Arabic too: four spellings side by side say little until their difference is named.
  await expect(spellings.locator('.claim-gloss')).toHaveCount(4);
  await expect(spellings.first().locator('.claim-gloss')).toHaveAttribute('lang', 'ar');
  await expect(spellings.first().locator('.claim-gloss')).toContainText('همزة');
  await page.goto('/?id=gc-marrakech-2022');
  await expect(page.locator('section[data-id="gc-marrakech-2022-organizers"] .claim')).toHaveCount(2);
  await expect(page.locator('section[data-id="gc-marrakech-2022-organizers"] .claim-gloss')).toHaveCount(0);
  await page.goto('/?lang=fr&id=interpol');
  await expect(page.locator('section[data-id="interpol-spelling"] .claim-gloss').first()).toContainText("hamza sur l'alif");
});

test("a card kept while the query changes links its sources with the new query", async ({ page }) => {
  await page.goto('/?lang=en&q=' + encodeURIComponent('Hammouchi'));
  await appReady(page);
  const card = page.locator('article.card[data-id="abdellatif-hammouchi"]');
  await expect(card).toBeVisible();
  await page.locator('input[name="q"]').fill('Hammouchi Glasgow');
  await expect(page).toHaveURL(/Glasgow/);
  await expect(card).toBeVisible();
  const href = await card.locator('.sources a').first().getAttribute('href');
  expect(href).toContain('Glasgow');
  expect(href).toContain('lang=en');
});

test("a percentage on a record's page reads once: the number, then the label that says percent", async ({ page }) => {
  await page.goto('/?lang=en&id=ma-terror-cells-isis-share-2002-2021');
  const value = page.locator('.fact', { has: page.locator('dt', { hasText: 'Value' }) }).locator('dd');
  await expect(value).toContainText('88 percent of');
  await expect(value).not.toContainText('%');
});

test('on a phone the statistics table keeps its column headers for screen readers', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/?lang=en&view=stats');
  await expect(page.locator('.stats-table').first()).toBeAttached();
  const table = page.getByRole('table').first();
  await expect(table.getByRole('columnheader').first()).toBeAttached();
  expect(await table.getByRole('columnheader').count()).toBeGreaterThan(1);
  // A wide screen shows the header row.
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect(table.getByRole('columnheader').first()).toBeVisible();
  const height = await table.locator('thead').evaluate((t) => t.getBoundingClientRect().height);
  expect(height).toBeGreaterThan(10);
});

test('a suggestion on the no-results page searches in the same language', async ({ page }) => {
  await page.goto('/?lang=en&q=zzzqqq');
  await appReady(page);
  const arabic = page.locator('ul.suggestions a', { hasText: 'غلاسكو' });
  await expect(arabic).toHaveAttribute('lang', 'ar');
  await arabic.click();
  await expect(page).toHaveURL(/lang=en/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('article.card').first()).toBeVisible();
});

test('a language chosen from the menu with the keyboard leaves focus on the menu', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?view=stats');
  await expect(page.locator('.stats-table').first()).toBeAttached();
  const button = page.locator('[data-menu="lang"] summary');
  await button.focus();
  await page.keyboard.press('Enter');
  const english = page.locator('[data-menu="lang"] a[data-lang="en"]');
  await expect(english).toBeVisible();
  await english.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.locator('[data-menu="lang"] summary')).toBeFocused();
});

test('with a place chosen, the map still counts the events of the other places', async ({ page }) => {
  await page.goto('/?lang=en&view=map');
  const tangier = page.locator('[data-list-place="tangier"] .facet-count');
  await expect(tangier).toBeVisible();
  const before = await tangier.innerText();
  expect(before).not.toMatch(/^0 /);
  await page.goto('/?lang=en&view=map&place=marrakech');
  await expect(page.locator('[data-list-place="marrakech"]')).toHaveAttribute('aria-pressed', 'true');
  await expect(tangier).toHaveText(before);
  await expect(page.locator('.map-marker[data-place="tangier"]')).not.toHaveClass(/empty/);
});

test('years passed with the arrow keys make one step of history; "+ more" focuses the first new value', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/?lang=en');
  await appReady(page);
  const from = page.locator('select[name="year-from"]');
  await expect(from).toBeVisible();
  const entries = await page.evaluate(() => history.length);
  const first = await from.inputValue();
  await from.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(from).not.toHaveValue(first);
  await expect(page).toHaveURL(/year=/);
  expect(await page.evaluate(() => history.length)).toBe(entries + 1);
  await page.goBack();
  await expect(page).not.toHaveURL(/year=/);
  // A facet's "+ N": the values it adds come after the first eight; focus goes to the first.
  const more = page.locator('fieldset.facet[data-facet="org"] button.link-button');
  await more.click();
  await expect(more).toHaveAttribute('aria-expanded', 'true');
  await expect(page.locator('fieldset.facet[data-facet="org"] li:nth-child(9) input')).toBeFocused();
});

test('the list opened twice: Back returns to the place of each, not the last one left', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  await appReady(page);
  await expect(page.locator('ul.cards.virtual')).toHaveAttribute('data-total', '73');
  /** Scrolls the list to `share` of its height, then opens a card on screen; the place. */
  const leaveAt = async (share: number) => {
    await page.evaluate((s) => window.scrollTo(0, document.documentElement.scrollHeight * s), share);
    await page.waitForTimeout(300);
    const y = await page.evaluate(() => window.scrollY);
    const id = await page.evaluate(() =>
      [...document.querySelectorAll('article.card')]
        .find((c) => c.getBoundingClientRect().top > 0 && c.getBoundingClientRect().bottom < innerHeight)
        ?.getAttribute('data-id'),
    );
    // A click without Playwright's own scrolling into view (under the sticky header it
    // moved the page ≈ 23 px after `y` was read, 2 runs in 10): the place left is `y`.
    await page.evaluate((id) => (document.querySelector(`article.card[data-id="${id}"] .card-link`) as HTMLElement).click(), id);
    await expect(page.locator(`article.detail[data-id="${id}"]`)).toBeVisible();
    return y;
  };
  const far = await leaveAt(0.7);
  // The logo: the same list again, a new step of history, left higher up.
  await page.locator('#brand-link').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.locator('ul.cards.virtual')).toBeVisible();
  const near = await leaveAt(0.25);
  expect(far - near).toBeGreaterThan(2000);
  const placeAfterBack = async () => {
    await page.goBack();
    await expect(page.locator('ul.cards.virtual')).toBeVisible();
    await page.waitForTimeout(400);
    return page.evaluate(() => window.scrollY);
  };
  expect(Math.abs((await placeAfterBack()) - near)).toBeLessThan(4);
  await page.goBack();
  await expect(page.locator('article.detail')).toBeVisible();
  expect(Math.abs((await placeAfterBack()) - far)).toBeLessThan(4);
});

test('a settled search keeps its history entry: Back returns to it from the next one', async ({ page }) => {
  await page.goto('/');
  await appReady(page);
  const q = page.locator('#q');
  await q.fill('حموشي');
  await q.press('Enter');
  await expect(page).toHaveURL(/q=%D8%AD%D9%85%D9%88%D8%B4%D9%8A/);
  await q.fill('غلاسكو');
  await q.press('Enter');
  await expect(page).toHaveURL(/q=%D8%BA%D9%84%D8%A7%D8%B3%D9%83%D9%88/);
  await page.goBack();
  await expect(page).toHaveURL(/q=%D8%AD%D9%85%D9%88%D8%B4%D9%8A/);
  await expect(q).toHaveValue('حموشي');
  // And the list without a query before it: the first search did not replace it.
  await page.goBack();
  await expect(page).not.toHaveURL(/q=/);
  await expect(q).toHaveValue('');
});

test("typing on a record's page keeps the record in history", async ({ page }) => {
  await page.goto('/?q=' + encodeURIComponent('حموشي') + '&id=abdellatif-hammouchi');
  await expect(page.locator('article.detail[data-id="abdellatif-hammouchi"]')).toBeVisible();
  await page.locator('#q').fill('Glasgow');
  await expect(page).toHaveURL(/q=Glasgow/);
  await expect(page).not.toHaveURL(/id=/);
  await expect(page.locator('article.card[data-id="glasgow"]')).toBeVisible();
  await page.goBack();
  await expect(page.locator('article.detail[data-id="abdellatif-hammouchi"]')).toBeVisible();
});

test('a query changed far down the list shows the new results from their top', async ({ page }) => {
  await page.setViewportSize({ width: 412, height: 915 });
  await page.goto('/?q=' + encodeURIComponent('مراكش'));
  await appReady(page);
  await expect(page.locator('article.card').first()).toBeVisible();
  await page.evaluate(() => window.scrollTo(0, 2500));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
  await page.locator('#q').focus();
  await page.keyboard.type(' 2022');
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  await expect(page.locator('#results-count')).toBeInViewport();
});
