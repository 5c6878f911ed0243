"""O estado dos exploradores de tamanho, sem ipywidgets: valores, saída, janela, fórmula, recusa.

Cada ``Estado...`` guarda os valores dos controles (nomes do PyTorch) e a posição da janela e
calcula o que o widget mostra: a forma da saída (``convaula.formulas``), a mensagem em
português (na notação do estudante) quando o PyTorch recusaria a configuração, as células que
a janela lê (``convaula.janela``), a saída pelo torch e a fórmula com os números no lugar dos
símbolos; ``cena()`` junta tudo em JSON para o navegador (``tamanho_widget.py`` e
``cena.py``). Os testes usam o estado diretamente, sem navegador nem widgets.

Notebooks: 01 (conv1d), 03 (conv2d), 05 (transposta).
"""

from __future__ import annotations

import math

import torch
import torch.nn.functional as F

from ...formulas import tamanho_saida, tamanho_saida_transposta
from ...janela import indices_janela, posicao_lida
from ..base import inteiros_exemplo
from ..base import formatar
from .paineis import COR_CORTE, COR_NUCLEO, COR_PADDING, controle, notacao, painel

__all__ = ["LIMITES", "EstadoConv1d", "EstadoConv2d", "EstadoExplorador", "EstadoTransposta",
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
            self.forma_saida, self.mensagem = None, notacao(str(erro))
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

    def linhas_formula(self) -> list[str]:
        """A fórmula do tamanho com os números, uma linha inteira por dimensão (ou uma só se iguais)."""
        linhas = self._formula()
        if self.recusado:
            return [f"{linha} → recusado" for linha in linhas]
        valores = [self.forma_saida[0]] if len(linhas) == 1 else list(self.forma_saida)
        return [f"{linha} = {valor}" for linha, valor in zip(linhas, valores)] + [
            f"saída: {texto_forma(self.forma_saida)}"]

    def saida(self) -> torch.Tensor:
        """A saída inteira, calculada pelo torch (``F.conv1d``, ``F.conv2d`` ou ``F.conv_transpose2d``)."""
        (x, w), v = self.dados(), self.valores
        conv = F.conv1d if self.dims == 1 else F.conv2d
        return conv(x[None, None], w[None, None], stride=v["stride"], padding=v["padding"],
                    dilation=v["dilation"])[0, 0]

    def cena(self) -> dict:
        """Tudo o que o navegador desenha (``convaula.desenho.exploradores.cena``), em JSON."""
        return cena_tamanho(self)

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

    def saida_cheia(self) -> torch.Tensor:
        """A saída antes do corte do padding (torch, ``F.conv_transpose2d`` com padding 0)."""
        (x, w), v = self.dados(), self.valores
        return F.conv_transpose2d(x[None, None], w[None, None], stride=v["stride"], dilation=v["dilation"],
                                  output_padding=v["output_padding"])[0, 0]

    def saida(self) -> torch.Tensor:
        (x, w), v = self.dados(), self.valores
        return F.conv_transpose2d(x[None, None], w[None, None], stride=v["stride"], padding=v["padding"],
                                  output_padding=v["output_padding"], dilation=v["dilation"])[0, 0]

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
            return [f"H_out = W_out = (n − 1)·s − 2p + d(k − 1) + output_padding + 1 = {conta(x.shape[0], w.shape[0])}"]
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


def _controles(estado: EstadoExplorador) -> list[dict]:
    fixos = {"n": estado.entrada, "kernel_size": estado.peso}
    return [controle(nome, valor, *estado.limites[nome],
                     travado="fixado pelos dados passados ao explorador" if fixos.get(nome) is not None else "")
            for nome, valor in estado.valores.items()]


def cena_tamanho(estado: EstadoExplorador) -> dict:
    """A cena da convolução (1D ou 2D: a janela percorre a saída) ou da transposta (percorre a entrada)."""
    (x, w), v = estado.dados(), estado.valores
    cena = {"tipo": estado.tipo, "controles": _controles(estado), "formula": estado.linhas_formula(),
            "mensagem": estado.mensagem, "paineis": [], "passos": [], "textos_passos": []}
    x2, w2 = (x.reshape(1, -1), w.reshape(1, -1)) if estado.dims == 1 else (x, w)
    nucleo = painel("nucleo", f"núcleo w ({texto_forma(tuple(w.shape))})", w2, fundos=[COR_NUCLEO] * w.numel())
    if estado.tipo == "transposta":
        return _cena_transposta(estado, cena, x2, w2, nucleo)
    p = v["padding"]
    xp = F.pad(x2, (p, p) if estado.dims == 1 else (p, p, p, p))
    borda = F.pad(torch.zeros_like(x2), (p, p) if estado.dims == 1 else (p, p, p, p), value=1.0).reshape(-1)
    fundos = [COR_PADDING if b else "#ffffff" for b in borda.tolist()]
    rotulo = "entrada x" + (f" com padding = {p} (cinza)" if p else "")
    cena["paineis"] = [painel("entrada", rotulo, xp, fundos=fundos, apagados=borda.bool().tolist()), nucleo]
    cena["rotulos_celulas"] = {"entrada": "x", "nucleo": "w", "saida": "y"}
    cena["frases"] = {"entrada": "x[{r}, {q}] é lida por {n} saídas (acesas) e multiplicada pelos pesos acesos",
                      "nucleo": "o peso w[{r}, {q}] multiplica {n} células da entrada, uma em cada saída: "
                                "o mesmo peso em todas as janelas"}
    if estado.dims == 1:
        cena["frases"] = {k: f.replace("[{r}, {q}]", "[{q}]") for k, f in cena["frases"].items()}
    if estado.recusado:
        return cena
    y = estado.saida()
    y2 = y.reshape(1, -1)
    linhas, colunas = y2.shape if estado.dims == 1 else y.shape
    cena["paineis"].append(painel("saida", f"saída y ({texto_forma(estado.forma_saida)})", y2 if estado.dims == 1 else y))
    largura, (kh, kw) = xp.shape[1], w2.shape
    s, d = v["stride"], v["dilation"]
    # a regra da janela (convaula.janela.posicao_lida) para todas as saídas de uma vez
    r = posicao_lida(torch.arange(linhas)[:, None], torch.arange(kh)[None, :], s, 0, d)  # (linhas, kh)
    c = posicao_lida(torch.arange(colunas)[:, None], torch.arange(kw)[None, :], s, 0, d)  # (colunas, kw)
    planos = (r[:, None, :, None] * largura + c[None, :, None, :]).reshape(linhas * colunas, kh * kw).tolist()
    nucleo_plano = list(range(kh * kw))
    cena["passos"] = [{"saida": [t], "entrada": plano, "nucleo": nucleo_plano} for t, plano in enumerate(planos)]
    cena["conta"] = {"alvo": "saida", "nome": "y", "pesos": "nucleo", "valores": "entrada", "dims": estado.dims}
    cena.update(painel_passo="saida", colunas_passo=colunas, passo=min(estado.posicao, linhas * colunas - 1),
                intervalo_ms=600)
    return cena


def _cena_transposta(estado: EstadoTransposta, cena: dict, x, w, nucleo) -> dict:
    """A transposta: cada entrada x[i, j] espalha x[i, j]·w na saída cheia; o padding corta a borda."""
    v = estado.valores
    cena["paineis"] = [painel("entrada", "entrada x (cada célula espalha o núcleo)", x), nucleo]
    cena["rotulos_celulas"] = {"entrada": "x", "nucleo": "w", "saida": "saída cheia"}
    cena["frases"] = {"saida": "a saída cheia [{r}, {q}] soma {n} contribuições x·w (as entradas acesas)",
                      "nucleo": "o peso w[{r}, {q}] é espalhado {n} vezes, uma por entrada"}
    if estado.recusado:
        return cena
    cheia, p = estado.saida_cheia(), v["padding"]
    altura, largura = cheia.shape
    h_out, w_out = estado.forma_saida
    cortada = [not (p <= r < p + h_out and p <= c < p + w_out) for r in range(altura) for c in range(largura)]
    rotulo = (f"saída cheia {altura}×{largura}; padding = {p} corta a borda cinza → saída {h_out}×{w_out}"
              if p else f"saída {h_out}×{w_out}")
    cena["paineis"].append(painel("saida", rotulo, cheia, fundos=[COR_CORTE if c else "#ffffff" for c in cortada],
                                  apagados=cortada))
    kh, kw = w.shape
    s, d = v["stride"], v["dilation"]
    for t in range(x.numel()):
        i, j = divmod(t, x.shape[1])
        celulas = [(i * s + a * d) * largura + j * s + b * d for a in range(kh) for b in range(kw)]
        cena["passos"].append({"entrada": [t], "nucleo": list(range(kh * kw)), "saida": celulas})
        cena["textos_passos"].append(f"x[{i}, {j}] = {formatar(x[i, j].item())} espalha {formatar(x[i, j].item())}·w "
                                     f"nas {kh * kw} células acesas da saída cheia (passo s = {s})")
    cena.update(painel_passo="entrada", colunas_passo=x.shape[1], passo=min(estado.posicao, x.numel() - 1),
                intervalo_ms=800)
    return cena
