"""Exploradores interativos (ipywidgets): deslize n, kernel_size, padding, stride, dilation.

Cada explorador liga sliders a um desenho puro de ``convaula.desenho``: uma figura Agg
persistente é atualizada no lugar (blitting: o fundo fica guardado e só a janela, a saída
e a conta são redesenhadas), convertida em PNG e posta num ``ipywidgets.Image``. Funciona
no JupyterLab 4, no Notebook clássico e no Colab sem extensão extra.

Configurações que o PyTorch recusa viram uma mensagem em português no próprio widget
(a mensagem de ``convaula.formulas``), nunca um traceback. A representação em texto do
explorador é um resumo determinístico do estado, o que mantém o nbval estável.

Notebooks: 01 (``explorar_conv1d``), 03 (``explorar_conv2d``), 05 (``explorar_transposta``).
"""

from __future__ import annotations

from io import BytesIO

import ipywidgets as widgets
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .desenho import Desenho, desenhar_conv1d, desenhar_conv2d, inteiros_exemplo
from .desenho_transposta import desenhar_transposta2d
from .formulas import tamanho_saida, tamanho_saida_transposta

__all__ = ["Explorador", "explorar_conv1d", "explorar_conv2d", "explorar_transposta"]

_LIMITES = {"n": (1, 16), "kernel_size": (1, 7), "padding": (0, 4), "stride": (1, 4), "dilation": (1, 3),
            "output_padding": (0, 3)}


def _x(forma) -> str:
    return "×".join(str(v) for v in forma) if isinstance(forma, tuple) else str(forma)


