"""O estado dos exploradores de tamanho, sem ipywidgets: valores, saída, janela, fórmula, recusa.

Cada ``Estado...`` guarda os valores dos controles (nomes do PyTorch) e a posição da janela e
calcula o que o widget mostra: a forma da saída (``convaula.formulas``), a mensagem em
português quando o PyTorch recusaria a configuração, a célula destacada, as células que a
janela lê (``convaula.janela``) e a fórmula com os números no lugar dos símbolos. O widget
(``convaula.desenho.exploradores.widgets``) só liga os controles a este objeto e pinta; os
testes usam o estado diretamente, sem navegador nem widgets.

Notebooks: 01 (conv1d), 03 (conv2d), 05 (transposta).
"""

from __future__ import annotations

import math

import torch

from ...formulas import tamanho_saida, tamanho_saida_transposta
from ...janela import indices_janela, posicao_lida
from ...matriz import matriz_conv2d
from ..base import formatar, inteiros_exemplo

__all__ = ["LIMITES", "EstadoConv1d", "EstadoConv2d", "EstadoExplorador", "EstadoPonteiro2D", "EstadoTransposta",
           "criar_estado", "texto_forma"]

# (mínimo, máximo) de cada controle; valores iniciais maiores alargam o controle.
LIMITES = {"n": (1, 16), "kernel_size": (1, 7), "padding": (0, 4), "stride": (1, 4), "dilation": (1, 3),
           "output_padding": (0, 3)}


def texto_forma(forma) -> str:
    """(4, 4) → "4×4"; 7 → "7"."""
    return "×".join(str(v) for v in forma) if isinstance(forma, tuple) else str(forma)


def _substituida(v: dict, n, k) -> str:
    """⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 com os números no lugar dos símbolos."""
    return f"⌊({n} + 2·{v['padding']} − {v['dilation']}·({k} − 1) − 1) / {v['stride']}⌋ + 1"


class EstadoExplorador:
    """Base: valores, posição, forma da saída ou mensagem de recusa, resumo e fórmula.

    Atributos: ``valores`` (dict nome → int), ``posicao`` (índice na ordem de varredura),
    ``forma_saida`` (tupla, ou ``None`` se recusada), ``mensagem`` ("" se aceita).
    """

    tipo = ""
    parametros: tuple[str, ...] = ()
    limites = LIMITES
    dims = 2

    def __init__(self, valores: dict, entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None):
        self.entrada, self.peso = entrada, peso
        self.valores = {nome: valores[nome] for nome in self.parametros}
        self.posicao = 0
        self.mudar()

    # -- mudanças --------------------------------------------------------------
    def mudar(self, **novos: int) -> None:
        """Atualiza valores, recalcula a forma (ou a mensagem) e recorta a posição."""
        self.valores.update(novos)
        try:
            self.forma_saida, self.mensagem = self._tamanho(), ""
        except ValueError as erro:
            self.forma_saida, self.mensagem = None, str(erro)
        self.mover(self.posicao)

    def mover(self, posicao: int) -> None:
        """Põe a janela na posição ``posicao`` (recortada para o intervalo válido)."""
        self.posicao = min(max(int(posicao), 0), self.total_posicoes - 1)

    # -- o que se mostra ------------------------------------------------------------
    @property
    def recusado(self) -> bool:
        return self.forma_saida is None

    @property
    def grade_posicoes(self) -> tuple[int, ...]:
        """Forma da grade percorrida pela janela (a saída; a entrada na transposta)."""
        return self.forma_saida or (1,)

    @property
    def total_posicoes(self) -> int:
        return math.prod(self.grade_posicoes)

    @property
    def celula_destacada(self):
        """Posição destacada agora (int em 1D, (i, j) em 2D), ou ``None`` se recusada."""
        if self.recusado:
            return None
        celula = tuple(int(v) for v in torch.unravel_index(torch.tensor(self.posicao), self.grade_posicoes))
        return celula[0] if self.dims == 1 else celula

    def celulas_janela(self) -> list[tuple[int, ...]]:
        """Células (na entrada com padding; na saída cheia da transposta) da janela atual."""
        if self.recusado:
            return []
        _, w = self.dados()
        celula = self.celula_destacada
        return indices_janela(celula if self.dims == 2 else (celula,), tuple(w.shape),
                              self.dims * (self.valores["stride"],), self.dims * (self.valores["dilation"],))

    def resumo(self) -> str:
        """Uma linha determinística com os parâmetros e a forma da saída (o repr em texto)."""
        valores = dict(self.valores)
        if self.entrada is not None:
            valores["n"] = texto_forma(tuple(self.entrada.shape))
        if self.peso is not None:
            valores["kernel_size"] = texto_forma(tuple(self.peso.shape))
        partes = ", ".join(f"{nome}={valor}" for nome, valor in valores.items())
        destino = "configuração recusada" if self.recusado else f"saída {texto_forma(self.forma_saida)}"
        return f"Explorador {self.tipo}: {partes} → {destino}"

    def formula_html(self) -> str:
        """A fórmula do tamanho com os números (uma linha por dimensão, ou uma só se iguais)."""
        linhas = self._formula()
        if self.recusado:
            linhas = [f"{linha} → <b>recusado</b>" for linha in linhas]
        else:
            valores = [self.forma_saida[0]] if len(linhas) == 1 else list(self.forma_saida)
            linhas = [f"{linha} = <b>{valor}</b>" for linha, valor in zip(linhas, valores)]
            linhas.append(f"saída: <b>{texto_forma(self.forma_saida)}</b>")
        return f"<div style='font-family:monospace;font-size:14px'>{'<br>'.join(linhas)}</div>"

    def aviso_html(self) -> str:
        """A mensagem de recusa (em português, de ``convaula.formulas``) ou ""."""
        return f"<span style='color:#990000'>⚠ {self.mensagem}</span>" if self.mensagem else ""

    # -- cada explorador define ------------------------------------------------
    def dados(self) -> tuple[torch.Tensor, torch.Tensor]:  # pragma: no cover
        """(entrada, peso) atuais: os tensores dados ou inteiros reprodutíveis."""
        raise NotImplementedError

    def _tamanho(self) -> tuple[int, ...]:  # pragma: no cover
        raise NotImplementedError

    def _formula(self) -> list[str]:  # pragma: no cover
        raise NotImplementedError


