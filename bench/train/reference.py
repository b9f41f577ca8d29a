"""PyTorch reference for bench/train: milliseconds per training step (forward, backward, Adam).

Models (batch × T × N inputs, hidden H, 2 classes; input and hidden dropout 0.1 as in the
official code of Ismail et al. 2019):
  lstm                 torch.nn.LSTM (sigmoid gates, PyTorch's own fused loop)
  attention-quadratic  the official input-cell attention LSTM: at every step t, recompute
                       softmax over j <= t of W2 tanh(W1 x_j + b1) + b2 per hop, M_t averaged
                       over the r hops, fed to an LSTM cell: O(T^2)
  attention-prefix     the same model computed as Saliency Studio does, in O(T): all M_t from
                       running sums of exp-weighted inputs, then torch.nn.LSTM
Prints one JSON object on stdout.
"""
import argparse
import json
import os
import platform
import statistics
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class LstmClassifier(nn.Module):
    def __init__(self, n, h, classes, dropout):
        super().__init__()
        self.drop_in = nn.Dropout(dropout)
        self.lstm = nn.LSTM(n, h, batch_first=True)
        self.drop_h = nn.Dropout(dropout)
        self.head = nn.Linear(h, classes)

    def forward(self, x):
        out, _ = self.lstm(self.drop_in(x))
        return self.head(self.drop_h(out[:, -1]))


class Attention(nn.Module):
    """e_j = W2 tanh(W1 x_j + b1) + b2, one score per hop (r hops, MLP width d_a)."""

    def __init__(self, n, da, r):
        super().__init__()
        self.w1 = nn.Linear(n, da)
        self.w2 = nn.Linear(da, r)

    def forward(self, x):
        return self.w2(torch.tanh(self.w1(x)))


class QuadraticAttentionLstm(nn.Module):
    """As the released code: the attention over x_0..x_t is recomputed at every step t."""

    def __init__(self, n, h, classes, da, r, dropout):
        super().__init__()
        self.h = h
        self.drop_in = nn.Dropout(dropout)
        self.attention = Attention(n, da, r)
        self.w_x = nn.Linear(n, 4 * h)
        self.w_h = nn.Linear(h, 4 * h, bias=False)
        self.drop_h = nn.Dropout(dropout)
        self.head = nn.Linear(h, classes)

    def forward(self, x):
        x = self.drop_in(x)
        b, t_max, _ = x.shape
        h = x.new_zeros(b, self.h)
        c = x.new_zeros(b, self.h)
        for t in range(t_max):
            prefix = x[:, : t + 1]                                   # B × (t+1) × N
            a = F.softmax(self.attention(prefix), dim=1)             # B × (t+1) × r
            m = torch.bmm(a.transpose(1, 2), prefix).mean(dim=1)     # B × N, averaged over hops
            gates = self.w_x(m) + self.w_h(h)
            i, f, g, o = gates.chunk(4, dim=1)
            c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
            h = torch.sigmoid(o) * torch.tanh(c)
        return self.head(self.drop_h(h))


class PrefixAttentionLstm(nn.Module):
    """The same model in O(T): softmax numerators and denominators as running sums over time."""

    def __init__(self, n, h, classes, da, r, dropout):
        super().__init__()
        self.drop_in = nn.Dropout(dropout)
        self.attention = Attention(n, da, r)
        self.lstm = nn.LSTM(n, h, batch_first=True)
        self.drop_h = nn.Dropout(dropout)
        self.head = nn.Linear(h, classes)

    def forward(self, x):
        x = self.drop_in(x)
        e = self.attention(x)                                        # B × T × r
        # One shift per sequence and hop cancels in every ratio; the scores are tanh-bounded,
        # so no early prefix underflows for a bench's purposes.
        w = torch.exp(e - e.amax(dim=1, keepdim=True))
        den = torch.cumsum(w, dim=1)                                 # B × T × r
        num = torch.cumsum(w.unsqueeze(-1) * x.unsqueeze(2), dim=1)  # B × T × r × N
        m = (num / den.unsqueeze(-1)).mean(dim=2)                    # B × T × N
        out, _ = self.lstm(m)
        return self.head(self.drop_h(out[:, -1]))


def build(name, a):
    if name == 'lstm':
        return LstmClassifier(a.features, a.hidden, 2, 0.1)
    if name == 'attention-quadratic':
        return QuadraticAttentionLstm(a.features, a.hidden, 2, a.da, a.hops, 0.1)
    if name == 'attention-prefix':
        return PrefixAttentionLstm(a.features, a.hidden, 2, a.da, a.hops, 0.1)
    raise SystemExit(f'unknown model {name}')


def measure(name, a):
    torch.manual_seed(0)
    model = build(name, a)
    for p in model.parameters():
        (nn.init.xavier_uniform_ if p.dim() > 1 else nn.init.zeros_)(p)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    x = torch.randn(a.batch, a.steps_t, a.features)
    y = torch.randint(0, 2, (a.batch,))
    model.train()
    times = []
    for step in range(a.warmup + a.repeat):
        start = time.perf_counter()
        opt.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        elapsed = (time.perf_counter() - start) * 1000
        if step >= a.warmup:
            times.append(elapsed)
    return {'medianMs': statistics.median(times), 'minMs': min(times), 'stepsMs': times, 'loss': float(loss)}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--models', default='lstm,attention-quadratic,attention-prefix')
    p.add_argument('--batch', type=int, default=32)
    p.add_argument('--steps-t', type=int, default=100)
    p.add_argument('--features', type=int, default=100)
    p.add_argument('--hidden', type=int, default=64)
    p.add_argument('--da', type=int, default=50)
    p.add_argument('--hops', type=int, default=20)
    p.add_argument('--warmup', type=int, default=3)
    p.add_argument('--repeat', type=int, default=10)
    p.add_argument('--threads', type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(a.threads)
    results = {name: measure(name, a) for name in a.models.split(',')}
    blas = os.path.realpath('/usr/lib/x86_64-linux-gnu/libblas.so.3')
    print(json.dumps({
        'torch': torch.__version__, 'python': platform.python_version(), 'threads': torch.get_num_threads(),
        'blas': blas, 'results': results,
    }))


if __name__ == '__main__':
    main()
