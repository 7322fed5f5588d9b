/**
 * navigate-tree (MiniWob `navigate-tree`): a file tree; clicking a folder opens or closes it.
 * "Navigate through the file tree. Find and click on the folder or file named "X"." The named node → +1
 * (time-proportional); another file → −1; other folders just open or close.
 *
 * Example:
 *   const env = makeEnv('navigate-tree'); env.reset(14);
 *   // open the folder that holds X, then click X → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene, type Widget } from '../env/scene';
import { NAMES, capitalize, failure, success, type TaskDefinition } from '../env/task';

interface TreeNode {
  widget: Widget;
  depth: number;
  parent: TreeNode | null;
}

const ROW = 11;

export const navigateTree: TaskDefinition = {
  name: 'navigate-tree',
  family: 'navigate-tree',
  description: 'Open folders of a file tree to find and click the named node (MiniWob navigate-tree).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const names = rng.shuffle(NAMES).map(capitalize);
    const nodes: TreeNode[] = [];
    const add = (kind: 'folder' | 'file', depth: number, parent: TreeNode | null): TreeNode => {
      const text = names.pop()!;
      const node = { widget: scene.add(kind, 0, 0, 11 + textWidth(text), ROW, { text, tags: { depth: String(depth) } }), depth, parent };
      nodes.push(node);
      return node;
    };
    const root = add('folder', 0, null);
    root.widget.checked = true;
    const folders = rng.int(2, 4);
    for (let f = 0; f < folders; f++) {
      const folder = add('folder', 1, root);
      for (let i = rng.int(1, 4); i > 0; i--) add('file', 2, folder);
    }
    for (let i = rng.int(0, 2); i > 0; i--) add('file', 1, root);
    const x0 = AREA.x + 4 + rng.int(0, 40),
      y0 = AREA.y + 3;
    const layout = () => {
      let row = 0;
      for (const n of nodes) {
        let open = true;
        for (let p = n.parent; p; p = p.parent) open &&= p.widget.checked;
        n.widget.visible = open;
        if (!open) continue;
        n.widget.x = x0 + n.depth * 10;
        n.widget.y = y0 + row++ * ROW;
      }
    };
    layout();
    const target = rng.pick(nodes.slice(1)).widget;
    return {
      utterance: `Navigate through the file tree. Find and click on the folder or file named "${target.text}".`,
      fields: { target: target.text },
      scene,
      onEvent(e) {
        if (e.type !== 'click' || !e.target) return;
        if (e.target === target) return success();
        if (e.target.kind === 'file') return failure();
        if (e.target.kind === 'folder') {
          e.target.checked = !e.target.checked;
          layout();
        }
      },
    };
  },
};
