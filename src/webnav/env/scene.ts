/**
 * The retained scene graph of a task's page: widgets in draw order (later = on top), hit-testing, focus and a
 * text caret, the default behaviour of each widget kind (what the DOM would do: focus a field, toggle a
 * checkbox, open a list …), and rendering into a `Raster`.
 *
 * Example:
 *   const scene = new Scene();
 *   const field = scene.add('input', 10, 60, 100, 15);
 *   scene.click(20, 65);            // focuses the field, caret at the click
 *   scene.typeText('hi');           // field.value === 'hi'
 *   scene.render(raster);
 */
import { ADVANCE, GLYPH_H, textWidth } from './font';
import type { Raster } from './raster';

export type WidgetKind =
  | 'text' // static label
  | 'button'
  | 'link'
  | 'input'
  | 'checkbox'
  | 'radio'
  | 'tab'
  | 'panel'
  | 'dialog'
  | 'close'
  | 'select'
  | 'option'
  | 'slider'
  | 'collapsible'
  | 'shape'
  | 'swatch'
  | 'folder'
  | 'file'
  | 'menu' // an entry of a menu bar
  | 'menuitem' // an entry of a drop-down menu
  | 'scrollbox' // a list box that shows `tags.rows` rows of its items and scrolls (the wheel, or its arrow keys)
  | 'listitem' // a row of a scrollbox (`owner`: the box, `tags.row`: its index); a click selects it
  | 'item'; // a draggable labelled box (drag tasks move it)

export type ShapeName = 'circle' | 'triangle' | 'square';

export interface Widget {
  ref: number;
  kind: WidgetKind;
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  value: string;
  /** Checked (checkbox, radio), selected (tab), expanded (collapsible, folder), open (select, menu, menuitem). */
  checked: boolean;
  visible: boolean;
  password: boolean;
  /** Fill colour (shape, swatch, panel, button) or text colour (text). -1 = the kind's default. */
  color: number;
  shape: ShapeName;
  /** Radio group name. */
  group: string;
  min: number;
  max: number;
  /** For an option: the ref of its select. */
  owner: number;
  tags: Record<string, string>;
}

export const COLORS = {
  page: 0xffffff,
  queryBar: 0xfff3a0,
  text: 0x000000,
  link: 0x0000ee,
  buttonFace: 0xdedede,
  border: 0x767676,
  focus: 0x1a73e8,
  caret: 0xd01010,
  tabIdle: 0xc8c8c8,
  titleBar: 0x33669a,
  titleText: 0xffffff,
  track: 0xb0b0b0,
  thumb: 0x1a73e8,
  folder: 0xe0b040,
  file: 0x9a9a9a,
  header: 0xe8e8e8,
  optionHover: 0xd2e3fc,
  selection: 0xb4d5fe,
  item: 0xf4e4bc,
} as const;

/** Height of the instruction bar at the top of the screen (MiniWob's #query is 44 px). */
export const QUERY_HEIGHT = 44;
/** The widget area below the instruction bar. */
export const AREA = { x: 0, y: QUERY_HEIGHT + 1, w: 160, h: 210 - QUERY_HEIGHT - 1 } as const;

const FOCUSABLE: ReadonlySet<WidgetKind> = new Set(['input', 'select', 'slider', 'scrollbox']);

/** Selected characters [from, to) of a text or input widget (a drag across it, or Control+a in a field). */
export interface TextSelection {
  ref: number;
  from: number;
  to: number;
}

export class Scene {
  readonly widgets: Widget[] = [];
  focused: Widget | null = null;
  /** Caret index into the focused input's value. */
  caret = 0;
  selection: TextSelection | null = null;
  /** What Control+c copied (Control+v types it). */
  clipboard = '';

  add(kind: WidgetKind, x: number, y: number, w: number, h: number, props: Partial<Widget> = {}): Widget {
    const widget: Widget = {
      ref: this.widgets.length + 1,
      kind,
      x: Math.round(x),
      y: Math.round(y),
      w: Math.round(w),
      h: Math.round(h),
      text: '',
      value: '',
      checked: false,
      visible: true,
      password: false,
      color: -1,
      shape: 'square',
      group: '',
      min: 0,
      max: 10,
      owner: -1,
      tags: {},
      ...props,
    };
    this.widgets.push(widget);
    return widget;
  }

