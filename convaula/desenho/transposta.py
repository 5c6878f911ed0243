"""Desenho da convolução transposta 2D: cada entrada espalha uma cópia escalada do kernel.

A entrada x[i, j] soma x[i, j]·w na saída "cheia" a partir de (i·s, j·s), com os pesos
espaçados pela dilatação; o padding corta p linhas/colunas de cada lado da saída cheia e
o ``output_padding`` devolve linhas/colunas no fim. As somas parciais são calculadas por
esse espalhamento (``convaula.transposta.espalhar``, sem chamar ``F.conv_transpose2d``), as
células atingidas pela regra de ``convaula.janela`` e o tamanho final de
``convaula.formulas.tamanho_saida_transposta``.

Notebook 05.
"""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.patches import Rectangle

from .._argumentos import par
from ..formulas import tamanho_saida_transposta
from ..janela import indices_janela
from ..transposta import espalhar
from .base import (COR_ATUAL, COR_ENTRADA, COR_JANELA, COR_SAIDA, Desenho, Par, eixos, fonte_celula, fonte_da_conta,
                   formatar, grade_celulas, rgba, tensor_desenho, textos_celulas)

__all__ = ["DesenhoTransposta", "desenhar_transposta2d"]

COR_CORTADO = "#e6e6e6"
COR_OUTPUT_PADDING = "#fce5cd"


