"""O estado do explorador "transposta ao lado da convolução", sem widgets.

Com os mesmos k, s e p, a convolução leva n em n_out e a transposta leva n_out de volta a
n (com o ``output_padding`` de ``convaula.formulas.output_padding_para`` quando s > 1 deixa
dúvida). A entrada da transposta é mostrada como a convolução comum equivalente: y com
s − 1 zeros inseridos (``convaula.transposta.inserir_zeros``) e k − 1 − p de preenchimento.
Notebook 05.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...formulas import output_padding_para, tamanho_saida, tamanho_saida_transposta
from ...matriz import matriz_conv2d
from ...transposta import contagem_sobreposicao, conv_transposta_por_insercao, inserir_zeros
from ..base import inteiros_exemplo

__all__ = ["LIMITES_PAR", "EstadoPar"]

LIMITES_PAR = {"n": (2, 7), "kernel_size": (1, 4), "stride": (1, 3), "padding": (0, 2)}


class EstadoPar:
    """n, k, s, p e se as contagens aparecem; x, y, a entrada com zeros e z, ou a mensagem.

    Atributos: ``valores``, ``contagens`` (bool), ``mensagem`` ("" se aceita), ``output_padding``,
    ``x``, ``w``, ``y``, ``inserida``, ``tipos`` (1 valor, 0 zero inserido, −1 preenchimento), ``z``.
    """

    def __init__(self, n: int = 5, kernel_size: int = 3, stride: int = 2, padding: int = 1):
        self.valores = {"n": n, "kernel_size": kernel_size, "stride": stride, "padding": padding}
        self.contagens = False
        self.mudar()

    def mudar(self, **novos) -> None:
        """Troca valores e recalcula; uma combinação que o PyTorch recusa vira ``mensagem``."""
        for nome, valor in novos.items():
            if isinstance(valor, bool) or not isinstance(valor, int):
                raise TypeError(f"{nome} deve ser um inteiro, mas recebeu {nome}={valor!r}")
        self.valores.update(novos)
        n, k, s, p = (self.valores[nome] for nome in ("n", "kernel_size", "stride", "padding"))
        try:
            self.n_out = tamanho_saida(n, k, s, p)
            self.output_padding = output_padding_para(n, k, s, p)
            self.n_volta = tamanho_saida_transposta(self.n_out, k, s, p, self.output_padding)
            self.mensagem = ""
        except ValueError as erro:
            self.mensagem = str(erro)
            return
        self.x, self.w = inteiros_exemplo((n, n), 0, 4), inteiros_exemplo((k, k), 1, 3)
        self.y = (matriz_conv2d(self.w, (n, n), s, p) @ self.x.reshape(-1)).reshape(self.n_out, self.n_out)
        self.z = conv_transposta_por_insercao(self.y[None, None], self.w[None, None], s, p, self.output_padding)[0, 0]
        self._inserir(k, s, p)

    def _inserir(self, k: int, s: int, p: int) -> None:
        """y com zeros inseridos e preenchimento k − 1 − p (negativo corta), mais output_padding no fim."""
        q, op = k - 1 - p, self.output_padding
        bordas = (q, q + op, q, q + op)
        self.inserida = F.pad(inserir_zeros(self.y[None, None], s), bordas)[0, 0]
        uns = inserir_zeros(torch.ones(1, 1, self.n_out, self.n_out, dtype=torch.float64), s)
        self.tipos = F.pad(uns, bordas, value=-1.0)[0, 0]

    def sobreposicao(self) -> torch.Tensor:
        """Quantas cópias do núcleo a transposta soma em cada posição de z."""
        k, s, p = (self.valores[nome] for nome in ("kernel_size", "stride", "padding"))
        if self.output_padding == 0:
            return contagem_sobreposicao((self.n_out, self.n_out), k, s, p)
        # com output_padding, a transposta de uns com núcleo de uns (a definição da contagem)
        uns = torch.ones(1, 1, self.n_out, self.n_out, dtype=torch.float64)
        return conv_transposta_por_insercao(uns, torch.ones(1, 1, k, k, dtype=torch.float64), s, p,
                                            self.output_padding)[0, 0].round().long()

    def texto(self) -> str:
        """As duas contas de tamanho com os números (ou a recusa)."""
        n, k, s, p = (self.valores[nome] for nome in ("n", "kernel_size", "stride", "padding"))
        if self.mensagem:
            return f"⚠ {self.mensagem}"
        return (f"convolução: ⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {self.n_out}; "
                f"transposta com os mesmos k, s, p: ({self.n_out} − 1)·{s} − 2·{p} + {k} + "
                f"output_padding {self.output_padding} = {self.n_volta}")

    def resumo(self) -> str:
        v = self.valores
        partes = ", ".join(f"{nome}={valor}" for nome, valor in v.items())
        destino = "configuração recusada" if self.mensagem else f"{v['n']} → {self.n_out} → {self.n_volta}"
        return f"Convolução e transposta: {partes} → {destino}"
