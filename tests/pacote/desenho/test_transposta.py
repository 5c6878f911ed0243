"""A transposta desenhada: cada entrada espalha o núcleo onde a regra de índices manda, e as
somas parciais terminam iguais a F.conv_transpose2d."""

import matplotlib.pyplot as plt
import numpy as np
import pytest
import torch.nn.functional as F

from convaula.desenho.base import inteiros_exemplo
from convaula.desenho.transposta import desenhar_transposta2d


def _numero(texto) -> float:
    return float(texto.get_text())


@pytest.mark.parametrize("n,k,p,s,d,op", [(2, 3, 0, 1, 1, 0), (2, 3, 0, 2, 1, 0), (3, 3, 1, 2, 1, 0),
                                         (3, 3, 1, 2, 1, 1), (3, 2, 0, 3, 2, 2), (2, 3, 2, 2, 2, 1)])
def test_transposta_espalha_e_soma_como_o_torch(n, k, p, s, d, op):
    x, w = inteiros_exemplo((n, n), 7, 4), inteiros_exemplo((k, k), 8, 3) - 1
    esperado = F.conv_transpose2d(x[None, None], w[None, None], stride=s, padding=p, output_padding=op,
                                  dilation=d)[0, 0]
    desenho = desenhar_transposta2d(x, w, stride=s, padding=p, output_padding=op, dilation=d)
    assert tuple(desenho.saida.shape) == tuple(esperado.shape) == desenho.forma_saida
    nunca = {(r, c) for r in range(desenho.grade[0]) for c in range(desenho.grade[1])}
    nunca -= {(i * s + a * d, j * s + b * d) for i, j in desenho.posicoes for a in range(k) for b in range(k)}
    ja = set()
    for t, (i, j) in enumerate(desenho.posicoes):
        desenho.mostrar(t)
        atingidas = {(i * s + a * d, j * s + b * d) for a in range(k) for b in range(k)}
        desenhadas = {(round(r.get_y()), round(r.get_x() - desenho.x0)) for r in desenho.janela}
        assert desenhadas == atingidas
        ja |= atingidas  # somas parciais visíveis: as células já atingidas e as que nunca serão (0)
        visiveis = {(r, c) for (r, c), txt in np.ndenumerate(desenho.saida_textos) if txt.get_visible()}
        assert visiveis == ja | nunca
        assert (round(desenho.entrada_atual.get_y()), round(desenho.entrada_atual.get_x())) == (i, j)
    textos = desenho.saida_textos[p:p + esperado.shape[0], p:p + esperado.shape[1]]
    assert [[_numero(txt) for txt in linha] for linha in textos] == esperado.tolist()
    recorte = desenho.recorte
    assert (recorte.get_width(), recorte.get_height()) == (esperado.shape[1], esperado.shape[0])
    plt.close("all")
