"""Exploradores interativos (ipywidgets): deslize n, kernel_size, padding, stride, dilation.

O ``Explorador`` só liga controles ao estado (``estado.py``, sem ipywidgets) e pinta: uma
figura Agg persistente com um desenho de ``convaula.desenho`` é atualizada no lugar
(blitting: o fundo fica guardado e só a janela, a saída e a conta são redesenhadas),
convertida em PNG e posta num ``ipywidgets.Image``. Funciona no JupyterLab 4, no Notebook 7
e no Colab sem extensão extra.

Configurações que o PyTorch recusa viram a mensagem em português do estado no próprio
widget, nunca um traceback. O texto do explorador é o resumo determinístico do estado, e a
saída guardada no notebook traz também um PNG do estado inicial (visível no GitHub).

Notebooks: 01 (``explorar_conv1d``), 03 (``explorar_conv2d``), 05 (``explorar_transposta``).
"""

from __future__ import annotations

import ipywidgets as widgets
import torch
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ..base import Desenho, imagem_rgba, png_da_figura, png_rapido
from ..conv import desenhar_conv1d, desenhar_conv2d
from ..transposta import desenhar_transposta2d
from .estado import EstadoConv1d, EstadoExplorador, EstadoPonteiro2D, EstadoTransposta, criar_estado
from .estatico import pacote_com_imagem
from .ponteiro import Ponteiro2D

__all__ = ["Explorador", "explorar_conv1d", "explorar_conv2d", "explorar_transposta"]

ESTILO = {"description_width": "110px"}
POLEGADAS = {"conv1d": (8.0, 3.6), "conv2d": (8.0, 4.6), "transposta": (8.0, 4.2)}


def _desenhar(estado: EstadoExplorador, ax) -> Desenho:
    """O desenho de ``convaula.desenho`` que corresponde ao estado (já aceito)."""
    (x, w), v = estado.dados(), estado.valores
    if estado.tipo == "conv1d":
        return desenhar_conv1d(x, w, v["stride"], v["padding"], v["dilation"], ax=ax)
    if estado.tipo == "conv2d":
        return desenhar_conv2d(x, w, v["stride"], v["padding"], v["dilation"], ax=ax)
    return desenhar_transposta2d(x, w, v["stride"], v["padding"], v["output_padding"], v["dilation"], ax=ax)


