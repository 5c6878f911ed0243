"""O laboratório de núcleos como widget: escolha ou edite o núcleo 3×3 e veja a foto filtrada.

Controles: o núcleo pronto (lista), os 9 pesos (caixas de número, editáveis pelo teclado),
linha e coluna do pixel (sliders); o ponteiro sobre a entrada ou a saída escolhe o pixel e
sobre o núcleo destaca um peso e o seu produto (eventos do ipyevents, sem JavaScript à mão).
O estado e as contas ficam em ``filtro.py``; a pintura, em ``filtro_pintura.py``. Notebook 06.
"""

from __future__ import annotations

import ipywidgets as widgets
import torch
from ipyevents import Event

from ...reais import foto
from . import filtro_pintura as pintura
from .filtro import NUCLEOS, EstadoFiltro
from .estatico import pacote_com_imagem

__all__ = ["LaboratorioNucleos", "explorar_nucleos"]

ESTILO = {"description_width": "70px"}


def _evento(imagem: widgets.Image, reacao) -> Event:
    evento = Event(source=imagem, watched_events=["mousemove", "click", "mouseleave"], wait=30,
                   throttle_or_debounce="throttle", prevent_default_action=True)
    evento.on_dom_event(reacao)
    return evento


class LaboratorioNucleos:
    """Widgets ligados a um ``EstadoFiltro``. Atributos: ``estado``, ``nucleos`` (Dropdown),
    ``pesos`` (9 FloatText), ``linha``/``coluna`` (IntSlider), ``entrada``/``nucleo``/``saida``
    (``ipywidgets.Image``), ``produtos`` (HTML, "convaula-produtos"), ``painel``."""

    def __init__(self, estado: EstadoFiltro):
        self.estado, self._ocupado = estado, False
        _, altura, largura = estado.imagem.shape
        self.nucleos = widgets.Dropdown(options=list(NUCLEOS), value=estado.nome, description="núcleo", style=ESTILO)
        self.pesos = [widgets.FloatText(value=0.0, step=0.1, layout={"width": "72px"}) for _ in range(9)]
        self.linha = widgets.IntSlider(estado.pixel[0], 0, altura - 1, description="linha", style=ESTILO)
        self.coluna = widgets.IntSlider(estado.pixel[1], 0, largura - 1, description="coluna", style=ESTILO)
        self.entrada, self.nucleo, self.saida = (widgets.Image(format="png") for _ in range(3))
        self.entrada.add_class("convaula-entrada")
        self.nucleo.add_class("convaula-nucleo")
        self.saida.add_class("convaula-saida")
        self.escala, self.produtos = widgets.HTML(), widgets.HTML()
        self.nucleos.observe(self._ao_escolher, "value")
        for indice, caixa in enumerate(self.pesos):
            caixa.observe(lambda mudanca, k=indice: self._ao_editar(k, mudanca["new"]), "value")
        for slider in (self.linha, self.coluna):
            slider.observe(lambda _: self._ao_mover(self.linha.value, self.coluna.value), "value")
        self.eventos = [_evento(self.entrada, self._no_pixel), _evento(self.saida, self._no_pixel),
                        _evento(self.nucleo, self._no_peso)]
        grade = widgets.GridBox(self.pesos, layout={"grid_template_columns": "repeat(3, 76px)"})
        imagens = widgets.HBox([self.entrada, self.nucleo, self.saida], layout={"align_items": "flex-start"})
        controles = widgets.HBox([widgets.VBox([self.nucleos, self.linha, self.coluna]), grade])
        self.painel = widgets.VBox([controles, self.escala, imagens, self.produtos])
        self.painel.add_class("convaula-laboratorio")
        self._mostrar_pesos()
        self.pintar()

    # -- reações ----------------------------------------------------------------
    def _ao_escolher(self, mudanca) -> None:
        if not self._ocupado and mudanca["new"] in NUCLEOS:
            self.estado.escolher(mudanca["new"])
            self._mostrar_pesos()
            self.pintar()

    def _ao_editar(self, indice: int, valor: float) -> None:
        if not self._ocupado:
            self.estado.mudar_peso(*divmod(indice, 3), valor)
            self.pintar()

    def _ao_mover(self, i: int, j: int) -> None:
        if not self._ocupado:
            self.estado.escolher_pixel(i, j)
            self.pintar(imagens=True, nucleo=False)

    def _no_pixel(self, evento: dict) -> None:
        if evento.get("type") != "mouseleave" and "dataX" in evento:
            self._ocupado = True  # os sliders acompanham sem pintar duas vezes
            self.estado.escolher_pixel(int(evento["dataY"]), int(evento["dataX"]))
            self.linha.value, self.coluna.value = self.estado.pixel
            self._ocupado = False
            self.pintar(imagens=True, nucleo=False)

    def _no_peso(self, evento: dict) -> None:
        peso = None
        if evento.get("type") != "mouseleave" and "dataX" in evento:
            peso = (min(int(evento["dataY"]) // pintura.LADO_PESO, 2), min(int(evento["dataX"]) // pintura.LADO_PESO, 2))
        if peso != self.estado.peso_destacado:
            self.estado.peso_destacado = peso
            self.pintar(imagens=False, nucleo=True)

    # -- pintura -------------------------------------------------------------
    def _mostrar_pesos(self) -> None:
        self._ocupado = True
        for caixa, peso in zip(self.pesos, self.estado.nucleo.reshape(-1).tolist()):
            caixa.value = round(peso, 4)
        self._ocupado = False

    def pintar(self, imagens: bool = True, nucleo: bool = True) -> None:
        """Atualiza os PNGs pedidos, a escala e a tabela dos produtos."""
        e = self.estado
        if imagens:
            self.entrada.value = pintura.png(pintura.painel_imagem(e, e.imagem))
            self.saida.value = pintura.png(pintura.painel_imagem(e, e.saida))
        if nucleo:
            self.nucleo.value = pintura.png(pintura.painel_nucleo(e))
            vmin, vmax = e.escala
            self.escala.value = (f"<div style='font-size:13px'>Entrada, núcleo e saída usam a <b>mesma escala de "
                                 f"cinza</b>: preto = {vmin:.2f}, branco = {vmax:.2f} "
                                 f"(0 e 1, alargada se algum valor sai de [0, 1]).</div>")
        self.produtos.value = pintura.tabela_produtos(e)

    # -- representação ------------------------------------------------------------
    def __repr__(self) -> str:
        return self.estado.resumo()

    def _repr_mimebundle_(self, **kwargs):
        texto = self.estado.resumo()
        alt = f"Foto de entrada, núcleo 3×3 e foto filtrada lado a lado, na mesma escala de cinza. {texto}"
        return pacote_com_imagem(self.painel, texto, pintura.png(pintura.figura_estatica(self.estado)), alt)


def explorar_nucleos(imagem: torch.Tensor | None = None, nucleo: str = "Sobel x") -> LaboratorioNucleos:
    """Laboratório de núcleos 3×3 sobre uma foto: escolha um núcleo pronto ou edite os 9 pesos.

    Parâmetros
    ----------
    imagem : tensor (H, W) ou (C, H, W), C de 1 a 4; padrão: a foto real em cinza com 256 px
        (``convaula.reais.foto()``).
    nucleo : o núcleo inicial, uma chave de ``NUCLEOS`` (identidade, desfoque caixa,
        gaussiano, nitidez, Sobel x, Sobel y, laplaciano (contorno), relevo).

    Retorna o ``LaboratorioNucleos`` (mostre-o como última expressão). Notebook 06.
    """
    return LaboratorioNucleos(EstadoFiltro(foto() if imagem is None else imagem, nucleo))
