"""Desenhos estáticos: a matriz da convolução, vários canais, separável em profundidade, LeNet-5.

Mesmas regras de ``convaula.desenho``: funções puras, ``ax=None`` cria uma figura Agg sem
pyplot, e o que foi desenhado volta num objeto. Tamanhos vêm de ``convaula.formulas``,
matrizes de ``convaula.matriz`` e contagens de parâmetros das próprias camadas do torch.

Notebooks: 02 (canais), 04 (matriz), 06 (separável), 07 (LeNet-5).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle

from .desenho_base import (COR_ATUAL, COR_ENTRADA, COR_JANELA, COR_PADDING, COR_SAIDA, Par, _celulas, _eixos,
                      _fonte, _par, _rgba, _tensor, _textos, formatar, png_da_figura)
from .formulas import tamanho_saida, tamanho_saida_pool
from .matriz import matriz_conv1d, matriz_conv2d

__all__ = ["Esquema", "desenhar_lenet5", "desenhar_matriz_conv", "desenhar_multicanal", "desenhar_separavel"]

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
        raise ValueError(f"peso deve ser um kernel 1D (k,) ou 2D (k_h, k_w), mas recebeu forma "
                         f"{tuple(getattr(peso, 'shape', ()))}")
    peso = _tensor("peso", peso, dims)
    construir = matriz_conv1d if dims == 1 else matriz_conv2d
    m = construir(peso, tamanho, stride, padding, dilation).numpy()
    criada = ax is None
    ax = _eixos(ax, m.shape[1], m.shape[0], polegadas=0.38)
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
    grade = _celulas(ax, 0, 0, np.zeros(m.shape + (4,)), borda="0.85", espessura=0.4)
    fonte = _fonte(ax, m.shape[1], m.shape[0])
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
    forma = tamanho_saida(tamanho if peso.ndim == 1 else tuple(_par("tamanho", tamanho)),
                          peso.shape[0] if peso.ndim == 1 else tuple(peso.shape), stride, padding, dilation)
    forma = forma if isinstance(forma, tuple) else (forma,)
    posicao = saida if isinstance(saida, (tuple, list)) else (saida,)
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
    ``Esquema`` com ``dados["parciais"]`` (C_in, H_out, W_out) e ``dados["saida"]``. Notebook 02.
    """
    x, w = _tensor("x", x, 3), _tensor("w", w, 3)
    if x.shape[0] != w.shape[0]:
        raise ValueError(f"x tem C_in={x.shape[0]} canais e w tem {w.shape[0]} fatias: devem ser iguais")
    (ph, pw), tam = _par("padding", padding), tuple(x.shape[1:])
    parciais = torch.stack([(matriz_conv2d(w[c], tam, stride, padding, dilation) @ x[c].reshape(-1))
                            for c in range(x.shape[0])])
    forma = tamanho_saida(tam, tuple(w.shape[1:]), _par("stride", stride), (ph, pw), _par("dilation", dilation))
    parciais = parciais.reshape(-1, *forma)
    saida = (matriz_conv2d(w[None], tam, stride, padding, dilation) @ x.reshape(-1)).reshape(forma)
    xp = torch.nn.functional.pad(x, (pw, pw, ph, ph))
    altura_linha = max(xp.shape[1], w.shape[1], forma[0]) + 1.6
    colunas = [0, xp.shape[2] + 1.2, xp.shape[2] + w.shape[2] + 2.4]
    x_saida = colunas[2] + forma[1] + 2.0
    largura, altura = x_saida + forma[1], altura_linha * x.shape[0]
    ax = _eixos(ax, largura, altura)
    fonte = _fonte(ax, largura, altura)
    i, j = posicao
    (sh, sw), (dh, dw) = _par("stride", stride), _par("dilation", dilation)
    artistas = {"janelas": [], "atuais": []}
    for c in range(x.shape[0]):
        y0 = c * altura_linha + 0.8
        cor = CORES_CANAIS[c % len(CORES_CANAIS)]
        cores = _rgba(COR_PADDING, tuple(xp.shape[1:]))
        cores[ph:ph + x.shape[1], pw:pw + x.shape[2]] = _rgba(COR_ENTRADA, (1,))[0]
        _celulas(ax, 0, y0, cores)
        _textos(ax, 0, y0, xp[c].numpy(), fonte)
        celulas = [(i * sh + a * dh, j * sw + b * dw) for a in range(w.shape[1]) for b in range(w.shape[2])]
        artistas["janelas"].append([ax.add_patch(Rectangle((col, y0 + lin), 1, 1, fc=cor, alpha=0.4, ec=cor, lw=1.5))
                                    for lin, col in celulas])
        ax.text(xp.shape[2] / 2, y0 - 0.35, f"canal {c}", ha="center", fontsize=fonte, color=cor)
        _celulas(ax, colunas[1], y0, _rgba("#fff2cc", tuple(w.shape[1:])))
        _textos(ax, colunas[1], y0, w[c].numpy(), fonte)
        ax.text(colunas[1] + w.shape[2] / 2, y0 - 0.35, f"fatia {c}", ha="center", fontsize=fonte, color=cor)
        ax.text(colunas[1] - 0.6, y0 + w.shape[1] / 2, "∗", ha="center", va="center", fontsize=1.6 * fonte)
        ax.text(colunas[2] - 0.6, y0 + forma[0] / 2, "=", ha="center", va="center", fontsize=1.6 * fonte)
        _celulas(ax, colunas[2], y0, _rgba("#f4f4f4", forma))
        _textos(ax, colunas[2], y0, parciais[c].numpy(), fonte)
        artistas["atuais"].append(ax.add_patch(Rectangle((colunas[2] + j, y0 + i), 1, 1, fill=False, ec=cor, lw=2.5)))
        if c > 0:
            ax.text(colunas[2] + forma[1] / 2, y0 - 0.75, "+", ha="center", va="center", fontsize=1.6 * fonte)
    y_saida = (altura - forma[0]) / 2
    _celulas(ax, x_saida, y_saida, _rgba(COR_SAIDA, forma))
    _textos(ax, x_saida, y_saida, saida.numpy(), fonte, weight="bold")
    artistas["atuais"].append(ax.add_patch(Rectangle((x_saida + j, y_saida + i), 1, 1, fill=False, ec=COR_ATUAL, lw=3)))
    ax.text(x_saida + forma[1] / 2, y_saida - 0.25, "soma dos\ncanais", ha="center", va="bottom", fontsize=fonte)
    ax.add_patch(FancyArrowPatch((colunas[2] + forma[1] + 0.2, altura / 2), (x_saida - 0.2, altura / 2),
                                 arrowstyle="-|>", mutation_scale=12, color="0.3"))
    return Esquema(ax, artistas, {"parciais": parciais, "saida": saida})


