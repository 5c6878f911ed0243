"""O estado do explorador de canais, sem widgets: cada canal com a sua fatia, somas parciais e viés.

Como as demonstrações do CS231n e do CNN Explainer: com C_in canais de entrada, um filtro do
canal de saída o tem C_in fatias; a janela de cada canal é multiplicada pela sua fatia, as
C_in somas parciais se somam, e o viés b[o] entra uma vez no fim:

    y[o, i, j] = Σ_c Σ_(a, b) w[o, c, a, b]·x[c, i·s + a, j·s + b] + b[o]

Os dados padrão estendem o exemplo do notebook 02 (com C_in = 2 e C_out = 1 a saída (0, 0)
é 56): x[c] = 0, 1, ..., n² − 1 somado a c e w[o, c] = 0, 1, ..., k² − 1 somado a c + o.

Notebook 02.
"""

from __future__ import annotations

import torch

from ...formulas import tamanho_saida
from ...janela import indices_janela
from ...matriz import matriz_conv2d
from ..base import formatar
from .estado import texto_forma

__all__ = ["LIMITES_CANAIS", "EstadoCanais", "dados_canais"]

LIMITES_CANAIS = {"c_in": (1, 3), "c_out": (1, 2), "n": (2, 5), "kernel_size": (1, 3)}


def dados_canais(c_in: int, c_out: int, n: int, kernel_size: int) -> tuple[torch.Tensor, torch.Tensor]:
    """(x, w) padrão: x (C_in, n, n) e w (C_out, C_in, k, k) de inteiros pequenos (float64)."""
    x = torch.arange(n * n, dtype=torch.float64).reshape(1, n, n) + torch.arange(c_in).reshape(-1, 1, 1)
    base = torch.arange(kernel_size ** 2, dtype=torch.float64).reshape(1, 1, kernel_size, kernel_size)
    w = base + torch.arange(c_in).reshape(1, -1, 1, 1) + torch.arange(c_out).reshape(-1, 1, 1, 1)
    return x, w


class EstadoCanais:
    """C_in, C_out, n, k, a saída escolhida (o, i, j) e os viéses; tudo o que a conta precisa.

    Atributos: ``valores`` (c_in, c_out, n, kernel_size), ``vies`` (lista com C_out valores),
    ``saida`` (o, i, j), ``x`` (C_in, n, n), ``w`` (C_out, C_in, k, k) e ``mensagem`` (a recusa
    em português quando o núcleo não cabe na entrada; x, w e a saída ficam os da última
    configuração aceita).
    """

    def __init__(self, c_in: int = 2, c_out: int = 1, n: int = 3, kernel_size: int = 2):
        self.valores = {"c_in": c_in, "c_out": c_out, "n": n, "kernel_size": kernel_size}
        self.vies, self.saida = [0.0] * 2, (0, 0, 0)
        self.mudar()

    def mudar(self, **novos: int) -> None:
        """Troca valores (conferidos contra ``LIMITES_CANAIS``) e recorta a saída escolhida."""
        for nome, valor in novos.items():
            minimo, maximo = LIMITES_CANAIS[nome]
            if isinstance(valor, bool) or not isinstance(valor, int) or not minimo <= valor <= maximo:
                raise ValueError(f"{nome} deve ser um inteiro de {minimo} a {maximo}, mas recebeu {nome}={valor!r}")
        self.valores.update(novos)
        v = self.valores
        try:
            tamanho_saida(v["n"], v["kernel_size"])  # a mensagem do PyTorch, em português
            self.mensagem = ""
        except ValueError as erro:
            self.mensagem = str(erro)
            return
        self.x, self.w = dados_canais(v["c_in"], v["c_out"], v["n"], v["kernel_size"])
        self.escolher(*self.saida)

    @property
    def forma_saida(self) -> tuple[int, int, int]:
        lado = self.valores["n"] - self.valores["kernel_size"] + 1
        return self.valores["c_out"], lado, lado

    def escolher(self, o: int, i: int, j: int) -> None:
        """Escolhe a saída (canal o, linha i, coluna j), recortada para dentro da saída."""
        limites = self.forma_saida
        self.saida = tuple(min(max(int(v), 0), m - 1) for v, m in zip((o, i, j), limites))

    def mudar_vies(self, o: int, valor: float) -> None:
        self.vies[o] = float(valor)

    def janela(self) -> list[tuple[int, int]]:
        """As k×k células (linha, coluna) da entrada que a saída escolhida lê, em todo canal."""
        _, i, j = self.saida
        k = self.valores["kernel_size"]
        return indices_janela((i, j), (k, k), (1, 1), (1, 1))

    def parciais(self) -> torch.Tensor:
        """Soma parcial de cada canal de entrada: Σ fatia·janela (C_in valores)."""
        o = self.saida[0]
        linhas, colunas = zip(*self.janela())
        lidos = self.x[:, list(linhas), list(colunas)]  # (C_in, k·k)
        return (lidos * self.w[o].reshape(self.valores["c_in"], -1)).sum(1)

    def valor(self) -> float:
        """y[o, i, j] = soma das parciais + viés."""
        return self.parciais().sum().item() + self.vies[self.saida[0]]

    def mapa(self) -> torch.Tensor:
        """A saída inteira (C_out, H_out, W_out) pela matriz da convolução, mais o viés."""
        m = matriz_conv2d(self.w, tuple(self.x.shape[1:]))
        vies = torch.tensor(self.vies[:self.valores["c_out"]], dtype=torch.float64).reshape(-1, 1, 1)
        return (m @ self.x.reshape(-1)).reshape(self.forma_saida) + vies

    def linhas_conta(self) -> list[str]:
        """A conta do notebook 02 com os números: uma linha por canal, o viés e o total."""
        o, i, j = self.saida
        celulas, linhas = self.janela(), []
        for c, parcial in enumerate(self.parciais().tolist()):
            termos = " + ".join(f"{formatar(self.w[o, c].reshape(-1)[t].item())}·{formatar(self.x[c, r, q].item())}"
                                for t, (r, q) in enumerate(celulas))
            linhas.append(f"canal {c}: {termos} = {formatar(parcial)}")
        parciais = " + ".join(formatar(p) for p in self.parciais().tolist())
        linhas.append(f"viés b[{o}] = {formatar(self.vies[o])}")
        linhas.append(f"y[{o}, {i}, {j}] = {parciais} + {formatar(self.vies[o])} = {formatar(self.valor())}")
        return linhas

    def resumo(self) -> str:
        v = self.valores
        if self.mensagem:
            return f"Explorador de canais: n={v['n']}, kernel_size={v['kernel_size']} → configuração recusada"
        return (f"Explorador de canais: C_in={v['c_in']}, C_out={v['c_out']}, n={v['n']}, kernel_size={v['kernel_size']}"
                f" → saída {texto_forma(self.forma_saida)}; y{self.saida} = {formatar(self.valor())}")
