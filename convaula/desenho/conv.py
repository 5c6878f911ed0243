"""Desenhos da convolução 1D e 2D: a janela do kernel sobre a entrada e a saída se formando.

Funções puras de matplotlib: recebem tensores e parâmetros com os nomes do PyTorch,
desenham num ``ax`` (ou numa figura nova, sem ``pyplot``) e devolvem um objeto com os
artistas desenhados. ``objeto.mostrar(posicao)`` move a janela atualizando os artistas
no lugar (é isso que as animações e os exploradores usam); ``objeto.animados`` lista os
artistas que mudam de uma posição para outra.

Os valores da saída vêm da matriz da convolução (``convaula.matriz``), os tamanhos de
``convaula.formulas`` e as células de cada janela de ``convaula.janela``; nenhuma fórmula é
reescrita aqui.

Notebooks: 01 (1D), 03 (padding, stride e dilatação).
"""

from __future__ import annotations

import numpy as np
import torch
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.patches import Rectangle

from .._argumentos import inteiro, par
from ..formulas import tamanho_saida
from ..janela import indices_janela
from ..matriz import matriz_conv1d, matriz_conv2d
from .base import (CARACTERES_POR_UNIDADE, COR_ATUAL, COR_ENTRADA, COR_JANELA, COR_PADDING, COR_PENDENTE, COR_SAIDA,
                   Desenho, Par, eixos, fonte_celula, fonte_da_conta, formatar, grade_celulas, quadrados,
                   quebrar, rgba, tensor_desenho, textos_celulas)

__all__ = ["Desenho1D", "Desenho2D", "desenhar_conv1d", "desenhar_conv2d"]


# ---------------------------------------------------------------------------
# 1D
# ---------------------------------------------------------------------------

