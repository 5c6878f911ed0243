"""Varredura aleatória de TODOS os controles de cada explorador (valores dentro dos limites dos
próprios controles, em qualquer ordem): nada levanta; uma configuração recusada mostra a
mensagem no widget e a próxima aceita a apaga."""

import random

import ipywidgets as widgets
import pytest

from convaula.desenho import (explorar_canais, explorar_conv1d, explorar_conv2d, explorar_nucleos,
                              explorar_par_transposta, explorar_transposta)
from convaula.reais import foto


def _controles(explorador) -> list[widgets.Widget]:
    """Todos os controles com valor (sliders, caixas, listas, caixas de marcar) do painel."""
    achados, pilha = [], [explorador.painel]
    while pilha:
        widget = pilha.pop()
        pilha.extend(getattr(widget, "children", ()))
        if isinstance(widget, (widgets.IntSlider, widgets.FloatSlider, widgets.FloatText, widgets.Dropdown,
                               widgets.Checkbox)) and not widget.disabled:
            achados.append(widget)
    return achados


def _sortear(widget, gerador: random.Random):
    if isinstance(widget, (widgets.IntSlider,)):
        return gerador.randint(widget.min, widget.max)
    if isinstance(widget, widgets.FloatSlider):
        return round(gerador.uniform(widget.min, widget.max))
    if isinstance(widget, widgets.FloatText):
        return round(gerador.uniform(-3, 3), 2)
    if isinstance(widget, widgets.Dropdown):
        return gerador.choice(list(widget.options))
    return not widget.value


@pytest.mark.parametrize("criar", [explorar_conv1d, explorar_conv2d, explorar_transposta, explorar_canais,
                                   explorar_par_transposta, lambda: explorar_nucleos(foto(tamanho=32))],
                         ids=["conv1d", "conv2d", "transposta", "canais", "par", "nucleos"])
def test_varredura_aleatoria_de_todos_os_controles(criar):
    explorador, gerador = criar(), random.Random(0)
    controles = _controles(explorador)
    assert len(controles) >= 4
    for _ in range(40):
        controle = gerador.choice(controles)
        controle.value = _sortear(controle, gerador)
        assert isinstance(repr(explorador), str)
        aviso = getattr(explorador, "aviso", None)
        recusado = "recusada" in repr(explorador)
        assert aviso is None or (("⚠" in aviso.value) == recusado)
