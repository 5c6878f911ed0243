"""Ligação por ponteiro no explorador 2D: o mouse sobre a figura move a janela e acende pesos.

Os eventos vêm do ipyevents (``ipyevents.Event`` sobre o ``ipywidgets.Image`` da figura;
extensão pré-compilada para o JupyterLab 4 e o Notebook 7, sem JavaScript escrito à mão).
Cada evento traz o pixel da imagem (``dataX``, ``dataY``); ``tratar`` o converte para as
coordenadas do desenho e decide:

- sobre uma célula da SAÍDA: a janela vai para lá (o slider de posição acompanha) e o texto
  mostra a soma daquela saída;
- sobre uma célula da JANELA (um peso do núcleo): acendem todas as células da entrada que
  esse peso multiplica, uma por saída (compartilhamento de pesos);
- fora: o destaque do peso apaga.

Teclado: os sliders continuam operáveis pelas setas; o ponteiro só acrescenta. Notebook 03.
"""

from __future__ import annotations

import math

import ipywidgets as widgets
import numpy as np
from ipyevents import Event
from matplotlib.collections import PolyCollection

from ..base import quadrados

__all__ = ["Ponteiro2D"]

COR_PESO = "#e69138"


class Ponteiro2D:
    """Eventos do mouse na figura de um ``Explorador`` conv2d (estado ``EstadoPonteiro2D``).

    Atributos: ``evento`` (o ``ipyevents.Event``), ``texto`` (``ipywidgets.HTML``, classe
    "convaula-ponteiro") e ``compartilhadas`` (a coleção que acende as células de um peso).
    """

    def __init__(self, explorador):
        self.explorador, self.estado = explorador, explorador.estado
        self.compartilhadas = None
        self.texto = widgets.HTML()
        self.texto.add_class("convaula-ponteiro")
        self.evento = Event(source=explorador.imagem, watched_events=["mousemove", "click", "mouseleave"],
                            wait=30, throttle_or_debounce="throttle", prevent_default_action=True)
        self.evento.on_dom_event(self.ao_evento)

    def depois_de_desenhar(self) -> None:
        """Põe a coleção do peso compartilhado no desenho novo (entre os artistas animados)."""
        desenho = self.explorador.desenho
        self.estado.destacar_peso(None)
        if desenho is None:
            self.compartilhadas = None
        else:
            self.compartilhadas = PolyCollection([], facecolors=COR_PESO, edgecolors="#b45f06", alpha=0.55,
                                                 linewidths=1.5, zorder=3.2)
            desenho.ax.add_collection(self.compartilhadas)
            desenho.animados.insert(0, self.compartilhadas)
        self.atualizar_texto()

    def atualizar_texto(self) -> None:
        self.texto.value = f"<div style='font-family:monospace'>{self.estado.texto_ponteiro()}</div>"

    def ao_evento(self, evento: dict) -> None:
        if evento.get("type") == "mouseleave":
            self.tratar(None, None)
        elif "dataX" in evento:
            self.tratar(float(evento["dataX"]), float(evento["dataY"]))

    def celula_sob(self, x_px: float, y_px: float) -> tuple[str, tuple[int, int]] | None:
        """("saida", (i, j)), ("peso", (a, b)) ou ``None`` para o pixel (x_px, y_px) da imagem."""
        desenho = self.explorador.desenho
        _, altura_px = desenho.figura.canvas.get_width_height()
        cx, cy = desenho.ax.transData.inverted().transform((x_px, altura_px - y_px))
        linhas, colunas = self.estado.forma_saida
        i, j = math.floor(cy - desenho.y0_saida), math.floor(cx - desenho.x0_saida)
        if 0 <= i < linhas and 0 <= j < colunas:
            return "saida", (i, j)
        celula = (math.floor(cy), math.floor(cx))
        janela = self.estado.celulas_janela()
        if celula in janela:
            return "peso", divmod(janela.index(celula), self.estado.dados()[1].shape[1])
        return None

    def tratar(self, x_px: float | None, y_px: float | None) -> None:
        """Reage ao ponteiro no pixel (x_px, y_px) (``None``: saiu da figura)."""
        if self.explorador.desenho is None:
            return
        alvo = None if x_px is None else self.celula_sob(x_px, y_px)
        if alvo is not None and alvo[0] == "saida":
            i, j = alvo[1]
            self.explorador.posicao.value = i * self.estado.forma_saida[1] + j  # move e redesenha
            return
        peso = None if alvo is None else alvo[1]
        if peso == self.estado.peso_destacado:
            return
        self.estado.destacar_peso(peso)
        celulas = self.estado.celulas_do_peso()
        cantos = np.array([(c, r) for r, c in celulas], dtype=float).reshape(-1, 2)
        self.compartilhadas.set_verts(quadrados(cantos))
        self.atualizar_texto()
        self.explorador._renderizar(completo=False)
