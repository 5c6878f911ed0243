"""Os exploradores de tamanho (conv1d, conv2d, transposta) como widget: ``Explorador`` + figura estática.

O navegador desenha a cena de ``EstadoConv1d``/``EstadoConv2d``/``EstadoTransposta``
(``tamanho.py``): sliders com os nomes do PyTorch, a fórmula do tamanho com os números, a
entrada (com o padding em cinza), o núcleo como painel próprio e a saída. O ponteiro numa
saída move a janela e mostra a conta; numa célula da entrada, acende todas as saídas que a
leem; num peso, todas as células que ele multiplica. Setas, Play e o slider de posição andam
sem esperar o kernel. Configurações que o PyTorch recusa viram a mensagem em português.

Notebooks: 01 (``explorar_conv1d``), 03 (``explorar_conv2d``), 05 (``explorar_transposta``).
"""

from __future__ import annotations

import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..base import png_da_figura
from ..conv import desenhar_conv1d, desenhar_conv2d
from ..transposta import desenhar_transposta2d
from .cena import Explorador
from .tamanho import EstadoConv1d, EstadoConv2d, EstadoExplorador, EstadoTransposta, criar_estado

__all__ = ["ExploradorTamanho", "explorar_conv1d", "explorar_conv2d", "explorar_transposta"]

POLEGADAS = {"conv1d": (8.0, 3.6), "conv2d": (8.0, 4.6), "transposta": (8.0, 4.2)}


class ExploradorTamanho(Explorador):
    """O explorador de um ``EstadoExplorador`` (``estado``); ``cena`` é o que o navegador desenha."""

    ALT = "Figura estática do estado inicial do explorador: entrada, núcleo e saída."

    forma_saida = property(lambda self: self.estado.forma_saida)
    mensagem = property(lambda self: self.estado.mensagem)
    valores = property(lambda self: dict(self.estado.valores))

    def figura_estatica(self) -> bytes:
        """O PNG do estado atual com os desenhos de ``convaula.desenho`` (sem kernel: GitHub, site)."""
        estado = self.estado
        figura = Figure(figsize=POLEGADAS[estado.tipo], dpi=90)
        FigureCanvasAgg(figura)
        ax = figura.add_axes((0.01, 0.01, 0.98, 0.98))
        if estado.recusado:
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Configuração recusada pelo PyTorch:\nveja a mensagem.", ha="center", va="center",
                    fontsize=14, color="#990000", transform=ax.transAxes)
        else:
            _desenhar(estado, ax).mostrar(estado.posicao)
        return png_da_figura(figura)


def _desenhar(estado: EstadoExplorador, ax):
    (x, w), v = estado.dados(), estado.valores
    if estado.tipo == "conv1d":
        return desenhar_conv1d(x, w, v["stride"], v["padding"], v["dilation"], ax=ax)
    if estado.tipo == "conv2d":
        return desenhar_conv2d(x, w, v["stride"], v["padding"], v["dilation"], ax=ax)
    return desenhar_transposta2d(x, w, v["stride"], v["padding"], v["output_padding"], v["dilation"], ax=ax)


def explorar_conv1d(n: int = 7, kernel_size: int = 3, padding: int = 0, stride: int = 1, dilation: int = 1,
                    entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None) -> ExploradorTamanho:
    """Explorador da convolução 1D: sliders, Play, a conta de cada saída e a fórmula do tamanho.

    Parâmetros: valores iniciais dos sliders (nomes do PyTorch); ``entrada`` (n,) e ``peso``
    (k,) opcionais fixam os dados (e travam os sliders n e kernel_size). Sem eles, inteiros
    reprodutíveis. Retorna o explorador (mostre-o como última expressão). Notebook 01.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)
    return ExploradorTamanho(criar_estado(EstadoConv1d, valores, entrada, peso))


def explorar_conv2d(n: int = 7, kernel_size: int = 3, padding: int = 0, stride: int = 1, dilation: int = 1,
                    entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None) -> ExploradorTamanho:
    """Explorador da convolução 2D (entrada n×n, núcleo k×k): janela, passo, dilatação e saída.

    Com o ponteiro: numa célula da saída, a sua janela e a sua soma; numa célula da entrada,
    todas as saídas que a leem; num peso, todas as células que ele multiplica.
    ``entrada`` (H, W) e ``peso`` (k_h, k_w) opcionais fixam os dados. Notebook 03.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)
    return ExploradorTamanho(criar_estado(EstadoConv2d, valores, entrada, peso))


def explorar_transposta(n: int = 3, kernel_size: int = 3, padding: int = 0, stride: int = 2, dilation: int = 1,
                        output_padding: int = 0, entrada: torch.Tensor | None = None,
                        peso: torch.Tensor | None = None) -> ExploradorTamanho:
    """Explorador da convolução transposta 2D: cada entrada espalha o núcleo; corte e output_padding.

    ``entrada`` (H, W) e ``peso`` (k_h, k_w) opcionais fixam os dados. Notebook 05.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation,
                   output_padding=output_padding)
    return ExploradorTamanho(criar_estado(EstadoTransposta, valores, entrada, peso))
