"""Tempo de correção de uma turma: 60 entregas do notebook 03, em paralelo, cada uma na sua
caixa de areia.

Uso: ``python scripts/benchmark_corrigir.py [--alunos 60] [--trabalhadores N] [--tempo 120]``.
A turma sai da lição 03 (todas as células, com os ids dela): um terço em branco, um terço
com as respostas certas e um terço com respostas erradas. Imprime o tempo total, o tempo
por notebook, a CPU que cada notebook gastou (a maior parte é importar torch e torchvision),
a carga da máquina (``os.getloadavg``) antes e depois e os núcleos usados, e confere que os
vereditos são os esperados (0, 10 e 0 corretas).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import nbformat

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ))

from convaula.exercicios import perguntas  # noqa: E402
from convaula.exercicios.corrigir import _certas, corrigir  # noqa: E402

LICAO = RAIZ / "notebooks" / "03_padding_stride_dilatacao.ipynb"


def _literal(valor) -> str:
    return repr(valor.tolist()) if hasattr(valor, "tolist") else repr(valor)


def entrega(tipo: str) -> nbformat.NotebookNode:
    """A lição 03 com as respostas ``"branco"``, ``"certas"`` ou ``"erradas"``."""
    nb = nbformat.read(LICAO, as_version=4)
    if tipo == "branco":
        return nb
    for q in perguntas("03"):
        valor = q.resposta if tipo == "certas" else q.tipo.erradas(q.resposta, __import__("random").Random(q.id), 1)[0]
        for celula in nb.cells:
            if celula.cell_type == "code" and f"nb03.{q.id}(" in celula.source:
                celula.source = celula.source.replace(f"nb03.{q.id}(", f"nb03.{q.id}({_literal(valor)}) #", 1)
    return nb


def main() -> int:
    analisador = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    analisador.add_argument("--alunos", type=int, default=60)
    analisador.add_argument("--trabalhadores", type=int, default=None)
    analisador.add_argument("--tempo", type=float, default=120.0)
    args = analisador.parse_args()
    tipos = ["branco", "certas", "erradas"]
    with tempfile.TemporaryDirectory(prefix="convaula-turma-") as pasta:
        turma = Path(pasta) / "entregas"
        for i in range(args.alunos):
            (turma / f"aluno{i:02d}").mkdir(parents=True)
            nbformat.write(entrega(tipos[i % 3]), turma / f"aluno{i:02d}" / "03_padding_stride_dilatacao.ipynb")
        carga_antes = os.getloadavg()
        inicio = time.monotonic()
        entregas = corrigir([turma], saida=Path(pasta) / "relatorio", tempo=args.tempo,
                            trabalhadores=args.trabalhadores)
        total = time.monotonic() - inicio
        carga_depois = os.getloadavg()
    esperado = {"branco": 0, "certas": len(perguntas("03")), "erradas": 0}
    erros = [e.aluno for e in entregas
             if _certas(e)[0] != esperado[tipos[int(e.aluno.split("/")[0][5:]) % 3]] or e.estado != "executado"]
    cpu = [e.cpu for e in entregas if e.cpu]
    print(f"\n{len(entregas)} notebooks em {total:.1f} s ({total / max(1, len(entregas)):.2f} s por "
          f"notebook; {args.trabalhadores or os.cpu_count()} trabalhadores, {os.cpu_count()} núcleos)")
    if cpu:
        print(f"CPU por notebook: mediana {statistics.median(cpu):.2f} s, mínimo {min(cpu):.2f} s")
    print(f"carga (1, 5, 15 min): antes {carga_antes[0]:.1f} {carga_antes[1]:.1f} {carga_antes[2]:.1f}; "
          f"depois {carga_depois[0]:.1f} {carga_depois[1]:.1f} {carga_depois[2]:.1f}")
    print("vereditos esperados: " + ("sim" if not erros else f"NÃO ({', '.join(erros[:5])})"))
    return 1 if erros else 0


if __name__ == "__main__":
    sys.exit(main())
