"""Normalização e conferência de argumentos, num lugar só e na fronteira (como ``_pair`` do torch).

Os módulos do núcleo recebem ``kernel_size``, ``stride``, ``padding``... como inteiro ou tupla;
aqui eles viram listas com um valor por dimensão. Uma regra só para as exceções:

- tipo errado (``2.5`` onde vai um inteiro, ``1`` onde vai ``True``/``False``) → ``TypeError``;
- tipo certo, valor fora da regra (``-1`` onde vai um inteiro >= 0) → ``ValueError``;

sempre com uma mensagem em português que diz o parâmetro, o valor e a regra. Conferências de
tipo: ``inteiro``, ``numero``, ``booleano``, ``texto``, ``modulo``, ``tensor``; de int-ou-tupla:
``por_dimensao``, ``expandir``, ``par``, ``tupla``, ``unico``; de valor: ``exigir``,
``positivo``, ``nao_negativo`` (e ``minimo``/``maximo``/``opcoes`` das de tipo).
Nenhuma outra parte do pacote repete essas conferências.
"""

from __future__ import annotations

from numbers import Integral, Real
from typing import Any, Optional, Sequence, Union

import torch
from torch import nn

Tamanho = Union[int, tuple[int, ...]]
"""Um tamanho por dimensão espacial: um inteiro (vale para todas) ou uma tupla."""


def _faixa(nome: str, valor: Any, minimo: Any, maximo: Any) -> None:
    """``ValueError`` se ``valor`` estiver fora de [minimo, maximo] (``None``: sem limite)."""
    if minimo is not None and maximo is not None:
        exigir(minimo <= valor <= maximo,
               f"{nome} deve estar entre {minimo} e {maximo}, mas recebeu {nome}={valor!r}")
    elif minimo is not None:
        exigir(valor >= minimo, f"{nome} deve ser >= {minimo}, mas recebeu {nome}={valor!r}")
    elif maximo is not None:
        exigir(valor <= maximo, f"{nome} deve ser <= {maximo}, mas recebeu {nome}={valor!r}")


def inteiro(nome: str, valor: Any, minimo: Optional[int] = None, maximo: Optional[int] = None,
            *, ou_tupla: bool = False) -> int:
    """Devolve ``valor`` como ``int``: ``TypeError`` se não for inteiro (``bool`` não conta),
    ``ValueError`` se ficar fora de [``minimo``, ``maximo``].

    ``ou_tupla`` acrescenta à mensagem que uma tupla de inteiros também serviria.
    """
    if isinstance(valor, bool) or not isinstance(valor, Integral):
        dica = " (ou uma tupla de inteiros)" if ou_tupla else ""
        raise TypeError(f"{nome} deve ser um inteiro{dica}, "
                        f"mas recebeu {nome}={valor!r} do tipo {type(valor).__name__}")
    valor = int(valor)
    _faixa(nome, valor, minimo, maximo)
    return valor


def numero(nome: str, valor: Any, minimo: Optional[float] = None, maximo: Optional[float] = None) -> float:
    """Devolve ``valor`` (int ou float, não ``bool``) como ``float``; ``TypeError`` se não for
    número, ``ValueError`` se ficar fora de [``minimo``, ``maximo``] (ou for NaN)."""
    if isinstance(valor, bool) or not isinstance(valor, Real):
        raise TypeError(f"{nome} deve ser um número, mas recebeu {nome}={valor!r} do tipo {type(valor).__name__}")
    valor = float(valor)
    exigir(valor == valor, f"{nome} deve ser um número, mas recebeu {nome}=nan")
    _faixa(nome, valor, minimo, maximo)
    return valor


def booleano(nome: str, valor: Any) -> bool:
    """Devolve ``valor`` se for ``True`` ou ``False``; senão, ``TypeError``."""
    if not isinstance(valor, bool):
        raise TypeError(f"{nome} deve ser True ou False, mas recebeu {nome}={valor!r}")
    return valor


def texto(nome: str, valor: Any, opcoes: Optional[Sequence[str]] = None) -> str:
    """Devolve ``valor`` se for ``str`` (senão ``TypeError``) e, com ``opcoes``, um delas
    (senão ``ValueError``)."""
    if not isinstance(valor, str):
        raise TypeError(f"{nome} deve ser um texto, mas recebeu {nome}={valor!r} do tipo {type(valor).__name__}")
    if opcoes is not None:
        exigir(valor in opcoes, f"{nome} deve ser um de {tuple(opcoes)}, mas recebeu {nome}={valor!r}")
    return valor


def modulo(nome: str, valor: Any) -> nn.Module:
    """Devolve ``valor`` se for um ``torch.nn.Module``; senão, ``TypeError``."""
    if not isinstance(valor, nn.Module):
        raise TypeError(f"{nome} deve ser um torch.nn.Module, mas recebeu {type(valor).__name__}")
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
    return [inteiro(nome, valor, ou_tupla=True)] * dims


def par(nome: str, valor: Union[int, Sequence[int]]) -> tuple[int, int]:
    """Um int vale para altura e largura; uma tupla precisa ter dois valores: ``(altura, largura)``."""
    altura, largura = por_dimensao(nome, valor, 2)
    return altura, largura


def tupla(nome: str, valor: Union[int, Sequence[int]]) -> tuple[int, ...]:
    """Um int vira ``(int,)``; uma tupla (não vazia) de inteiros fica como está."""
    if isinstance(valor, (tuple, list, torch.Size)):
        exigir(len(valor) > 0, f"{nome} não pode ser uma tupla vazia, mas recebeu {nome}={tuple(valor)!r}")
        return tuple(inteiro(f"{nome}[{i}]", v) for i, v in enumerate(valor))
    return (inteiro(nome, valor, ou_tupla=True),)


def unico(nome: str, valor: Union[int, Sequence[int]], conselho: str = "") -> int:
    """Um int, ou uma tupla com o mesmo valor em todas as dimensões (as camadas 2D do torch).

    Uma tupla com valores diferentes é ``ValueError``; ``conselho`` completa a mensagem.
    """
    valores = tupla(nome, valor)
    if len(set(valores)) != 1:
        raise ValueError(f"{nome}={valores!r} difere entre dimensões" + (f"; {conselho}" if conselho else ""))
    return valores[0]


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


def tensor(nome: str, valor: Any, dims_minimo: int = 0, dims_maximo: Optional[int] = None,
           forma: str = "") -> torch.Tensor:
    """Confere que ``valor`` é um ``torch.Tensor`` (senão ``TypeError``) com ``dims_minimo``..
    ``dims_maximo`` eixos (senão ``ValueError``; ``None``: sem limite); ``forma`` descreve os
    eixos na mensagem."""
    if not isinstance(valor, torch.Tensor):
        raise TypeError(f"{nome} deve ser um torch.Tensor, mas recebeu {type(valor).__name__}")
    dims_maximo = valor.dim() if dims_maximo is None else dims_maximo
    if not dims_minimo <= valor.dim() <= dims_maximo:
        faixa = str(dims_minimo) if dims_minimo == dims_maximo else f"de {dims_minimo} a {dims_maximo}"
        descricao = f"a forma {forma} ({faixa} dimensões)" if forma else f"{faixa} dimensões"
        raise ValueError(f"{nome} deve ter {descricao}, mas tem forma {tuple(valor.shape)}")
    return valor
