/**
 * click-menu (MiniWob `click-menu`, with clicks instead of hovering): a menu bar; a click opens a menu, a click on
 * an entry marked ▸ opens its submenu. "Select File>Open>Recent from the menu." The named entry → +1
 * (time-proportional); any other final entry → −1; a click elsewhere closes the menus.
 *
 * Example:
 *   const env = makeEnv('click-menu'); env.reset(19);
 *   // click the menu, then the submenu entry (if any), then the target → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene, type Widget } from '../env/scene';
import { WORDS, capitalize, failure, success, type TaskDefinition } from '../env/task';

const ITEM_H = 12;
const ITEM_W = 48;

export const clickMenu: TaskDefinition = {
  name: 'click-menu',
  family: 'click-menu',
  description: 'Open a menu (and a submenu) and choose the named entry (MiniWob click-menu).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const words = rng.sample(WORDS, 3 + 3 * 4 + 3 * 3).map(capitalize);
    const y0 = AREA.y + 4 + rng.int(0, 30);
    const bar = scene.add('panel', AREA.x + 2, y0, 156, 13, { color: 0xe8e8e8 });
    void bar;
    let x = AREA.x + 3;
    const menus: Widget[] = [];
    const leaves: { widget: Widget; path: string }[] = [];
    // Menus and items first; submenu items last so that they are drawn (and hit) on top.
    const submenus: (() => void)[] = [];
    for (let m = 0; m < 3; m++) {
      const title = words.pop()!;
      const menu = scene.add('menu', x, y0 + 1, textWidth(title) + 8, 11, { text: title });
      menus.push(menu);
      const withSub = rng.int(0, 4);
      for (let i = 0; i < 4; i++) {
        const text = words.pop()!;
        const item = scene.add('menuitem', menu.x, y0 + 13 + i * ITEM_H, ITEM_W, ITEM_H, { text, owner: menu.ref, visible: false });
        if (i === withSub && m < 3) {
          item.tags.submenu = 'true';
          const subWords = [words.pop()!, words.pop()!, words.pop()!];
          submenus.push(() =>
            subWords.forEach((sub, j) => {
              const left = item.x + ITEM_W + ITEM_W <= 158 ? item.x + ITEM_W - 1 : item.x - ITEM_W + 1;
              const w = scene.add('menuitem', left, item.y + j * ITEM_H, ITEM_W, ITEM_H, { text: sub, owner: item.ref, visible: false });
              leaves.push({ widget: w, path: `${title}>${text}>${sub}` });
            }),
          );
        } else leaves.push({ widget: item, path: `${title}>${text}` });
      }
      x += menu.w + 4;
    }
    submenus.forEach((add) => add());
    const target = rng.pick(leaves);
    const children = (owner: Widget) => scene.widgets.filter((w) => w.owner === owner.ref && w.kind === 'menuitem');
    const close = (owner: Widget) => {
      owner.checked = false;
      for (const c of children(owner)) {
        c.visible = false;
        close(c);
      }
    };
    return {
      utterance: `Select ${target.path} from the menu.`,
      fields: { target: target.path },
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        const t = e.target;
        if (t?.kind === 'menu') {
          const wasOpen = t.checked;
          menus.forEach(close);
          if (!wasOpen) {
            t.checked = true;
            for (const c of children(t)) c.visible = true;
          }
          return;
        }
        if (t?.kind === 'menuitem' && t.tags.submenu === 'true') {
          for (const sibling of children(scene.byRef(t.owner)!)) if (sibling !== t) close(sibling);
          t.checked = true;
          for (const c of children(t)) c.visible = true;
          return;
        }
        if (t?.kind === 'menuitem') return t === target.widget ? success() : failure();
        menus.forEach(close);
      },
    };
  },
};
