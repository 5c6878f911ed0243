"""O que a rede aprendeu: saídas das camadas, erros e oclusão, conferidos com contas diretas."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
import torch
from torch import nn

from convaula.lenet import graficos, interpretacao, modelos
from convaula.lenet.dados import CLASSES


@pytest.fixture(autouse=True)
def fechar_figuras():
    yield
    plt.close("all")


def _lenet_bn(semente: int = 0):
    torch.manual_seed(semente)
    modelo = modelos.LeNet5(ativacao="relu", pooling="max", batch_norm=True)
    with torch.no_grad():  # médias móveis diferentes das do lote, para os modos diferirem
        modelo.bn1.running_mean.uniform_(-1, 1)
        modelo.bn1.running_var.uniform_(0.5, 2)
    return modelo.train()


def test_saidas_camadas_em_avaliacao_coincidem_com_o_modelo():
    modelo, x = _lenet_bn(), torch.randn(5, 1, 32, 32)
    saidas = interpretacao.saidas_camadas(modelo, x)
    assert list(saidas) == [nome for nome, _ in modelo.named_children()]
    assert torch.allclose(saidas["saida"], modelo.eval()(x), atol=1e-6)


def test_saidas_camadas_em_treino_usam_o_lote_e_nao_mexem_nas_medias():
    modelo, x = _lenet_bn(), torch.randn(8, 1, 32, 32)
    antes = modelo.bn1.running_mean.clone()
    saidas = interpretacao.saidas_camadas(modelo, x, treino=True)
    normalizado = saidas["bn1"]
    gamma, beta = modelo.bn1.weight[None, :, None, None], modelo.bn1.bias[None, :, None, None]
    z = (normalizado - beta) / gamma
    assert torch.allclose(z.mean((0, 2, 3)), torch.zeros(6), atol=1e-4)
    assert torch.allclose(z.var((0, 2, 3), unbiased=False), torch.ones(6), atol=1e-3)
    assert torch.equal(modelo.bn1.running_mean, antes) and modelo.training
    em_avaliacao = interpretacao.saidas_camadas(modelo, x)["bn1"]
    assert not torch.allclose(em_avaliacao, normalizado, atol=1e-3)


def test_exemplos_errados_conferem_com_argmax():
    torch.manual_seed(0)
    modelo, x, y = modelos.LeNet5(), torch.randn(40, 1, 32, 32), torch.randint(0, 10, (40,))
    erros = interpretacao.exemplos_errados(modelo, x, y, n=5, batch_size=7)
    previstas = modelo.eval()(x).argmax(1)
    todos = (previstas != y).nonzero()[:, 0]
    assert torch.equal(erros.indices, todos[:5])
    assert torch.equal(erros.previstas, previstas[todos[:5]]) and torch.equal(erros.verdadeiras, y[todos[:5]])
    assert (erros.previstas != erros.verdadeiras).all()


def test_oclusao_igual_ao_laco_direto():
    torch.manual_seed(0)
    modelo, imagem = modelos.LeNet5().eval(), torch.randn(1, 32, 32)
    queda = interpretacao.sensibilidade_oclusao(modelo, imagem, classe=3, tamanho=8, stride=4, valor=0.5)
    assert queda.shape == (7, 7)  # ⌊(32 − 8)/4⌋ + 1
    p0 = modelo(imagem[None]).softmax(1)[0, 3]
    for i, j in [(0, 0), (2, 5), (6, 6)]:
        coberta = imagem.clone()
        coberta[:, 4 * i:4 * i + 8, 4 * j:4 * j + 8] = 0.5
        esperado = p0 - modelo(coberta[None]).softmax(1)[0, 3]
        assert torch.isclose(queda[i, j], esperado, atol=1e-6)


def test_oclusao_acha_o_pixel_de_que_a_rede_depende():
    class OlhaUmPixel(nn.Module):  # classe 1 cresce com o pixel (20, 5); o resto não importa
        def forward(self, x):
            return torch.stack([torch.zeros(len(x)), 5 * x[:, 0, 20, 5]], 1)

    imagem = torch.ones(1, 32, 32)
    queda = interpretacao.sensibilidade_oclusao(OlhaUmPixel(), imagem, classe=1, tamanho=4, stride=4)
    assert queda[5, 1] > 0.4 and (queda.flatten().abs() > 1e-6).sum() == 1


@pytest.mark.parametrize("kwargs, erro, texto", [
    (dict(imagem=torch.zeros(32, 32)), ValueError, r"formato \(C, H, W\)"),
    (dict(tamanho=0), ValueError, "tamanho deve ser >= 1, mas recebeu tamanho=0"),
    (dict(tamanho=True), TypeError, "tamanho deve ser um inteiro, mas recebeu tamanho=True"),
    (dict(stride=1.5), TypeError, "stride deve ser um inteiro, mas recebeu stride=1.5"),
    (dict(stride=0), ValueError, "stride deve ser >= 1, mas recebeu stride=0"),
])
def test_oclusao_erros_claros(kwargs, erro, texto):
    argumentos = dict(imagem=torch.zeros(1, 32, 32), classe=0) | kwargs
    with pytest.raises(erro, match=texto):
        interpretacao.sensibilidade_oclusao(modelos.LeNet5(), **argumentos)


@pytest.mark.parametrize("n, erro", [(2.5, TypeError), (True, TypeError), (0, ValueError)])
def test_exemplos_errados_tipo_errado_e_type_error_fora_da_faixa_e_value_error(n, erro):
    x, y = torch.zeros(4, 1, 32, 32), torch.zeros(4, dtype=torch.long)
    with pytest.raises(erro, match=f"n={n!r}"):
        interpretacao.exemplos_errados(modelos.LeNet5(), x, y, n=n)


@pytest.mark.parametrize("n, erro", [(2.5, TypeError), (True, TypeError), (0, ValueError)])
def test_pares_confundidos_tipo_errado_e_type_error_fora_da_faixa_e_value_error(n, erro):
    with pytest.raises(erro, match=f"n={n!r}"):
        interpretacao.pares_confundidos(torch.zeros(3, 3, dtype=torch.long), n=n)


def test_desenhos_de_interpretacao():
    torch.manual_seed(0)
    modelo, x, y = modelos.LeNet5(), torch.randn(20, 1, 32, 32), torch.randint(0, 10, (20,))
    erros = interpretacao.exemplos_errados(modelo, x, y, n=4)
    assert len(graficos.desenhar_errados(x, erros, CLASSES)) == 4
    queda = interpretacao.sensibilidade_oclusao(modelo, x[0], int(y[0]))
    ax_img, ax_mapa = graficos.desenhar_oclusao(x[0], queda)
    assert ax_mapa.images[0].get_array().shape == tuple(queda.shape)
    saidas = interpretacao.saidas_camadas(modelo, x)
    eixos = graficos.desenhar_histogramas({"c1": saidas["c1"], "s2": saidas["s2"]}, canais=(0, 1))
    assert len(eixos) == 2 and len(eixos[0].patches) == 2
    mapas = graficos.mapas_caracteristicas(modelo, x[0])
    eixos = graficos.desenhar_mapas(mapas, camadas=("c3", "s4"), max_canais=16, imagem=x[0])
    assert eixos.shape == (2, 2) and "16 mostrados" in eixos[0][1].get_title(loc="left")
    assert eixos[0][1].images[0].get_array().shape == (10, 16 * 10 + 15 * 2)
    with pytest.raises(ValueError, match="erros está vazio"):
        graficos.desenhar_errados(x, interpretacao.Erros(*(torch.zeros(0, dtype=torch.long),) * 3), CLASSES)


def test_pares_confundidos_somam_as_duas_direcoes():
    matriz = torch.tensor([[50, 1, 9], [2, 40, 0], [3, 7, 30]])
    pares = interpretacao.pares_confundidos(matriz, n=3)
    assert [(p.a, p.b, p.a_como_b, p.b_como_a, p.total) for p in pares] == [
        (0, 2, 9, 3, 12), (1, 2, 0, 7, 7), (0, 1, 1, 2, 3)]
    # o oráculo: a matriz simétrica fora da diagonal, o maior valor
    simetrica = (matriz + matriz.T).fill_diagonal_(0)
    assert pares[0].total == simetrica.max()
    with pytest.raises(ValueError, match="quadrada"):
        interpretacao.pares_confundidos(torch.zeros(2, 3))


def test_centros_da_oclusao_e_desenho_sobreposto():
    centros = interpretacao.centros_oclusao(32, 8, 2)
    assert len(centros) == 13 and centros[0] == 3.5 and centros[-1] == 12 * 2 + 3.5
    torch.manual_seed(0)
    modelo, imagem = modelos.LeNet5(), torch.randn(1, 32, 32)
    queda = interpretacao.sensibilidade_oclusao(modelo, imagem, 0, tamanho=8, stride=2)
    _, ax_mapa = graficos.desenhar_oclusao(imagem, queda, tamanho=8, stride=2)
    fundo, mapa = ax_mapa.images
    assert fundo.get_array().shape == (32, 32) and mapa.get_array().shape == (13, 13)
    # o mapa vai do centro da 1ª posição menos meio passo ao centro da última mais meio passo
    assert mapa.get_extent() == [2.5, 28.5, 28.5, 2.5]
    with pytest.raises(ValueError, match="posições"):
        graficos.desenhar_oclusao(imagem, queda, tamanho=8, stride=4)
