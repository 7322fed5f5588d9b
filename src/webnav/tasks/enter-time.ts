/**
 * enter-time (MiniWob `enter-time`, as a time picker): the time shown as "h:mm AM", with − and + buttons under
 * the hours and the minutes (minutes move by 5) and an AM/PM button. "Set the time to 3:25 PM and press
 * Submit." Submit showing that time → +1 (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('enter-time'); env.reset(1);
 *   // click + or − under the hours and minutes until they match, toggle AM/PM if needed, Submit → reward 1
 */
import { textWidth } from '../env/font';
import { AREA, Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

export const formatTime = (h: number, m: number, pm: boolean) => `${h}:${String(m).padStart(2, '0')} ${pm ? 'PM' : 'AM'}`;

export const enterTime: TaskDefinition = {
  name: 'enter-time',
  family: 'enter-time',
  description: 'Set a time with a time picker (hours, minutes, AM/PM), then Submit (MiniWob enter-time).',
  maxSteps: 12,
  generate(rng) {
    const scene = new Scene();
    // The target is at most two presses away per part, so a careful player fits the step limit.
    let h = rng.int(1, 13),
      m = rng.int(0, 12) * 5,
      pm = rng.next() < 0.5;
    const th = ((h - 1 + rng.int(-2, 3) + 12) % 12) + 1;
    const tm = (m + rng.int(-2, 3) * 5 + 60) % 60;
    const tpm = rng.next() < 0.5 ? pm : !pm;
    if (th === h && tm === m && tpm === pm) pm = !pm;
    const x = AREA.x + 8 + rng.int(0, 40),
      y = AREA.y + 8 + rng.int(0, 60);
    const shown = scene.add('text', x, y, textWidth('12:55 PM'), 11, { text: formatTime(h, m, pm) });
    const button = (text: string, bx: number, by: number) => scene.add('button', bx, by, textWidth(text) + 8, 15, { text });
    const hourDown = button('-', x - 2, y + 16);
    const hourUp = button('+', x + 14, y + 16);
    const minDown = button('-', x + 34, y + 16);
    const minUp = button('+', x + 50, y + 16);
    const ampm = button('AM/PM', x + 70, y);
    const submit = addSubmit(scene, x, y + 40);
    return {
      utterance: `Set the time to ${formatTime(th, tm, tpm)} and press Submit.`,
      fields: { time: formatTime(th, tm, tpm) },
      scene,
      onEvent(e) {
        if (e.type !== 'click') return;
        if (e.target === hourUp) h = (h % 12) + 1;
        else if (e.target === hourDown) h = ((h + 10) % 12) + 1;
        else if (e.target === minUp) m = (m + 5) % 60;
        else if (e.target === minDown) m = (m + 55) % 60;
        else if (e.target === ampm) pm = !pm;
        else if (e.target === submit) return h === th && m === tm && pm === tpm ? success() : failure();
        shown.text = formatTime(h, m, pm);
      },
    };
  },
};
