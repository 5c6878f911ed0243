"""O que roda dentro da caixa de areia: o notebook do aluno, ou a função dele nos casos.

``python convaula/exercicios/execucao.py notebook PASTA`` (como script: só o notebook
importa o torch, se quiser) executa as células de
``PASTA/entrada.json`` num IPython dentro deste processo (sem kernel, sem rede) e grava, a
cada ``__convaula__(...)`` que a correção pôs nas células de conferência, o *valor* da
resposta em ``PASTA/respostas.jsonl``, e o andamento em ``PASTA/estado.jsonl``.
``... codigo PASTA`` roda a função de ``PASTA/codigo.json`` nos casos da pergunta e grava o
que ela devolveu em ``PASTA/saidas.json``. Tudo o que este processo escreve é tratado pela
correção como dado não confiável: só valores, validados (``convaula.exercicios.valores``).
Os limites (memória, tempo de CPU, processos, arquivos) são aplicados antes de qualquer
código do aluno. Usado por ``convaula.exercicios.corrigir``.
"""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # como script: ``valores`` sem importar o pacote (e o torch)
    import valores as _valores

    del sys.path[0]
else:
    from . import valores as _valores

__all__ = ["SaidaContada", "limitar", "main"]

LIMITE_SAIDA = 5_000_000  # caracteres que um notebook pode imprimir


def limitar(memoria: int, cpu: int, processos: int, arquivo: int = 200 << 20) -> None:
    """Limites do sistema para este processo e os filhos (o que o sistema permitir)."""
    try:
        import resource
    except ImportError:  # Windows
        return
    for nome, valor in (("RLIMIT_DATA", memoria), ("RLIMIT_CPU", cpu),
                        ("RLIMIT_NPROC", processos), ("RLIMIT_FSIZE", arquivo), ("RLIMIT_CORE", 0)):
        limite = getattr(resource, nome, None)
        if limite is None or valor <= 0 and nome != "RLIMIT_CORE":
            continue
        try:
            _, teto = resource.getrlimit(limite)
            valor = valor if teto == resource.RLIM_INFINITY else min(valor, teto)
            resource.setrlimit(limite, (valor, valor))
        except (ValueError, OSError):
            pass


class SaidaContada(io.TextIOBase):
    """Um ``sys.stdout``/``sys.stderr`` que descarta o texto e conta os caracteres; passado o
    ``limite``, levanta ``excecao`` (uma vez só com ``uma_vez``, senão a cada escrita).

    O notebook na caixa usa ``uma_vez`` (avisa e segue); ``convaula.exercicios.codigo``
    interrompe a função do aluno a cada escrita além do limite.
    """

    def __init__(self, limite: int, excecao: type[BaseException] | None = None,
                 uma_vez: bool = True) -> None:
        self.caracteres, self.limite, self.estourou = 0, limite, False
        self.excecao, self.uma_vez = excecao or _SaidaExcessiva, uma_vez

    def writable(self) -> bool:
        return True

    def write(self, texto: str) -> int:
        self.caracteres += len(texto)
        if self.caracteres > self.limite and not (self.uma_vez and self.estourou):
            self.estourou = True
            raise self.excecao
        return len(texto)

    def flush(self) -> None:
        pass


class _SaidaExcessiva(BaseException):
    pass


def _anotar(arquivo, registro: dict) -> None:
    arquivo.write(json.dumps(registro, ensure_ascii=True) + "\n")
    arquivo.flush()


def _sem_terminal() -> None:
    """A saída de baixo nível (os.write(1, ...), bibliotecas em C) vai para /dev/null."""
    nulo = os.open(os.devnull, os.O_WRONLY)
    os.dup2(nulo, 1)
    os.dup2(nulo, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)


def _cpu() -> float:
    try:
        import resource
    except ImportError:
        return 0.0
    uso = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return round(sum(u.ru_utime + u.ru_stime for u in uso), 2)


