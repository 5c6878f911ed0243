"""Mede o lado do kernel dos exploradores: quanto custa uma troca de parâmetro (estado + cena em JSON).

Uso: ``python scripts/benchmark_widgets.py [--vezes 20]``. Passos, ponteiro e Play não passam
pelo kernel (o navegador desenha a cena); só a troca de um parâmetro faz uma ida e volta, e
este script mede a parte do Python dela, nos maiores tamanhos que os sliders permitem: o
``pedir`` (o estado recalcula pelo torch e monta a cena) e o que vai pelo fio: a cena como
``para_o_fio`` a deixa (passos compactados, sem a foto fixa do laboratório, que vai uma vez só)
em ``json.dumps``, com o tamanho em bytes. A latência de ponta a ponta (evento → tela, no Chromium) é medida por
``tests/curso/test_navegador.py`` e fica em ``artefatos-de-teste/latencia_exploradores.json``.

Imprime mediana e p90 de relógio e de CPU do processo (a CPU é compartilhada; o de CPU mostra
o custo sem a espera por outros processos).
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from convaula.desenho import (explorar_canais, explorar_conv2d, explorar_nucleos,  # noqa: E402
                              explorar_par_transposta, explorar_transposta)
from convaula.desenho.exploradores.cena import para_o_fio

CASOS = [
    ("03 conv2d n=16 k=7: padding 4 ↔ 3", lambda: explorar_conv2d(n=16, kernel_size=7, padding=4), "padding", (3, 4)),
    ("02 canais 3→2, n=5: kernel_size 3 ↔ 2", lambda: explorar_canais(c_in=3, c_out=2, n=5, kernel_size=3),
     "kernel_size", (2, 3)),
    ("05 par n=7 k=4 s=3: kernel_size 4 ↔ 3", lambda: explorar_par_transposta(n=7, kernel_size=4, stride=3, padding=2,
                                                                              contagens=True), "kernel_size", (3, 4)),
    ("05 transposta n=5 k=5: padding 4 ↔ 3", lambda: explorar_transposta(n=5, kernel_size=5, padding=4, stride=3,
                                                                          dilation=2, output_padding=2), "padding", (3, 4)),
    ("06 núcleos: Sobel x ↔ gaussiano", explorar_nucleos, "nucleo", ("gaussiano", "Sobel x")),
]


def _medir(acao, vezes: int) -> tuple[list[float], list[float]]:
    relogio, cpu = [], []
    for i in range(vezes):
        r0, c0 = time.perf_counter(), time.process_time()
        acao(i)
        relogio.append(1000 * (time.perf_counter() - r0))
        cpu.append(1000 * (time.process_time() - c0))
    return relogio, cpu


def _linha(nome: str, medidas: tuple[list[float], list[float]], extra: str = "") -> str:
    relogio, cpu = medidas
    return (f"{nome:<48} mediana {statistics.median(relogio):6.1f} ms (CPU {statistics.median(cpu):6.1f} ms), "
            f"p90 {statistics.quantiles(relogio, n=10)[-1]:6.1f} ms{extra}")


def main() -> None:
    leitor = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    leitor.add_argument("--vezes", type=int, default=20)
    args = leitor.parse_args()
    for nome, criar, parametro, valores in CASOS:
        e = criar()
        print(_linha(f"{nome}: pedir", _medir(lambda i: e.pedir(parametro, valores[i % 2]), args.vezes)))
        tamanho = len(json.dumps(para_o_fio(e.cena, {})))
        print(_linha(f"{nome}: fio + json", _medir(lambda i: json.dumps(para_o_fio(e.cena, {})), args.vezes),
                     f", {tamanho / 1000:.0f} kB"))


if __name__ == "__main__":
    main()
