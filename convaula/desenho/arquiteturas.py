"""Esquemas de arquitetura: a convolução separável em profundidade e a LeNet-5, como pilhas de mapas.

Mesmas regras dos outros desenhos: ``ax=None`` cria uma figura Agg sem pyplot e o que foi
desenhado volta num ``Esquema``. Os lados dos mapas vêm de ``convaula.formulas`` e as
contagens de pesos de ``convaula.contagem.contar_parametros``.

Figuras dos notebooks 06 (separável) e 08 (LeNet-5), geradas pela tabela de figuras.
"""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.patches import FancyArrowPatch, Rectangle

from ..formulas import tamanho_saida, tamanho_saida_pool
from ..contagem import contar_parametros
from .base import COR_JANELA, eixos, fonte_celula
from .esquemas import CORES_CANAIS, Esquema

__all__ = ["camadas_lenet5", "desenhar_lenet5", "desenhar_separavel"]


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


def desenhar_separavel(c_in: int = 3, c_out: int = 4, kernel_size: int = 3, n: int = 8,
                       ax: Axes | None = None) -> Esquema:
    """Convolução separável em profundidade: depthwise (groups=C_in) e depois pointwise 1×1.

    Parâmetros: ``c_in``, ``c_out``, ``kernel_size``, ``n`` (lado da entrada, padding 'same').
    Retorna ``Esquema`` com ``dados`` = contagens de pesos (sem bias) vindas das camadas do
    torch: ``normal``, ``depthwise``, ``pointwise``. Figura do notebook 06 (``figures/``).
    """
    normal = contar_parametros(torch.nn.Conv2d(c_in, c_out, kernel_size, bias=False))
    depthwise = contar_parametros(torch.nn.Conv2d(c_in, c_in, kernel_size, groups=c_in, bias=False))
    pointwise = contar_parametros(torch.nn.Conv2d(c_in, c_out, 1, bias=False))
    largura, altura = 24.0, 9.5
    ax = eixos(ax, largura, altura, polegadas=0.4)
    fonte = fonte_celula(ax, largura, altura, 0.5)
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
    Retorna ``Esquema`` com ``dados["camadas"]`` (a tabela de ``camadas_lenet5``). Figura do notebook 08 (``figures/``).
    """
    camadas = camadas_lenet5()
    lados = [0.6 + 3.4 * lado / 32 if lado > 1 else 0.5 for _, _, lado, _ in camadas]
    larguras = [_largura_pilha(t, m) if lado > 1 else t for t, (_, m, lado, _) in zip(lados, camadas)]
    inicios = np.concatenate([[0.3], 0.3 + np.cumsum(np.array(larguras[:-1]) + 3.0)])
    largura, altura = float(inicios[-1] + larguras[-1] + 0.3), 8.0
    ax = eixos(ax, largura, altura, polegadas=0.34)
    fonte = fonte_celula(ax, largura, altura, 0.45)
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
