"""O laboratório de núcleos: a saída é F.conv2d (preenchimento 1) para todo núcleo pronto e
para pesos editados, a janela e os 9 produtos somam o pixel da saída, e o widget reage a
edições e ao ponteiro sem levantar; a figura estática tem sempre os mesmos bytes."""

import random

import pytest
import torch
import torch.nn.functional as F

from convaula.desenho import explorar_nucleos
from convaula.desenho.exploradores.filtro import NUCLEOS, EstadoFiltro
from convaula.reais import foto

IMAGEM = torch.rand(3, 20, 17, generator=torch.Generator().manual_seed(1), dtype=torch.float64)


@pytest.mark.parametrize("nome", list(NUCLEOS))
def test_saida_e_a_do_torch_para_cada_nucleo(nome):
    estado = EstadoFiltro(IMAGEM, nome)
    w = torch.tensor(NUCLEOS[nome], dtype=torch.float64)
    esperado = F.conv2d(IMAGEM[:, None], w[None, None], padding=1)[:, 0]
    assert torch.allclose(estado.saida, esperado)
    assert estado.escala[0] <= min(0.0, esperado.min().item()) and estado.escala[1] >= max(1.0, esperado.max().item())


def test_janela_produtos_e_soma():
    estado = EstadoFiltro(IMAGEM[0], "relevo")
    for i, j in [(0, 0), (5, 7), (19, 16)]:
        estado.escolher_pixel(i, j)
        xp = F.pad(IMAGEM[0], (1, 1, 1, 1))
        assert torch.equal(estado.janela(), xp[i:i + 3, j:j + 3])
        assert estado.produtos().sum().item() == pytest.approx(estado.valor())
    estado.escolher_pixel(-5, 99)
    assert estado.pixel == (0, 16)


def test_pesos_editados_e_varredura():
    estado, gerador = EstadoFiltro(IMAGEM, "identidade"), random.Random(0)
    for _ in range(40):
        a, b, valor = gerador.randrange(3), gerador.randrange(3), gerador.uniform(-3, 3)
        estado.mudar_peso(a, b, valor)
        estado.escolher_pixel(gerador.randrange(20), gerador.randrange(17))
        assert estado.nome == "editado"
        assert torch.allclose(estado.saida, F.conv2d(IMAGEM[:, None], estado.nucleo[None, None], padding=1)[:, 0])


def test_erros_em_portugues():
    with pytest.raises(TypeError, match="imagem deve ser um torch.Tensor"):
        EstadoFiltro([[0.0]])
    with pytest.raises(ValueError, match="imagem deve ter forma"):
        EstadoFiltro(torch.zeros(5, 8, 8))
    with pytest.raises(ValueError, match="nucleo deve ser um de"):
        EstadoFiltro(IMAGEM, "borrão")


def test_widget_edicao_ponteiro_e_figura_estatica():
    lab = explorar_nucleos(foto(tamanho=64), "Sobel x")
    saida, nucleo = bytes(lab.saida.value), bytes(lab.nucleo.value)
    lab.pesos[4].value = 2.0  # o peso do centro
    assert lab.estado.nucleo[1, 1] == 2.0 and bytes(lab.saida.value) != saida and bytes(lab.nucleo.value) != nucleo
    lab._no_pixel({"type": "mousemove", "dataX": 10, "dataY": 20})
    assert lab.estado.pixel == (20, 10) == (lab.linha.value, lab.coluna.value)
    assert f"saída[20, 10] = <b>{lab.estado.valor():.4f}</b>" in lab.produtos.value
    lab._no_peso({"type": "mousemove", "dataX": 100, "dataY": 5})
    assert lab.estado.peso_destacado == (0, 2) and "background:#fce5cd" in lab.produtos.value
    lab._no_peso({"type": "mouseleave"})
    assert lab.estado.peso_destacado is None
    lab.linha.value = 3  # o slider (teclado) também escolhe o pixel
    assert lab.estado.pixel == (3, 10)
    lab.nucleos.value = "gaussiano"
    assert lab.pesos[4].value == pytest.approx(0.25)
    dados, metadados = lab._repr_mimebundle_()
    assert dados["text/plain"].startswith("Laboratório de núcleos: imagem 1×")
    assert "mesma escala de cinza" in metadados["image/png"]["alt"]
    figuras = [explorar_nucleos(foto(tamanho=64), "nitidez")._repr_mimebundle_()[0]["image/png"] for _ in range(2)]
    assert figuras[0] == figuras[1] != dados["image/png"]  # os mesmos bytes para o mesmo estado
