/**
 * Shared by click-tab and click-tab-2: a row of tabs "Tab #1" … above a panel; each tab owns the widgets of its
 * page, shown only while it is selected.
 */
import { ADVANCE, textWidth } from '../env/font';
import { AREA, type Scene, type Widget } from '../env/scene';
import { WORDS } from '../env/task';
import type { Rng } from '../../util/random';

export interface TabSet {
  tabs: Widget[];
  /** pages[i]: the widgets shown while tab i is selected. */
  pages: Widget[][];
  select(tab: Widget): void;
}

/** `count` tabs; each page holds `linksPerPage` links among random words (0 links = plain text only). */
export function buildTabs(rng: Rng, scene: Scene, count: number, linksPerPage: number, usedWords: Set<string>): TabSet {
  const x0 = AREA.x + 2 + rng.int(0, 8);
  const y0 = AREA.y + 3 + rng.int(0, 40);
  const tabW = textWidth('Tab #0') + 8;
  const panelH = 70;
  scene.add('panel', x0, y0 + 13, 156 - x0 + AREA.x, panelH);
  const tabs = Array.from({ length: count }, (_, i) => scene.add('tab', x0 + i * (tabW + 1), y0, tabW, 14, { text: `Tab #${i + 1}` }));
  const pages: Widget[][] = tabs.map(() => {
    const words = rng.sample(
      WORDS.filter((w) => !usedWords.has(w)),
      8,
    );
    words.forEach((w) => usedWords.add(w));
    const linkAt = new Set(rng.sample([...words.keys()], linksPerPage));
    const page: Widget[] = [];
    let x = x0 + 4,
      y = y0 + 18;
    words.forEach((word, i) => {
      const w = textWidth(word);
      if (x + w > 154) ((x = x0 + 4), (y += 14));
      page.push(scene.add(linkAt.has(i) ? 'link' : 'text', x, y, w, 11, { text: word }));
      x += w + ADVANCE;
    });
    return page;
  });
  const set: TabSet = {
    tabs,
    pages,
    select(tab) {
      tabs.forEach((t, i) => {
        t.checked = t === tab;
        for (const w of pages[i]) w.visible = t === tab;
      });
    },
  };
  set.select(tabs[0]);
  return set;
}
