/**
 * use-autocomplete (MiniWob `use-autocomplete`): a text field that suggests, once two letters are typed, the
 * names that start with them (up to four buttons under the field); a suggestion fills the field. "Enter the
 * name that starts with "ca" and ends with "la", then press Submit." Submit with that name → +1
 * (time-proportional); otherwise −1.
 *
 * Example:
 *   const env = makeEnv('use-autocomplete'); env.reset(8);
 *   // click the field, type the two letters, click the right suggestion, Submit → reward 1
 */
import { AREA, Scene } from '../env/scene';
import { failure, success, type TaskDefinition } from '../env/task';
import { addSubmit } from './submit';

/** Names that share first letters, so the suggestions leave a choice. */
const NAMES = [
  'carla',
  'carmen',
  'carol',
  'casey',
  'mara',
  'marco',
  'maria',
  'marta',
  'tara',
  'tamar',
  'tania',
  'talia',
  'lena',
  'leon',
  'leona',
  'lewis',
  'dana',
  'daniel',
  'dario',
  'david',
  'sara',
  'sarah',
  'sami',
  'samuel',
];

export const useAutocomplete: TaskDefinition = {
  name: 'use-autocomplete',
  family: 'search',
  description: 'Type the start of a name and pick it from the suggestions, then Submit (MiniWob use-autocomplete).',
  maxSteps: 10,
  generate(rng) {
    const scene = new Scene();
    const target = rng.pick(NAMES);
    const prefix = target.slice(0, 2);
    const suffix = target.slice(-2);
    const x = AREA.x + 6 + rng.int(0, 30);
    const y = AREA.y + 6 + rng.int(0, 50);
    const field = scene.add('input', x, y, 70, 15);
    const submit = addSubmit(scene, x + 76, y);
    const suggestions = Array.from({ length: 4 }, (_, i) => scene.add('button', x, y + 15 + i * 14, 70, 14, { visible: false }));
    const suggest = () => {
      const typed = field.value.toLowerCase();
      const matches = typed.length >= 2 ? NAMES.filter((n) => n.startsWith(typed)).slice(0, 4) : [];
      suggestions.forEach((b, i) => {
        b.visible = i < matches.length;
        b.text = matches[i] ?? '';
      });
    };
    return {
      utterance: `Enter the name that starts with "${prefix}" and ends with "${suffix}", then press Submit.`,
      fields: { prefix, suffix, target },
      scene,
      onEvent(e) {
        if (e.type === 'click' && e.target && suggestions.includes(e.target)) {
          field.value = e.target.text;
          scene.focus(field);
        }
        if (e.type === 'click' && e.target === submit) return field.value.toLowerCase() === target ? success() : failure();
        suggest();
      },
    };
  },
};
