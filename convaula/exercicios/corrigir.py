"""Correção para o professor: executa notebooks de alunos e relata cada pergunta.

Cada notebook roda numa cópia, numa pasta temporária, com ``CONVAULA_CI=1`` (nada é baixado)
e ``CONVAULA_CORRECAO`` apontando para um arquivo onde cada ``nbNN.qK(...)`` registra o
veredito; o arquivo do aluno nunca é alterado. Um notebook que não é JSON válido, que estoura
o tempo ou cujo kernel morre é relatado como tal, e a correção segue para o próximo.
Saídas: ``correcao.csv`` (uma linha por aluno e pergunta) e ``correcao.md``.
Uso: ``python3 curso.py corrigir CAMINHO... [--saida PASTA] [--tempo SEGUNDOS]``.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Sequence

from .registro import VARIAVEL, perguntas

__all__ = ["Entrega", "corrigir", "corrigir_notebook", "escrever_relatorios"]

COLUNAS = ["aluno", "notebook", "estado", "pergunta", "respondida", "correta", "situacao",
           "equivoco"]


@dataclass
class Entrega:
    """O resultado de um notebook: estado da execução e o veredito de cada pergunta.

    ``estado``: ``"executado"``, ``"com_erros"`` (alguma célula levantou exceção),
    ``"tempo_esgotado"``, ``"kernel_morreu"`` ou ``"json_invalido"``.
    ``respostas``: pergunta -> último registro (dict com situacao, correta, equivoco...).
    """

    aluno: str
    notebook: str
    estado: str
    detalhe: str = ""
    segundos: float = 0.0
    respostas: dict[str, dict] = field(default_factory=dict)


def _numero(caminho: Path, registros: list[dict]) -> str:
    achado = re.match(r"(\d\d)_", caminho.name)
    if achado:
        return achado.group(1)
    return registros[0]["notebook"] if registros else "??"


@contextlib.contextmanager
def _ambiente(**variaveis: str) -> Iterator[None]:
    """Define variáveis de ambiente (herdadas pelo kernel) e restaura as anteriores."""
    antigas = {k: os.environ.get(k) for k in variaveis}
    os.environ.update(variaveis)
    try:
        yield
    finally:
        for k, v in antigas.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _executar(nb, pasta: Path, tempo: float) -> tuple[str, str]:
    """Executa ``nb`` em ``pasta`` com ``tempo`` segundos no total; devolve (estado, detalhe)."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellTimeoutError, DeadKernelError

    prazo = time.monotonic() + tempo
    cliente = NotebookClient(
        nb, timeout=max(1, int(tempo)), kernel_name="python3", allow_errors=True,
        store_widget_state=False, resources={"metadata": {"path": str(pasta)}},
        timeout_func=lambda celula: max(1, int(prazo - time.monotonic() + 0.999)),
    )
    try:  # o stderr do kernel (avisos, a queda no fim do tempo) não interessa ao relatório
        cliente.execute(stderr=subprocess.DEVNULL)
    except CellTimeoutError:
        return "tempo_esgotado", f"passou de {tempo:g} s"
    except DeadKernelError:
        return "kernel_morreu", "o kernel do Python parou no meio da execução"
    erros = [f"célula {i} ({saida.get('ename', 'erro')})" for i, c in enumerate(nb.cells)
             if c.cell_type == "code" for saida in c.get("outputs", [])
             if saida.get("output_type") == "error"]
    return ("com_erros", "; ".join(erros)) if erros else ("executado", "")


def corrigir_notebook(caminho: Path | str, tempo: float = 120.0, aluno: str | None = None) -> Entrega:
    """Executa uma cópia do notebook ``caminho`` e devolve a ``Entrega`` com cada pergunta."""
    import nbformat

    caminho = Path(caminho)
    aluno = aluno or caminho.stem
    texto = caminho.read_text(encoding="utf-8", errors="replace")
    try:
        nb = nbformat.reads(texto, as_version=4)
    except Exception as erro:  # JSON truncado, arquivo que não é notebook...
        return Entrega(aluno, _numero(caminho, []), "json_invalido", type(erro).__name__)
    inicio = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="convaula-correcao-") as pasta:
        registro = Path(pasta) / "correcao.jsonl"
        with _ambiente(**{VARIAVEL: str(registro), "CONVAULA_CI": "1", "MPLBACKEND": "Agg"}):
            estado, detalhe = _executar(nb, Path(pasta), tempo)
        linhas = registro.read_text(encoding="utf-8").splitlines() if registro.exists() else []
    registros = [json.loads(linha) for linha in linhas if linha.strip()]
    entrega = Entrega(aluno, _numero(caminho, registros), estado, detalhe,
                      round(time.monotonic() - inicio, 1))
    for r in registros:
        if r["notebook"] == entrega.notebook:
            entrega.respostas[r["pergunta"]] = r  # vale a última conferência
    return entrega


