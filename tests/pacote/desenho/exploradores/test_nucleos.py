"""O laboratório de núcleos: a saída é F.conv2d (preenchimento 1) para todo núcleo pronto e
para pesos editados, a janela e os 9 produtos somam o pixel da saída, e o widget reage a
edições e ao ponteiro sem levantar; a figura estática tem sempre os mesmos bytes."""

import random

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from convaula.desenho import explorar_nucleos
from convaula.desenho.exploradores.cena import para_o_fio
from convaula.desenho.exploradores.nucleos import NUCLEOS, EstadoNucleos
from convaula.desenho.exploradores.paineis import valores_da_imagem
from convaula.reais import foto

IMAGEM = torch.rand(3, 20, 17, generator=torch.Generator().manual_seed(1), dtype=torch.float64)


@pytest.mark.parametrize("nome", list(NUCLEOS))
def test_saida_e_a_do_torch_para_cada_nucleo(nome):
    estado = EstadoNucleos(IMAGEM, nome)
    w = torch.tensor(NUCLEOS[nome], dtype=torch.float64)
    esperado = F.conv2d(IMAGEM[:, None], w[None, None], padding=1)[:, 0]
    assert torch.allclose(estado.saida, esperado)
    assert estado.escala[0] <= min(0.0, esperado.min().item()) and estado.escala[1] >= max(1.0, esperado.max().item())


def test_janela_produtos_e_soma():
    estado = EstadoNucleos(IMAGEM[0], "relevo")
    for i, j in [(0, 0), (5, 7), (19, 16)]:
        estado.escolher_pixel(i, j)
        xp = F.pad(IMAGEM[0], (1, 1, 1, 1))
        assert torch.equal(estado.janela(), xp[i:i + 3, j:j + 3])
        assert estado.produtos().sum().item() == pytest.approx(estado.valor())
    estado.escolher_pixel(-5, 99)
    assert estado.pixel == (0, 16)


def test_pesos_editados_e_varredura():
    estado, gerador = EstadoNucleos(IMAGEM, "identidade"), random.Random(0)
    for _ in range(40):
        a, b, valor = gerador.randrange(3), gerador.randrange(3), gerador.uniform(-3, 3)
        estado.mudar_peso(a, b, valor)
        estado.escolher_pixel(gerador.randrange(20), gerador.randrange(17))
        assert estado.nome == "personalizado"
        assert torch.allclose(estado.saida, F.conv2d(IMAGEM[:, None], estado.nucleo[None, None], padding=1)[:, 0])


def test_erros_em_portugues():
    with pytest.raises(TypeError, match="imagem deve ser um torch.Tensor"):
        EstadoNucleos([[0.0]])
    with pytest.raises(ValueError, match="imagem deve ter forma"):
        EstadoNucleos(torch.zeros(5, 8, 8))
    with pytest.raises(ValueError, match="nucleo deve ser um de"):
        EstadoNucleos(IMAGEM, "borrão")


def test_um_nucleo_por_nome_os_do_notebook_06():
    sobel_x = torch.outer(torch.tensor([1.0, 2.0, 1.0]), torch.tensor([1.0, 0.0, -1.0]))
    assert torch.equal(torch.tensor(NUCLEOS["Sobel x"]), sobel_x)
    assert torch.equal(torch.tensor(NUCLEOS["Sobel y"]), sobel_x.T)
    assert torch.equal(torch.tensor(NUCLEOS["laplaciano"]), torch.tensor([[0.0, 1, 0], [1, -4, 1], [0, 1, 0]]))
    nomes = list(NUCLEOS)
    assert len({tuple(map(tuple, NUCLEOS[n])) for n in nomes}) == len(nomes)


def test_widget_edicao_vira_personalizado_e_figura_estatica():
    lab = explorar_nucleos(foto(tamanho=64), "Sobel x")
    saida = lab.cena["paineis"][2]["dados"]
    lab.pedir("peso", [4, 2.0])  # o peso do centro, como o navegador manda
    assert lab.estado.nucleo[1, 1] == 2.0 and lab.cena["paineis"][2]["dados"] != saida
    lista = lab.cena["controles"][0]
    assert lista["valor"] == "personalizado" and "personalizado" in lista["opcoes"]
    assert lab.cena["controles"][1]["valores"][4] == 2.0 and lab.cena["paineis"][1]["rotulo"] == "núcleo: personalizado"
    assert [p["rotulo"] for p in lab.cena["paineis"]] == ["entrada", "núcleo: personalizado", "saída"]
    saida = lab.cena["paineis"][2]
    a, b = saida["faixa"]
    assert (a, b) == (lab.estado.saida.min().item(), lab.estado.saida.max().item())
    valores = valores_da_imagem(saida)  # uint16 na faixa da imagem: erro <= meio degrau
    assert np.abs(valores - lab.estado.saida[0].numpy()).max() <= (b - a) / 131070 + 1e-12  # a saída do torch
    assert np.abs(valores - lab.estado.saida[0].numpy()).max() < 5e-4  # abaixo dos 3 decimais da lupa
    fixas = dict(lab.fixas)
    assert set(fixas) == {"entrada"} and valores_da_imagem({**lab.cena["paineis"][0], "dados": fixas["entrada"]}) \
        == pytest.approx(lab.estado.imagem[0].numpy(), abs=1 / 65535)
    fio = para_o_fio(lab.cena, {})  # a foto não volta a cada mudança: só a saída vai pelo fio
    assert "dados" not in fio["paineis"][0] and fio["paineis"][2]["dados"] == saida["dados"]
    lab.pedir("nucleo", "gaussiano")
    assert lab.cena["controles"][0]["valor"] == "gaussiano" and lab.cena["nucleo"][4] == pytest.approx(0.25)
    dados = lab._repr_mimebundle_()
    assert dados["text/plain"].startswith("Laboratório de núcleos: imagem 1×")
    assert "mesma escala de cinza" in dados["text/html"]
    figuras = [explorar_nucleos(foto(tamanho=64), "nitidez").figura_estatica() for _ in range(2)]
    assert figuras[0] == figuras[1] != lab.figura_estatica()  # os mesmos bytes para o mesmo estado
