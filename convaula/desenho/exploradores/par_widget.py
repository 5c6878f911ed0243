"""O explorador "transposta ao lado da convolução" como widget: sliders n, k, s, p e a caixa
das contagens de sobreposição (tudo operável pelo teclado). O estado fica em ``par.py`` e o
desenho em ``convaula.desenho.par_transposta``. Notebook 05.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..base import png_da_figura
from ..par_transposta import desenhar_par_transposta
from .estatico import pacote_com_imagem
from .par import LIMITES_PAR, EstadoPar

__all__ = ["ExploradorPar", "explorar_par_transposta"]

ESTILO = {"description_width": "110px"}


class ExploradorPar:
    """Widgets ligados a um ``EstadoPar``: ``sliders``, ``contagens`` (Checkbox), ``texto``
    ("convaula-formula"), ``aviso`` ("convaula-mensagem"), ``imagem`` ("convaula-figura")."""

    def __init__(self, estado: EstadoPar):
        self.estado, self.figura = estado, None
        self.sliders = {nome: widgets.IntSlider(estado.valores[nome], *LIMITES_PAR[nome], description=nome,
                                                style=ESTILO, continuous_update=False) for nome in LIMITES_PAR}
        for slider in self.sliders.values():
            slider.observe(self._ao_mudar, "value")
        self.contagens = widgets.Checkbox(value=estado.contagens, description="contagens de sobreposição (×)")
        self.contagens.observe(self._ao_mudar, "value")
        self.texto, self.aviso, self.imagem = widgets.HTML(), widgets.HTML(), widgets.Image(format="png")
        for widget, classe in ((self.imagem, "figura"), (self.texto, "formula"), (self.aviso, "mensagem")):
            widget.add_class(f"convaula-{classe}")
        self.painel = widgets.VBox([widgets.HBox([widgets.VBox(list(self.sliders.values())), self.contagens]),
                                    self.texto, self.aviso, self.imagem])
        self.painel.add_class("convaula-par")
        self.pintar()

    def _ao_mudar(self, _mudanca=None) -> None:
        self.estado.contagens = self.contagens.value
        self.estado.mudar(**{nome: s.value for nome, s in self.sliders.items()})
        self.pintar()

    def pintar(self) -> None:
        e = self.estado
        self.aviso.value = f"<span style='color:#990000'>⚠ {e.mensagem}</span>" if e.mensagem else ""
        if e.mensagem:
            self.texto.value = "<div style='font-family:monospace'>→ <b>recusado</b></div>"
            return
        self.texto.value = f"<div style='font-family:monospace;font-size:14px'>{e.texto()}</div>"
        contagens = e.sobreposicao() if e.contagens else None
        self.figura = desenhar_par_transposta(e.x, e.y, e.inserida, e.tipos, e.z, contagens).figura
        self.imagem.value = png_da_figura(self.figura)

    def __repr__(self) -> str:
        return self.estado.resumo()

    def _repr_mimebundle_(self, **kwargs):
        texto = self.estado.resumo()
        alt = f"A entrada, a saída da convolução, os zeros inseridos e a saída da transposta. {texto}"
        return pacote_com_imagem(self.painel, texto, png_da_figura(self.figura), alt)


def explorar_par_transposta(n: int = 5, kernel_size: int = 3, stride: int = 2, padding: int = 1,
                            contagens: bool = False) -> ExploradorPar:
    """A convolução e a sua transposta com os mesmos k, s, p: n encolhe e volta; zeros inseridos à vista.

    ``contagens=True`` escreve em cada célula da saída da transposta quantas cópias do núcleo
    ela soma (o padrão de xadrez quando k não é múltiplo de s). Notebook 05.
    """
    estado = EstadoPar(n, kernel_size, stride, padding)
    estado.contagens = bool(contagens)
    return ExploradorPar(estado)
