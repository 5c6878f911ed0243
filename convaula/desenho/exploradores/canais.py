"""O estado do explorador de canais, sem widgets: cada canal com a sua fatia, somas parciais e viés.

Como as demonstrações do CS231n e do CNN Explainer: com C_in canais de entrada, um filtro do
canal de saída o tem C_in fatias; a janela de cada canal é multiplicada pela sua fatia, as
C_in somas parciais se somam, e o viés b[o] entra uma vez no fim:

    y[o, i, j] = Σ_c Σ_(a, b) w[o, c, a, b]·x[c, i·s + a, j·s + b] + b[o]

Os dados padrão estendem o exemplo do notebook 02 (com C_in = 2 e C_out = 1 a saída (0, 0)
é 56): x[c] = 0, 1, ..., n² − 1 somado a c e w[o, c] = 0, 1, ..., k² − 1 somado a c + o.

Com ``dados = "foto"`` a entrada são os canais R, G, B de um recorte da foto real
(``convaula.reais.foto``) reduzido a n×n; cada soma parcial vira um mapa de calor.

Notebook 02.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...janela import indices_janela
from ...reais import foto
from ..base import formatar
from .paineis import COR_NUCLEO, controle, painel
from .tamanho import texto_forma

__all__ = ["LIMITES_CANAIS", "EstadoCanais", "dados_canais"]

LIMITES_CANAIS = {"c_in": (1, 3), "c_out": (1, 2), "n": (2, 5), "kernel_size": (1, 3)}
ROTULOS = {"c_in": "C_in (entrada)", "c_out": "C_out (saída)", "n": "n", "kernel_size": "kernel_size"}
DADOS = ("inteiros", "foto")


def foto_canais(c_in: int, n: int) -> torch.Tensor:
    """Os ``c_in`` primeiros canais (R, G, B) do rosto da foto real, reduzido a n×n (float64)."""
    rgb = foto(cinza=False, tamanho=64)[:, 4:68, :]  # 64×64 com o rosto
    return F.interpolate(rgb[None], size=(n, n), mode="area")[0, :c_in].to(torch.float64)


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

    def __init__(self, c_in: int = 2, c_out: int = 1, n: int = 3, kernel_size: int = 2, dados: str = "inteiros"):
        self.valores = {"c_in": c_in, "c_out": c_out, "n": n, "kernel_size": kernel_size}
        self.vies, self.saida, self.dados = [0.0] * 2, (0, 0, 0), dados
        self.mudar()

    def mudar(self, **novos) -> None:
        """Troca valores (conferidos contra ``LIMITES_CANAIS``), ``vies_0``/``vies_1`` ou ``dados``.

        Um núcleo maior que a entrada vira ``mensagem`` (com os nomes destes controles); x, w e
        a figura ficam os da última configuração aceita (``aceitos``).
        """
        for nome, valor in novos.items():
            if nome.startswith("vies_"):
                self.mudar_vies(int(nome[5:]), valor)
            elif nome == "dados":
                if valor not in DADOS:
                    raise ValueError(f"dados deve ser um de {list(DADOS)}, mas recebeu dados = {valor!r}")
                self.dados = valor
            else:
                minimo, maximo = LIMITES_CANAIS[nome]
                if isinstance(valor, bool) or not isinstance(valor, int) or not minimo <= valor <= maximo:
                    raise ValueError(f"{nome} deve ser um inteiro de {minimo} a {maximo}, mas recebeu {nome} = {valor!r}")
                self.valores[nome] = valor
        v = self.valores
        if v["kernel_size"] > v["n"]:
            self.mensagem = (f"kernel_size = {v['kernel_size']} é maior que n = {v['n']}: o núcleo não cabe na "
                             f"entrada (sem padding neste explorador); aumente n ou diminua kernel_size")
            return
        self.mensagem, self.aceitos = "", dict(v)
        self.x, self.w = dados_canais(v["c_in"], v["c_out"], v["n"], v["kernel_size"])
        if self.dados == "foto":
            self.x = foto_canais(v["c_in"], v["n"])
        self.escolher(*self.saida)

    @property
    def forma_saida(self) -> tuple[int, int, int]:
        lado = self.aceitos["n"] - self.aceitos["kernel_size"] + 1
        return self.aceitos["c_out"], lado, lado

    def escolher(self, o: int, i: int, j: int) -> None:
        """Escolhe a saída (canal o, linha i, coluna j), recortada para dentro da saída."""
        limites = self.forma_saida
        self.saida = tuple(min(max(int(v), 0), m - 1) for v, m in zip((o, i, j), limites))

    def mudar_vies(self, o: int, valor: float) -> None:
        self.vies[o] = float(valor)

    def celulas_janela(self, i: int | None = None, j: int | None = None) -> list[tuple[int, int]]:
        """As k×k células (linha, coluna) da entrada que a saída (i, j) (padrão: a escolhida) lê, em todo canal."""
        i, j = (self.saida[1], self.saida[2]) if i is None else (i, j)
        k = self.aceitos["kernel_size"]
        return indices_janela((i, j), (k, k), (1, 1), (1, 1))

    def parciais(self) -> torch.Tensor:
        """Soma parcial de cada canal de entrada: Σ fatia·janela (C_in valores)."""
        o = self.saida[0]
        linhas, colunas = zip(*self.celulas_janela())
        lidos = self.x[:, list(linhas), list(colunas)]  # (C_in, k·k)
        return (lidos * self.w[o].reshape(self.aceitos["c_in"], -1)).sum(1)

    def valor(self) -> float:
        """y[o, i, j] = soma das parciais + viés."""
        return self.parciais().sum().item() + self.vies[self.saida[0]]

    def mapas_parciais(self) -> torch.Tensor:
        """As somas parciais de cada par (o, c) em toda a saída: (C_out, C_in, H_out, W_out), pelo torch."""
        c_in = self.aceitos["c_in"]
        return torch.stack([F.conv2d(self.x[None, c:c + 1], self.w[:, c:c + 1])[0] for c in range(c_in)], 1)

    def mapa(self) -> torch.Tensor:
        """A saída inteira (C_out, H_out, W_out) pelo ``F.conv2d``, com o viés."""
        vies = torch.tensor(self.vies[:self.aceitos["c_out"]], dtype=torch.float64)
        return F.conv2d(self.x[None], self.w, vies)[0]

    def linhas_conta(self, saida: tuple[int, int, int] | None = None) -> list[str]:
        """A conta do notebook 02 com os números: uma linha por canal, o viés e o total."""
        if saida is not None:
            guardada, self.saida = self.saida, saida
            try:
                return self.linhas_conta()
            finally:
                self.saida = guardada
        o, i, j = self.saida
        celulas, linhas = self.celulas_janela(), []
        # listas do Python uma vez (um .item() por termo custava dezenas de ms por cena)
        pesos, x = self.w[o].reshape(self.aceitos["c_in"], -1).tolist(), self.x.tolist()
        parciais = self.parciais()
        for c, parcial in enumerate(parciais.tolist()):
            termos = " + ".join(f"{formatar(pesos[c][t])}·{formatar(x[c][r][q])}" for t, (r, q) in enumerate(celulas))
            linhas.append(f"canal {c}: {termos} = {formatar(parcial)}")
        soma = " + ".join(formatar(p) for p in parciais.tolist())
        linhas.append(f"viés b[{o}] = {formatar(self.vies[o])}")
        linhas.append(f"y[{o}, {i}, {j}] = {soma} + {formatar(self.vies[o])} = "
                      f"{formatar(parciais.sum().item() + self.vies[o])}")
        return linhas

    def resumo(self) -> str:
        v = self.valores
        if self.mensagem:
            return f"Explorador de canais: n = {v['n']}, kernel_size = {v['kernel_size']} → configuração recusada"
        return (f"Explorador de canais: C_in = {v['c_in']}, C_out = {v['c_out']}, n = {v['n']}, "
                f"kernel_size = {v['kernel_size']} → saída {texto_forma(self.forma_saida)}; "
                f"y{self.saida} = {formatar(self.valor())}")

    def cena(self) -> dict:
        """A cena (``paineis.py``): entradas, fatias, mapas das parciais e saídas; um passo por (o, i, j)."""
        a = self.aceitos
        c_in, c_out, k = a["c_in"], a["c_out"], a["kernel_size"]
        _, h, w_ = self.forma_saida
        textos = (lambda t: [f"{v:.2f}" for v in t.reshape(-1).tolist()]) if self.dados == "foto" else (lambda t: None)
        controles = [controle(nome, self.valores[nome], *LIMITES_CANAIS[nome], rotulo=ROTULOS[nome])
                     for nome in LIMITES_CANAIS]
        controles += [controle(f"vies_{o}", self.vies[o], -10, 10, rotulo=f"viés b[{o}]") for o in range(c_out)]
        controles.append(controle("dados", self.dados, tipo="lista", rotulo="entrada", opcoes=list(DADOS)))
        paineis = [painel(f"x{c}", f"entrada x[{c}]", self.x[c], textos=textos(self.x[c])) for c in range(c_in)]
        parciais, y = self.mapas_parciais(), self.mapa()
        for o in range(c_out):
            paineis += [painel(f"w{o}_{c}", f"fatia w[{o}, {c}]", self.w[o, c], linha=1 + o,
                               fundos=[COR_NUCLEO] * k * k) for c in range(c_in)]
            paineis += [painel(f"p{o}_{c}", f"parcial canal {c}", parciais[o, c], linha=1 + o, cor="calor",
                               valores=parciais[o, c].reshape(-1).tolist()) for c in range(c_in)]
            paineis.append(painel(f"y{o}", f"y[{o}] = Σ parciais + b[{o}]", y[o], linha=1 + o, cor="calor",
                                  valores=y[o].reshape(-1).tolist()))
        passos, textos_passos = [], []
        for o in range(c_out):
            for i in range(h):
                for j in range(w_):
                    janela = [r * a["n"] + q for r, q in self.celulas_janela(i, j)]
                    passo = {f"y{o}": [i * w_ + j]}
                    for c in range(c_in):
                        passo.update({f"x{c}": janela, f"w{o}_{c}": list(range(k * k)), f"p{o}_{c}": [i * w_ + j]})
                    passos.append(passo)
                    textos_passos.append("\n".join(self.linhas_conta((o, i, j))))
        o, i, j = self.saida
        return {"tipo": "canais", "controles": controles, "mensagem": self.mensagem, "paineis": paineis,
                "passos": passos, "textos_passos": textos_passos, "formula": [
                    f"y[o, i, j] = Σ_c Σ_(a, b) w[o, c, a, b]·x[c, i + a, j + b] + b[o]; "
                    f"saída {texto_forma(self.forma_saida)} (clique numa saída para fixá-la)"],
                "paineis_passo": [f"y{o}" for o in range(c_out)] + [f"p{o}_{c}" for o in range(c_out)
                                                                     for c in range(c_in)],
                "passo": (o * h + i) * w_ + j, "colunas_passo": w_, "rotulo_passo": "saída (o, i, j)",
                "intervalo_ms": 700}
