"""Transposta ao lado da convolução: z é F.conv_transpose2d de y com os mesmos k, s, p (e o
output_padding que devolve n), a entrada com zeros inseridos tem os valores onde devem estar,
as contagens são a transposta de uns; combinações recusadas viram mensagem."""

import itertools

import torch
import torch.nn.functional as F

from convaula.desenho import explorar_par_transposta
from convaula.desenho.exploradores.par import LIMITES_PAR, EstadoPar


def test_varredura_contra_o_torch():
    estado, recusadas = EstadoPar(), 0
    for n, k, s, p in itertools.product(*(range(a, b + 1) for a, b in LIMITES_PAR.values())):
        estado.mudar(n=n, kernel_size=k, stride=s, padding=p)
        try:
            y = F.conv2d(torch.zeros(1, 1, n, n), torch.zeros(1, 1, k, k), stride=s, padding=p)
        except RuntimeError:
            assert estado.mensagem and estado.resumo().endswith("configuração recusada")
            recusadas += 1
            continue
        assert estado.mensagem == "" and estado.y.shape == y.shape[2:]
        z = F.conv_transpose2d(estado.y[None, None], estado.w[None, None], stride=s, padding=p,
                               output_padding=estado.output_padding)[0, 0]
        assert torch.allclose(estado.z, z) and estado.z.shape == (n, n) and estado.n_volta == n
        uns = F.conv_transpose2d(torch.ones(1, 1, *estado.y.shape, dtype=torch.float64),
                                 torch.ones(1, 1, k, k, dtype=torch.float64), stride=s, padding=p,
                                 output_padding=estado.output_padding)[0, 0]
        assert torch.equal(estado.sobreposicao(), uns.round().long())
        valores = estado.inserida[estado.tipos == 1]
        assert torch.equal(valores, estado.y.reshape(-1)[:valores.numel()]) or k - 1 - p < 0
    assert recusadas > 0


def test_widget_contagens_e_recusa():
    e = explorar_par_transposta()
    assert repr(e) == "Convolução e transposta: n=5, kernel_size=3, stride=2, padding=1 → 5 → 3 → 5"
    png = bytes(e.imagem.value)
    e.contagens.value = True
    assert bytes(e.imagem.value) != png and "output_padding 0 = 5" in e.texto.value
    e.sliders["n"].value = 2
    e.sliders["padding"].value = 0
    e.sliders["kernel_size"].value = 4
    assert "⚠" in e.aviso.value and "recusado" in e.texto.value
    e.sliders["kernel_size"].value = 2
    assert e.aviso.value == "" and e.estado.z.shape == (2, 2)
