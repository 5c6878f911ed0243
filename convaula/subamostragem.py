"""Subamostragem (*pooling*): a média como convolução e a tolerância a deslocamentos, medida.

- ``media_como_convolucao``: a subamostragem por média é uma convolução em profundidade
  com um núcleo constante 1/k² e passo k (confere com ``F.avg_pool2d``);
- ``deslocar``: duas vistas da mesma imagem, uma deslocada de alguns pixels na horizontal,
  sem preenchimento (as duas são recortes da original);
- ``variacao_por_deslocamento``: quanto um mapa de características muda, em norma relativa,
  quando a imagem anda alguns pixels.

Notebook 07.
"""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F

from ._argumentos import inteiro, positivo, tensor

__all__ = ["deslocar", "media_como_convolucao", "variacao_por_deslocamento"]


def media_como_convolucao(x: torch.Tensor, kernel_size: int) -> torch.Tensor:
    """Subamostragem por média k × k feita com ``F.conv2d``: núcleo 1/k², passo k, um por canal.

    Parâmetros
    ----------
    x : tensor ``(N, C, H, W)``.
    kernel_size : k; o passo é k, como no padrão de ``nn.AvgPool2d``.

    Devolve o mesmo que ``F.avg_pool2d(x, kernel_size)``. Notebook 07.
    """
    tensor("x", x, 4, 4)
    k = inteiro("kernel_size", kernel_size)
    positivo("kernel_size", k, "k")
    canais = x.shape[1]
    peso = torch.full((canais, 1, k, k), 1 / k**2, dtype=x.dtype)  # (C, 1, k, k)
    return F.conv2d(x, peso, stride=k, groups=canais)


def deslocar(imagem: torch.Tensor, pixels: int = 1) -> tuple[torch.Tensor, torch.Tensor]:
    """Duas vistas ``(..., H, W − pixels)`` da imagem: a original e a deslocada de ``pixels``.

    A segunda é a primeira andando ``pixels`` colunas para a esquerda: ``b[..., j] ==
    a[..., j + pixels]``. As duas são recortes da imagem, então não há preenchimento nem
    volta pela borda. Notebook 07.
    """
    tensor("imagem", imagem, 2, 5)
    pixels = inteiro("pixels", pixels)
    positivo("pixels", pixels, "pixels")
    if pixels >= imagem.shape[-1]:
        raise ValueError(f"pixels deve ser menor que a largura da imagem ({imagem.shape[-1]}), "
                         f"mas recebeu pixels={pixels}")
    return imagem[..., :-pixels], imagem[..., pixels:]


def variacao_por_deslocamento(
    mapa: Callable[[torch.Tensor], torch.Tensor], imagem: torch.Tensor, pixels: int = 1
) -> float:
    """Variação relativa ‖f(a) − f(b)‖ / ‖f(a)‖ de um mapa f quando a imagem anda ``pixels``.

    ``a`` e ``b`` vêm de ``deslocar``; as saídas são comparadas posição a posição (sem
    realinhar). 0 = o mapa não mudou nada; perto de 1 ou mais = mudou tanto quanto vale.
    Notebook 07.
    """
    a, b = deslocar(imagem, pixels)
    fa, fb = mapa(a), mapa(b)
    if fa.shape != fb.shape:
        raise ValueError(f"o mapa devolveu formas diferentes para as duas vistas: "
                         f"{tuple(fa.shape)} e {tuple(fb.shape)}")
    norma = fa.norm()
    if norma == 0:
        raise ValueError("o mapa da imagem original é todo zero: a variação relativa não existe")
    return float((fa - fb).norm() / norma)
