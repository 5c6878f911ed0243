"""Tempo de montagem da matriz da convolução (entrada 32×32, 3 → 8 canais, kernel 3×3).

Uso: ``python scripts/benchmark_matriz.py [--repeticoes 30]``. Imprime a mediana e o
mínimo, com e sem padding. O tempo é dominado por zerar a matriz densa (8.192 × 3.072
floats ≈ 100 MB); com ``THP_MEM_ALLOC_ENABLE=1`` o PyTorch usa páginas grandes e fica
mais rápido.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

import torch

from convaula import matriz_conv2d


def medir(padding: int, repeticoes: int) -> list[float]:
    """Tempos (ms) de ``repeticoes`` montagens, depois de uma de aquecimento."""
    peso = torch.randn(8, 3, 3, 3, generator=torch.Generator().manual_seed(0))
    matriz_conv2d(peso, (32, 32), padding=padding)
    tempos = []
    for _ in range(repeticoes):
        inicio = time.perf_counter()
        matriz_conv2d(peso, (32, 32), padding=padding)
        tempos.append((time.perf_counter() - inicio) * 1000)
    return tempos


def main() -> None:
    analisador = argparse.ArgumentParser(description=__doc__)
    analisador.add_argument("--repeticoes", type=int, default=30)
    args = analisador.parse_args()
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, "
          f"THP_MEM_ALLOC_ENABLE={os.environ.get('THP_MEM_ALLOC_ENABLE', '0')}")
    print("| padding | forma da matriz | mediana (ms) | mínimo (ms) |")
    print("|---|---|---|---|")
    for padding in (0, 1):
        tempos = medir(padding, args.repeticoes)
        forma = tuple(matriz_conv2d(torch.ones(8, 3, 3, 3), (32, 32), padding=padding).shape)
        print(f"| {padding} | {forma[0]} × {forma[1]} | {statistics.median(tempos):.1f} | {min(tempos):.1f} |")


if __name__ == "__main__":
    main()