def _linhas(entrega: Entrega) -> list[dict]:
    """Uma linha por pergunta do banco do notebook (as nunca chamadas ficam "ausente")."""
    ids = [q.id for q in perguntas(entrega.notebook)] or list(entrega.respostas)
    saida = []
    for pid in ids:
        r = entrega.respostas.get(pid, {})
        saida.append({"aluno": entrega.aluno, "notebook": entrega.notebook,
                      "estado": entrega.estado, "pergunta": pid,
                      "respondida": bool(r.get("respondida", False)),
                      "correta": bool(r.get("correta", False)),
                      "situacao": r.get("situacao", "ausente"), "equivoco": r.get("equivoco") or ""})
    return saida


def _markdown(entregas: Sequence[Entrega]) -> str:
    partes = ["# Correção dos exercícios conferidos", ""]
    for e in entregas:
        linhas = _linhas(e)
        certas = sum(linha["correta"] for linha in linhas)
        partes += [f"## {e.aluno} (notebook {e.notebook})", "",
                   f"Execução: **{e.estado}**" + (f" — {e.detalhe}" if e.detalhe else "")
                   + f"; {certas} de {len(linhas)} corretas.", ""]
        if linhas:
            partes += ["| pergunta | respondida | correta | situação | equívoco |",
                       "|---|---|---|---|---|"]
            partes += [f"| {l['pergunta']} | {'sim' if l['respondida'] else 'não'} | "
                       f"{'sim' if l['correta'] else 'não'} | {l['situacao']} | {l['equivoco']} |"
                       for l in linhas]
            partes.append("")
    return "\n".join(partes)


def escrever_relatorios(entregas: Sequence[Entrega], pasta: Path | str) -> tuple[Path, Path]:
    """Escreve ``correcao.csv`` e ``correcao.md`` em ``pasta``; devolve os dois caminhos."""
    pasta = Path(pasta)
    pasta.mkdir(parents=True, exist_ok=True)
    planilha, texto = pasta / "correcao.csv", pasta / "correcao.md"
    with planilha.open("w", newline="", encoding="utf-8") as arquivo:
        escritor = csv.DictWriter(arquivo, fieldnames=COLUNAS)
        escritor.writeheader()
        for e in entregas:
            linhas = _linhas(e) or [{"aluno": e.aluno, "notebook": e.notebook, "estado": e.estado}]
            escritor.writerows(linhas)
    texto.write_text(_markdown(entregas), encoding="utf-8")
    return planilha, texto


def _notebooks(caminhos: Sequence[Path | str]) -> list[Path]:
    saida = []
    for c in map(Path, caminhos):
        saida += sorted(c.rglob("*.ipynb")) if c.is_dir() else [c]
    return [p for p in saida if ".ipynb_checkpoints" not in p.parts]


def _nome_do_aluno(caminho: Path, caminhos: Sequence[Path]) -> str:
    """A pasta do aluno e o arquivo (``joana/03_...``); só o arquivo se não houver pasta."""
    return f"{caminho.parent.name}/{caminho.stem}" if len({p.parent for p in caminhos}) > 1 \
        else caminho.stem


def corrigir(caminhos: Sequence[Path | str], saida: Path | str = "correcao",
             tempo: float = 120.0) -> list[Entrega]:
    """Corrige notebooks (ou pastas com notebooks) e escreve os relatórios em ``saida``."""
    notebooks = _notebooks(caminhos)
    entregas = []
    for caminho in notebooks:
        entrega = corrigir_notebook(caminho, tempo, _nome_do_aluno(caminho, notebooks))
        certas = sum(l["correta"] for l in _linhas(entrega))
        print(f"[corrigir] {entrega.aluno}: {entrega.estado}, {certas} de "
              f"{len(_linhas(entrega))} corretas ({entrega.segundos:g} s)", flush=True)
        entregas.append(entrega)
    planilha, texto = escrever_relatorios(entregas, saida)
    print(f"[corrigir] relatórios: {planilha} e {texto}", flush=True)
    return entregas
