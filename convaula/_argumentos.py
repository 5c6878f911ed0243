"""Normalização e conferência de argumentos, num lugar só e na fronteira (como ``_pair`` do torch).

Os módulos do núcleo recebem ``kernel_size``, ``stride``, ``padding``... como inteiro ou tupla;
aqui eles viram listas com um valor por dimensão, e tipos errados viram ``TypeError`` e
valores fora da regra viram ``ValueError``, sempre com uma mensagem em português que diz o
parâmetro, o valor e a regra. Nenhuma outra parte do pacote repete essas conferências.
"""

from __future__ import annotations

from numbers import Integral
from typing import Any, Sequence, Union

import torch

Tamanho = Union[int, tuple[int, ...]]
"""Um tamanho por dimensão espacial: um inteiro (vale para todas) ou uma tupla."""


def inteiro(nome: str, valor: Any) -> int:
    """Devolve ``valor`` como ``int`` ou levanta ``TypeError`` dizendo qual parâmetro está errado."""
    if isinstance(valor, bool) or not isinstance(valor, Integral):
        raise TypeError(
            f"{nome} deve ser um inteiro (ou uma tupla de inteiros), "
            f"mas recebeu {nome}={valor!r} do tipo {type(valor).__name__}"
        )
    return int(valor)


def booleano(nome: str, valor: Any) -> bool:
    """Devolve ``valor`` se for ``True`` ou ``False``; senão, ``TypeError``."""
    if not isinstance(valor, bool):
        raise TypeError(f"{nome} deve ser True ou False, mas recebeu {nome}={valor!r}")
    return valor


def expandir(**params: Any) -> tuple[int, dict[str, list[int]], bool]:
    """Alinha parâmetros int/tupla: devolve (dimensões, valores por dimensão, se há tupla).

    Inteiros valem para todas as dimensões; tuplas devem ter todas o mesmo comprimento.
    """
    dims = None
    for nome, valor in params.items():
        if isinstance(valor, (tuple, list)):
            if len(valor) == 0:
                raise ValueError(f"{nome} não pode ser uma tupla vazia, mas recebeu {nome}={valor!r}")
            if dims is None:
                dims, primeiro = len(valor), nome
            elif len(valor) != dims:
                raise ValueError(
                    f"{nome} tem {len(valor)} dimensões, mas {primeiro} tem {dims}: "
                    f"as tuplas devem ter o mesmo comprimento ({nome}={tuple(valor)!r})"
                )
    tem_tupla = dims is not None
    dims = dims or 1
    return dims, {nome: por_dimensao(nome, valor, dims) for nome, valor in params.items()}, tem_tupla


def por_dimensao(nome: str, valor: Union[int, Sequence[int]], dims: int) -> list[int]:
    """Expande um int para ``dims`` dimensões ou confere o comprimento de uma tupla."""
    if isinstance(valor, (tuple, list, torch.Size)):
        if len(valor) != dims:
            raise ValueError(
                f"{nome} deve ter {dims} valor(es), um por dimensão espacial, "
                f"mas recebeu {nome}={tuple(valor)!r}"
            )
        return [inteiro(f"{nome}[{i}]", v) for i, v in enumerate(valor)]
    return [inteiro(nome, valor)] * dims


def rotulo(nome: str, i: int, tem_tupla: bool) -> str:
    """``nome[i]`` quando o parâmetro veio como tupla; ``nome`` quando veio como inteiro."""
    return f"{nome}[{i}]" if tem_tupla else nome


def exigir(condicao: bool, mensagem: str) -> None:
    """Levanta ``ValueError(mensagem)`` se a condição for falsa."""
    if not condicao:
        raise ValueError(mensagem)


def positivo(nome: str, valor: int, simbolo: str) -> None:
    """Exige ``valor >= 1`` (tamanhos, núcleo, passo, dilatação)."""
    exigir(valor >= 1, f"{nome} deve ser positivo ({simbolo} >= 1), mas recebeu {nome}={valor}")


def nao_negativo(nome: str, valor: int, simbolo: str) -> None:
    """Exige ``valor >= 0`` (preenchimento, ``output_padding``)."""
    exigir(valor >= 0, f"{nome} não pode ser negativo ({simbolo} >= 0), mas recebeu {nome}={valor}")


def resultado(valores: list[int], tem_tupla: bool) -> Tamanho:
    """Uma tupla se algum argumento era tupla; senão o inteiro da única dimensão."""
    return tuple(valores) if tem_tupla else valores[0]


def tensor(nome: str, valor: Any, dims_minimo: int, dims_maximo: int) -> torch.Tensor:
    """Confere que ``valor`` é um ``torch.Tensor`` com ``dims_minimo``..``dims_maximo`` eixos."""
    if not isinstance(valor, torch.Tensor):
        raise TypeError(f"{nome} deve ser um torch.Tensor, mas recebeu {type(valor).__name__}")
    if not dims_minimo <= valor.dim() <= dims_maximo:
        faixa = str(dims_minimo) if dims_minimo == dims_maximo else f"de {dims_minimo} a {dims_maximo}"
        raise ValueError(f"{nome} deve ter {faixa} dimensões, mas tem forma {tuple(valor.shape)}")
    return valor
