#!/usr/bin/env python3
"""The PyTorch peer for `cnn-grade bench`: the same model, data, batch size, optimizer and
thread count, trained for the same number of images after the same warm-up. Prints one JSON
line like the harness's bench. Debian's python3-torch (1.13, CPU) is what it was written for."""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn


def read_idx(path):
    with open(path, 'rb') as f:
        data = f.read()
    rank = data[3]
    dims = [int.from_bytes(data[4 + 4 * i: 8 + 4 * i], 'big') for i in range(rank)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def lenet5(num_classes=10):
    # As reference/lenet5.ts: 61,706 parameters.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.Tanh(), nn.AvgPool2d(2),
        nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
        nn.Flatten(), nn.Linear(400, 120), nn.Tanh(), nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, num_classes))


def vgg_cifar(num_classes=10):
    # As the harness's vgg-cifar reference: three blocks (32, 64, 128) of two 3x3 convolutions each.
    layers, c = [], 3
    for width in (32, 64, 128):
        layers += [nn.Conv2d(c, width, 3, padding=1), nn.ReLU(), nn.Conv2d(width, width, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
        c = width
    return nn.Sequential(*layers, nn.Flatten(), nn.Linear(128 * 4 * 4, 128), nn.ReLU(), nn.Linear(128, num_classes))


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--model', default='lenet5')
    p.add_argument('--batch', type=int, default=64)
    p.add_argument('--images', type=int, default=12800)
    p.add_argument('--warmup', type=int, default=640)
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--mnist', required=True, help='folder of the MNIST IDX files')
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    if a.model == 'lenet5':
        x = torch.from_numpy(read_idx(os.path.join(a.mnist, 'train-images-idx3-ubyte')).astype(np.float32) / 255).unsqueeze(1)
        model = lenet5()
    else:
        # The VGG-style net trains on 32x32x3 inputs; random images, as the harness's bench uses.
        x = torch.rand(8192, 3, 32, 32)
        model = vgg_cifar()
    y = torch.from_numpy(read_idx(os.path.join(a.mnist, 'train-labels-idx1-ubyte')).astype(np.int64))[: len(x)]
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()

    def run(images):
        steps = images // a.batch
        for s in range(steps):
            i = (s * a.batch) % (len(x) - a.batch)
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[i:i + a.batch]), y[i:i + a.batch])
            loss.backward()
            opt.step()
        return steps * a.batch

    run(a.warmup)
    start = time.perf_counter()
    done = run(a.images)
    seconds = time.perf_counter() - start
    print(json.dumps({'backend': 'pytorch', 'model': a.model, 'batchSize': a.batch, 'imagesPerSecond': round(done / seconds, 1), 'threads': a.threads}))


if __name__ == '__main__':
    main()
