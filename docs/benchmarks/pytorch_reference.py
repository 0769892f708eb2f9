#!/usr/bin/env python3
"""Context for docs/benchmarks.md: the benchmark's GPT-2 shapes in plain PyTorch (Debian's python3-torch).

Same model shape, batch 16 x 64 tokens, vocabulary 256, AdamW; prints training and scoring tokens/s and
the float32 2048^2 matmul rate of this torch build. Not the bar: Debian's build uses a generic BLAS.
Run: python3 docs/benchmarks/pytorch_reference.py
"""
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

VOCAB, SEQ, BATCH = 256, 64, 16


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.qkv, self.out = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.up, self.down = nn.Linear(d, 4 * d), nn.Linear(4 * d, d)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.qkv(self.ln1(x)).view(b, t, 3, self.heads, d // self.heads).permute(2, 0, 3, 1, 4)
        # explicit attention, as kdprivacy computes it (Debian's torch predates the fused kernel)
        scores = (q @ k.transpose(-1, -2)) / math.sqrt(q.shape[-1])
        causal = torch.ones(t, t, dtype=torch.bool).triu(1)
        a = scores.masked_fill(causal, float("-inf")).softmax(-1) @ v
        x = x + self.out(a.transpose(1, 2).reshape(b, t, d))
        return x + self.down(F.gelu(self.up(self.ln2(x))))


class Gpt2(nn.Module):
    def __init__(self, d, layers, heads):
        super().__init__()
        self.tok, self.pos = nn.Embedding(VOCAB, d), nn.Embedding(128, d)
        self.blocks = nn.ModuleList(Block(d, heads) for _ in range(layers))
        self.ln = nn.LayerNorm(d)

    def forward(self, ids):
        x = self.tok(ids) + self.pos(torch.arange(ids.shape[1]))
        for blk in self.blocks:
            x = blk(x)
        return self.ln(x) @ self.tok.weight.T


def matmul_gflops():
    a, b = torch.randn(2048, 2048), torch.randn(2048, 2048)
    for _ in range(3):
        a @ b
    n, t0 = 10, time.perf_counter()
    for _ in range(n):
        a @ b
    return 2 * 2048 ** 3 * n / (time.perf_counter() - t0) / 1e9


def main():
    torch.manual_seed(0)
    rate = matmul_gflops()
    print(f"torch {torch.__version__}, threads {torch.get_num_threads()}, matmul 2048^2: {rate:.1f} GFLOP/s")
    for d, layers, heads in ((128, 2, 4), (256, 6, 8)):
        model = Gpt2(d, layers, heads)
        params = sum(p.numel() for p in model.parameters()) - model.pos.weight.numel()
        opt = torch.optim.AdamW(model.parameters(), lr=5e-4, weight_decay=0.01)
        ids = torch.randint(0, VOCAB, (BATCH, SEQ))
        steps = 6
        for i in range(steps + 2):
            if i == 2:
                t0 = time.perf_counter()
            logits = model(ids)
            loss = F.cross_entropy(logits[:, :-1].reshape(-1, VOCAB), ids[:, 1:].reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
        train = steps * BATCH * SEQ / (time.perf_counter() - t0)
        with torch.no_grad():
            model(ids)
            t0 = time.perf_counter()
            for _ in range(steps):
                model(ids).log_softmax(-1)
            score = steps * BATCH * SEQ / (time.perf_counter() - t0)
        print(f"GPT-2 d={d}/{layers} layers ({params / 1e6:.2f}M): train {train:.0f} tok/s "
              f"(MFU {600 * params * train / (rate * 1e9):.0f}%), score {score:.0f} tok/s "
              f"(MFU {200 * params * score / (rate * 1e9):.0f}%)")


if __name__ == "__main__":
    main()
