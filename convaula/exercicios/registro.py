"""Onde as perguntas moram e o registro para a correção do professor.

``perguntas()`` encontra todas as perguntas de todos os módulos ``nbNN`` (os testes e o
comando ``corrigir`` iteram sobre elas, então um banco novo é coberto sem registro manual).
``registrar_correcao`` acrescenta uma linha JSON ao arquivo da variável de ambiente
``CONVAULA_CORRECAO`` a cada conferência; sem a variável, não faz nada. Notebooks 01 a 09.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
from pathlib import Path
from typing import Any

__all__ = ["VARIAVEL", "modulos", "perguntas", "registrar_correcao"]

VARIAVEL = "CONVAULA_CORRECAO"
PASTA = Path(__file__).resolve().parent


def modulos() -> list[str]:
    """Nomes dos bancos de perguntas, ``["nb01", ..., "nb09"]``, em ordem."""
    return sorted(m.name for m in pkgutil.iter_modules([str(PASTA)]) if m.name.startswith("nb"))


def perguntas(notebook: str | None = None) -> list[Any]:
    """Todas as perguntas (ou só as do notebook ``"03"``), na ordem em que o módulo as define."""
    from .base import Pergunta

    saida = []
    for nome in modulos():
        if notebook is not None and nome != f"nb{notebook}":
            continue
        modulo = importlib.import_module(f"{__package__}.{nome}")
        saida += [v for v in vars(modulo).values() if isinstance(v, Pergunta)]
    return saida


def registrar_correcao(resultado: Any) -> None:
    """Acrescenta o veredito ao arquivo de ``CONVAULA_CORRECAO`` (uma linha JSON por conferência).

    Campos: notebook, pergunta, respondida, correta, situacao, equivoco. Um arquivo que não
    pode ser escrito não interrompe o notebook do aluno (o relatório acusará a falta).
    """
    caminho = os.environ.get(VARIAVEL)
    if not caminho:
        return
    linha = json.dumps({
        "notebook": resultado.notebook, "pergunta": resultado.pergunta,
        "respondida": resultado.respondida, "correta": resultado.correta,
        "situacao": resultado.situacao, "equivoco": resultado.equivoco,
    }, ensure_ascii=False)
    try:
        with open(caminho, "a", encoding="utf-8") as arquivo:
            arquivo.write(linha + "\n")
    except OSError:
        pass
