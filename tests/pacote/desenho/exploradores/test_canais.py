"""O explorador de canais contra nn.Conv2d: cada soma parcial, o viés e a saída; toda
combinação de controles dá um número ou a mensagem em português, nunca uma exceção."""

import itertools

import pytest
import torch

from convaula.desenho import explorar_canais
from convaula.desenho.exploradores.canais import EstadoCanais


def _camada(estado: EstadoCanais) -> torch.nn.Conv2d:
    v = estado.valores
    camada = torch.nn.Conv2d(v["c_in"], v["c_out"], v["kernel_size"]).double()
    with torch.no_grad():
        camada.weight.copy_(estado.w)
        camada.bias.copy_(torch.tensor(estado.vies[:v["c_out"]]))
    return camada


def test_exemplo_do_notebook_02():
    estado = EstadoCanais()
    assert estado.parciais().tolist() == [19.0, 37.0] and estado.valor() == 56.0
    assert estado.linhas_conta()[-1] == "y[0, 0, 0] = 19 + 37 + 0 = 56"


@pytest.mark.parametrize("c_in,c_out,n,k", list(itertools.product((1, 2, 3), (1, 2), (2, 4), (1, 2, 3))))
def test_somas_parciais_vies_e_saida_como_o_torch(c_in, c_out, n, k):
    estado = EstadoCanais()
    estado.mudar(c_in=c_in, c_out=c_out, n=n, kernel_size=k)
    if k > n:
        assert "kernel" in estado.mensagem and estado.resumo().endswith("configuração recusada")
        return
    estado.mudar_vies(c_out - 1, -3.0)
    camada = _camada(estado)
    y = camada(estado.x[None])[0].detach()
    assert torch.equal(estado.mapa(), y)
    for o, i, j in itertools.product(range(c_out), range(y.shape[1]), range(y.shape[2])):
        estado.escolher(o, i, j)
        assert estado.valor() == y[o, i, j].item()
        sozinhos = [torch.nn.functional.conv2d(estado.x[c:c + 1][None], estado.w[o:o + 1, c:c + 1])[0, 0, i, j].item()
                    for c in range(c_in)]
        assert estado.parciais().tolist() == sozinhos


def test_cena_mapas_parciais_e_passos_como_o_torch():
    e = explorar_canais(c_in=3, c_out=2, n=5, kernel_size=3)
    estado = e.estado
    estado.mudar_vies(1, 2.0)
    cena = estado.cena()
    paineis = {p["id"]: p for p in cena["paineis"]}
    camada = _camada(estado)
    y = camada(estado.x[None])[0].detach()
    for o in range(2):
        assert paineis[f"y{o}"]["valores"] == y[o].reshape(-1).tolist()
        soma = sum(torch.tensor(paineis[f"p{o}_{c}"]["valores"], dtype=torch.float64) for c in range(3)) + estado.vies[o]
        assert torch.allclose(soma, y[o].reshape(-1))  # Σ parciais + b[o] = y[o]
    assert len(cena["passos"]) == y.numel() and cena["textos_passos"][-1].endswith(f"= {y[1, 2, 2].item():g}")
    passo = cena["passos"][4]  # (o, i, j) = (0, 1, 1): a janela 3×3 começando em (1, 1), em todo canal
    assert passo["x0"] == passo["x2"] == [r * 5 + c for r in (1, 2, 3) for c in (1, 2, 3)] and passo["y0"] == [4]


def test_recusa_com_os_controles_deste_explorador_e_foto():
    e = explorar_canais()
    e.pedir("n", 2)
    e.pedir("kernel_size", 3)
    mensagem = e.cena["mensagem"]
    assert "kernel_size = 3" in mensagem and "n = 2" in mensagem and "padding" in mensagem  # sem slider de padding
    assert "dilation" not in mensagem and repr(e).endswith("configuração recusada")
    assert len(e.cena["paineis"]) > 0  # a última configuração aceita, esmaecida e riscada no navegador
    e.pedir("kernel_size", 2)
    e.pedir("vies_0", 4.0)
    assert e.estado.linhas_conta()[-2] == "viés b[0] = 4" and e.cena["mensagem"] == ""
    e.pedir("dados", "foto")
    assert 0.0 <= e.estado.x.min() and e.estado.x.max() <= 1.0 and e.estado.x.shape == (2, 2, 2)
    dados = e._repr_mimebundle_()
    assert dados["text/plain"] == repr(e)
