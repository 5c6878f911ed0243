"""Esquemas com números: a matriz anotada (com a linha de uma saída) e vários canais somados."""

import matplotlib.pyplot as plt
import pytest
import torch
import torch.nn.functional as F

from convaula.desenho.base import inteiros_exemplo
from convaula.desenho.esquemas import desenhar_matriz_conv, desenhar_multicanal

X_EMENTA = torch.tensor([5.0, 4, 8, 7, 9, 3, 6])
W_EMENTA = torch.tensor([1.0, 2, 3])


def test_matriz_anotada_e_linha_destacada():
    esquema = desenhar_matriz_conv(W_EMENTA, 7, padding=1, saida=3)
    m = esquema.dados["matriz"]
    esperado = F.conv1d(X_EMENTA[None, None], W_EMENTA[None, None], padding=1)[0, 0]
    assert torch.equal(m @ X_EMENTA.double(), esperado.double())
    assert len(esquema.artistas["textos"]) == int((m != 0).sum())
    (destaque,) = esquema.artistas["destaques"]
    assert destaque.get_y() == 3
    w2 = inteiros_exemplo((3, 3), 1, 3) + 1
    esquema = desenhar_matriz_conv(w2, (4, 5), stride=1, saida=(1, 2))
    assert [d.get_y() for d in esquema.artistas["destaques"]] == [1 * 3 + 2]
    with pytest.raises(ValueError, match="saida"):
        desenhar_matriz_conv(W_EMENTA, 7, saida=5)
    plt.close("all")


def test_multicanal_exemplo_da_ementa():
    x = torch.tensor([[[0, 1, 2], [3, 4, 5], [6, 7, 8]], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]], dtype=torch.float64)
    k = torch.tensor([[[0, 1], [2, 3]], [[1, 2], [3, 4]]], dtype=torch.float64)
    esquema = desenhar_multicanal(x, k, posicao=(1, 1))
    assert esquema.dados["saida"].tolist() == [[56, 72], [104, 120]]
    assert torch.equal(esquema.dados["saida"], F.conv2d(x[None], k[None])[0, 0])
    assert torch.equal(esquema.dados["parciais"].sum(0), esquema.dados["saida"])
    janela0 = {(round(r.get_y() - 0.8), round(r.get_x())) for r in esquema.artistas["janelas"][0]}
    assert janela0 == {(1, 1), (1, 2), (2, 1), (2, 2)}
    plt.close("all")