# ---------------------------------------------------------------------------
# Separável em profundidade e LeNet-5 (esquemas de pilhas de mapas)
# ---------------------------------------------------------------------------

def _pilha(ax: Axes, x: float, y: float, lado: float, quantidade: int, cores, rotulo: str, fonte: float,
           maximo: int = 6) -> list:
    """Uma pilha de ``quantidade`` mapas (no máximo ``maximo`` desenhados), com o rótulo embaixo."""
    desenhados = min(quantidade, maximo)
    passo = min(0.35, 1.5 / max(desenhados, 1))
    patches = []
    for m in range(desenhados):
        cor = cores[m % len(cores)] if isinstance(cores, list) else cores
        patches.append(ax.add_patch(Rectangle((x + m * passo, y - m * passo), lado, lado, fc=cor, ec="0.25",
                                              lw=0.8, alpha=0.9)))
    ax.text(x + lado / 2 + (desenhados - 1) * passo / 2, y + lado + 0.5, rotulo, ha="center", va="top",
            fontsize=fonte)
    return patches


def _seta(ax: Axes, x0: float, x1: float, y: float, texto: str, fonte: float) -> None:
    ax.add_patch(FancyArrowPatch((x0, y), (x1, y), arrowstyle="-|>", mutation_scale=14, color="0.3", lw=1.2))
    ax.text((x0 + x1) / 2, y - 0.3, texto, ha="center", va="bottom", fontsize=fonte)


def _parametros(camada: torch.nn.Module) -> int:
    return sum(p.numel() for p in camada.parameters())


