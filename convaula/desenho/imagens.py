"""Uma fileira de imagens lado a lado: a foto, os canais, os mapas de uma convolução.

``mostrar_imagens`` recebe tensores do jeito que o PyTorch os dá — ``(H, W)``, ``(1, H, W)``,
``(3, H, W)`` (colorida) ou com o eixo do lote, ``(1, C, H, W)`` — e desenha cada um num eixo,
com título e uma escala de cores própria, comum ou simétrica em torno de zero (para mapas com
sinal, como a saída de um filtro de Sobel). Notebooks 02, 03 e 06.
"""

from __future__ import annotations

from typing import Sequence

import torch
from matplotlib.axes import Axes

from .._argumentos import tensor

__all__ = ["ESCALAS", "mostrar_imagens"]

ESCALAS = ("propria", "comum", "simetrica")


def _como_imagem(i: int, imagem) -> torch.Tensor:
    """(H, W) para tons de cinza ou (H, W, 3) para cor, a partir das formas do PyTorch."""
    imagem = tensor(f"imagens[{i}]", imagem).detach().float().cpu()
    while imagem.ndim > 2 and imagem.shape[0] == 1:
        imagem = imagem[0]                          # tira o lote e o canal únicos
    if imagem.ndim == 3 and imagem.shape[0] == 3:
        return imagem.permute(1, 2, 0).clamp(0, 1)  # (H, W, 3): o matplotlib quer os canais no fim
    if imagem.ndim != 2:
        raise ValueError(f"imagens[{i}] deve ter forma (H, W), (1, H, W), (3, H, W) ou (1, C, H, W) "
                         f"com C = 1 ou 3, mas recebeu forma {tuple(imagem.shape)}")
    return imagem


def _limites(imagens: list[torch.Tensor], escala) -> list[tuple]:
    cinzas = [im for im in imagens if im.ndim == 2]
    if escala == "propria" or not cinzas:
        return [(None, None)] * len(imagens)
    if escala == "comum":
        par = (min(float(im.min()) for im in cinzas), max(float(im.max()) for im in cinzas))
    elif escala == "simetrica":
        m = max(float(im.abs().max()) for im in cinzas)
        par = (-m, m)
    elif isinstance(escala, tuple) and len(escala) == 2:
        par = tuple(float(v) for v in escala)
    else:
        raise ValueError(f"escala deve ser um de {ESCALAS} ou uma tupla (vmin, vmax), mas recebeu escala={escala!r}")
    return [par] * len(imagens)


def _novos_eixos(quadros: list[torch.Tensor], altura: float) -> list[Axes]:
    """Uma figura nova com um eixo por imagem, larguras proporcionais às imagens."""
    import matplotlib.pyplot as plt

    proporcao = sum(q.shape[1] / q.shape[0] for q in quadros)
    largura = altura * proporcao + 0.3 * len(quadros)
    _, eixos = plt.subplots(1, len(quadros), figsize=(largura, altura), squeeze=False)
    return list(eixos[0])


def mostrar_imagens(imagens: Sequence[torch.Tensor], titulos: Sequence[str] | None = None,
                    cmap: str | None = None, escala="propria", altura: float = 3.4,
                    eixos: Sequence[Axes] | None = None) -> list[Axes]:
    """Desenha as imagens numa fileira, sem eixos numerados, e devolve os eixos.

    Parâmetros
    ----------
    imagens : tensores (H, W), (1, H, W), (3, H, W) ou (1, C, H, W); os de 3 canais saem em cor.
    titulos : um título por imagem (ou None).
    cmap : mapa de cores das imagens em tons de cinza; o padrão é ``'gray'``, ou ``'RdBu'``
        com ``escala='simetrica'``.
    escala : ``'propria'`` (cada imagem com a sua), ``'comum'`` (o mesmo mínimo e máximo para
        todas), ``'simetrica'`` (de −m a m, com m o maior módulo) ou uma tupla ``(vmin, vmax)``.
    altura : altura da figura em polegadas, quando ``eixos`` é None.
    eixos : eixos já criados (um por imagem); se None, cria uma figura nova.
    """
    if isinstance(imagens, torch.Tensor) or not isinstance(imagens, Sequence) or not imagens:
        raise TypeError("imagens deve ser uma lista (não vazia) de tensores, um por imagem")
    quadros = [_como_imagem(i, im) for i, im in enumerate(imagens)]
    titulos = list(titulos) if titulos is not None else [""] * len(quadros)
    if len(titulos) != len(quadros):
        raise ValueError(f"titulos deve ter um texto por imagem ({len(quadros)}), mas tem {len(titulos)}")
    limites = _limites(quadros, escala)
    cmap = cmap or ("RdBu" if escala == "simetrica" else "gray")
    if eixos is None:
        eixos = _novos_eixos(quadros, altura)
    elif len(eixos) != len(quadros):
        raise ValueError(f"eixos deve ter um eixo por imagem ({len(quadros)}), mas tem {len(eixos)}")
    for ax, quadro, titulo, (vmin, vmax) in zip(eixos, quadros, titulos, limites):
        ax.imshow(quadro.numpy(), cmap=cmap if quadro.ndim == 2 else None, vmin=vmin, vmax=vmax)
        ax.set_title(titulo)
        ax.set_axis_off()
    return list(eixos)
