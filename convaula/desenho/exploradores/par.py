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

from ...janela import indices_janela
from ...formulas import output_padding_para, tamanho_saida, tamanho_saida_transposta
from ...matriz import matriz_conv2d
from ...transposta import contagem_sobreposicao, conv_transposta_por_insercao, inserir_zeros
from ..base import formatar, inteiros_exemplo
from .paineis import COR_NUCLEO, COR_PADDING, controle, notacao, painel

__all__ = ["LIMITES_PAR", "EstadoPar"]

LIMITES_PAR = {"n": (2, 7), "kernel_size": (1, 4), "stride": (1, 3), "padding": (0, 2)}
# Cores das contagens de sobreposição (quantas cópias do núcleo cada saída soma): 0, 1, 2, ...
CORES_CONTAGEM = ["#ffffff", "#e5f5e0", "#a1d99b", "#fdd0a2", "#fdae6b", "#fd8d3c", "#c6dbef", "#9ecae1",
                  "#bcbddc", "#dadaeb"]  # claras: o número preto continua legível
COR_VALOR_Y = "#d9ead3"  # verde, laranja e cinza, como o texto do notebook 05 descreve
COR_ZERO_INSERIDO = "#fce5cd"


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
        """Troca valores (ou ``contagens``) e recalcula; o que o PyTorch recusa vira ``mensagem``."""
        if "contagens" in novos:
            self.contagens = bool(novos.pop("contagens"))
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
            self.mensagem = notacao(str(erro))
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

    def celulas_janela(self, i: int, j: int) -> list[tuple[int, int]]:
        """As k×k células da entrada com zeros que z[i, j] lê (a convolução de passo 1 equivalente)."""
        k = self.valores["kernel_size"]
        return indices_janela((i, j), (k, k), (1, 1), (1, 1))

    def sobreposicao(self) -> torch.Tensor:
        """Quantas cópias do núcleo a transposta soma em cada posição de z."""
        k, s, p = (self.valores[nome] for nome in ("kernel_size", "stride", "padding"))
        if self.output_padding == 0:
            return contagem_sobreposicao((self.n_out, self.n_out), k, s, p)
        # com output_padding, a transposta de uns com núcleo de uns (a definição da contagem)
        uns = torch.ones(1, 1, self.n_out, self.n_out, dtype=torch.float64)
        return conv_transposta_por_insercao(uns, torch.ones(1, 1, k, k, dtype=torch.float64), s, p,
                                            self.output_padding)[0, 0].round().long()

    def linhas_formula(self) -> list[str]:
        """As duas contas de tamanho com os números, uma linha inteira cada (ou a recusa)."""
        n, k, s, p = (self.valores[nome] for nome in ("n", "kernel_size", "stride", "padding"))
        if self.mensagem:
            return ["→ recusado"]
        return [f"convolução: n_out = ⌊({n} + 2·{p} − {k}) / {s}⌋ + 1 = {self.n_out}",
                f"transposta com os mesmos k, s, p: ({self.n_out} − 1)·{s} − 2·{p} + {k} + "
                f"output_padding {self.output_padding} = {self.n_volta}"]

    def texto(self) -> str:
        return "; ".join(self.linhas_formula()) if not self.mensagem else f"⚠ {self.mensagem}"

    def cena(self) -> dict:
        """A cena: x, núcleo, y = conv(x); a entrada com zeros, o núcleo invertido e z, com z animado.

        A transposta é a convolução comum (passo 1) da entrada com zeros inseridos pelo núcleo
        invertido: cada passo acende a janela k×k dessa entrada e a célula de z que ela soma.
        """
        controles = [controle(nome, valor, *LIMITES_PAR[nome]) for nome, valor in self.valores.items()]
        controles.append(controle("contagens", self.contagens, tipo="caixa",
                                  rotulo="contagens de sobreposição (cores em z)"))
        cena = {"tipo": "par", "controles": controles, "formula": self.linhas_formula(), "mensagem": self.mensagem,
                "paineis": [], "passos": [], "textos_passos": []}
        if self.mensagem:
            return cena
        k = self.valores["kernel_size"]
        invertido = torch.flip(self.w, (0, 1))
        fundos = [{1.0: COR_VALOR_Y, 0.0: COR_ZERO_INSERIDO}.get(t, COR_PADDING) for t in self.tipos.reshape(-1).tolist()]
        cena["paineis"] = [
            painel("x", f"entrada x ({self.valores['n']}×{self.valores['n']})", self.x),
            painel("w", f"núcleo w ({k}×{k})", self.w, fundos=[COR_NUCLEO] * k * k),
            painel("y", f"y = conv(x) ({self.n_out}×{self.n_out})", self.y),
            painel("inserida", "y com zeros inseridos e preenchimento k − 1 − p", self.inserida, linha=1, fundos=fundos,
                   apagados=[t != 1.0 for t in self.tipos.reshape(-1).tolist()],
                   legenda=[[COR_VALOR_Y, "valor de y"], [COR_ZERO_INSERIDO, "zero inserido (s − 1 por vão)"],
                            [COR_PADDING, "preenchimento"]]),
            painel("invertido", "núcleo invertido", invertido, linha=1, fundos=[COR_NUCLEO] * k * k),
        ]
        extra = {}
        if self.contagens:
            contagem = self.sobreposicao().reshape(-1).tolist()
            cores = [CORES_CONTAGEM[min(c, len(CORES_CONTAGEM) - 1)] for c in contagem]
            extra = {"fundos": cores, "legenda": [[CORES_CONTAGEM[c], f"×{c}: soma {c} cópia(s) do núcleo"]
                                                  for c in sorted(set(contagem))]}
        cena["paineis"].append(painel("z", f"z = transposta(y) ({self.n_volta}×{self.n_volta})", self.z, linha=1,
                                      **extra))
        largura, lado = self.inserida.shape[1], self.z.shape[1]
        xplano, wplano = self.inserida.reshape(-1).tolist(), invertido.reshape(-1).tolist()
        for t in range(self.z.numel()):
            i, j = divmod(t, lado)
            janela = [r * largura + c for r, c in self.celulas_janela(i, j)]
            cena["passos"].append({"z": [t], "inserida": janela, "invertido": list(range(k * k))})
            termos = " + ".join(f"{formatar(wplano[m])}·{formatar(xplano[c])}" for m, c in enumerate(janela))
            cena["textos_passos"].append(f"z[{i}, {j}] = {termos} = {formatar(self.z[i, j].item())}")
        cena.update(painel_passo="z", colunas_passo=lado, passo=0, intervalo_ms=500, rotulo_passo="posição em z",
                    frases={"inserida": "esta célula é lida por {n} saídas de z (acesas)",
                            "invertido": "este peso multiplica {n} células, uma por saída de z"})
        return cena

    def resumo(self) -> str:
        v = self.valores
        partes = ", ".join(f"{nome}={valor}" for nome, valor in v.items())
        destino = "configuração recusada" if self.mensagem else f"{v['n']} → {self.n_out} → {self.n_volta}"
        return f"Convolução e transposta: {partes} → {destino}"
