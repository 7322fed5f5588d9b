"""
Trains the small Llama-family model that ships with the app (public/models/recall-llama/) on generated
multi-query associative recall: single-token keys and values hidden among filler words, then queried.

    nice -n 19 /usr/bin/python3 scripts/train/train_recall.py [--minutes M] [--out DIR] [--threads N]

Resumes from the weights and training.json in --out (the optimizer restarts: Adam's moments recover in a few
steps). Writes, every checkpoint: model.safetensors (f32, Hugging Face Llama names), config.json,
tokenizer.json (word-level, whitespace split), tokenizer_config.json, training.json (step, curriculum, history).
Needs only Debian's python3-torch (+ libopenblas0-pthread); the app and its tests need only the committed output.

A sample (length L tokens, counted with <s>):
    <s> w12 w3 k17 v40 w9 ... k5 v2 ... k17 v40 ... Q k5 v2 k17 v40 k31 v8 ...
- 'pairs' distinct keys (k0..k63) with random values (v0..v63) placed at random among filler words (w0..w63);
- a share of the pairs appears a second time later in the haystack (the one change measured to start learning);
- after the "Q" marker each queried key (up to 8) is followed by its value; loss is on every value whose key was seen before
  (the answers, and the second occurrence of repeated pairs);
- 20% of samples are the needle variant: one pair, one query.
Length curriculum: 64 -> 128 -> 256 -> 512 -> 1024, advancing when held-out exact match (per query, greedy
argmax of the value) reaches 0.9 at the current length; each batch mixes the current length with shorter ones.
"""
import argparse, json, math, os, random, struct, time

import torch
import torch.nn as nn
import torch.nn.functional as F

N_KEYS, N_VALUES, N_FILLER, N_QUERIES = 64, 64, 64, 8
SPECIALS = ['<pad>', '<s>', '</s>', 'Q']
VOCAB = SPECIALS + [f'k{i}' for i in range(N_KEYS)] + [f'v{i}' for i in range(N_VALUES)] + [f'w{i}' for i in range(N_FILLER)]
TOK = {t: i for i, t in enumerate(VOCAB)}
PAD, BOS, EOS, QMARK = 0, 1, 2, 3
KEY0, VAL0, FIL0 = 4, 4 + N_KEYS, 4 + N_KEYS + N_VALUES
CURRICULUM = [64, 128, 256, 512, 1024]
DATA_DESCRIPTION = ('multi-query associative recall: 64 keys, 64 values, 64 filler words; 2..min(16, L/8) pairs, 40% of pairs '
                    'repeated later in the haystack, 20% needle samples (1 pair, 1 query), up to 8 queries')
CONFIG = dict(hidden_size=128, intermediate_size=256, num_hidden_layers=2, num_attention_heads=4, num_key_value_heads=2,
              head_dim=32, rms_norm_eps=1e-5, rope_theta=10000.0, max_position_embeddings=2048)