class DesenhoTransposta(Desenho):
    """Transposta desenhada: entrada à esquerda, saída cheia à direita com corte e output_padding.

    Atributos: ``entrada_atual`` (célula da entrada que espalha agora), ``janela`` (um
    retângulo por peso, na grade da saída cheia), ``contribuicoes`` (x·w em cada célula
    atingida), ``saida_textos`` (somas parciais), ``recorte`` (contorno da saída final),
    ``saida`` (tensor final) e ``cheia`` (antes do corte).
    """

    def __init__(self, x, w, stride, padding, output_padding, dilation, ax):
        self.x, self.w = x, w
        self.stride, self.padding = par("stride", stride), par("padding", padding)
        self.output_padding, self.dilation = par("output_padding", output_padding), par("dilation", dilation)
        self.forma_saida = tamanho_saida_transposta(tuple(x.shape), tuple(w.shape), self.stride, self.padding,
                                                    self.output_padding, self.dilation)
        self.posicoes = [(i, j) for i in range(x.shape[0]) for j in range(x.shape[1])]
        cheia = espalhar(x, w, self.stride, self.dilation)
        self.grade = tuple(max(c, p + n) for c, p, n in zip(cheia.shape, self.padding, self.forma_saida))
        self.cheia = torch.zeros(self.grade, dtype=x.dtype)
        self.cheia[:cheia.shape[0], :cheia.shape[1]] = cheia
        (ph, pw), (ho, wo) = self.padding, self.forma_saida
        self.saida = self.cheia[ph:ph + ho, pw:pw + wo]
        self._sem_corte = cheia.shape
        self.x0 = x.shape[1] + 1.5
        self.largura, self.altura = self.x0 + self.grade[1], max(self.grade[0], x.shape[0]) + 2.3
        self.ax = eixos(ax, self.largura, self.altura)
        self._desenhar()

    def _desenhar(self) -> None:
        ax, x0 = self.ax, self.x0
        self.fonte = fonte = fonte_celula(ax, self.largura, self.altura)
        self.entrada_celulas = grade_celulas(ax, 0, 0, rgba(COR_ENTRADA, tuple(self.x.shape)))
        self.entrada_textos = textos_celulas(ax, 0, 0, self.x.numpy(), fonte)
        self.saida_celulas = grade_celulas(ax, x0, 0, self._cores_saida())
        (ph, pw), (ho, wo) = self.padding, self.forma_saida
        self.recorte = ax.add_patch(Rectangle((x0 + pw, ph), wo, ho, fill=False, ec=COR_ATUAL, lw=2.5, zorder=4))
        self.saida_textos = textos_celulas(ax, x0, 0, np.zeros(self.grade), fonte, zorder=3.5)
        # só as células que alguma entrada atinge mudam; as outras ficam 0 no fundo
        self._tocadas = self._na_grade(torch.ones_like(self.x), torch.ones_like(self.w)).numpy() > 0
        self.entrada_atual = ax.add_patch(Rectangle((0, 0), 1, 1, fc=COR_JANELA, alpha=0.5, ec="#0b5394", lw=2))
        kh, kw = self.w.shape
        self.janela = [ax.add_patch(Rectangle((0, 0), 1, 1, fc=COR_JANELA, alpha=0.35, ec="#0b5394", lw=1.5))
                       for _ in range(kh * kw)]
        self.contribuicoes = [ax.text(0, 0, "", ha="right", va="bottom", fontsize=0.55 * fonte, color="#0b5394",
                                      zorder=3.6) for _ in range(kh * kw)]
        self.legenda = ax.text(self.largura / 2, self.altura - 0.95, "", ha="center", va="center",
                               fontsize=fonte_da_conta(ax, self.largura, self.altura, 34))
        self.animados = [self.entrada_atual, *self.janela, *self.saida_textos[self._tocadas], *self.contribuicoes,
                         self.legenda]

    def _cores_saida(self) -> np.ndarray:
        """Verde na saída final, cinza no que o padding corta, laranja no que o output_padding acrescenta."""
        cores = rgba(COR_CORTADO, self.grade)
        (ph, pw), (ho, wo), (oh, ow) = self.padding, self.forma_saida, self.output_padding
        cores[ph:ph + ho, pw:pw + wo] = rgba(COR_SAIDA, (1,))[0]
        laranja = rgba(COR_OUTPUT_PADDING, (1,))[0]
        cores[ph + ho - oh:ph + ho, pw:pw + wo] = laranja
        cores[ph:ph + ho, pw + wo - ow:pw + wo] = laranja
        return cores

    def celulas_espalhadas(self, posicao) -> list[tuple[int, int]]:
        """Células (linha, coluna) da saída cheia que a entrada ``posicao`` atinge."""
        return indices_janela(self.posicoes[self._indice(posicao)], tuple(self.w.shape), self.stride,
                              self.dilation)

    def _na_grade(self, x: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
        """``espalhar(x, w)`` na grade desenhada (que inclui as células extras do output_padding)."""
        soma = espalhar(x, w, self.stride, self.dilation)
        grade = torch.zeros(self.grade, dtype=soma.dtype)
        grade[:soma.shape[0], :soma.shape[1]] = soma
        return grade

    def _ate(self, t: int) -> torch.Tensor:
        """1 nas entradas até a posição ``t`` (ordem de varredura), 0 nas demais."""
        return (torch.arange(self.x.numel()) <= t).reshape(self.x.shape).to(self.x.dtype)

    def parcial(self, posicao) -> torch.Tensor:
        """Saída cheia somando só as entradas até ``posicao`` (na ordem de varredura)."""
        return self._na_grade(self.x * self._ate(self._indice(posicao)), self.w)

    def mostrar(self, posicao) -> list:
        """Mostra a entrada ``posicao`` espalhando o kernel e as somas parciais; devolve os artistas."""
        t = self._indice(posicao)
        i, j = self.posicoes[t]
        self.entrada_atual.set_xy((j, i))
        valor = self.x[i, j].item()
        for patch, texto, peso, (r, c) in zip(self.janela, self.contribuicoes, self.w.reshape(-1).tolist(),
                                              self.celulas_espalhadas(t)):
            patch.set_xy((self.x0 + c, r))
            texto.set_position((self.x0 + c + 0.97, r + 0.97))
            texto.set_text(formatar(valor * peso))
        parcial = self.parcial(t).numpy()
        ja_tocadas = self._na_grade(self._ate(t), torch.ones_like(self.w)).numpy() > 0  # as outras ficam vazias
        for r, c in zip(*np.nonzero(self._tocadas)):
            self.saida_textos[r, c].set_text(formatar(parcial[r, c]))
            self.saida_textos[r, c].set_visible(bool(ja_tocadas[r, c]))
        (sh, sw), v = self.stride, formatar(valor)
        self.legenda.set_text(f"x[{i}, {j}] = {v} espalha {v}·w\n"
                              f"a partir de ({i}·{sh}, {j}·{sw}) = ({i * sh}, {j * sw})")
        self.posicao = t
        return self.animados


def desenhar_transposta2d(
    x: torch.Tensor,
    w: torch.Tensor,
    stride: Par = 1,
    padding: Par = 0,
    output_padding: Par = 0,
    dilation: Par = 1,
    posicao=0,
    ax: Axes | None = None,
) -> DesenhoTransposta:
    """Desenha ``F.conv_transpose2d`` de um canal com a entrada ``posicao`` espalhando o kernel.

    Parâmetros
    ----------
    x : entrada 2D (H, W); w : kernel 2D (k_h, k_w).
    stride, padding, output_padding, dilation : int ou par, como em ``F.conv_transpose2d``.
    posicao : (i, j) na entrada ou o índice na ordem de varredura.
    ax : eixos onde desenhar; ``None`` cria uma figura nova (sem pyplot).

    Retorna
    -------
    ``DesenhoTransposta``; a região dentro de ``recorte`` na última posição é a saída. Notebook 05.
    """
    desenho = DesenhoTransposta(tensor_desenho("x", x, 2), tensor_desenho("w", w, 2), stride, padding, output_padding,
                                dilation, ax)
    desenho.mostrar(posicao)
    return desenho
