"""Que células da entrada a janela do núcleo lê: a regra de índices da convolução, uma vez só.

Na saída t, o peso j do núcleo lê a posição i = t·s − p + j·d da entrada (s = ``stride``,
p = ``padding``, d = ``dilation``). Contada na entrada já com o preenchimento, a mesma
posição é t·s + j·d (p = 0). A convolução transposta usa a regra ao contrário: a entrada t
espalha o peso j na posição t·s + j·d da saída "cheia".

``posicao_lida`` aceita inteiros ou tensores (em *broadcast*), então serve tanto aos
desenhos (uma janela) quanto à montagem vetorizada da matriz da convolução.

Notebooks: 03 (a janela que anda), 04 (as linhas da matriz), 05 (o espalhamento).
"""

from __future__ import annotations

from itertools import product
from typing import Sequence, TypeVar

import torch

__all__ = ["indices_janela", "posicao_lida"]

Indice = TypeVar("Indice", int, torch.Tensor)


def posicao_lida(t: Indice, j: Indice, stride: int = 1, padding: int = 0, dilation: int = 1) -> Indice:
    """Posição da entrada que o peso ``j`` lê na saída ``t``: t·s − p + j·d.

    ``t`` e ``j`` podem ser inteiros ou tensores de inteiros (o resultado segue o *broadcast*).
    Com ``padding=0`` a posição é contada na entrada já preenchida. Usada por ``matriz_conv`` e
    pelos desenhos da janela.
    """
    return t * stride - padding + j * dilation


def indices_janela(
    posicao: Sequence[int],
    kernel_size: Sequence[int],
    stride: Sequence[int],
    dilation: Sequence[int],
    padding: Sequence[int] | None = None,
) -> list[tuple[int, ...]]:
    """Células (uma tupla por dimensão) lidas pela janela na saída ``posicao``, na ordem dos pesos.

    Parâmetros
    ----------
    posicao : (t₁, ..., t_D) na saída; kernel_size, stride, dilation : um valor por dimensão.
    padding : um valor por dimensão; ``None`` (padrão) conta na entrada já preenchida.

    Retorna
    -------
    Lista de k₁·...·k_D tuplas, o peso (j₁, ..., j_D) na ordem de ``peso.reshape(-1)``.
    Exemplo: ``indices_janela((1, 2), (2, 2), (2, 1), (1, 1))`` é
    ``[(2, 2), (2, 3), (3, 2), (3, 3)]``. Usada pelos desenhos e exploradores.
    """
    dims = len(posicao)
    for nome, valores in (("kernel_size", kernel_size), ("stride", stride), ("dilation", dilation)):
        if len(valores) != dims:
            raise ValueError(f"{nome} deve ter {dims} valor(es), um por dimensão de posicao={tuple(posicao)}, "
                             f"mas recebeu {nome}={tuple(valores)}")
    padding = (0,) * dims if padding is None else tuple(padding)
    return [tuple(posicao_lida(posicao[e], j[e], stride[e], padding[e], dilation[e]) for e in range(dims))
            for j in product(*(range(k) for k in kernel_size))]
