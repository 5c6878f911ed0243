"""Onde as perguntas moram: os bancos ``nbNN`` e a busca das perguntas de cada um.

``perguntas()`` encontra todas as perguntas de todos os módulos ``nbNN`` (os testes e o
comando ``corrigir`` iteram sobre elas, então um banco novo é coberto sem registro manual);
``pergunta("03", "q1")`` devolve uma. Nada aqui grava vereditos: quem corrige é o
``corrigir``, no próprio processo. Notebooks 01 a 09.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Optional

from .base import Pergunta

__all__ = ["modulos", "pergunta", "perguntas"]

PASTA = Path(__file__).resolve().parent


def modulos() -> list[str]:
    """Nomes dos bancos de perguntas, ``["nb01", ..., "nb08"]``, em ordem."""
    return sorted(m.name for m in pkgutil.iter_modules([str(PASTA)])
                  if m.name.startswith("nb") and m.name[2:].isdigit())


def perguntas(notebook: str | None = None) -> list[Pergunta]:
    """Todas as perguntas (ou só as do notebook ``"03"``), na ordem em que o módulo as define."""
    saida = []
    for nome in modulos():
        if notebook is not None and nome != f"nb{notebook}":
            continue
        modulo = importlib.import_module(f"{__package__}.{nome}")
        saida += [v for v in vars(modulo).values() if isinstance(v, Pergunta)]
    return saida


def pergunta(notebook: str, id: str) -> Optional[Pergunta]:
    """A pergunta ``id`` do banco ``nbNN`` (ou ``None``, se não existe)."""
    return next((q for q in perguntas(notebook) if q.id == id), None)
