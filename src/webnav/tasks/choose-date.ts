/**
 * choose-date (MiniWob `choose-date`): a date field; clicking it opens a calendar (month name, < and >
 * buttons, a grid of day buttons); a day fills the field and closes the calendar. "Select 03/14/2024 as the
 * date and press Submit." Submit with that date → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('choose-date'); env.reset(5);
 *   // click the field, press < or > until the month shows, click the day, Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const YEAR = 2024;
const daysIn = (month: number) => new Date(Date.UTC(YEAR, month + 1, 0)).getUTCDate();
/** Weekday (0 = Sunday) of the month's first day. */
const firstDay = (month: number) => new Date(Date.UTC(YEAR, month, 1)).getUTCDay();
export const formatDate = (month: number, day: number) => `${String(month + 1).padStart(2, '0')}/${String(day).padStart(2, '0')}/${YEAR}`;

export const chooseDate: TaskDefinition = {
  name: 'choose-date',
  family: 'choose-date',
  description: 'Pick a date in a calendar pop-up, then Submit (MiniWob choose-date).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    let month = rng.int(2, 10);
    const targetMonth = month + rng.int(-2, 3);
    const targetDay = rng.int(1, daysIn(targetMonth) + 1);
    const x = AREA.x + 6 + rng.int(0, 6);
    const y = AREA.y + 4 + rng.int(0, 10);
    const field = scene.add('input', x, y, 80, 15);
    const submit = addSubmit(scene, x + 90, y);
    const calendar = scene.add('panel', x, y + 17, 142, 96, { visible: false });
    const title = scene.add('text', x + 20, y + 20, 100, 11, { visible: false });
    const prev = scene.add('button', x + 2, y + 19, 14, 13, { text: '<', visible: false });
    const next = scene.add('button', x + 126, y + 19, 14, 13, { text: '>', visible: false });
    const days = Array.from({ length: 42 }, (_, i) =>
      scene.add('button', x + 2 + (i % 7) * 20, y + 34 + Math.floor(i / 7) * 13, 19, 12, { visible: false }),
    );
    const show = (open: boolean) => {
      for (const w of [calendar, title, prev, next]) w.visible = open;
      const start = firstDay(month);
      days.forEach((d, i) => {
        const day = i - start + 1;
        d.visible = open && day >= 1 && day <= daysIn(month);
        d.text = String(day);
      });
      title.text = `${MONTHS[month]} ${YEAR}`;
      title.x = calendar.x + Math.floor((calendar.w - textWidth(title.text)) / 2);
    };
    return {
      utterance: `Select ${formatDate(targetMonth, targetDay)} as the date and press Submit.`,
      fields: { date: formatDate(targetMonth, targetDay), month: String(targetMonth), day: String(targetDay) },
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target === field) show(true);
        else if (e.target === prev || e.target === next) {
          month = Math.max(0, Math.min(11, month + (e.target === next ? 1 : -1)));
          show(true);
        } else if (e.target && days.includes(e.target)) {
          field.value = formatDate(month, Number(e.target.text));
          show(false);
        } else if (e.target === submit) return field.value === formatDate(targetMonth, targetDay) ? success() : failure();
        else if (e.target !== calendar && e.target !== title) show(false);
      },
    };
  },
};
