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


def test_widget_varre_todos_os_controles_sem_levantar():
    e = explorar_canais()
    for nome, valores in [("c_in", [3, 1, 2]), ("c_out", [2]), ("o", [1, 0]), ("n", [5, 2]),
                          ("kernel_size", [3, 1, 2]), ("n", [4]), ("i", [2]), ("j", [1])]:
        for valor in valores:
            e.sliders[nome].value = valor
            assert e.estado.mensagem or e.estado.saida[1] <= e.estado.forma_saida[1] - 1
    assert e.estado.saida == (0, 2, 1)
    e.vies.value = 4.0
    assert e.estado.linhas_conta()[-2] == "viés b[0] = 4" and "viés b[0] = 4" in e.conta.value
    e.sliders["n"].value = 2
    e.sliders["kernel_size"].value = 3
    assert "kernel" in e.aviso.value and repr(e).endswith("configuração recusada")
    dados, metadados = e._repr_mimebundle_()
    assert dados["image/png"].startswith(b"\x89PNG") and "alt" in metadados["image/png"]