class Explorador:
    """Base dos exploradores: sliders, Play, figura, fórmula e mensagem.

    Atributos para código e testes: ``sliders`` (dict nome → IntSlider, com "posição"),
    ``play``, ``figura`` (matplotlib Agg), ``imagem`` (``ipywidgets.Image``, classe CSS
    "convaula-figura"), ``formula`` (``ipywidgets.HTML``, classe "convaula-formula"),
    ``aviso`` (classe "convaula-mensagem"), ``painel`` (o VBox mostrado), ``desenho``
    (ou ``None`` se a configuração é recusada), ``forma_saida``, ``mensagem`` e
    ``celula_destacada``.
    """

    tipo = ""
    parametros: tuple[str, ...] = ()
    limites = _LIMITES
    polegadas = (8.0, 4.2)

    def __init__(self, valores: dict, entrada: torch.Tensor | None, peso: torch.Tensor | None, dpi: int = 90):
        self.entrada, self.peso = entrada, peso
        self.desenho: Desenho | None = None
        self.forma_saida = None
        self.mensagem = ""
        self.figura = Figure(figsize=self.polegadas, dpi=dpi)
        FigureCanvasAgg(self.figura)
        self._criar_widgets(valores)
        self._reconstruir()

    # -- widgets -------------------------------------------------------------
    def _criar_widgets(self, valores: dict) -> None:
        self.sliders = {}
        for nome in self.parametros:
            minimo, maximo = self.limites[nome]
            valor = valores[nome]
            self.sliders[nome] = widgets.IntSlider(value=valor, min=min(minimo, valor), max=max(maximo, valor),
                                                   description=nome, continuous_update=False,
                                                   style={"description_width": "110px"})
            self.sliders[nome].observe(self._ao_mudar_parametro, "value")
        fixos = {"n": self.entrada, "kernel_size": self.peso}
        for nome, tensor in fixos.items():
            self.sliders[nome].disabled = tensor is not None
        self.posicao = widgets.IntSlider(value=0, min=0, max=0, description="posição",
                                         style={"description_width": "110px"})
        self.sliders["posição"] = self.posicao
        self.posicao.observe(self._ao_mudar_posicao, "value")
        self.play = widgets.Play(value=0, min=0, max=0, interval=600, description="Play")
        widgets.link((self.play, "value"), (self.posicao, "value"))
        self.imagem = widgets.Image(format="png")
        self.imagem.add_class("convaula-figura")
        self.formula = widgets.HTML()
        self.formula.add_class("convaula-formula")
        self.aviso = widgets.HTML()
        self.aviso.add_class("convaula-mensagem")
        controles = widgets.VBox([*[self.sliders[n] for n in self.parametros],
                                  widgets.HBox([self.play, self.posicao])])
        self.painel = widgets.VBox([controles, self.formula, self.aviso, self.imagem])
        self.painel.add_class("convaula-explorador")

    @property
    def valores(self) -> dict:
        """Valores atuais dos sliders de parâmetros (sem a posição)."""
        return {nome: self.sliders[nome].value for nome in self.parametros}

    @property
    def celula_destacada(self):
        """Posição (da saída; da entrada na transposta) destacada agora, ou ``None``."""
        return None if self.desenho is None else self.desenho.posicoes[self.desenho.posicao]

    # -- reações -------------------------------------------------------------
    def _ao_mudar_parametro(self, _mudanca=None) -> None:
        if not getattr(self, "_ocupado", False):
            self._reconstruir()

    def _ao_mudar_posicao(self, mudanca) -> None:
        if getattr(self, "_ocupado", False) or self.desenho is None:
            return
        self.desenho.mostrar(mudanca["new"])
        self._renderizar(completo=False)

    def _reconstruir(self) -> None:
        """Refaz o desenho com os valores atuais ou mostra a mensagem da configuração recusada."""
        valores = self.valores
        self.figura.clf()
        ax = self.figura.add_axes((0.01, 0.01, 0.98, 0.98))
        try:
            self.forma_saida = self._tamanho(valores)
            self.desenho = self._desenhar(valores, ax)
            self.mensagem = ""
        except ValueError as erro:
            self.desenho, self.forma_saida, self.mensagem = None, None, str(erro)
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Configuração recusada pelo PyTorch:\nveja a mensagem acima.", ha="center",
                    va="center", fontsize=14, color="#990000", transform=ax.transAxes)
        total = len(self.desenho.posicoes) if self.desenho else 1
        self._ocupado = True
        self.play.max = self.posicao.max = total - 1  # o valor é recortado para o novo intervalo
        self._ocupado = False
        if self.desenho:
            self.desenho.mostrar(self.posicao.value)
        self.formula.value = self._formula_html(valores)
        self.aviso.value = f"<span style='color:#990000'>⚠ {self.mensagem}</span>" if self.mensagem else ""
        self._renderizar(completo=True)

    # -- desenho rápido -------------------------------------------------------
    def _renderizar(self, completo: bool) -> None:
        """Redesenha (inteira ou só os artistas animados, por blitting) e atualiza o PNG do widget."""
        if self.desenho is None:
            self.figura.canvas.draw()
            quadro = Image.frombuffer("RGBA", self.figura.canvas.get_width_height(),
                                      self.figura.canvas.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
        else:
            self.desenho.redesenhar(completo)
            quadro = self.desenho.quadro()
        saida = BytesIO()  # paleta de 64 cores: PNG ~4x mais rápido de codificar e bem menor
        quadro.quantize(64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
            saida, format="PNG", compress_level=1)
        self.imagem.value = saida.getvalue()

    # -- texto ---------------------------------------------------------------
    def resumo(self) -> str:
        """Uma linha determinística com os parâmetros e a forma da saída (o repr em texto)."""
        partes = ", ".join(f"{nome}={valor}" for nome, valor in self._valores_resumo().items())
        destino = f"saída {_x(self.forma_saida)}" if self.forma_saida is not None else "configuração recusada"
        return f"Explorador {self.tipo}: {partes} → {destino}"

    def _valores_resumo(self) -> dict:
        valores = self.valores
        if self.entrada is not None:
            valores["n"] = _x(tuple(self.entrada.shape))
        if self.peso is not None:
            valores["kernel_size"] = _x(tuple(self.peso.shape))
        return valores

    def __repr__(self) -> str:
        return self.resumo()

    def _repr_mimebundle_(self, **kwargs):
        dados = self.painel._repr_mimebundle_(**kwargs)
        if isinstance(dados, tuple):
            dados = dados[0]
        dados = dict(dados or {})
        dados["text/plain"] = self.resumo()
        return dados

    def _formula_html(self, valores: dict) -> str:
        linhas = self._formula(valores)
        if self.forma_saida is None:
            linhas = [f"{linha} → <b>recusado</b>" for linha in linhas]
        else:
            valores_linha = [self.forma_saida[0]] if len(linhas) == 1 else list(self.forma_saida)
            linhas = [f"{linha} = <b>{valor}</b>" for linha, valor in zip(linhas, valores_linha)]
            linhas.append(f"saída: <b>{_x(self.forma_saida)}</b>")
        return f"<div style='font-family:monospace;font-size:14px'>{'<br>'.join(linhas)}</div>"

    # -- cada explorador define ---------------------------------------------
    def _tamanho(self, valores: dict):  # pragma: no cover
        raise NotImplementedError

    def _desenhar(self, valores: dict, ax) -> Desenho:  # pragma: no cover
        raise NotImplementedError

    def _formula(self, valores: dict) -> list[str]:  # pragma: no cover
        """Linhas da fórmula com os números substituídos (uma por dimensão, ou uma só se iguais)."""
        raise NotImplementedError


def _quadrado(x: torch.Tensor, w: torch.Tensor) -> bool:
    return x.shape[0] == x.shape[1] and w.shape[0] == w.shape[1]


def _substituida(v: dict, n) -> str:
    """⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 com os números no lugar dos símbolos."""
    return (f"⌊({n} + 2·{v['padding']} − {v['dilation']}·({v['kernel_size']} − 1) − 1) / {v['stride']}⌋ + 1")


class _Conv1d(Explorador):
    tipo = "conv1d"
    parametros = ("n", "kernel_size", "padding", "stride", "dilation")
    polegadas = (8.0, 3.6)

    def _dados(self, v: dict):
        x = self.entrada if self.entrada is not None else inteiros_exemplo((v["n"],), 0, 10)
        w = self.peso if self.peso is not None else inteiros_exemplo((v["kernel_size"],), 1, 4)
        return x, w

    def _tamanho(self, v: dict):
        x, w = self._dados(v)
        return (tamanho_saida(x.numel(), w.numel(), v["stride"], v["padding"], v["dilation"]),)

    def _desenhar(self, v: dict, ax) -> Desenho:
        x, w = self._dados(v)
        return desenhar_conv1d(x, w, v["stride"], v["padding"], v["dilation"], ax=ax)

    def _formula(self, v: dict) -> list[str]:
        x, _ = self._dados(v)
        return [f"n_out = ⌊(n + 2p − d(k − 1) − 1) / s⌋ + 1 = {_substituida(v, x.numel())}"]


class _Conv2d(_Conv1d):
    tipo = "conv2d"
    polegadas = (8.0, 4.6)

    def _dados(self, v: dict):
        x = self.entrada if self.entrada is not None else inteiros_exemplo((v["n"], v["n"]), 0, 10)
        w = self.peso if self.peso is not None else inteiros_exemplo((v["kernel_size"],) * 2, 1, 3)
        return x, w

    def _tamanho(self, v: dict):
        x, w = self._dados(v)
        if _quadrado(x, w):
            return (tamanho_saida(x.shape[0], w.shape[0], v["stride"], v["padding"], v["dilation"]),) * 2
        return tamanho_saida(tuple(x.shape), tuple(w.shape), v["stride"], v["padding"], v["dilation"])

    def _desenhar(self, v: dict, ax) -> Desenho:
        x, w = self._dados(v)
        return desenhar_conv2d(x, w, v["stride"], v["padding"], v["dilation"], ax=ax)

    def _formula(self, v: dict) -> list[str]:
        x, w = self._dados(v)
        if _quadrado(x, w):
            return [f"H_out = W_out = {_substituida(v, x.shape[0])}"]
        return [f"{nome} = {_substituida({**v, 'kernel_size': k}, n)}"
                for nome, n, k in (("H_out", x.shape[0], w.shape[0]), ("W_out", x.shape[1], w.shape[1]))]


class _Transposta(_Conv2d):
    tipo = "transposta"
    parametros = ("n", "kernel_size", "padding", "stride", "dilation", "output_padding")
    limites = {**_LIMITES, "n": (1, 5), "kernel_size": (1, 5), "stride": (1, 3), "dilation": (1, 2),
               "output_padding": (0, 2)}

    def _dados(self, v: dict):
        x = self.entrada if self.entrada is not None else inteiros_exemplo((v["n"], v["n"]), 0, 4)
        w = self.peso if self.peso is not None else inteiros_exemplo((v["kernel_size"],) * 2, 1, 3)
        return x, w

    def _tamanho(self, v: dict):
        x, w = self._dados(v)
        if _quadrado(x, w):
            return (tamanho_saida_transposta(x.shape[0], w.shape[0], v["stride"], v["padding"],
                                             v["output_padding"], v["dilation"]),) * 2
        return tamanho_saida_transposta(tuple(x.shape), tuple(w.shape), v["stride"], v["padding"],
                                        v["output_padding"], v["dilation"])

    def _desenhar(self, v: dict, ax) -> Desenho:
        x, w = self._dados(v)
        return desenhar_transposta2d(x, w, v["stride"], v["padding"], v["output_padding"], v["dilation"], ax=ax)

    def _formula(self, v: dict) -> list[str]:
        x, w = self._dados(v)
        geral = "(n − 1)·s − 2p + d(k − 1) + output_padding + 1"
        conta = lambda n, k: (f"({n} − 1)·{v['stride']} − 2·{v['padding']} + {v['dilation']}·({k} − 1) + "  # noqa: E731
                              f"{v['output_padding']} + 1")
        if _quadrado(x, w):
            return [f"H_out = W_out = {geral}<br>= {conta(x.shape[0], w.shape[0])}"]
        return [f"H_out = {conta(x.shape[0], w.shape[0])}", f"W_out = {conta(x.shape[1], w.shape[1])}"]


def _iniciar(classe, valores: dict, entrada, peso, ndim: int) -> Explorador:
    """Confere os tensores opcionais e cria o explorador."""
    for nome, tensor in (("entrada", entrada), ("peso", peso)):
        if tensor is not None:
            if not isinstance(tensor, torch.Tensor):
                raise TypeError(f"{nome} deve ser um torch.Tensor ou None, mas recebeu {type(tensor).__name__}")
            if tensor.ndim != ndim:
                raise ValueError(f"{nome} deve ter {ndim} dimensão(ões), mas recebeu forma {tuple(tensor.shape)}")
    entrada = None if entrada is None else entrada.detach().to(torch.float64).cpu()
    peso = None if peso is None else peso.detach().to(torch.float64).cpu()
    if entrada is not None:
        valores["n"] = int(entrada.shape[0])
    if peso is not None:
        valores["kernel_size"] = int(peso.shape[0])
    for nome, valor in valores.items():
        if isinstance(valor, bool) or not isinstance(valor, int):
            raise TypeError(f"{nome} deve ser um inteiro, mas recebeu {nome}={valor!r}")
        if valor < _LIMITES[nome][0]:
            raise ValueError(f"{nome} deve ser >= {_LIMITES[nome][0]}, mas recebeu {nome}={valor}")
    return classe(valores, entrada, peso)


def explorar_conv1d(n: int = 7, kernel_size: int = 3, padding: int = 0, stride: int = 1, dilation: int = 1,
                    entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None) -> Explorador:
    """Explorador da convolução 1D: sliders, Play, a conta de cada saída e a fórmula do tamanho.

    Parâmetros: valores iniciais dos sliders (nomes do PyTorch); ``entrada`` (n,) e ``peso``
    (k,) opcionais fixam os dados (e travam os sliders n e kernel_size). Sem eles, inteiros
    reprodutíveis. Retorna o ``Explorador`` (mostre-o como última expressão). Notebook 01.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)
    return _iniciar(_Conv1d, valores, entrada, peso, 1)


def explorar_conv2d(n: int = 7, kernel_size: int = 3, padding: int = 0, stride: int = 1, dilation: int = 1,
                    entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None) -> Explorador:
    """Explorador da convolução 2D (entrada n×n, kernel k×k): janela, passo, dilatação e saída.

    ``entrada`` (H, W) e ``peso`` (k_h, k_w) opcionais fixam os dados. Notebook 03.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)
    return _iniciar(_Conv2d, valores, entrada, peso, 2)


def explorar_transposta(n: int = 3, kernel_size: int = 3, padding: int = 0, stride: int = 2, dilation: int = 1,
                        output_padding: int = 0, entrada: torch.Tensor | None = None,
                        peso: torch.Tensor | None = None) -> Explorador:
    """Explorador da convolução transposta 2D: cada entrada espalha o kernel; corte e output_padding.

    ``entrada`` (H, W) e ``peso`` (k_h, k_w) opcionais fixam os dados. Notebook 05.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation,
                   output_padding=output_padding)
    return _iniciar(_Transposta, valores, entrada, peso, 2)