  byRef(ref: number): Widget | undefined {
    return this.widgets[ref - 1];
  }

  /** The topmost visible widget under (x, y), or null for the bare page. */
  hitTest(x: number, y: number): Widget | null {
    for (let i = this.widgets.length - 1; i >= 0; i--) {
      const w = this.widgets[i];
      if (w.visible && x >= w.x && x < w.x + w.w && y >= w.y && y < w.y + w.h) return w;
    }
    return null;
  }

  focus(widget: Widget | null): void {
    this.focused = widget && FOCUSABLE.has(widget.kind) ? widget : null;
    this.caret = this.focused?.kind === 'input' ? this.focused.value.length : 0;
  }

  /** Applies the clicked widget's default behaviour and returns it (null for the bare page). */
  click(x: number, y: number): Widget | null {
    const target = this.hitTest(x, y);
    // As in a browser, a click clears a text selection, except a click on a button (a form's Submit reads it).
    if (target?.kind !== 'button') this.selection = null;
    // A click anywhere but on an open list's options or on the list itself closes it.
    for (const s of this.widgets)
      if (s.kind === 'select' && s.checked && target?.owner !== s.ref && target !== s) this.setListOpen(s, false);
    this.focus(target);
    if (!target) return null;
    switch (target.kind) {
      case 'input':
        this.caret = Math.max(0, Math.min(target.value.length, Math.round((x - (target.x + 3)) / ADVANCE)));
        break;
      case 'checkbox':
        target.checked = !target.checked;
        break;
      case 'radio':
        for (const r of this.widgets) if (r.kind === 'radio' && r.group === target.group) r.checked = false;
        target.checked = true;
        break;
      case 'select':
        this.setListOpen(target, !target.checked);
        break;
      case 'option': {
        const list = this.byRef(target.owner);
        if (list) {
          list.value = target.text;
          this.setListOpen(list, false);
          this.focus(list);
        }
        break;
      }
      case 'slider':
        target.value = String(this.sliderValueAt(target, x));
        break;
      case 'listitem': {
        for (const o of this.widgets) if (o.kind === 'listitem' && o.owner === target.owner) o.checked = o === target;
        const box = this.byRef(target.owner);
        if (box) {
          box.text = target.text;
          this.focus(box);
        }
        break;
      }
    }
    return target;
  }

  /** The wheel at (x, y): the scrollbox under it (or under its row) scrolls by `dy` rows. Returns the widget under the point. */
  scroll(x: number, y: number, dy: number): Widget | null {
    const target = this.hitTest(x, y);
    const box = target?.kind === 'scrollbox' ? target : target?.kind === 'listitem' ? this.byRef(target.owner) : undefined;
    if (box) this.scrollTo(box, Number(box.value) + dy);
    return target;
  }

  /** Shows rows offset … offset + tags.rows − 1 of a scrollbox (the offset clamped), its other rows hidden. */
  scrollTo(box: Widget, offset: number): void {
    const items = this.widgets.filter((w) => w.kind === 'listitem' && w.owner === box.ref);
    const rows = Number(box.tags.rows);
    const rowH = Number(box.tags.rowHeight);
    const top = Math.max(0, Math.min(items.length - rows, offset));
    box.value = String(top);
    for (const it of items) {
      const row = Number(it.tags.row);
      it.visible = row >= top && row < top + rows;
      it.y = box.y + 1 + (row - top) * rowH;
    }
  }

  /** Character index nearest to x in a text or input widget. */
  private charAt(w: Widget, x: number): number {
    const text = w.kind === 'input' ? w.value : w.text;
    const left = w.kind === 'input' ? w.x + 3 : w.x;
    return Math.max(0, Math.min(text.length, Math.round((x - left) / ADVANCE)));
  }

  /** The selected text, or '' when nothing is selected. */
  selectedText(): string {
    const sel = this.selection;
    const w = sel && this.byRef(sel.ref);
    if (!sel || !w) return '';
    return (w.kind === 'input' ? w.value : w.text).slice(sel.from, sel.to);
  }

