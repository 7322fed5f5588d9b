/**
 * A scripted model for paper → code tests, served by `startOpenAiServer` (the real chat-completions protocol):
 * it reads which stage a request is from the prompt PaperCoder's pipeline sent, and answers that stage for
 * the test paper (tests/fixtures/paper2code/tiny-paper.md). Its first main.py calls a method the model class
 * does not have, so the run fails and the repair loop must fix it with a SEARCH/REPLACE edit.
 */
import { MARK } from '../../../src/paper2code/prompts';
import type { ChatRequest, ServerAnswer } from '../llm/openai-server';

export type PaperCoderStage = 'plan' | 'design' | 'logic' | 'config' | 'analysis' | 'code' | 'repair' | 'review' | 'schema-repair';

export function paperCoderStage(req: ChatRequest): { stage: PaperCoderStage; file?: string } {
  const user = req.messages.at(-1)!.content;
  if (user.startsWith('Your answer could not be used')) return { stage: 'schema-repair' };
  const file = (mark: string) => new RegExp(`${mark} (\\S+?)[.,]?(\\s|$)`).exec(user)?.[1];
  if (user.includes(MARK.code)) return { stage: 'code', file: file(MARK.code) };
  if (user.includes(MARK.analysis)) return { stage: 'analysis', file: file(MARK.analysis) };
  if (user.includes(MARK.repair)) return { stage: 'repair' };
  if (user.includes(MARK.review)) return { stage: 'review' };
  if (user.startsWith(MARK.config)) return { stage: 'config' };
  if (user.startsWith(MARK.logic)) return { stage: 'logic' };
  if (user.startsWith(MARK.design)) return { stage: 'design' };
  return { stage: 'plan' };
}

export const DESIGN = {
  'Implementation approach': 'Pure Python standard library: random for data, lists for vectors.',
  'File list': ['main.py', 'data.py', 'model.py'],
  'Data structures and interfaces':
    'classDiagram\n  class AveragedPerceptron {\n    +float lr\n    +step(x: list, y: int) None\n    +predict(x: list) int\n  }\n  class Data {\n    +make_points(n: int, seed: int) list\n  }\n  Main --> AveragedPerceptron\n  Main --> Data',
  'Program call flow':
    'sequenceDiagram\n  participant M as Main\n  participant D as Data\n  participant P as AveragedPerceptron\n  M->>D: make_points(200, 7)\n  M->>P: step(x, y)\n  M->>P: predict(x)',
  'Anything UNCLEAR': 'Nothing.',
};

export const LOGIC = {
  'Required packages': [],
  'Logic Analysis': [
    ['data.py', 'make_points(n, seed, noise) draws two Gaussian classes around (2,2) and (-2,-2).'],
    ['model.py', 'AveragedPerceptron with step() and predict() using the averaged weights.'],
    ['main.py', 'Reads config.yaml, trains for the configured epochs, prints the held-out accuracy.'],
  ],
  'Task list': ['data.py', 'model.py', 'main.py'],
  Dependencies: { 'main.py': ['data.py', 'model.py'] },
  'Full API spec': '',
  'Shared Knowledge': 'Labels are -1 and +1.',
  'Anything UNCLEAR': 'Nothing.',
};

export const CONFIG = 'seed: 7\nn_train: 200\nn_test: 100\nepochs: 10\nlearning_rate: 0.1\nnoise: 1.0\n';

