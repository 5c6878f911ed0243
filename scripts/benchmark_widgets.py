"""Mede o tempo de resposta dos exploradores, do lado do kernel (cálculo + desenho + PNG).

Uso: ``python scripts/benchmark_widgets.py [--vezes 200]``. Mede, com medianas e percentil 90:

- explorador 2D numa entrada 16×16: o "passo" (mover o slider de posição, o que o Play faz),
  o ponteiro sobre uma célula da saída (move a janela) e sobre um peso (acende as células que
  ele multiplica), e a troca de um parâmetro (refaz o desenho todo);
- laboratório de núcleos na foto 256 px: editar um peso (refaz a convolução e os painéis),
  trocar o núcleo pronto e o ponteiro sobre um pixel (janela, 9 produtos e soma).

Imprime tempo de relógio e de CPU do processo (a CPU é compartilhada; o de CPU mostra o custo
sem a espera por outros processos). Metas: passo e ponteiro <= 30 ms, edição <= 50 ms.
"""

from __future__ import annotations

import argparse
import statistics
import time

import matplotlib

matplotlib.use("Agg")

from convaula.desenho import explorar_conv2d, explorar_nucleos  # noqa: E402
from convaula.desenho.exploradores.filtro import NUCLEOS  # noqa: E402


def _medir(acao, vezes: int) -> tuple[list[float], list[float]]:
    """Executa ``acao(i)`` ``vezes`` vezes; devolve os tempos (ms) de relógio e de CPU."""
    relogio, cpu = [], []
    for i in range(vezes):
        r0, c0 = time.perf_counter(), time.process_time()
        acao(i)
        relogio.append(1000 * (time.perf_counter() - r0))
        cpu.append(1000 * (time.process_time() - c0))
    return relogio, cpu


def _linha(nome: str, medidas: tuple[list[float], list[float]], meta: float | None = None) -> str:
    relogio, cpu = medidas
    mediana = statistics.median(relogio)
    veredito = "" if meta is None else f"  [meta <= {meta:.0f} ms: {'OK' if mediana <= meta else 'ACIMA'}]"
    return (f"{nome:<38} mediana {mediana:6.1f} ms (CPU {statistics.median(cpu):6.1f} ms), "
            f"p90 {statistics.quantiles(relogio, n=10)[-1]:6.1f} ms, {len(relogio)} medidas{veredito}")


def _evento(explorador, cx: float, cy: float) -> dict:
    """O evento do ipyevents (pixel da imagem) para o ponto (cx, cy) do desenho."""
    desenho = explorador.desenho
    x, y = desenho.ax.transData.transform((cx, cy))
    return {"type": "mousemove", "dataX": x, "dataY": desenho.figura.canvas.get_width_height()[1] - y}


def explorador_2d(vezes: int) -> None:
    e = explorar_conv2d(n=16, kernel_size=3, padding=1)
    total, (linhas, colunas) = e.posicao.max + 1, e.forma_saida
    print(e)
    print(_linha("2D: passo (slider de posição)", _medir(lambda i: setattr(e.posicao, "value", (i + 1) % total),
                                                          vezes), 30))
    saidas = [_evento(e, e.desenho.x0_saida + (i % colunas) + 0.5, e.desenho.y0_saida + (i * 7 % linhas) + 0.5)
              for i in range(vezes)]
    print(_linha("2D: ponteiro numa célula da saída", _medir(lambda i: e.ponteiro.ao_evento(saidas[i]), vezes), 30))

    def peso(i: int) -> None:
        r, c = e.estado.celulas_janela()[i % 9]
        e.ponteiro.ao_evento(_evento(e, c + 0.5, r + 0.5))

    print(_linha("2D: ponteiro num peso (compartilhadas)", _medir(peso, vezes), 30))
    strides = [2, 1]
    print(_linha("2D: troca de parâmetro (stride)",
                 _medir(lambda i: setattr(e.sliders["stride"], "value", strides[i % 2]), 20)))


def laboratorio(vezes: int) -> None:
    lab = explorar_nucleos()
    print(lab)
    print(_linha("núcleos: editar um peso", _medir(lambda i: setattr(lab.pesos[i % 9], "value",
                                                                      round(lab.pesos[i % 9].value + 0.5, 2)), vezes), 50))
    nomes = list(NUCLEOS)
    print(_linha("núcleos: trocar o núcleo pronto", _medir(lambda i: setattr(lab.nucleos, "value",
                                                                              nomes[i % len(nomes)]), 40), 50))
    altura, largura = lab.estado.imagem.shape[1:]
    print(_linha("núcleos: ponteiro num pixel", _medir(lambda i: lab._no_pixel(
        {"type": "mousemove", "dataX": (i * 13) % largura, "dataY": (i * 29) % altura}), vezes), 30))
    print(_linha("núcleos: ponteiro num peso", _medir(lambda i: lab._no_peso(
        {"type": "mousemove", "dataX": 48 * (i % 3) + 5, "dataY": 48 * (i // 3 % 3) + 5}), vezes), 30))


def main() -> None:
    leitor = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    leitor.add_argument("--vezes", type=int, default=200)
    args = leitor.parse_args()
    explorador_2d(args.vezes)
    laboratorio(args.vezes)


if __name__ == "__main__":
    main()