def _notebook(pasta: Path) -> None:
    valores = _valores
    entrada = json.loads((pasta / "entrada.json").read_text(encoding="utf-8"))
    respostas = open(pasta / "respostas.jsonl", "a", encoding="utf-8")
    estado = open(pasta / "estado.jsonl", "a", encoding="utf-8")

    def capturar(notebook: str, pergunta: str, ler: Any) -> None:
        try:
            valor = valores.codificar(ler())
        except BaseException as erro:  # noqa: BLE001 — a variável da resposta não existe...
            valor = {"t": "opaco", "d": f"nenhum valor ({type(erro).__name__} ao ler a resposta)"}
        _anotar(respostas, {"notebook": notebook, "pergunta": pergunta, "valor": valor})

    from IPython.core.interactiveshell import InteractiveShell

    saida = SaidaContada(int(entrada.get("limite_saida", LIMITE_SAIDA)))
    sys.stdout = sys.stderr = saida
    shell = InteractiveShell.instance(colors="nocolor")
    shell.user_ns["__convaula__"] = capturar
    # sem kernel não há figura embutida: %matplotlib não faz nada (o backend já é o Agg)
    shell.register_magic_function(lambda linha="": None, "line", "matplotlib")
    for i, fonte in enumerate(entrada["celulas"]):
        _anotar(estado, {"celula": i})
        try:
            resultado = shell.run_cell(fonte, store_history=True)
            erro = resultado.error_in_exec or resultado.error_before_exec
        except _SaidaExcessiva:
            erro = None
        if saida.estourou:
            _anotar(estado, {"celula": i, "saida_excessiva": True})
            break
        if erro is not None:
            texto = str(erro)
            memoria = isinstance(erro, MemoryError) or "can't allocate memory" in texto \
                or "DefaultCPUAllocator" in texto
            _anotar(estado, {"celula": i, "erro": type(erro).__name__[:60], "memoria": memoria})
    _anotar(estado, {"fim": True, "cpu": _cpu()})


def _codigo(pasta: Path) -> None:
    valores = _valores
    pedido = json.loads((pasta / "codigo.json").read_text(encoding="utf-8"))
    from convaula.exercicios.registro import pergunta

    q = pergunta(pedido["notebook"], pedido["pergunta"])
    casos, tipo = q.tipo.casos, q.tipo  # carregados antes do código do aluno
    saida = open(pasta / "saidas.json", "w", encoding="utf-8")
    espaco: dict[str, Any] = {"__name__": "__aluno__"}
    sys.stdout = sys.stderr = SaidaContada(LIMITE_SAIDA)
    try:
        exec(compile(pedido["fonte"], "<função do aluno>", "exec"), espaco)  # noqa: S102
        candidatas = [v for v in espaco.values() if callable(v)
                      and getattr(v, "__name__", None) == pedido["nome"]]
        funcao = candidatas[-1] if candidatas else None
    except BaseException as erro:  # noqa: BLE001
        _anotar(saida, {"reconstruir": type(erro).__name__[:60]})
        return
    if funcao is None:
        _anotar(saida, {"reconstruir": "sem a função"})
        return
    resultados = []
    for caso in casos:
        falha, detalhe = tipo.executar(funcao, caso)
        if falha == "ok":
            detalhe = valores.codificar(detalhe)
        elif isinstance(detalhe, tuple):
            detalhe = list(detalhe)
        resultados.append([falha, detalhe])
        if falha != "ok":  # a mensagem fala só da primeira falha
            break
    _anotar(saida, {"resultados": resultados})


def main(argv: list[str]) -> int:
    modo, pasta = argv[0], Path(argv[1])
    limites = json.loads(os.environ.get("CONVAULA_LIMITES") or "{}")  # roda como script: sem convaula.config
    limitar(int(limites.get("memoria", 0)), int(limites.get("cpu", 0)),
            int(limites.get("processos", 0)))
    _sem_terminal()
    (_notebook if modo == "notebook" else _codigo)(pasta)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