  /**
   * Presses the mouse at (x, y), moves to (x2, y2) and releases it, as a browser does: a slider pressed on its
   * track or thumb follows the pointer and takes its value at x2; anything else gets focus from the press but no
   * click (press and release are in different places). Returns the widget pressed on.
   */
  drag(x: number, y: number, x2: number, y2: number): Widget | null {
    const target = this.hitTest(x, y);
    if (x === x2 && y === y2) return this.click(x, y);
    this.focus(target);
    this.selection = null;
    if (target?.kind === 'slider') target.value = String(this.sliderValueAt(target, x2));
    // Across text (a label or a field's value) a drag selects the characters between press and release.
    if (target?.kind === 'text' || target?.kind === 'input') {
      const [a, b] = [this.charAt(target, x), this.charAt(target, x2)].sort((p, q) => p - q);
      if (b > a) this.selection = { ref: target.ref, from: a, to: b };
    }
    return target;
  }

  /** Types into the focused input at the caret; returns false when nothing has focus. */
  typeText(text: string): boolean {
    const f = this.focused;
    if (!f || f.kind !== 'input') return false;
    // Typing replaces the field's own selection, as in a browser.
    const sel = this.selection?.ref === f.ref ? this.selection : null;
    const [from, to] = sel ? [sel.from, sel.to] : [this.caret, this.caret];
    f.value = f.value.slice(0, from) + text + f.value.slice(to);
    this.caret = from + text.length;
    this.selection = null;
    return true;
  }

  /** Editing and navigation keys; returns whether the key did something. */
  key(name: string): boolean {
    const f = this.focused;
    if (name === 'Control+c') {
      const text = this.selectedText();
      if (text) this.clipboard = text;
      return text !== '';
    }
    if (name === 'Control+v') return this.clipboard !== '' && this.typeText(this.clipboard);
    if (name === 'Control+a') {
      if (f?.kind !== 'input' || f.value === '') return false;
      this.selection = { ref: f.ref, from: 0, to: f.value.length };
      return true;
    }
    if (name === 'Tab') {
      const order = this.widgets.filter((w) => w.visible && FOCUSABLE.has(w.kind));
      if (order.length === 0) return false;
      this.focus(order[(order.indexOf(f as Widget) + 1) % order.length]);
      return true;
    }
    if (!f) return false;
    if (f.kind === 'input') {
      const v = f.value;
      switch (name) {
        case 'Backspace':
          if (this.caret === 0) return false;
          f.value = v.slice(0, this.caret - 1) + v.slice(this.caret);
          this.caret--;
          return true;
        case 'Delete':
          if (this.caret >= v.length) return false;
          f.value = v.slice(0, this.caret) + v.slice(this.caret + 1);
          return true;
        case 'ArrowLeft':
          this.caret = Math.max(0, this.caret - 1);
          return true;
        case 'ArrowRight':
          this.caret = Math.min(v.length, this.caret + 1);
          return true;
        case 'Home':
          this.caret = 0;
          return true;
        case 'End':
          this.caret = v.length;
          return true;
      }
      return false;
    }
    if (f.kind === 'slider') {
      // As a range input: Right/Up increase, Left/Down decrease.
      const delta = name === 'ArrowRight' || name === 'ArrowUp' ? 1 : name === 'ArrowLeft' || name === 'ArrowDown' ? -1 : 0;
      if (delta === 0) return false;
      f.value = String(Math.max(f.min, Math.min(f.max, Number(f.value) + delta)));
      return true;
    }
    if (f.kind === 'scrollbox') {
      const delta = name === 'ArrowDown' ? 1 : name === 'ArrowUp' ? -1 : 0;
      if (delta !== 0) this.scrollTo(f, Number(f.value) + delta);
      return delta !== 0;
    }
    if (f.kind === 'select') {
      const delta = name === 'ArrowDown' ? 1 : name === 'ArrowUp' ? -1 : 0;
      if (delta === 0) return false;
      const options = this.widgets.filter((o) => o.owner === f.ref);
      const i = options.findIndex((o) => o.text === f.value);
      const next = options[Math.max(0, Math.min(options.length - 1, i + delta))];
      if (!next) return false;
      f.value = next.text;
      return true;
    }
    return false;
  }

  sliderValueAt(slider: Widget, x: number): number {
    const t = Math.max(0, Math.min(1, (x - slider.x) / Math.max(1, slider.w - 1)));
    return Math.round(slider.min + t * (slider.max - slider.min));
  }

  private drawSelection(img: Raster, w: Widget, left: number, top: number): void {
    const sel = this.selection;
    if (sel?.ref === w.ref)
      img.fillRect(left + sel.from * ADVANCE - 1, top - 1, (sel.to - sel.from) * ADVANCE, GLYPH_H + 1, COLORS.selection);
  }

