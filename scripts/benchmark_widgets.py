"""Mede o passo do explorador 2D: cálculo + redesenho + PNG, numa entrada 16×16.

Uso: ``python scripts/benchmark_widgets.py [--passos 200]``. Um "passo" é mover o slider de
posição (o que o Play faz): atualizar os artistas, redesenhar por blitting no Agg e codificar
o PNG do ``ipywidgets.Image``. Mede também a troca de um parâmetro (refaz o desenho todo).
Imprime mediana e percentil 90 do tempo de relógio e do tempo de CPU do processo (a CPU é
compartilhada; o tempo de CPU mostra o custo sem a espera por outros processos). Meta: mediana <= 30 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from convaula.desenho import explorar_conv2d  # noqa: E402


def _medir(acao, vezes: int) -> tuple[list[float], list[float]]:
    """Executa ``acao(i)`` ``vezes`` vezes; devolve os tempos (ms) de relógio e de CPU."""
    relogio, cpu = [], []
    for i in range(vezes):
        r0, c0 = time.perf_counter(), time.process_time()
        acao(i)
        relogio.append(1000 * (time.perf_counter() - r0))
        cpu.append(1000 * (time.process_time() - c0))
    return relogio, cpu


def _linha(nome: str, tempos: list[float]) -> str:
    decis = statistics.quantiles(tempos, n=10)
    return f"{nome}: mediana {statistics.median(tempos):.1f} ms, p90 {decis[-1]:.1f} ms ({len(tempos)} medidas)"


def main() -> None:
    leitor = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    leitor.add_argument("--passos", type=int, default=200)
    args = leitor.parse_args()
    explorador = explorar_conv2d(n=16, kernel_size=3, padding=1)
    total = explorador.posicao.max + 1

    def passo(i: int) -> None:
        explorador.posicao.value = (i + 1) % total

    relogio, cpu = _medir(passo, args.passos)
    print(explorador)
    print(_linha("passo (posição), relógio", relogio))
    print(_linha("passo (posição), CPU    ", cpu))
    strides = [2, 1]
    relogio, cpu = _medir(lambda i: setattr(explorador.sliders["stride"], "value", strides[i % 2]), 20)
    print(_linha("troca de parâmetro, relógio", relogio))
    print(_linha("troca de parâmetro, CPU    ", cpu))
    mediana = statistics.median(_medir(passo, args.passos)[0])
    print(f"meta do passo <= 30 ms: {'OK' if mediana <= 30 else 'ACIMA'} (mediana de nova rodada: {mediana:.1f} ms)")


if __name__ == "__main__":
    main()
