"""As variáveis de ambiente do curso: uma tabela só, lida por uma função só.

``VARIAVEIS`` diz, para cada ``CONVAULA_*``, o que ela faz e quem a lê; ``ler(nome)`` devolve
o valor (``None`` se a variável não está definida ou está vazia) e recusa um nome fora da
tabela. O README repete a tabela (um teste confere que as duas batem).

Este módulo só usa a biblioteca padrão: o ``curso.py`` o carrega pelo caminho do arquivo,
antes de o ambiente virtual (e o ``torch``) existir.
"""

from __future__ import annotations

import os
from typing import Mapping, NamedTuple, Optional

__all__ = ["VARIAVEIS", "Variavel", "ler", "modo_ci"]


class Variavel(NamedTuple):
    """Uma variável de ambiente do curso: o nome, o que ela faz e quem a lê."""

    nome: str
    efeito: str
    quem_le: str


VARIAVEIS: dict[str, Variavel] = {v.nome: v for v in (
    Variavel("CONVAULA_VENV", "pasta do ambiente virtual do curso (senão o ambiente ativo, senão `.venv/`)",
             "`curso.py`"),
    Variavel("CONVAULA_VENV_ULTIMAS", "pasta do ambiente de `testar --ultimas` (senão `.venv-ultimas/`)",
             "`curso.py`"),
    Variavel("CONVAULA_INSTALADOR", "`pip` instala com o `pip` em vez do `uv`", "`curso.py`"),
    Variavel("CONVAULA_TORCH", "`padrao` instala o PyTorch do PyPI mesmo numa máquina sem GPU NVIDIA",
             "`curso.py`"),
    Variavel("CONVAULA_CI", "`1` liga o modo CI: os notebooks 08 e 09 treinam num subconjunto real do "
             "Fashion-MNIST, em poucas épocas, na CPU (definida por `conftest.py`, `curso.py executar` e "
             "`curso.py corrigir`)", "notebooks 08 e 09 (e soluções)"),
    Variavel("CONVAULA_DADOS", "pasta do Fashion-MNIST, procurada antes do cache `~/.cache/convaula/dados` e da cópia do sistema", "`convaula.lenet.dados`"),
    Variavel("CONVAULA_PYCACHE", "pasta do *bytecode* compilado uma vez para as caixas de areia da correção "
             "(senão `~/.cache/convaula/pycache`)", "`convaula.exercicios.caixa`"),
    Variavel("CONVAULA_LIMITES", "uso interno: os limites que `corrigir` passa ao processo que roda o notebook do "
             "aluno (JSON)", "`convaula.exercicios.execucao`"),
)}


def ler(nome: str, ambiente: Optional[Mapping[str, str]] = None) -> Optional[str]:
    """O valor da variável ``nome`` (da tabela) em ``ambiente`` (padrão: ``os.environ``).

    Devolve ``None`` se ela não está definida ou está vazia; um nome fora de ``VARIAVEIS``
    levanta ``KeyError`` (uma variável nova entra primeiro na tabela).
    """
    if nome not in VARIAVEIS:
        raise KeyError(f"{nome!r} não é uma variável do curso; as variáveis são: {', '.join(VARIAVEIS)}")
    valor = (os.environ if ambiente is None else ambiente).get(nome)
    return valor or None


def modo_ci(ambiente: Optional[Mapping[str, str]] = None) -> bool:
    """``CONVAULA_CI=1``: o modo dos testes e da reexecução dos notebooks."""
    return ler("CONVAULA_CI", ambiente) == "1"
