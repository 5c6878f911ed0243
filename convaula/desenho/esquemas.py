"""Desenhos estáticos com números: a matriz da convolução e vários canais somados.

Mesmas regras de ``convaula.desenho``: funções puras, ``ax=None`` cria uma figura Agg sem
pyplot, e o que foi desenhado volta num objeto. Tamanhos vêm de ``convaula.formulas``,
matrizes de ``convaula.matriz``, janelas de ``convaula.janela`` e contagens de parâmetros de
``convaula.contagem.contar_parametros`` (sobre as próprias camadas do torch).

Notebooks: 02 (canais) e 04 (matriz). Os esquemas de arquitetura (separável, LeNet-5) estão
em ``convaula.desenho.arquiteturas``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle

from .._argumentos import par, tupla
from ..formulas import tamanho_saida
from ..janela import indices_janela
from ..matriz import matriz_conv1d, matriz_conv2d
from .base import (COR_ATUAL, COR_ENTRADA, COR_JANELA, COR_PADDING, COR_SAIDA, Par, eixos, fonte_celula, formatar,
                   grade_celulas, png_da_figura, rgba, tensor_desenho, textos_celulas)

__all__ = ["CORES_CANAIS", "Esquema", "desenhar_matriz_conv", "desenhar_multicanal"]

CORES_CANAIS = ["#e06666", "#6aa84f", "#3d85c6", "#f1c232", "#8e7cc3", "#e69138"]


@dataclass
class Esquema:
    """O que um desenho estático desenhou: ``ax``, artistas por nome e dados calculados."""

    ax: Axes
    artistas: dict = field(default_factory=dict)
    dados: dict = field(default_factory=dict)

    @property
    def figura(self):
        return self.ax.figure

    def __repr__(self) -> str:
        return f"Esquema: {', '.join(self.artistas)}"

    def _repr_png_(self) -> bytes:
        return png_da_figura(self.figura)


# ---------------------------------------------------------------------------
# Matriz da convolução
# ---------------------------------------------------------------------------

def desenhar_matriz_conv(
    peso: torch.Tensor,
    tamanho,
    stride: Par = 1,
    padding: Par = 0,
    dilation: Par = 1,
    saida=None,
    ax: Axes | None = None,
) -> Esquema:
    """Mapa de calor anotado da matriz da convolução, com as linhas de uma saída destacadas.

    Parâmetros
    ----------
    peso : kernel 1D (k,) ou 2D (k_h, k_w) de um canal.
    tamanho : n (1D) ou (H, W) (2D) da entrada; stride, padding, dilation como no PyTorch.
    saida : posição de saída cujas linhas destacar: t (1D) ou (i, j) (2D); ``None`` não destaca.

    Retorna
    -------
    ``Esquema`` com ``dados["matriz"]`` e ``artistas["imagem"|"textos"|"destaques"]``. Notebook 04.
    """
    dims = peso.ndim if isinstance(peso, torch.Tensor) else 0
    if dims not in (1, 2):
        raise ValueError(f"peso deve ser um núcleo 1D (k,) ou 2D (k_h, k_w), mas recebeu forma "
                         f"{tuple(getattr(peso, 'shape', ()))}")
    peso = tensor_desenho("peso", peso, dims)
    construir = matriz_conv1d if dims == 1 else matriz_conv2d
    m = construir(peso, tamanho, stride, padding, dilation).numpy()
    criada = ax is None
    ax = eixos(ax, m.shape[1], m.shape[0], polegadas=0.38)
    ax.set_axis_on()
    if criada:  # espaço para os rótulos dos eixos
        ax.figure.set_size_inches(0.38 * m.shape[1] + 1.0, 0.38 * m.shape[0] + 0.9)
        ax.set_position((0.9 / ax.figure.get_figwidth(), 0.7 / ax.figure.get_figheight(),
                         1 - 1.0 / ax.figure.get_figwidth(), 1 - 0.9 / ax.figure.get_figheight()))
    valores = np.ma.masked_equal(m, 0)
    imagem = ax.imshow(valores, cmap="Blues", extent=(0, m.shape[1], m.shape[0], 0), vmin=min(0, m.min()),
                       vmax=max(m.max(), 1e-9) * 1.6, interpolation="nearest")
    ax.set_xlabel("coluna = posição da entrada (x achatado)")
    ax.set_ylabel("linha = posição da saída")
    ax.set_xticks(np.arange(m.shape[1]) + 0.5, [str(i) for i in range(m.shape[1])], fontsize=6)
    ax.set_yticks(np.arange(m.shape[0]) + 0.5, [str(i) for i in range(m.shape[0])], fontsize=6)
    grade = grade_celulas(ax, 0, 0, np.zeros(m.shape + (4,)), borda="0.85", espessura=0.4)
    fonte = fonte_celula(ax, m.shape[1], m.shape[0])
    textos = [ax.text(c + 0.5, r + 0.5, formatar(m[r, c]), ha="center", va="center", fontsize=fonte)
              for r, c in zip(*np.nonzero(m))]
    destaques = [ax.add_patch(Rectangle((0, linha), m.shape[1], 1, fill=False, ec=COR_ATUAL, lw=2.5))
                 for linha in _linhas(saida, tamanho, peso, stride, padding, dilation)]
    return Esquema(ax, {"imagem": imagem, "grade": grade, "textos": textos, "destaques": destaques},
                   {"matriz": torch.from_numpy(m)})


def _linhas(saida, tamanho, peso, stride, padding, dilation) -> list[int]:
    """Linha da matriz que corresponde à posição de saída ``saida`` (ordem de achatamento do torch)."""
    if saida is None:
        return []
    forma = tamanho_saida(tamanho if peso.ndim == 1 else tuple(par("tamanho", tamanho)),
                          peso.shape[0] if peso.ndim == 1 else tuple(peso.shape), stride, padding, dilation)
    forma = forma if isinstance(forma, tuple) else (forma,)
    posicao = tupla("saida", saida)
    if len(posicao) != len(forma) or not all(0 <= p < f for p, f in zip(posicao, forma)):
        raise ValueError(f"saida={saida!r} fora da saída de forma {forma}")
    return [int(np.ravel_multi_index(tuple(posicao), forma))]


# ---------------------------------------------------------------------------
# Vários canais de entrada
# ---------------------------------------------------------------------------

def desenhar_multicanal(
    x: torch.Tensor,
    w: torch.Tensor,
    stride: Par = 1,
    padding: Par = 0,
    dilation: Par = 1,
    posicao=(0, 0),
    ax: Axes | None = None,
) -> Esquema:
    """C_in planos de entrada, as C_in fatias de um filtro e a soma num só plano de saída.

    Parâmetros
    ----------
    x : entrada (C_in, H, W); w : um filtro (C_in, k_h, k_w).
    posicao : (i, j) na saída, destacada em cada parcial e na soma.

    Retorna
    -------
    ``Esquema`` com ``dados["parciais"]`` (C_in, H_out, W_out) e ``dados["saida"]``. Figura do notebook 02 (``figures/``).
    """
    x, w = tensor_desenho("x", x, 3), tensor_desenho("w", w, 3)
    if x.shape[0] != w.shape[0]:
        raise ValueError(f"x tem C_in={x.shape[0]} canais e w tem {w.shape[0]} fatias: devem ser iguais")
    stride, padding, dilation = par("stride", stride), par("padding", padding), par("dilation", dilation)
    tam = tuple(x.shape[1:])
    forma = tamanho_saida(tam, tuple(w.shape[1:]), stride, padding, dilation)
    parciais = torch.stack([(matriz_conv2d(w[c], tam, stride, padding, dilation) @ x[c].reshape(-1))
                            for c in range(x.shape[0])]).reshape(-1, *forma)
    saida = (matriz_conv2d(w[None], tam, stride, padding, dilation) @ x.reshape(-1)).reshape(forma)
    (ph, pw) = padding
    xp = torch.nn.functional.pad(x, (pw, pw, ph, ph))
    janela = indices_janela(tuple(posicao), tuple(w.shape[1:]), stride, dilation)
    grade = _GradeMulticanal(xp, w, forma)
    ax = eixos(ax, grade.largura, grade.altura)
    artistas = {"janelas": [], "atuais": []}
    for c in range(x.shape[0]):
        janela_c, atual = _linha_do_canal(ax, grade, c, parciais[c], janela, posicao, x.shape[1:], padding)
        artistas["janelas"].append(janela_c)
        artistas["atuais"].append(atual)
    artistas["atuais"].append(_soma_dos_canais(ax, grade, saida, posicao))
    return Esquema(ax, artistas, {"parciais": parciais, "saida": saida})


class _GradeMulticanal:
    """Onde fica cada coluna (entrada, fatia, parcial, soma) e cada linha (canal) do desenho."""

    def __init__(self, xp: torch.Tensor, w: torch.Tensor, forma: tuple[int, int]):
        self.xp, self.w, self.forma = xp, w, forma
        self.altura_linha = max(xp.shape[1], w.shape[1], forma[0]) + 1.6
        self.colunas = [0, xp.shape[2] + 1.2, xp.shape[2] + w.shape[2] + 2.4]
        self.x_saida = self.colunas[2] + forma[1] + 2.0
        self.largura = self.x_saida + max(forma[1], 2.0)  # o rótulo "soma dos canais" cabe
        self.altura = self.altura_linha * xp.shape[0]


def _linha_do_canal(ax: Axes, g: _GradeMulticanal, c: int, parcial: torch.Tensor, janela, posicao, tam,
                    padding) -> tuple[list, Rectangle]:
    """Canal ``c``: entrada com a janela, fatia do filtro, ∗, = e a soma parcial; devolve janela e destaque."""
    fonte = fonte_celula(ax, g.largura, g.altura)
    y0, cor, (ph, pw) = c * g.altura_linha + 0.8, CORES_CANAIS[c % len(CORES_CANAIS)], padding
    cores = rgba(COR_PADDING, tuple(g.xp.shape[1:]))
    cores[ph:ph + tam[0], pw:pw + tam[1]] = rgba(COR_ENTRADA, (1,))[0]
    grade_celulas(ax, 0, y0, cores)
    textos_celulas(ax, 0, y0, g.xp[c].numpy(), fonte)
    retangulos = [ax.add_patch(Rectangle((col, y0 + lin), 1, 1, fc=cor, alpha=0.4, ec=cor, lw=1.5))
                  for lin, col in janela]
    x1, x2 = g.colunas[1], g.colunas[2]
    ax.text(g.xp.shape[2] / 2, y0 - 0.35, f"canal {c}", ha="center", fontsize=fonte, color=cor)
    grade_celulas(ax, x1, y0, rgba("#fff2cc", tuple(g.w.shape[1:])))
    textos_celulas(ax, x1, y0, g.w[c].numpy(), fonte)
    ax.text(x1 + g.w.shape[2] / 2, y0 - 0.35, f"fatia {c}", ha="center", fontsize=fonte, color=cor)
    ax.text(x1 - 0.6, y0 + g.w.shape[1] / 2, "∗", ha="center", va="center", fontsize=1.6 * fonte)
    ax.text(x2 - 0.6, y0 + g.forma[0] / 2, "=", ha="center", va="center", fontsize=1.6 * fonte)
    grade_celulas(ax, x2, y0, rgba("#f4f4f4", g.forma))
    textos_celulas(ax, x2, y0, parcial.numpy(), fonte)
    i, j = posicao
    atual = ax.add_patch(Rectangle((x2 + j, y0 + i), 1, 1, fill=False, ec=cor, lw=2.5))
    if c > 0:
        ax.text(x2 + g.forma[1] / 2, y0 - 0.75, "+", ha="center", va="center", fontsize=1.6 * fonte)
    return retangulos, atual


def _soma_dos_canais(ax: Axes, g: _GradeMulticanal, saida: torch.Tensor, posicao) -> Rectangle:
    """O plano de saída (a soma dos parciais), com a seta e o destaque da posição."""
    fonte = fonte_celula(ax, g.largura, g.altura)
    y_saida, (i, j) = (g.altura - g.forma[0]) / 2, posicao
    grade_celulas(ax, g.x_saida, y_saida, rgba(COR_SAIDA, g.forma))
    textos_celulas(ax, g.x_saida, y_saida, saida.numpy(), fonte, weight="bold")
    atual = ax.add_patch(Rectangle((g.x_saida + j, y_saida + i), 1, 1, fill=False, ec=COR_ATUAL, lw=3))
    ax.text(g.x_saida + g.forma[1] / 2, y_saida - 0.25, "soma dos\ncanais", ha="center", va="bottom", fontsize=fonte)
    ax.add_patch(FancyArrowPatch((g.colunas[2] + g.forma[1] + 0.2, g.altura / 2), (g.x_saida - 0.2, g.altura / 2),
                                 arrowstyle="-|>", mutation_scale=12, color="0.3"))
    return atual