def desenhar_separavel(c_in: int = 3, c_out: int = 4, kernel_size: int = 3, n: int = 8,
                       ax: Axes | None = None) -> Esquema:
    """Convolução separável em profundidade: depthwise (groups=C_in) e depois pointwise 1×1.

    Parâmetros: ``c_in``, ``c_out``, ``kernel_size``, ``n`` (lado da entrada, padding 'same').
    Retorna ``Esquema`` com ``dados`` = contagens de pesos (sem bias) vindas das camadas do
    torch: ``normal``, ``depthwise``, ``pointwise``. Notebook 06.
    """
    normal = _parametros(torch.nn.Conv2d(c_in, c_out, kernel_size, bias=False))
    depthwise = _parametros(torch.nn.Conv2d(c_in, c_in, kernel_size, groups=c_in, bias=False))
    pointwise = _parametros(torch.nn.Conv2d(c_in, c_out, 1, bias=False))
    largura, altura = 24.0, 9.5
    ax = _eixos(ax, largura, altura, polegadas=0.4)
    fonte = _fonte(ax, largura, altura, 0.5)
    cores_saida = ["#93c47d", "#6aa84f", "#38761d", "#b6d7a8"]
    y, lado = 3.0, 3.2
    entrada = _pilha(ax, 0.5, y, lado, c_in, CORES_CANAIS, f"entrada\n{c_in}@{n}×{n}", fonte)
    kernels = [ax.add_patch(Rectangle((7.0 + 1.1 * c, 1.0), 0.8, 0.8, fc=CORES_CANAIS[c % 6], ec="0.2"))
               for c in range(c_in)]
    _seta(ax, 5.2, 10.8, y + lado / 2, f"depthwise\n{c_in} filtros {kernel_size}×{kernel_size}\n(groups={c_in})", fonte)
    meio = _pilha(ax, 11.3, y, lado, c_in, CORES_CANAIS, f"{c_in}@{n}×{n}\num mapa por canal", fonte)
    _seta(ax, 16.0, 19.0, y + lado / 2, f"pointwise\n{c_out} filtros 1×1×{c_in}", fonte)
    saida = _pilha(ax, 19.5, y, lado, c_out, cores_saida, f"saída\n{c_out}@{n}×{n}", fonte)
    ax.text(largura / 2, altura - 0.6,
            f"pesos: normal k²·C_in·C_out = {normal}   |   separável k²·C_in + C_in·C_out = "
            f"{depthwise} + {pointwise} = {depthwise + pointwise}", ha="center", va="center", fontsize=fonte)
    return Esquema(ax, {"entrada": entrada, "kernels": kernels, "meio": meio, "saida": saida},
                   {"normal": normal, "depthwise": depthwise, "pointwise": pointwise})


def camadas_lenet5(n: int = 32) -> list[tuple[str, int, int, str]]:
    """Tabela da LeNet-5: (nome, mapas, lado, operação); lados calculados por ``convaula.formulas``."""
    c1 = tamanho_saida(n, 5)
    s2 = tamanho_saida_pool(c1, 2)
    c3 = tamanho_saida(s2, 5)
    s4 = tamanho_saida_pool(c3, 2)
    c5 = tamanho_saida(s4, 5)
    return [("entrada", 1, n, ""), ("C1", 6, c1, "conv 5×5"), ("S2", 6, s2, "subamostragem 2×2"),
            ("C3", 16, c3, "conv 5×5"), ("S4", 16, s4, "subamostragem 2×2"), ("C5", 120, c5, "conv 5×5"),
            ("F6", 84, 1, "linear"), ("saída", 10, 1, "linear")]


def _largura_pilha(lado: float, mapas: int, maximo: int = 6) -> float:
    desenhados = min(mapas, maximo)
    return lado + (desenhados - 1) * min(0.35, 1.5 / desenhados)


def desenhar_lenet5(ax: Axes | None = None) -> Esquema:
    """Arquitetura da LeNet-5 (32×32 → C1 6@28×28 → S2 → C3 → S4 → C5 120 → F6 84 → 10).

    Mapas como pilhas com lado proporcional ao tamanho; camadas densas como barras.
    Retorna ``Esquema`` com ``dados["camadas"]`` (a tabela de ``camadas_lenet5``). Notebook 08.
    """
    camadas = camadas_lenet5()
    lados = [0.6 + 3.4 * lado / 32 if lado > 1 else 0.5 for _, _, lado, _ in camadas]
    larguras = [_largura_pilha(t, m) if lado > 1 else t for t, (_, m, lado, _) in zip(lados, camadas)]
    inicios = np.concatenate([[0.3], 0.3 + np.cumsum(np.array(larguras[:-1]) + 3.0)])
    largura, altura = float(inicios[-1] + larguras[-1] + 0.3), 8.0
    ax = _eixos(ax, largura, altura, polegadas=0.34)
    fonte = _fonte(ax, largura, altura, 0.45)
    base, artistas = 6.0, {}
    for indice, ((nome, mapas, lado, _), tamanho, x) in enumerate(zip(camadas, lados, inicios)):
        if lado > 1:
            cor = ["#cccccc"] if nome == "entrada" else [COR_JANELA]
            artistas[nome] = _pilha(ax, x, base - tamanho, tamanho, mapas, cor, f"{nome}\n{mapas}@{lado}×{lado}", fonte)
        else:
            alto = 1.0 + 4.0 * mapas / 120
            artistas[nome] = [ax.add_patch(Rectangle((x, base - alto), tamanho, alto, fc="#f6b26b", ec="0.25"))]
            ax.text(x + tamanho / 2, base + 0.5, f"{nome}\n{mapas}", ha="center", va="top", fontsize=fonte)
        if indice + 1 < len(camadas):
            fim = x + larguras[indice]
            _seta(ax, fim + 0.2, fim + 2.8, 1.2, camadas[indice + 1][3].replace(" ", "\n", 1), 0.85 * fonte)
    return Esquema(ax, artistas, {"camadas": camadas})