export const CODE: Record<string, string> = {
  'data.py': `import random
from typing import List, Tuple

Point = Tuple[List[float], int]


def make_points(n: int, seed: int, noise: float = 1.0) -> List[Point]:
    """Two Gaussian classes around (2, 2) (label +1) and (-2, -2) (label -1)."""
    rng = random.Random(seed)
    points: List[Point] = []
    for i in range(n):
        label = 1 if i % 2 == 0 else -1
        centre = 2.0 * label
        points.append(([rng.gauss(centre, noise), rng.gauss(centre, noise)], label))
    return points
`,
  'model.py': `from typing import List


class AveragedPerceptron:
    """Perceptron whose prediction uses the mean of the weights after every step."""

    def __init__(self, dim: int, lr: float = 0.1) -> None:
        self.lr = lr
        self.w = [0.0] * dim
        self.b = 0.0
        self.w_sum = [0.0] * dim
        self.b_sum = 0.0
        self.steps = 0

    def step(self, x: List[float], y: int) -> None:
        if y * (sum(wi * xi for wi, xi in zip(self.w, x)) + self.b) <= 0:
            self.w = [wi + self.lr * y * xi for wi, xi in zip(self.w, x)]
            self.b += self.lr * y
        self.w_sum = [s + wi for s, wi in zip(self.w_sum, self.w)]
        self.b_sum += self.b
        self.steps += 1

    def predict(self, x: List[float]) -> int:
        n = max(self.steps, 1)
        score = sum(s / n * xi for s, xi in zip(self.w_sum, x)) + self.b_sum / n
        return 1 if score > 0 else -1
`,
  'main.py': `import random
from typing import Dict

from data import make_points
from model import AveragedPerceptron


def load_config(path: str = "config.yaml") -> Dict[str, float]:
    config: Dict[str, float] = {}
    with open(path) as f:
        for line in f:
            if ":" in line:
                key, value = line.split(":", 1)
                config[key.strip()] = float(value)
    return config


def main() -> None:
    config = load_config()
    train = make_points(int(config["n_train"]), int(config["seed"]), config["noise"])
    test = make_points(int(config["n_test"]), int(config["seed"]) + 1, config["noise"])
    model = AveragedPerceptron(2, config["learning_rate"])
    rng = random.Random(int(config["seed"]))
    for epoch in range(int(config["epochs"])):
        rng.shuffle(train)
        for x, y in train:
            model.train_step(x, y)
    correct = sum(1 for x, y in test if model.predict(x) == y)
    print(f"accuracy: {correct / len(test):.3f}")


if __name__ == "__main__":
    main()
`,
};

export const REPAIR = `The model class has no train_step; its method is step.

Filename: main.py
<<<<<<< SEARCH
            model.train_step(x, y)
=======
            model.step(x, y)
>>>>>>> REPLACE`;

export interface ScriptOptions {
  /** The first design answer is malformed JSON (a trailing comma), fixed on the schema-repair request. */
  malformedDesign?: boolean;
  /** The logic design's task list, instead of LOGIC's. */
  logic?: Record<string, unknown>;
}

export function paperCoderAnswer(req: ChatRequest, opts: ScriptOptions = {}): ServerAnswer {
  const { stage, file } = paperCoderStage(req);
  const content = (c: string): ServerAnswer => ({ content: c });
  switch (stage) {
    case 'plan':
      return content(
        'Plan: implement the averaged perceptron (Section 2), generate the Gaussian toy data (Section 3), train 10 epochs with learning rate 0.1 and report held-out accuracy.',
      );
    case 'design':
      return content(
        opts.malformedDesign
          ? `[CONTENT]\n${JSON.stringify(DESIGN).replace(/}$/, ',}')}\n[/CONTENT]`
          : `[CONTENT]\n${JSON.stringify(DESIGN, null, 2)}\n[/CONTENT]`,
      );
    case 'schema-repair': {
      const asked = req.messages.at(-3)!.content;
      return content(`[CONTENT]\n${JSON.stringify(asked.startsWith(MARK.logic) ? (opts.logic ?? LOGIC) : DESIGN)}\n[/CONTENT]`);
    }
    case 'logic':
      return content(`Here is the logic design.\n[CONTENT]\n${JSON.stringify(opts.logic ?? LOGIC, null, 2)}\n[/CONTENT]`);
    case 'config':
      return content(`## Code: config.yaml\n\`\`\`yaml\n${CONFIG}\`\`\``);
    case 'analysis':
      return content(`Analysis of ${file}: ${LOGIC['Logic Analysis'].find(([f]) => f === file)?.[1] ?? 'no description'}`);
    case 'code':
      return content(`## Code: ${file}\n\`\`\`python\n${CODE[file!] ?? '# unknown file\n'}\`\`\``);
    case 'repair':
      return content(REPAIR);
    case 'review':
      return content(
        '[CONTENT]\n{"critiques": [{"file": "main.py", "function": "main", "severity": "low", "critique": "Accuracy is printed but not checked against 0.95."}], "score": 4}\n[/CONTENT]',
      );
  }
}

/** The project zip / artifact tree after the scripted run without repair rounds (PaperCoder's layout). */
export const ARTIFACT_TREE = [
  'analyzing_artifacts/data.py_simple_analysis.txt',
  'analyzing_artifacts/main.py_simple_analysis.txt',
  'analyzing_artifacts/model.py_simple_analysis.txt',
  'coding_artifacts/data.py_coding.txt',
  'coding_artifacts/main.py_coding.txt',
  'coding_artifacts/model.py_coding.txt',
  'planning_artifacts/1.1_overall_plan.txt',
  'planning_artifacts/1.2_arch_design.txt',
  'planning_artifacts/1.3_logic_design.txt',
  'planning_artifacts/1.4_config.yaml',
  'planning_artifacts/planning_trajectories.json',
  'repo/config.yaml',
  'repo/data.py',
  'repo/main.py',
  'repo/model.py',
  'usage.json',
];
