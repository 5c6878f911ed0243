"""Campo receptivo e espaçamento: a recorrência, camadas do torch e o gradiente como prova."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from convaula.receptivo import Campo, campo_receptivo, campos_receptivos


def test_campo_receptivo():
    assert campos_receptivos([(3, 1)] * 3) == [Campo(3, 1), Campo(5, 1), Campo(7, 1)]
    assert campo_receptivo([{"kernel_size": 3, "dilation": 2}]) == Campo(5, 1)
    # Pilha dilatada 1, 2, 4 (estilo WaveNet): 3 → 7 → 15.
    assert [c.campo for c in campos_receptivos([(3, 1, 1), (3, 1, 2), (3, 1, 4)])] == [3, 7, 15]
    # LeNet: conv5, pool2, conv5, pool2 → campo 16, espaçamento 4.
    lenet = [nn.Conv2d(1, 6, 5), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.MaxPool2d(2)]
    assert campo_receptivo(lenet) == Campo(16, 4)
    assert campo_receptivo([]) == Campo(1, 1)


def test_campo_receptivo_confere_com_gradiente():
    """O campo receptivo é o conjunto de entradas com gradiente não nulo numa saída."""
    camadas = [nn.Conv1d(1, 1, 3), nn.Conv1d(1, 1, 3, dilation=2), nn.Conv1d(1, 1, 2, stride=2)]
    x = torch.ones(1, 1, 40, requires_grad=True)
    y = x
    for c in camadas:
        nn.init.constant_(c.weight, 1.0)
        y = c(y)
    y[0, 0, 3].backward()
    assert int((x.grad != 0).sum()) == campo_receptivo(camadas).campo



def test_camada_de_tipo_desconhecido_levanta_type_error():
    with pytest.raises(TypeError, match=r"camadas\[0\]"):
        campo_receptivo([object()])