  private setListOpen(list: Widget, open: boolean): void {
    list.checked = open;
    for (const o of this.widgets) if (o.owner === list.ref) o.visible = open;
  }

  render(img: Raster): void {
    for (const w of this.widgets) if (w.visible) this.drawWidget(img, w);
  }

  private drawWidget(img: Raster, w: Widget): void {
    const textY = (h: number) => w.y + Math.floor((h - GLYPH_H) / 2);
    const centred = (color: number) => img.drawText(w.x + Math.floor((w.w - textWidth(w.text)) / 2), textY(w.h), w.text, color);
    const pick = (fallback: number) => (w.color >= 0 ? w.color : fallback);
    switch (w.kind) {
      case 'text':
        this.drawSelection(img, w, w.x, textY(w.h));
        img.drawText(w.x, textY(w.h), w.text, pick(COLORS.text));
        break;
      case 'link':
        img.drawText(w.x, textY(w.h), w.text, pick(COLORS.link));
        // The underline sits one row below the 9-row glyph cell so that the text stays readable by OCR.
        img.fillRect(w.x, textY(w.h) + GLYPH_H, textWidth(w.text), 1, pick(COLORS.link));
        break;
      case 'button':
      case 'item':
        img.fillRect(w.x, w.y, w.w, w.h, pick(w.kind === 'item' ? COLORS.item : COLORS.buttonFace));
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        centred(COLORS.text);
        break;
      case 'close':
        img.fillRect(w.x, w.y, w.w, w.h, COLORS.buttonFace);
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        centred(COLORS.text);
        break;
      case 'input': {
        const focused = this.focused === w;
        img.fillRect(w.x, w.y, w.w, w.h, 0xffffff);
        img.strokeRect(w.x, w.y, w.w, w.h, focused ? COLORS.focus : COLORS.border);
        const shown = (w.password ? '*'.repeat(w.value.length) : w.value).slice(0, Math.floor((w.w - 4) / ADVANCE));
        this.drawSelection(img, w, w.x + 3, textY(w.h));
        img.drawText(w.x + 3, textY(w.h), shown, COLORS.text);
        // The caret sits in the blank column before character `caret`, in its own colour.
        if (focused) img.fillRect(w.x + 3 + this.caret * ADVANCE - 1, textY(w.h) - 1, 1, GLYPH_H + 1, COLORS.caret);
        break;
      }
      case 'checkbox':
      case 'radio': {
        const by = w.y + Math.floor((w.h - 9) / 2);
        if (w.kind === 'checkbox') {
          img.fillRect(w.x, by, 9, 9, 0xffffff);
          img.strokeRect(w.x, by, 9, 9, COLORS.border);
          if (w.checked) img.fillRect(w.x + 2, by + 2, 5, 5, COLORS.focus);
        } else {
          img.fillCircle(w.x + 4.5, by + 4.5, 4.5, COLORS.border);
          img.fillCircle(w.x + 4.5, by + 4.5, 3.5, 0xffffff);
          if (w.checked) img.fillCircle(w.x + 4.5, by + 4.5, 2, COLORS.focus);
        }
        img.drawText(w.x + 13, textY(w.h), w.text, COLORS.text);
        break;
      }
      case 'tab':
        img.fillRect(w.x, w.y, w.w, w.h, w.checked ? 0xffffff : COLORS.tabIdle);
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        if (w.checked) img.fillRect(w.x + 1, w.y + w.h - 1, w.w - 2, 1, 0xffffff);
        centred(COLORS.text);
        break;
      case 'panel':
        img.fillRect(w.x, w.y, w.w, w.h, pick(0xffffff));
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        break;
      case 'dialog':
        img.fillRect(w.x, w.y, w.w, w.h, 0xffffff);
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        img.fillRect(w.x + 1, w.y + 1, w.w - 2, 14, COLORS.titleBar);
        img.drawText(w.x + 4, w.y + 3, w.text, COLORS.titleText);
        break;
      case 'select': {
        const focused = this.focused === w;
        img.fillRect(w.x, w.y, w.w, w.h, 0xffffff);
        img.strokeRect(w.x, w.y, w.w, w.h, focused ? COLORS.focus : COLORS.border);
        img.drawText(w.x + 3, textY(w.h), w.value, COLORS.text);
        const ax = w.x + w.w - 10,
          ay = w.y + Math.floor(w.h / 2) - 2;
        img.fillTriangle(ax, ay, ax + 7, ay, ax + 3.5, ay + 4, COLORS.text);
        break;
      }
      case 'option': {
        const list = this.byRef(w.owner);
        img.fillRect(w.x, w.y, w.w, w.h, list?.value === w.text ? COLORS.optionHover : 0xffffff);
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.track);
        img.drawText(w.x + 3, textY(w.h), w.text, COLORS.text);
        break;
      }
      case 'slider': {
        const value = Number(w.value);
        const cy = w.y + Math.floor(w.h / 2);
        img.fillRect(w.x, cy - 1, w.w, 3, COLORS.track);
        const tx = w.x + Math.round(((value - w.min) / Math.max(1, w.max - w.min)) * (w.w - 1));
        img.fillRect(tx - 2, w.y, 5, w.h, this.focused === w ? COLORS.focus : COLORS.thumb);
        break;
      }
      case 'collapsible':
        img.fillRect(w.x, w.y, w.w, w.h, COLORS.header);
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        img.drawText(w.x + 4, textY(w.h), `${w.checked ? '-' : '+'} ${w.text}`, COLORS.text);
        break;
      case 'shape': {
        const c = pick(COLORS.text);
        if (w.shape === 'circle') img.fillCircle(w.x + w.w / 2, w.y + w.h / 2, w.w / 2, c);
        else if (w.shape === 'triangle') img.fillTriangle(w.x + w.w / 2, w.y, w.x + w.w, w.y + w.h, w.x, w.y + w.h, c);
        else img.fillRect(w.x, w.y, w.w, w.h, c);
        break;
      }
      case 'swatch':
        img.fillRect(w.x, w.y, w.w, w.h, pick(0x808080));
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.border);
        break;
      case 'menu':
        img.fillRect(w.x, w.y, w.w, w.h, w.checked ? COLORS.optionHover : COLORS.header);
        centred(COLORS.text);
        break;
      case 'menuitem':
        img.fillRect(w.x, w.y, w.w, w.h, w.checked ? COLORS.optionHover : 0xffffff);
        img.strokeRect(w.x, w.y, w.w, w.h, COLORS.track);
        img.drawText(w.x + 3, textY(w.h), w.text, COLORS.text);
        // A submenu is marked by a small right-pointing triangle.
        if (w.tags.submenu === 'true')
          img.fillTriangle(w.x + w.w - 7, w.y + 3, w.x + w.w - 7, w.y + w.h - 3, w.x + w.w - 3, w.y + w.h / 2, COLORS.text);
        break;
      case 'scrollbox': {
        img.fillRect(w.x, w.y, w.w, w.h, 0xffffff);
        img.strokeRect(w.x, w.y, w.w, w.h, this.focused === w ? COLORS.focus : COLORS.border);
        // A scrollbar on the right: the thumb's length and place show which rows are in view.
        const total = this.widgets.filter((o) => o.kind === 'listitem' && o.owner === w.ref).length;
        const rows = Number(w.tags.rows);
        const trackH = w.h - 2;
        const thumbH = Math.max(4, Math.round((trackH * rows) / Math.max(rows, total)));
        const thumbY = w.y + 1 + Math.round(((trackH - thumbH) * Number(w.value)) / Math.max(1, total - rows));
        img.fillRect(w.x + w.w - 5, w.y + 1, 4, trackH, COLORS.header);
        img.fillRect(w.x + w.w - 5, thumbY, 4, thumbH, COLORS.track);
        break;
      }
      case 'listitem':
        img.fillRect(w.x, w.y, w.w, w.h, w.checked ? COLORS.optionHover : 0xffffff);
        img.drawText(w.x + 3, textY(w.h), w.text, COLORS.text);
        break;
      case 'folder':
      case 'file': {
        const iy = w.y + Math.floor((w.h - 7) / 2);
        if (w.kind === 'folder') {
          img.fillRect(w.x, iy + 1, 8, 6, COLORS.folder);
          img.fillRect(w.x, iy, 4, 1, COLORS.folder);
        } else img.fillRect(w.x + 1, iy, 6, 7, COLORS.file);
        img.drawText(w.x + 11, textY(w.h), w.text, COLORS.text);
        break;
      }
    }
  }
}