class Desenho1D(Desenho):
    """Convolução 1D desenhada: entrada com padding, kernel sob a janela, produtos, saída.

    Atributos: ``entrada_celulas``, ``entrada_textos``, ``janela`` (um retângulo por peso),
    ``kernel_textos``, ``buracos`` (células puladas pela dilatação), ``produtos`` (texto
    com a soma), ``saida_textos``, ``atual`` (retângulo da saída atual), ``saida`` (tensor).
    """

    def __init__(self, x, w, stride, padding, dilation, ax):
        stride, padding, dilation = (inteiro(nome, valor) for nome, valor in
                                     (("stride", stride), ("padding", padding), ("dilation", dilation)))
        self.x, self.w = x, w
        self.stride, self.padding, self.dilation = stride, padding, dilation
        n, k = x.numel(), w.numel()
        n_out = tamanho_saida(n, k, stride, padding, dilation)
        self.saida = matriz_conv1d(w, n, stride, padding, dilation) @ x
        self.posicoes = list(range(n_out))
        self.largura = n + 2 * padding
        self.ax = eixos(ax, self.largura, 5.6)
        self._desenhar(n, k, n_out)

    def _desenhar(self, n: int, k: int, n_out: int) -> None:
        ax, p, s, d = self.ax, self.padding, self.stride, self.dilation
        fonte = fonte_celula(ax, self.largura, 5.6)
        xp = torch.nn.functional.pad(self.x, (p, p)).numpy()[None]
        cores = rgba(COR_ENTRADA, xp.shape)
        cores[0, :p] = cores[0, p + n:] = rgba(COR_PADDING, (1,))[0]
        self.entrada_celulas = grade_celulas(ax, 0, 0, cores)
        self.entrada_textos = textos_celulas(ax, 0, 0, xp, fonte)
        for t in list(self.entrada_textos[0, :p]) + list(self.entrada_textos[0, p + n:]):
            t.set_color("0.6")
        self.janela = [ax.add_patch(Rectangle((0, 0), 1, 1, fc=COR_JANELA, alpha=0.35, ec=COR_JANELA, lw=2))
                       for _ in range(k)]
        self.kernel_celulas = [ax.add_patch(Rectangle((0, 1.3), 1, 1, fc="#fff2cc", ec="0.3")) for _ in range(k)]
        self.kernel_textos = [ax.text(0, 1.8, formatar(v), ha="center", va="center", fontsize=fonte)
                              for v in self.w.tolist()]
        self.buracos = [ax.add_patch(Rectangle((0, 1.3), 1, 1, fill=False, ec="0.6", ls=":"))
                        for _ in range((k - 1) * (d - 1))]
        total = max(len(self._conta(t)) for t in range(n_out))
        self._capacidade = max(int(CARACTERES_POR_UNIDADE * self.largura), (total + 1) // 2 + 2)  # até 2 linhas
        self.produtos = ax.text(self.largura / 2, 3.3, "", ha="center", va="center",
                                fontsize=fonte_da_conta(ax, self.largura, 5.6, self._capacidade))
        centro = d * (k - 1) / 2
        self.saida_celulas = [ax.add_patch(Rectangle((t * s + centro, 4.3), 1, 1, fc=COR_SAIDA, ec="0.45"))
                              for t in range(n_out)]
        self.saida_textos = [ax.text(t * s + centro + 0.5, 4.8, formatar(v), ha="center", va="center",
                                     fontsize=fonte) for t, v in enumerate(self.saida.tolist())]
        self.atual = ax.add_patch(Rectangle((0, 4.3), 1, 1, fill=False, ec=COR_ATUAL, lw=3))
        self.animados = (self.janela + self.kernel_celulas + self.kernel_textos + self.buracos
                         + [self.produtos] + self.saida_textos + [self.atual])
        self.mostrar(0)

    def indices_janela(self, posicao: int) -> list[int]:
        """Índices (na entrada com padding) lidos pelo kernel na saída ``posicao``."""
        return [i for (i,) in indices_janela((posicao,), (self.w.numel(),), (self.stride,), (self.dilation,))]

    def _conta(self, t: int, capacidade: int = 10**6) -> str:
        """'y[t] = w·x + ... = valor', quebrada em linhas de até ``capacidade`` caracteres."""
        xp = torch.nn.functional.pad(self.x, (self.padding, self.padding))
        termos = [f"{formatar(w)}·{formatar(xp[i].item())}" for w, i in zip(self.w.tolist(), self.indices_janela(t))]
        termos[0] = f"y[{t}] = {termos[0]}"
        termos[-1] = f"{termos[-1]} = {formatar(self.saida[t].item())}"
        return quebrar(termos, capacidade)

    def mostrar(self, posicao: int) -> list:
        """Coloca a janela na saída ``posicao`` e atualiza produtos e saída; devolve os artistas."""
        t = self._indice(posicao)
        indices = self.indices_janela(t)
        for j, i in enumerate(indices):
            self.janela[j].set_x(i)
            self.kernel_celulas[j].set_x(i)
            self.kernel_textos[j].set_x(i + 0.5)
        buracos = [i for a, b in zip(indices, indices[1:]) for i in range(a + 1, b)]
        for patch, i in zip(self.buracos, buracos):
            patch.set_x(i)
        self.produtos.set_text(self._conta(t, self._capacidade))
        for u, texto in enumerate(self.saida_textos):
            texto.set_visible(u <= t)
        self.atual.set_x(self.saida_celulas[t].get_x())
        self.posicao = t
        return self.animados


def desenhar_conv1d(
    x: torch.Tensor,
    w: torch.Tensor,
    stride: int = 1,
    padding: int = 0,
    dilation: int = 1,
    posicao: int = 0,
    ax: Axes | None = None,
) -> Desenho1D:
    """Desenha ``F.conv1d`` de um canal com o kernel na saída ``posicao``.

    Parâmetros
    ----------
    x : sinal 1D (n,); w : kernel 1D (k,).
    stride, padding, dilation : como em ``F.conv1d`` (inteiros).
    posicao : índice da saída onde a janela é mostrada.
    ax : eixos onde desenhar; ``None`` cria uma figura nova (sem pyplot).

    Retorna
    -------
    ``Desenho1D`` com os artistas; ``.mostrar(t)`` move a janela. Figuras dos notebooks 01 e 03 e explorador 1D.
    """
    desenho = Desenho1D(tensor_desenho("x", x, 1), tensor_desenho("w", w, 1), stride, padding, dilation, ax)
    desenho.mostrar(posicao)
    return desenho


# ---------------------------------------------------------------------------
# 2D
# ---------------------------------------------------------------------------

class Desenho2D(Desenho):
    """Convolução 2D desenhada: grade com padding, janela (com dilatação), saída se formando.

    Atributos: ``janela`` (um retângulo por peso do kernel, na grade com padding),
    ``pesos`` (textos dos pesos), ``contorno`` (alcance da janela), ``anterior`` (a janela na
    posição anterior, para ver o passo), ``cobertura`` (esconde a saída ainda não calculada),
    ``saida_textos``, ``atual``, ``soma`` (texto da conta) e ``saida`` (tensor H_out×W_out).
    """

    def __init__(self, x, w, stride, padding, dilation, ax):
        self.x, self.w = x, w
        self.stride, self.padding = par("stride", stride), par("padding", padding)
        self.dilation = par("dilation", dilation)
        forma = tamanho_saida(tuple(x.shape), tuple(w.shape), self.stride, self.padding, self.dilation)
        self.forma_saida = forma
        m = matriz_conv2d(w, tuple(x.shape), self.stride, self.padding, self.dilation)
        self.saida = (m @ x.reshape(-1)).reshape(forma)
        self.posicoes = [(i, j) for i in range(forma[0]) for j in range(forma[1])]
        (ph, pw), (h, wd) = self.padding, x.shape
        self.xp = torch.nn.functional.pad(x, (pw, pw, ph, ph))
        self.x0_saida = self.xp.shape[1] + 1.5
        self.y0_saida = max(0.0, (self.xp.shape[0] - forma[0]) / 2)
        self.largura = self.x0_saida + forma[1]
        self._capacidade = max(12, int(CARACTERES_POR_UNIDADE * self.largura))
        self._linhas = max(self._conta(t).count("\n") + 1 for t in range(len(self.posicoes)))
        self.altura = max(self.xp.shape[0], forma[0]) + 0.5 + 0.9 * self._linhas
        self.ax = eixos(ax, self.largura, self.altura)
        self._desenhar_entrada()
        self._desenhar_saida()

    def _desenhar_entrada(self) -> None:
        ax, (ph, pw) = self.ax, self.padding
        self.fonte = fonte = fonte_celula(self.ax, self.largura, self.altura)
        cores = rgba(COR_PADDING, tuple(self.xp.shape))
        h, w = self.x.shape
        cores[ph:ph + h, pw:pw + w] = rgba(COR_ENTRADA, (1,))[0]
        self.entrada_celulas = grade_celulas(ax, 0, 0, cores)
        self.entrada_textos = textos_celulas(ax, 0, 0, self.xp.numpy(), fonte)
        dentro = np.zeros(self.xp.shape, bool)
        dentro[ph:ph + h, pw:pw + w] = True
        for t in self.entrada_textos[~dentro]:
            t.set_color("0.65")
        kh, kw = self.w.shape
        self.anterior = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, ec="0.35", lw=1.2, ls="--"))
        self.contorno = ax.add_patch(Rectangle((0, 0), 1, 1, fill=False, ec=COR_JANELA, lw=1.5, ls=":"))
        self.janela = [ax.add_patch(Rectangle((0, 0), 1, 1, fc=COR_JANELA, alpha=0.45, ec="#0b5394", lw=1.5))
                       for _ in range(kh * kw)]
        self.pesos = [ax.text(0, 0, formatar(v), ha="right", va="bottom", fontsize=0.6 * fonte, color="#0b5394")
                      for v in self.w.reshape(-1).tolist()]

    def _desenhar_saida(self) -> None:
        ax, x0, y0 = self.ax, self.x0_saida, self.y0_saida
        forma = tuple(self.saida.shape)
        self.saida_celulas = grade_celulas(ax, x0, y0, rgba(COR_SAIDA, forma))
        self.saida_textos = textos_celulas(ax, x0, y0, self.saida.numpy(), self.fonte)
        cantos = np.array([(x0 + c + 0.04, y0 + r + 0.04) for r, c in self.posicoes])
        self.cobertura = PolyCollection(quadrados(cantos, 0.92), facecolors=COR_PENDENTE, edgecolors="none", zorder=3.5)
        ax.add_collection(self.cobertura)
        self.atual = ax.add_patch(Rectangle((x0, y0), 1, 1, fill=False, ec=COR_ATUAL, lw=3, zorder=4))
        self.soma = ax.text(self.largura / 2, self.altura - 0.45 * self._linhas, "", ha="center", va="center",
                            fontsize=fonte_da_conta(ax, self.largura, self.altura, self._capacidade))
        self.animados = [self.cobertura, self.anterior, self.contorno, *self.janela, *self.pesos, self.atual, self.soma]

    def celulas_janela(self, posicao) -> list[tuple[int, int]]:
        """Células (linha, coluna) da grade com padding lidas pelo kernel na saída ``posicao``."""
        return indices_janela(self.posicoes[self._indice(posicao)], tuple(self.w.shape), self.stride,
                              self.dilation)

    def mostrar(self, posicao) -> list:
        """Coloca a janela na saída ``posicao`` ((i, j) ou índice na varredura); devolve os artistas."""
        t = self._indice(posicao)
        celulas = self.celulas_janela(t)
        for patch, texto, (r, c) in zip(self.janela, self.pesos, celulas):
            patch.set_xy((c, r))
            texto.set_position((c + 0.97, r + 0.97))
        (r0, c0), (r1, c1) = celulas[0], celulas[-1]
        self.contorno.set_bounds(c0, r0, c1 - c0 + 1, r1 - r0 + 1)
        if t > 0:
            (a0, b0), (a1, b1) = self.celulas_janela(t - 1)[0], self.celulas_janela(t - 1)[-1]
            self.anterior.set_bounds(b0, a0, b1 - b0 + 1, a1 - a0 + 1)
        self.anterior.set_visible(t > 0)
        pendentes = np.arange(len(self.posicoes)) > t
        self.cobertura.set_facecolor(np.where(pendentes[:, None], rgba(COR_PENDENTE, (1,)), 0.0))
        i, j = self.posicoes[t]
        self.atual.set_xy((self.x0_saida + j, self.y0_saida + i))
        self.soma.set_text(self._conta(t))
        self.posicao = t
        return self.animados

    def _conta(self, t: int) -> str:
        """'y[i, j] = w·x + ... = valor' quebrada para caber (só a soma se o kernel tem mais de 9 pesos)."""
        i, j = self.posicoes[t]
        celulas = self.celulas_janela(t)
        valor = formatar(self.saida[i, j].item())
        if len(celulas) > 9:
            return f"y[{i}, {j}] = soma de {len(celulas)} produtos = {valor}"
        termos = [f"{formatar(w)}·{formatar(self.xp[r, c].item())}"
                  for w, (r, c) in zip(self.w.reshape(-1).tolist(), celulas)]
        termos[0] = f"y[{i}, {j}] = {termos[0]}"
        termos[-1] = f"{termos[-1]} = {valor}"
        return quebrar(termos, self._capacidade)


def desenhar_conv2d(
    x: torch.Tensor,
    w: torch.Tensor,
    stride: Par = 1,
    padding: Par = 0,
    dilation: Par = 1,
    posicao=0,
    ax: Axes | None = None,
) -> Desenho2D:
    """Desenha ``F.conv2d`` de um canal com a janela na saída ``posicao``.

    Parâmetros
    ----------
    x : entrada 2D (H, W); w : kernel 2D (k_h, k_w).
    stride, padding, dilation : int ou par (altura, largura), como em ``F.conv2d``.
    posicao : (i, j) na saída ou o índice na ordem de varredura (linha a linha).
    ax : eixos onde desenhar; ``None`` cria uma figura nova (sem pyplot).

    Retorna
    -------
    ``Desenho2D``; ``.mostrar(pos)`` move a janela atualizando os artistas. Figuras e explorador do notebook 03.
    """
    desenho = Desenho2D(tensor_desenho("x", x, 2), tensor_desenho("w", w, 2), stride, padding, dilation, ax)
    desenho.mostrar(posicao)
    return desenho
