"""As lições como referência da correção: quem é a entrega e as células de conferência.

A lição de uma entrega vem do professor (``--notebook 03``) ou dos ids das células, que o
Jupyter guarda no arquivo e que a cópia do aluno herda da lição (ou do notebook de
soluções); o nome do arquivo não decide. As células de conferência (as que chamam
``nbNN.qK(...)``) são restauradas a partir da lição, como no nbgrader: a ordem, as perguntas
e os bancos são os da lição; cada chamada vira ``__convaula__("NN", "qK", lambda: valor)``,
que só entrega o valor. A expressão da resposta é a que o aluno escreveu na mesma célula
(``nb03.q1(4)``) ou, se ele apagou a chamada, a da lição. Usado por ``corrigir``.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Optional

__all__ = ["Chamada", "Licao", "celulas_de_codigo", "identificar", "importados", "licoes",
           "preparar"]

RAIZ = Path(__file__).resolve().parents[2]
CHAMADA = re.compile(r"^\s*nb(\d\d)\.(\w+)\s*\((.*)\)\s*(#.*)?$")
SUSPEITAS = re.compile(r"\.resposta\b|\.solucao\s*\(|\bperguntas\s*\(|\._ref\b|\.equivocos\b|"
                       r"_referencia\b|\.oraculo\b|\.casos\b|exercicios\.(registro|base|prontas)\b")


@dataclass(frozen=True)
class Chamada:
    """Uma chamada ``nbNN.qK(argumento)`` de uma célula de conferência."""

    notebook: str
    pergunta: str
    argumento: str


@dataclass
class Licao:
    """Uma lição (ou o notebook de soluções dela) como referência."""

    numero: str
    caminho: Path
    solucoes: bool
    celulas: list[tuple[Optional[str], str, str]]  # (id, tipo, fonte)
    conferencia: dict[str, list[Chamada]] = field(default_factory=dict)  # id -> chamadas

    @property
    def ids(self) -> set[str]:
        return {i for i, _, _ in self.celulas if i}


def _fonte(celula: dict) -> str:
    fonte = celula.get("source", "")
    return "".join(fonte) if isinstance(fonte, list) else fonte


def celulas_de_codigo(nb: dict) -> list[tuple[Optional[str], str, str]]:
    """(id, tipo, fonte) de cada célula de um notebook já validado."""
    return [(c.get("id") if isinstance(c.get("id"), str) else None, c.get("cell_type"), _fonte(c))
            for c in nb["cells"]]


def _python(fonte: str) -> str:
    """A fonte com as mágicas do IPython (%, !) já traduzidas para Python."""
    try:
        from IPython.core.inputtransformer2 import TransformerManager

        return TransformerManager().transform_cell(fonte)
    except Exception:  # noqa: BLE001
        return fonte


def chamadas(fonte: str, bancos: set[str]) -> list[tuple[Chamada, int, int]]:
    """As chamadas ``nbNN.qK(x)`` de primeiro nível (com as linhas que ocupam, 1..n)."""
    from .registro import pergunta

    try:
        arvore = ast.parse(_python(fonte))
    except (SyntaxError, ValueError):
        saida = []
        for i, linha in enumerate(fonte.splitlines(), 1):
            achado = CHAMADA.match(linha)
            if achado and achado.group(1) in bancos and pergunta(achado.group(1), achado.group(2)):
                saida.append((Chamada(achado.group(1), achado.group(2), achado.group(3)), i, i))
        return saida
    texto = _python(fonte)
    saida = []
    for no in arvore.body:
        if not (isinstance(no, ast.Expr) and isinstance(no.value, ast.Call)):
            continue
        f = no.value.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and \
                re.fullmatch(r"nb\d\d", f.value.id) and f.value.id[2:] in bancos and \
                pergunta(f.value.id[2:], f.attr) is not None and len(no.value.args) == 1 \
                and not no.value.keywords:
            argumento = ast.get_source_segment(texto, no.value.args[0]) or "..."
            saida.append((Chamada(f.value.id[2:], f.attr, argumento), no.lineno, no.end_lineno))
    return saida


def _sem_chamadas(fonte: str, bancos: set[str]) -> str:
    achadas = chamadas(fonte, bancos)
    texto = _python(fonte) if achadas and _analisavel(fonte) else fonte
    linhas = texto.splitlines()
    for _, inicio, fim in achadas:
        for i in range(inicio - 1, fim):
            linhas[i] = ""
    return "\n".join(linhas)


def _analisavel(fonte: str) -> bool:
    try:
        ast.parse(_python(fonte))
        return True
    except (SyntaxError, ValueError):
        return False


def _captura(c: Chamada) -> str:
    return f"__convaula__({c.notebook!r}, {c.pergunta!r}, lambda: ({c.argumento}))"


@lru_cache(maxsize=None)
def licoes() -> tuple[Licao, ...]:
    """Cada lição de ``notebooks/`` e cada notebook de soluções, com as células de conferência."""
    from .registro import modulos, perguntas

    saida = []
    bancos = {m[2:] for m in modulos()}
    for caminho in sorted((RAIZ / "notebooks").glob("[0-9][0-9]_*.ipynb")) + \
            sorted((RAIZ / "notebooks" / "solucoes").glob("[0-9][0-9]_*.ipynb")):
        numero = caminho.name[:2]
        if numero not in bancos or not perguntas(numero):
            continue
        nb = json.loads(caminho.read_text(encoding="utf-8"))
        licao = Licao(numero, caminho, caminho.parent.name == "solucoes", celulas_de_codigo(nb))
        for id_, tipo, fonte in licao.celulas:
            achadas = [c for c, _, _ in chamadas(fonte, {numero})] if tipo == "code" else []
            if achadas and id_:
                licao.conferencia[id_] = achadas
        saida.append(licao)
    return tuple(saida)


def identificar(celulas: list, numero: Optional[str] = None) -> Optional[Licao]:
    """A lição da entrega: a de mais ids de células em comum (entre as do ``numero`` dado,
    se o professor disse); ``None`` se nenhuma célula de conferência bate."""
    ids = {i for i, _, _ in celulas if i}
    candidatas = [l for l in licoes() if numero is None or l.numero == numero]
    pontos = [(len(ids & set(l.conferencia)), len(ids & l.ids), l) for l in candidatas]
    pontos = [p for p in pontos if p[0] > 0]
    if not pontos:
        return None
    return max(pontos, key=lambda p: (p[0], p[1], not p[2].solucoes))[2]


@dataclass
class Preparo:
    """As células prontas para executar e o que a análise estática achou."""

    celulas: list[str]
    suspeitas: dict[str, list[int]]  # pergunta -> células (1..n) que leem a referência


def preparar(celulas: list, licao: Optional[Licao], numero: str) -> Preparo:
    """As fontes a executar: as células de código do aluno, com as de conferência restauradas."""
    bancos = {numero}
    saida, suspeitas, vistos = [], {}, set()
    for n, (id_, tipo, fonte) in enumerate(celulas, 1):
        if tipo != "code":
            continue
        if licao is not None and id_ in licao.conferencia:
            vistos.add(id_)
            do_aluno = {c.pergunta: c for c, _, _ in chamadas(fonte, bancos)}
            restantes = _sem_chamadas(fonte, bancos)
            linhas = []
            for c in licao.conferencia[id_]:
                usada = do_aluno.get(c.pergunta, c)
                linhas.append(_captura(Chamada(c.notebook, c.pergunta, usada.argumento)))
                if SUSPEITAS.search(fonte):
                    suspeitas.setdefault(c.pergunta, []).append(n)
            saida.append(restantes + "\n" + "\n".join(linhas))
        elif licao is None:  # sem ids da lição: as chamadas do próprio aluno entregam os valores
            achadas = chamadas(fonte, bancos)
            restantes = _sem_chamadas(fonte, bancos)
            for c, _, _ in achadas:
                if SUSPEITAS.search(fonte):
                    suspeitas.setdefault(c.pergunta, []).append(n)
            saida.append(restantes + "\n" + "\n".join(_captura(c) for c, _, _ in achadas))
        else:
            saida.append(fonte)
            if SUSPEITAS.search(fonte):
                suspeitas.setdefault("*", []).append(n)
    if licao is not None:  # célula de conferência apagada: volta a da lição, sem resposta
        for id_, tipo, fonte in licao.celulas:
            if id_ in licao.conferencia and id_ not in vistos:
                saida.append(_sem_chamadas(fonte, bancos) + "\n" +
                             "\n".join(_captura(Chamada(c.notebook, c.pergunta, "..."))
                                       for c in licao.conferencia[id_]))
    return Preparo(saida, suspeitas)


def importados() -> list[str]:
    """Os módulos que as lições e as soluções importam (para compilar uma vez antes)."""
    nomes = {"IPython.core.interactiveshell", "convaula.exercicios.registro"}
    for l in licoes():
        nomes.add(f"convaula.exercicios.nb{l.numero}")
        for _, tipo, fonte in l.celulas:
            if tipo != "code":
                continue
            try:
                arvore = ast.parse(_python(fonte))
            except (SyntaxError, ValueError):
                continue
            for no in ast.walk(arvore):
                if isinstance(no, ast.Import):
                    nomes |= {a.name for a in no.names}
                elif isinstance(no, ast.ImportFrom) and no.module and not no.level:
                    nomes.add(no.module)
                    nomes |= {f"{no.module}.{a.name}" for a in no.names}
    return sorted(nomes)