class EstadoConv1d(EstadoExplorador):
    """Convolução 1D: entrada n, núcleo k, padding, stride, dilation."""

    tipo = "conv1d"
    parametros = ("n", "kernel_size", "padding", "stride", "dilation")
    dims = 1

    def dados(self):
        v = self.valores
        x = self.entrada if self.entrada is not None else inteiros_exemplo((v["n"],), 0, 10)
        w = self.peso if self.peso is not None else inteiros_exemplo((v["kernel_size"],), 1, 4)
        return x, w

    def _tamanho(self):
        (x, w), v = self.dados(), self.valores
        return (tamanho_saida(x.numel(), w.numel(), v["stride"], v["padding"], v["dilation"]),)

    def _formula(self):
        x, w = self.dados()
        return [f"n_out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 = {_substituida(self.valores, x.numel(), w.numel())}"]


class EstadoConv2d(EstadoConv1d):
    """Convolução 2D: entrada n×n (ou a dada), núcleo k×k (ou o dado)."""

    tipo = "conv2d"
    dims = 2

    def dados(self):
        v = self.valores
        x = self.entrada if self.entrada is not None else inteiros_exemplo((v["n"], v["n"]), 0, 10)
        w = self.peso if self.peso is not None else inteiros_exemplo((v["kernel_size"],) * 2, 1, 3)
        return x, w

    def _tamanho(self):
        (x, w), v = self.dados(), self.valores
        return tamanho_saida(tuple(x.shape), tuple(w.shape), v["stride"], v["padding"], v["dilation"])

    def _formula(self):
        x, w = self.dados()
        if x.shape[0] == x.shape[1] and w.shape[0] == w.shape[1]:
            return [f"H_out = W_out = {_substituida(self.valores, x.shape[0], w.shape[0])}"]
        return [f"{nome} = {_substituida(self.valores, n, k)}"
                for nome, n, k in (("H_out", x.shape[0], w.shape[0]), ("W_out", x.shape[1], w.shape[1]))]


