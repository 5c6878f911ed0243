"""Transposta ao lado da convolução: z é F.conv_transpose2d de y com os mesmos k, s, p (e o
output_padding que devolve n), a entrada com zeros inseridos tem os valores onde devem estar,
as contagens são a transposta de uns; combinações recusadas viram mensagem."""

import itertools

import pytest

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


def test_widget_contagens_cena_e_recusa():
    e = explorar_par_transposta()
    assert repr(e) == "Convolução e transposta: n=5, kernel_size=3, stride=2, padding=1 → 5 → 3 → 5"
    e.pedir("contagens", True)
    z = next(p for p in e.cena["paineis"] if p["id"] == "z")
    contagem = e.estado.sobreposicao().reshape(-1).tolist()
    assert len(set(z["fundos"])) == len(set(contagem)) and [f"×{c}" for c in sorted(set(contagem))] == [
        texto.split(":")[0] for _, texto in z["legenda"]]
    assert e.cena["formula"][1].endswith("output_padding 0 = 5")
    estado = e.estado  # a transposta como convolução comum da entrada com zeros pelo núcleo invertido
    invertido = torch.flip(estado.w, (0, 1)).reshape(-1)
    for t, passo in enumerate(e.cena["passos"]):
        assert (estado.inserida.reshape(-1)[passo["inserida"]] * invertido).sum().item() == pytest.approx(
            estado.z.reshape(-1)[t].item())
    e.pedir("n", 2)
    e.pedir("padding", 0)
    e.pedir("kernel_size", 4)
    assert e.cena["mensagem"] and e.cena["formula"] == ["→ recusado"]
    e.pedir("kernel_size", 2)
    assert e.cena["mensagem"] == "" and e.estado.z.shape == (2, 2)
