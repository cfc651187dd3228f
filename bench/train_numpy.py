#!/usr/bin/env python3
"""NumPy reference for nn4j's training benchmarks: the same networks, trained the same way.

Implements the book's layers (Affine, Relu, SoftmaxWithLoss) and optimizers (SGD, Adam as in the book's
common/optimizer.py) with NumPy, trains on MNIST-style IDX files, and prints one line per workload:

    numpy <workload> <dtype>: <seconds per epoch> s/epoch, test accuracy <acc>, first epoch <seconds> s,
        all epochs <seconds> s

Seconds per epoch is the median over the epochs after the first (the first warms caches), counting the
training steps only; "all epochs" is the sum of every epoch's time, the first included. Accuracy is measured
after the last epoch, outside the timing.
"""
import argparse
import gzip
import os
import struct
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    magic, = struct.unpack(">I", data[:4])
    rank = magic & 0xFF
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def find(directory, base):
    for name in (base, base + ".gz"):
        if os.path.exists(os.path.join(directory, name)):
            return os.path.join(directory, name)
    raise FileNotFoundError(os.path.join(directory, base + "[.gz]"))


def load(directory, dtype):
    def images(base):
        x = read_idx(find(directory, base))
        return (x.reshape(x.shape[0], -1) / 255.0).astype(dtype)

    def labels(base):
        return read_idx(find(directory, base)).astype(np.int64)

    return (images("train-images-idx3-ubyte"), labels("train-labels-idx1-ubyte"),
            images("t10k-images-idx3-ubyte"), labels("t10k-labels-idx1-ubyte"))


class Affine:
    def __init__(self, w, b):
        self.W, self.b, self.x = w, b, None

    def forward(self, x):
        self.x = x
        return x @ self.W + self.b

    def backward(self, dout):
        self.dW = self.x.T @ dout
        self.db = dout.sum(axis=0)
        return dout @ self.W.T


class Relu:
    def forward(self, x):
        self.mask = x <= 0
        out = x.copy()
        out[self.mask] = 0
        return out

    def backward(self, dout):
        dx = dout.copy()
        dx[self.mask] = 0
        return dx


class SoftmaxWithLoss:
    def forward(self, x, t):
        x = x - x.max(axis=1, keepdims=True)
        e = np.exp(x)
        self.y = e / e.sum(axis=1, keepdims=True)
        self.t = t
        n = x.shape[0]
        return -np.sum(np.log(self.y[np.arange(n), t] + 1e-7)) / n

    def backward(self):
        n = self.t.shape[0]
        dx = self.y.copy()
        dx[np.arange(n), self.t] -= 1
        return dx / n


class Sgd:
    def __init__(self, lr):
        self.lr = lr

    def update(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.lr * g


class Adam:
    def __init__(self, lr, beta1=0.9, beta2=0.999):
        self.lr, self.beta1, self.beta2, self.iter, self.m, self.v = lr, beta1, beta2, 0, None, None

    def update(self, params, grads):
        if self.m is None:
            self.m = [np.zeros_like(p) for p in params]
            self.v = [np.zeros_like(p) for p in params]
        self.iter += 1
        lr_t = self.lr * np.sqrt(1.0 - self.beta2 ** self.iter) / (1.0 - self.beta1 ** self.iter)
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m += (1 - self.beta1) * (g - m)
            v += (1 - self.beta2) * (g ** 2 - v)
            p -= (lr_t * m / (np.sqrt(v) + 1e-7)).astype(p.dtype)


def network(sizes, init, dtype, rng):
    layers = []
    for i in range(len(sizes) - 1):
        std = init if isinstance(init, float) else np.sqrt(2.0 / sizes[i])
        layers.append(Affine((std * rng.standard_normal((sizes[i], sizes[i + 1]))).astype(dtype),
                             np.zeros(sizes[i + 1], dtype=dtype)))
        if i < len(sizes) - 2:
            layers.append(Relu())
    return layers


def predict(layers, x):
    for layer in layers:
        x = layer.forward(x)
    return x


def train(workload, dtype, epochs, directory, seed):
    x_train, t_train, x_test, t_test = load(directory, dtype)
    rng = np.random.default_rng(seed)
    if workload == "two-layer":
        layers, optimizer, batch = network([784, 50, 10], 0.01, dtype, rng), Sgd(0.1), 100
    else:
        layers, optimizer, batch = network([784, 512, 512, 10], "he", dtype, rng), Adam(0.001), 128
    loss = SoftmaxWithLoss()
    affines = [l for l in layers if isinstance(l, Affine)]
    params = [p for a in affines for p in (a.W, a.b)]
    n = x_train.shape[0]
    times = []
    for _ in range(epochs):
        start = time.perf_counter()
        order = rng.permutation(n)
        for i in range(0, n, batch):
            idx = order[i:i + batch]
            loss.forward(predict(layers, x_train[idx]), t_train[idx])
            dout = loss.backward()
            for layer in reversed(layers):
                dout = layer.backward(dout)
            optimizer.update(params, [g for a in affines for g in (a.dW, a.db)])
        times.append(time.perf_counter() - start)
    accuracy = np.mean(np.argmax(predict(layers, x_test), axis=1) == t_test)
    per_epoch = float(np.median(times[1:] if len(times) > 1 else times))
    print(f"numpy {workload} {np.dtype(dtype).name}: {per_epoch:.4f} s/epoch, test accuracy {accuracy:.4f}, "
          f"first epoch {times[0]:.4f} s, all epochs {sum(times):.4f} s")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", choices=["two-layer", "mlp512"], default="two-layer")
    parser.add_argument("--dtype", choices=["float32", "float64"], default="float32")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--data", default=os.path.join(here, "..", "nn-examples", "src", "main", "resources",
                                                       "mnist-sample"))
    args = parser.parse_args()
    train(args.workload, np.float32 if args.dtype == "float32" else np.float64, args.epochs, args.data, args.seed)


if __name__ == "__main__":
    main()