def make_sample(rng: random.Random, length: int, needle: bool):
    """Returns (tokens, targets) with len(tokens) == length; targets[i] = next-token label or -100."""
    # Many pairs and queries per sample: more supervised answers per step (learning stalled at ln 4 with 2-4 pairs).
    n_pairs = 1 if needle else rng.randint(2, max(2, min(N_KEYS // 4, length // 8)))
    n_queries = 1 if needle else min(N_QUERIES, n_pairs)
    keys = rng.sample(range(N_KEYS), n_pairs)
    vals = [rng.randrange(N_VALUES) for _ in keys]
    query = rng.sample(range(n_pairs), n_queries)
    hay_len = length - 1 - 1 - 2 * n_queries  # <s>, Q, (key value) per query
    items = [(i, False) for i in range(n_pairs)]
    items += [(i, True) for i in range(n_pairs) if rng.random() < 0.4]  # repeated pairs
    fill = hay_len - 2 * len(items)
    if fill < 0:  # too many items for the length: drop repeats
        items = [it for it in items if not it[1]]
        fill = hay_len - 2 * len(items)
    # random slots among the filler; a repeat must come after its first occurrence
    slots = sorted(rng.sample(range(fill + len(items)), len(items)))
    firsts = [it for it in items if not it[1]]
    repeats = [it for it in items if it[1]]
    rng.shuffle(firsts)
    order = list(firsts)
    for r in repeats:  # insert after the first occurrence of its pair
        pos = next(j for j, it in enumerate(order) if it[0] == r[0] and not it[1])
        order.insert(rng.randint(pos + 1, len(order)), r)
    tokens, targets = [BOS], [-100]
    seen = set()
    it_idx, slot_set = 0, set(slots)
    for s in range(fill + len(items)):
        if s in slot_set:
            p, _ = order[it_idx]; it_idx += 1
            k, v = KEY0 + keys[p], VAL0 + vals[p]
            tokens += [k, v]
            targets += [v if p in seen else -100, -100]
            seen.add(p)
        else:
            tokens.append(FIL0 + rng.randrange(N_FILLER)); targets.append(-100)
    tokens.append(QMARK); targets.append(-100)
    for p in query:
        tokens += [KEY0 + keys[p], VAL0 + vals[p]]
        targets += [VAL0 + vals[p], -100]
    # targets[i] labels the token at i+1: shift so label sits at the position that predicts it
    labels = [-100] * length
    for i in range(length - 1):
        if tokens[i + 1] >= VAL0 and tokens[i + 1] < FIL0 and targets[i] != -100:
            labels[i] = tokens[i + 1]
    assert len(tokens) == length, (len(tokens), length)
    return tokens, labels


def rope(x, theta):
    # Hugging Face Llama convention: rotate_half over the two halves of the head dim. x: [B, H, S, D]
    d = x.shape[-1]
    inv = 1.0 / (theta ** (torch.arange(0, d, 2, dtype=torch.float32) / d))
    ang = torch.arange(x.shape[2], dtype=torch.float32)[:, None] * inv[None, :]
    emb = torch.cat([ang, ang], dim=-1)
    cos, sin = emb.cos(), emb.sin()
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return x * cos + torch.cat([-x2, x1], dim=-1) * sin


class RMSNorm(nn.Module):
    def __init__(self, d, eps):
        super().__init__(); self.weight = nn.Parameter(torch.ones(d)); self.eps = eps

    def forward(self, x):
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + self.eps) * self.weight


class Layer(nn.Module):
    def __init__(self, c):
        super().__init__()
        d, h, kvh, hd = c['hidden_size'], c['num_attention_heads'], c['num_key_value_heads'], c['head_dim']
        self.h, self.kvh, self.hd, self.theta = h, kvh, hd, c['rope_theta']
        self.input_layernorm = RMSNorm(d, c['rms_norm_eps'])
        self.post_attention_layernorm = RMSNorm(d, c['rms_norm_eps'])
        self.q_proj = nn.Linear(d, h * hd, bias=False); self.k_proj = nn.Linear(d, kvh * hd, bias=False)
        self.v_proj = nn.Linear(d, kvh * hd, bias=False); self.o_proj = nn.Linear(h * hd, d, bias=False)
        m = c['intermediate_size']
        self.gate_proj = nn.Linear(d, m, bias=False); self.up_proj = nn.Linear(d, m, bias=False); self.down_proj = nn.Linear(m, d, bias=False)

    def forward(self, x):
        B, S, _ = x.shape
        a = self.input_layernorm(x)
        q = self.q_proj(a).view(B, S, self.h, self.hd).transpose(1, 2)
        k = self.k_proj(a).view(B, S, self.kvh, self.hd).transpose(1, 2)
        v = self.v_proj(a).view(B, S, self.kvh, self.hd).transpose(1, 2)
        q, k = rope(q, self.theta), rope(k, self.theta)
        rep = self.h // self.kvh
        k, v = k.repeat_interleave(rep, dim=1), v.repeat_interleave(rep, dim=1)
        sc = (q @ k.transpose(-1, -2)) / math.sqrt(self.hd)
        sc = sc.masked_fill(torch.ones(S, S, dtype=torch.bool).triu(1), float('-inf'))
        o = sc.softmax(-1) @ v
        x = x + self.o_proj(o.transpose(1, 2).reshape(B, S, -1))
        m = self.post_attention_layernorm(x)
        return x + self.down_proj(F.silu(self.gate_proj(m)) * self.up_proj(m))


class Model(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.embed_tokens = nn.Embedding(len(VOCAB), c['hidden_size'])
        self.layers = nn.ModuleList([Layer(c) for _ in range(c['num_hidden_layers'])])
        self.norm = RMSNorm(c['hidden_size'], c['rms_norm_eps'])
        nn.init.normal_(self.embed_tokens.weight, std=0.02)

    def forward(self, ids):
        x = self.embed_tokens(ids)
        for l in self.layers:
            x = l(x)
        return self.norm(x) @ self.embed_tokens.weight.T  # tied embeddings


def hf_params(model):
    """The model's parameters under Hugging Face Llama names (tied embeddings: no lm_head)."""
    out = {'model.embed_tokens.weight': model.embed_tokens.weight, 'model.norm.weight': model.norm.weight}
    for i, l in enumerate(model.layers):
        p = f'model.layers.{i}.'
        out[p + 'input_layernorm.weight'] = l.input_layernorm.weight
        out[p + 'post_attention_layernorm.weight'] = l.post_attention_layernorm.weight
        for n in ['q_proj', 'k_proj', 'v_proj', 'o_proj']:
            out[p + f'self_attn.{n}.weight'] = getattr(l, n).weight
        for n in ['gate_proj', 'up_proj', 'down_proj']:
            out[p + f'mlp.{n}.weight'] = getattr(l, n).weight
    return out


def state_to_hf(model):
    return {k: v.detach().contiguous().float() for k, v in hf_params(model).items()}


def load_hf(model, tensors):
    params = hf_params(model)
    assert set(params) == set(tensors), 'checkpoint names differ from the model'
    with torch.no_grad():
        for k, p in params.items():
            p.copy_(tensors[k])


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name in sorted(tensors):
        data = tensors[name].numpy().astype('<f4').tobytes()
        header[name] = {'dtype': 'F32', 'shape': list(tensors[name].shape), 'data_offsets': [offset, offset + len(data)]}
        offset += len(data); blobs.append(data)
    h = json.dumps(header, separators=(',', ':')).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    tmp = path + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(struct.pack('<Q', len(h))); f.write(h)
        for b in blobs: f.write(b)
    os.replace(tmp, path)


def read_safetensors(path):
    import numpy as np
    with open(path, 'rb') as f:
        n = struct.unpack('<Q', f.read(8))[0]
        header = json.loads(f.read(n)); body = f.read()
    return {k: torch.from_numpy(np.frombuffer(body[v['data_offsets'][0]:v['data_offsets'][1]], dtype='<f4').copy()).view(v['shape'])
            for k, v in header.items() if k != '__metadata__'}


def write_model_files(out, model, log):
    os.makedirs(out, exist_ok=True)
    write_safetensors(os.path.join(out, 'model.safetensors'), state_to_hf(model))
    cfg = dict(architectures=['LlamaForCausalLM'], model_type='llama', vocab_size=len(VOCAB), hidden_act='silu',
               attention_bias=False, mlp_bias=False, tie_word_embeddings=True, torch_dtype='float32',
               bos_token_id=BOS, eos_token_id=EOS, pad_token_id=PAD, **CONFIG)
    dump = lambda name, obj: open(os.path.join(out, name), 'w').write(json.dumps(obj, indent=2) + '\n')
    dump('config.json', cfg)
    dump('tokenizer.json', {
        'version': '1.0', 'truncation': None, 'padding': None,
        'added_tokens': [dict(id=i, content=t, single_word=False, lstrip=False, rstrip=False, normalized=False, special=True)
                         for i, t in enumerate(SPECIALS[:3])],
        'normalizer': None, 'pre_tokenizer': {'type': 'WhitespaceSplit'}, 'post_processor': None,
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': False},
        'model': {'type': 'WordLevel', 'vocab': TOK, 'unk_token': '<pad>'},
    })
    dump('tokenizer_config.json', dict(tokenizer_class='PreTrainedTokenizerFast', bos_token='<s>', eos_token='</s>',
                                       pad_token='<pad>', unk_token='<pad>', model_max_length=CONFIG['max_position_embeddings'],
                                       clean_up_tokenization_spaces=False))
    dump('training.json', log)


@torch.no_grad()
def evaluate(model, length, n, seed):
    rng = random.Random(seed)
    good = total = 0
    whole = 0
    for _ in range(n):
        t, lab = make_sample(rng, length, needle=False)
        logits = model(torch.tensor([t]))[0]
        lab = torch.tensor(lab)
        # only the answers after Q
        qpos = t.index(QMARK)
        sel = (lab != -100) & (torch.arange(length) > qpos)
        ok = (logits.argmax(-1)[sel] == lab[sel])
        good += int(ok.sum()); total += int(sel.sum()); whole += int(ok.all())
    return good / total, whole / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--out', default='public/models/recall-llama')
    ap.add_argument('--minutes', type=float, default=60)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--tokens-per-step', type=int, default=4096)
    ap.add_argument('--eval-every', type=int, default=100)
    ap.add_argument('--seed', type=int, default=0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    model = Model(CONFIG)
    log = dict(step=0, stage=0, seconds=0.0, command='nice -n 19 /usr/bin/python3 scripts/train/train_recall.py', history=[],
               data=DATA_DESCRIPTION,
               config=CONFIG)
    path = os.path.join(a.out, 'model.safetensors')
    if os.path.exists(path):
        load_hf(model, read_safetensors(path))
        log = json.load(open(os.path.join(a.out, 'training.json')))
        log['data'] = DATA_DESCRIPTION
        print(f"resumed at step {log['step']} stage {log['stage']} ({CURRICULUM[log['stage']]} tokens)", flush=True)
    opt = torch.optim.AdamW(model.parameters(), lr=1e-3, betas=(0.9, 0.95), weight_decay=0.01)
    rng = random.Random(a.seed * 1000003 + log['step'])
    start, warm = time.time(), 0
    while time.time() - start < a.minutes * 60:
        length = CURRICULUM[log['stage']]
        # half the batch at the current length, the rest at shorter ones (keeps what was learned)
        lengths = [length if rng.random() < 0.5 or log['stage'] == 0 else CURRICULUM[rng.randrange(log['stage'])]]
        L = lengths[0]
        bs = max(1, a.tokens_per_step // L)
        batch = [make_sample(rng, L, needle=rng.random() < 0.2) for _ in range(bs)]
        ids = torch.tensor([b[0] for b in batch]); lab = torch.tensor([b[1] for b in batch])
        warm += 1
        for g in opt.param_groups: g['lr'] = 2e-3 * min(1.0, warm / 100)
        loss = F.cross_entropy(model(ids).view(-1, len(VOCAB)), lab.view(-1), ignore_index=-100)
        opt.zero_grad(); loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        log['step'] += 1
        if log['step'] % 20 == 0:
            print(f"step {log['step']} len {L} loss {loss.item():.3f} {time.time() - start:.0f}s", flush=True)
        if log['step'] % a.eval_every == 0:
            model.eval()
            acc, whole = evaluate(model, length, 32, seed=12345)
            model.train()
            elapsed = log['seconds'] + time.time() - start
            log['history'].append(dict(step=log['step'], length=length, loss=round(loss.item(), 4), query_acc=round(acc, 4),
                                       sample_acc=round(whole, 4), seconds=round(elapsed)))
            print(f"eval step {log['step']} length {length}: query acc {acc:.3f}, all-queries {whole:.3f}", flush=True)
            if acc >= 0.9 and log['stage'] + 1 < len(CURRICULUM):
                log['stage'] += 1
                print(f'curriculum -> {CURRICULUM[log["stage"]]}', flush=True)
            saved = dict(log, seconds=round(elapsed))
            write_model_files(a.out, model, saved)
    log['seconds'] = round(log['seconds'] + time.time() - start)
    write_model_files(a.out, model, log)


if __name__ == '__main__':
    main()