class Explorador:
    """Controles ligados a um ``estado``: sliders, Play, figura, fórmula e mensagem.

    Atributos: ``estado``, ``sliders`` (dict nome → IntSlider, com "posição"), ``posicao``,
    ``play``, ``figura`` (Agg), ``imagem`` (classe CSS "convaula-figura"), ``formula``
    ("convaula-formula"), ``aviso`` ("convaula-mensagem"), ``painel`` (o VBox mostrado) e
    ``desenho`` (``None`` se a configuração é recusada); no conv2d, ``ponteiro`` (``Ponteiro2D``).
    """

    def __init__(self, estado: EstadoExplorador, dpi: int = 90):
        self.estado, self.desenho, self.ponteiro = estado, None, None
        self.figura = Figure(figsize=POLEGADAS[estado.tipo], dpi=dpi)
        FigureCanvasAgg(self.figura)
        self._ocupado = False
        self._criar_widgets()
        if isinstance(estado, EstadoPonteiro2D):
            self.ponteiro = Ponteiro2D(self)
            self.painel.children = (*self.painel.children[:-1], self.ponteiro.texto, self.imagem)
        self._reconstruir()

    def _criar_widgets(self) -> None:
        e, fixos = self.estado, {"n": self.estado.entrada, "kernel_size": self.estado.peso}
        self.sliders = {}
        for nome, valor in e.valores.items():
            minimo, maximo = e.limites[nome]
            self.sliders[nome] = widgets.IntSlider(value=valor, min=min(minimo, valor), max=max(maximo, valor),
                                                   description=nome, continuous_update=False, style=ESTILO,
                                                   disabled=fixos.get(nome) is not None)
            self.sliders[nome].observe(self._ao_mudar_parametro, "value")
        self.posicao = self.sliders["posição"] = widgets.IntSlider(0, 0, 0, description="posição", style=ESTILO)
        self.posicao.observe(self._ao_mudar_posicao, "value")
        self.play = widgets.Play(value=0, min=0, max=0, interval=600, description="Play")
        widgets.link((self.play, "value"), (self.posicao, "value"))
        self.imagem, self.formula, self.aviso = widgets.Image(format="png"), widgets.HTML(), widgets.HTML()
        for widget, classe in ((self.imagem, "figura"), (self.formula, "formula"), (self.aviso, "mensagem")):
            widget.add_class(f"convaula-{classe}")
        controles = widgets.VBox([*[self.sliders[n] for n in e.parametros], widgets.HBox([self.play, self.posicao])])
        self.painel = widgets.VBox([controles, self.formula, self.aviso, self.imagem])
        self.painel.add_class("convaula-explorador")

    # -- atalhos para o estado ------------------------------------------------------
    forma_saida = property(lambda self: self.estado.forma_saida)
    mensagem = property(lambda self: self.estado.mensagem)
    celula_destacada = property(lambda self: self.estado.celula_destacada)
    valores = property(lambda self: dict(self.estado.valores))

    # -- reações ----------------------------------------------------------------
    def _ao_mudar_parametro(self, mudanca) -> None:
        if not self._ocupado:
            self.estado.mudar(**{mudanca["owner"].description: mudanca["new"]})
            self._reconstruir()

    def _ao_mudar_posicao(self, mudanca) -> None:
        if self._ocupado or self.desenho is None:
            return
        self.estado.mover(mudanca["new"])
        self.desenho.mostrar(self.estado.posicao)
        if self.ponteiro:
            self.ponteiro.atualizar_texto()
        self._renderizar(completo=False)

    def _reconstruir(self) -> None:
        """Refaz o desenho com o estado atual ou mostra o aviso da configuração recusada."""
        self.figura.clf()
        ax = self.figura.add_axes((0.01, 0.01, 0.98, 0.98))
        if self.estado.recusado:
            self.desenho = None
            ax.set_axis_off()
            ax.text(0.5, 0.5, "Configuração recusada pelo PyTorch:\nveja a mensagem acima.", ha="center",
                    va="center", fontsize=14, color="#990000", transform=ax.transAxes)
        else:
            self.desenho = _desenhar(self.estado, ax)
        self._ocupado = True
        self.play.max = self.posicao.max = self.estado.total_posicoes - 1  # recorta o valor
        self.posicao.value = self.estado.posicao
        self._ocupado = False
        if self.desenho:
            self.desenho.mostrar(self.estado.posicao)
        if self.ponteiro:
            self.ponteiro.depois_de_desenhar()
        self.formula.value, self.aviso.value = self.estado.formula_html(), self.estado.aviso_html()
        self._renderizar(completo=True)

    def _renderizar(self, completo: bool) -> None:
        """Redesenha (inteira ou só os artistas animados) e atualiza o PNG do widget."""
        if self.desenho is None:
            self.figura.canvas.draw()
            quadro = imagem_rgba(self.figura.canvas.buffer_rgba(), self.figura.canvas.get_width_height())
        else:
            self.desenho.redesenhar(completo)
            quadro = self.desenho.quadro()
        self.imagem.value = png_rapido(quadro)

    # -- representação ------------------------------------------------------------
    def resumo(self) -> str:
        return self.estado.resumo()

    def __repr__(self) -> str:
        return self.resumo()

    def _repr_mimebundle_(self, **kwargs):
        alt = f"Figura estática do estado inicial do explorador. {self.resumo()}"
        return pacote_com_imagem(self.painel, self.resumo(), png_da_figura(self.figura), alt)


def explorar_conv1d(n: int = 7, kernel_size: int = 3, padding: int = 0, stride: int = 1, dilation: int = 1,
                    entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None) -> Explorador:
    """Explorador da convolução 1D: sliders, Play, a conta de cada saída e a fórmula do tamanho.

    Parâmetros: valores iniciais dos sliders (nomes do PyTorch); ``entrada`` (n,) e ``peso``
    (k,) opcionais fixam os dados (e travam os sliders n e kernel_size). Sem eles, inteiros
    reprodutíveis. Retorna o ``Explorador`` (mostre-o como última expressão). Notebook 01.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)
    return Explorador(criar_estado(EstadoConv1d, valores, entrada, peso))


def explorar_conv2d(n: int = 7, kernel_size: int = 3, padding: int = 0, stride: int = 1, dilation: int = 1,
                    entrada: torch.Tensor | None = None, peso: torch.Tensor | None = None) -> Explorador:
    """Explorador da convolução 2D (entrada n×n, núcleo k×k): janela, passo, dilatação e saída.

    Com o ponteiro: passe o mouse (ou clique) numa célula da saída para ver a sua janela e a
    sua soma; sobre um peso da janela, acendem todas as células que ele multiplica.
    ``entrada`` (H, W) e ``peso`` (k_h, k_w) opcionais fixam os dados. Notebook 03.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation)
    return Explorador(criar_estado(EstadoPonteiro2D, valores, entrada, peso))


def explorar_transposta(n: int = 3, kernel_size: int = 3, padding: int = 0, stride: int = 2, dilation: int = 1,
                        output_padding: int = 0, entrada: torch.Tensor | None = None,
                        peso: torch.Tensor | None = None) -> Explorador:
    """Explorador da convolução transposta 2D: cada entrada espalha o núcleo; corte e output_padding.

    ``entrada`` (H, W) e ``peso`` (k_h, k_w) opcionais fixam os dados. Notebook 05.
    """
    valores = dict(n=n, kernel_size=kernel_size, padding=padding, stride=stride, dilation=dilation,
                   output_padding=output_padding)
    return Explorador(criar_estado(EstadoTransposta, valores, entrada, peso))