class EstadoPonteiro2D(EstadoConv2d):
    """Conv2d com ligação por ponteiro: a saída sob o ponteiro e o peso sob o ponteiro.

    ``peso_destacado`` é (a, b) ou ``None``; ``celulas_do_peso`` são as células da entrada que
    esse peso multiplica em TODAS as saídas (o compartilhamento de pesos à vista).
    """

    peso_destacado: tuple[int, int] | None = None

    def mudar(self, **novos: int) -> None:
        self._saida = None  # recalculada na primeira vez que for pedida
        super().mudar(**novos)

    def saida(self) -> torch.Tensor:
        """A saída (H_out, W_out) pela matriz da convolução (igual a ``F.conv2d``)."""
        if self._saida is None:
            (x, w), v = self.dados(), self.valores
            m = matriz_conv2d(w, tuple(x.shape), v["stride"], v["padding"], v["dilation"])
            self._saida = (m @ x.reshape(-1)).reshape(self.forma_saida)
        return self._saida

    def mover_para(self, i: int, j: int) -> None:
        """Janela na saída (i, j), como se o slider de posição fosse para lá."""
        self.mover(i * self.forma_saida[1] + j)

    def destacar_peso(self, peso: tuple[int, int] | None) -> None:
        self.peso_destacado = None if self.recusado or peso is None else (int(peso[0]), int(peso[1]))

    def celulas_do_peso(self) -> list[tuple[int, int]]:
        """Células (na entrada com padding) que o peso destacado multiplica, uma por saída."""
        if self.peso_destacado is None:
            return []
        (a, b), s, d = self.peso_destacado, self.valores["stride"], self.valores["dilation"]
        linhas = [posicao_lida(i, a, s, 0, d) for i in range(self.forma_saida[0])]
        colunas = [posicao_lida(j, b, s, 0, d) for j in range(self.forma_saida[1])]
        return [(r, c) for r in linhas for c in colunas]

    def texto_ponteiro(self) -> str:
        """O que o ponteiro mostra: a soma da saída destacada e, se houver, o peso compartilhado."""
        if self.recusado:
            return ""
        (i, j), valor = self.celula_destacada, self.saida()[self.celula_destacada].item()
        texto = f"saída y[{i}, {j}] = soma dos {len(self.celulas_janela())} produtos da janela = {formatar(valor)}"
        if self.peso_destacado is not None:
            a, b = self.peso_destacado
            peso = self.dados()[1][a, b].item()
            texto += (f"; peso w[{a}, {b}] = {formatar(peso)} multiplica {len(self.celulas_do_peso())} células "
                      f"da entrada, uma em cada janela (o mesmo peso em todas as saídas)")
        return texto


class EstadoTransposta(EstadoConv2d):
    """Transposta 2D: a janela percorre a ENTRADA; cada entrada espalha o núcleo na saída cheia."""

    tipo = "transposta"
    parametros = ("n", "kernel_size", "padding", "stride", "dilation", "output_padding")
    limites = {**LIMITES, "n": (1, 5), "kernel_size": (1, 5), "stride": (1, 3), "dilation": (1, 2),
               "output_padding": (0, 2)}

    def dados(self):
        v = self.valores
        x = self.entrada if self.entrada is not None else inteiros_exemplo((v["n"], v["n"]), 0, 4)
        w = self.peso if self.peso is not None else inteiros_exemplo((v["kernel_size"],) * 2, 1, 3)
        return x, w

    @property
    def grade_posicoes(self):
        return (1,) if self.recusado else tuple(self.dados()[0].shape)

    def _tamanho(self):
        (x, w), v = self.dados(), self.valores
        return tamanho_saida_transposta(tuple(x.shape), tuple(w.shape), v["stride"], v["padding"],
                                        v["output_padding"], v["dilation"])

    def _formula(self):
        (x, w), v = self.dados(), self.valores
        def conta(n, k):
            return (f"({n} − 1)·{v['stride']} − 2·{v['padding']} + {v['dilation']}·({k} − 1) + "
                    f"{v['output_padding']} + 1")
        if x.shape[0] == x.shape[1] and w.shape[0] == w.shape[1]:
            return [f"H_out = W_out = (n − 1)·s − 2p + d(k − 1) + output_padding + 1<br>= {conta(x.shape[0], w.shape[0])}"]
        return [f"H_out = {conta(x.shape[0], w.shape[0])}", f"W_out = {conta(x.shape[1], w.shape[1])}"]


def _tensor_opcional(nome: str, tensor, ndim: int) -> torch.Tensor | None:
    if tensor is None:
        return None
    if not isinstance(tensor, torch.Tensor):
        raise TypeError(f"{nome} deve ser um torch.Tensor ou None, mas recebeu {type(tensor).__name__}")
    if tensor.ndim != ndim:
        raise ValueError(f"{nome} deve ter {ndim} dimensão(ões), mas recebeu forma {tuple(tensor.shape)}")
    return tensor.detach().to(torch.float64).cpu()


def criar_estado(classe: type[EstadoExplorador], valores: dict, entrada=None, peso=None) -> EstadoExplorador:
    """Confere os tensores opcionais e os valores iniciais (inteiros, >= mínimo) e cria o estado."""
    entrada = _tensor_opcional("entrada", entrada, classe.dims)
    peso = _tensor_opcional("peso", peso, classe.dims)
    if entrada is not None:
        valores["n"] = int(entrada.shape[0])
    if peso is not None:
        valores["kernel_size"] = int(peso.shape[0])
    for nome, valor in valores.items():
        if isinstance(valor, bool) or not isinstance(valor, int):
            raise TypeError(f"{nome} deve ser um inteiro, mas recebeu {nome}={valor!r}")
        if valor < LIMITES[nome][0]:
            raise ValueError(f"{nome} deve ser >= {LIMITES[nome][0]}, mas recebeu {nome}={valor}")
    return classe(valores, entrada, peso)
