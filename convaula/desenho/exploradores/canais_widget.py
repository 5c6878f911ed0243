"""O explorador de canais como widget: C_in de 1 a 3, C_out de 1 a 2, a conta de cada canal.

Sliders (operáveis pelo teclado) para C_in, C_out, n, kernel_size, a saída escolhida (canal,
linha, coluna) e o viés desse canal; a figura é ``desenhar_multicanal`` (janelas, fatias,
somas parciais e a soma), e a conta com os números aparece em texto. O estado e as contas
ficam em ``canais.py``. Notebook 02.
"""

from __future__ import annotations

import ipywidgets as widgets

from ..base import png_da_figura
from ..esquemas import CORES_CANAIS, desenhar_multicanal
from .canais import LIMITES_CANAIS, EstadoCanais
from .estatico import pacote_com_imagem

__all__ = ["ExploradorCanais", "explorar_canais"]

ESTILO = {"description_width": "130px"}


class ExploradorCanais:
    """Widgets ligados a um ``EstadoCanais``. Atributos: ``estado``, ``sliders`` (dict),
    ``vies`` (FloatSlider), ``imagem`` ("convaula-figura"), ``conta`` (HTML, "convaula-conta"),
    ``painel`` e ``figura`` (a figura matplotlib mostrada agora)."""

    def __init__(self, estado: EstadoCanais):
        self.estado, self._ocupado = estado, False
        rotulos = {"c_in": "C_in (entrada)", "c_out": "C_out (saída)", "n": "n", "kernel_size": "kernel_size",
                   "o": "canal de saída o", "i": "linha i", "j": "coluna j"}
        self.sliders = {}
        for nome, rotulo in rotulos.items():
            minimo, maximo = LIMITES_CANAIS.get(nome, (0, 0))
            self.sliders[nome] = widgets.IntSlider(estado.valores.get(nome, 0), minimo, maximo, description=rotulo,
                                                   style=ESTILO, continuous_update=False)
            self.sliders[nome].observe(self._ao_mudar, "value")
        self.vies = widgets.FloatSlider(0.0, min=-10.0, max=10.0, step=1.0, description="viés b[o]", style=ESTILO,
                                        continuous_update=False)
        self.vies.observe(self._ao_mudar_vies, "value")
        self.imagem, self.conta, self.aviso = widgets.Image(format="png"), widgets.HTML(), widgets.HTML()
        for widget, classe in ((self.imagem, "figura"), (self.conta, "conta"), (self.aviso, "mensagem")):
            widget.add_class(f"convaula-{classe}")
        colunas = [widgets.VBox([self.sliders[n] for n in ("c_in", "c_out", "n", "kernel_size")]),
                   widgets.VBox([*(self.sliders[n] for n in ("o", "i", "j")), self.vies])]
        self.painel = widgets.VBox([widgets.HBox(colunas), self.aviso, self.conta, self.imagem])
        self.painel.add_class("convaula-canais")
        self.pintar()

    def _ao_mudar(self, mudanca) -> None:
        if self._ocupado:
            return
        nome = next(n for n, s in self.sliders.items() if s is mudanca["owner"])
        if nome in LIMITES_CANAIS:
            self.estado.mudar(**{nome: mudanca["new"]})
        else:
            self.estado.escolher(*(self.sliders[n].value for n in ("o", "i", "j")))
        self.pintar()

    def _ao_mudar_vies(self, mudanca) -> None:
        if not self._ocupado:
            self.estado.mudar_vies(self.estado.saida[0], mudanca["new"])
            self.pintar()

    def _acertar_controles(self) -> None:
        """Limites e valores dos sliders de acordo com o estado (sem reagir às próprias mudanças)."""
        self._ocupado = True
        c_out, lado, _ = self.estado.forma_saida
        for nome, maximo, valor in (("o", c_out - 1, self.estado.saida[0]), ("i", lado - 1, self.estado.saida[1]),
                                    ("j", lado - 1, self.estado.saida[2])):
            self.sliders[nome].max, self.sliders[nome].value = maximo, valor
        self.vies.value = self.estado.vies[self.estado.saida[0]]
        self._ocupado = False

    def pintar(self) -> None:
        """Refaz a figura (o filtro do canal de saída escolhido) e a conta."""
        e = self.estado
        self.aviso.value = f"<span style='color:#990000'>⚠ {e.mensagem}</span>" if e.mensagem else ""
        if e.mensagem:  # a figura e a conta da última configuração aceita ficam, esmaecidas
            self.conta.value = self.conta.value.replace("font-size:14px'", "font-size:14px;opacity:0.4'")
            return
        self._acertar_controles()
        o, i, j = e.saida
        self.figura = desenhar_multicanal(e.x, e.w[o], posicao=(i, j)).figura
        self.imagem.value = png_da_figura(self.figura)
        linhas = e.linhas_conta()
        cores = [CORES_CANAIS[c] for c in range(e.valores["c_in"])] + ["#444444", "#000000"]
        html = "<br>".join(f"<span style='color:{cor}'>{linha}</span>" for cor, linha in zip(cores, linhas))
        self.conta.value = f"<div style='font-family:monospace;font-size:14px'>{html}</div>"

    def __repr__(self) -> str:
        return self.estado.resumo()

    def _repr_mimebundle_(self, **kwargs):
        texto = self.estado.resumo()
        alt = f"Janelas de cada canal, fatias do filtro, somas parciais e a soma. {texto}"
        return pacote_com_imagem(self.painel, texto, png_da_figura(self.figura), alt)


def explorar_canais(c_in: int = 2, c_out: int = 1, n: int = 3, kernel_size: int = 2) -> ExploradorCanais:
    """Explorador de vários canais: a janela de cada canal vezes a sua fatia, parciais, viés e saída.

    Parâmetros: valores iniciais (C_in de 1 a 3, C_out de 1 a 2, n de 2 a 5, kernel_size de 1
    a 3). Com os padrões, é o exemplo do notebook 02 (a saída (0, 0, 0) vale 56). Notebook 02.
    """
    estado = EstadoCanais()
    estado.mudar(c_in=c_in, c_out=c_out, n=n, kernel_size=kernel_size)
    return ExploradorCanais(estado)
