"""Gráficos do treino: contas conferidas com o torch e desenhos sem tela."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pytest
import torch

from convaula.lenet import graficos, modelos
from convaula.lenet.dados import CLASSES

HISTORICO = [{"epoca": e, "perda": 2 / e, "acc": 0.5 + e / 10, "perda_teste": 2.1 / e,
              "acc_teste": 0.45 + e / 10} for e in (1, 2, 3)]


@pytest.fixture(autouse=True)
def fechar_figuras():
    yield
    plt.close("all")


def test_matriz_confusao_confere_com_previsoes():
    torch.manual_seed(0)
    modelo = modelos.LeNet5().train()
    x, y = torch.randn(50, 1, 32, 32), torch.randint(0, 10, (50,))
    matriz = graficos.matriz_confusao(modelo, x, y, batch_size=16)
    with torch.no_grad():
        previstos = modelo.eval()(x).argmax(1)
    assert matriz.sum() == 50 and matriz.dtype == torch.int64
    assert matriz.trace() == (previstos == y).sum()
    for verdadeira, prevista in zip(y.tolist(), previstos.tolist()):
        assert matriz[verdadeira, prevista] >= 1
    assert matriz.sum(1).tolist() == torch.bincount(y, minlength=10).tolist()


def test_matriz_confusao_restaura_modo_de_treino():
    modelo = modelos.LeNet5().train()
    graficos.matriz_confusao(modelo, torch.randn(4, 1, 32, 32), torch.zeros(4, dtype=torch.long))
    assert modelo.training


def test_mapas_caracteristicas_tem_os_formatos_da_tabela():
    modelo = modelos.LeNet5()
    mapas = graficos.mapas_caracteristicas(modelo, torch.randn(1, 32, 32))
    esperados = modelos.formatos_esperados(modelo)
    assert {nome: tuple(m.shape) for nome, m in mapas.items()} == esperados
    saida = modelo.eval()(torch.zeros(1, 1, 32, 32))
    assert saida.shape == (1, 10)


def test_desenhos_devolvem_os_eixos():
    ax_perda, ax_acc = graficos.desenhar_curvas(HISTORICO, titulo="dados sintéticos")
    assert len(ax_perda.lines) == 2 and list(ax_acc.lines[1].get_ydata()) == [h["acc_teste"] for h in HISTORICO]
    assert ax_perda.figure._suptitle.get_text() == "dados sintéticos"
    ax = graficos.desenhar_confusao(torch.eye(10, dtype=torch.long) * 3, CLASSES)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(CLASSES)
    assert len(graficos.desenhar_filtros(modelos.LeNet5().c1.weight)) == 6
    mapas = graficos.mapas_caracteristicas(modelos.LeNet5(), torch.randn(1, 32, 32))
    eixos = graficos.desenhar_mapas(mapas, camadas=("c1", "c3"), max_canais=8)
    assert eixos.shape == (2, 1)
    mosaico = eixos[1][0].images[0].get_array()
    assert mosaico.shape == (10, 8 * 10 + 7 * 2)  # 8 mapas 10×10 e 7 bordas de 2 pixels
    assert float(mosaico.min()) == 0.0 and float(mosaico.max()) == 1.0
    imagens, rotulos = torch.randn(20, 1, 32, 32), torch.arange(20) % 10
    assert graficos.desenhar_amostras(imagens, rotulos, CLASSES, por_classe=2).shape == (2, 10)


def test_desenhos_recusam_entradas_vazias_ou_com_formato_errado():
    with pytest.raises(ValueError, match="historico está vazio"):
        graficos.desenhar_curvas([])
    with pytest.raises(ValueError, match="há 10 classes"):
        graficos.desenhar_confusao(torch.zeros(3, 3, dtype=torch.long), CLASSES)
    with pytest.raises(ValueError, match="camadas sem mapa 2D"):
        graficos.desenhar_mapas({"f6": torch.zeros(84)}, camadas=("f6",))
    with pytest.raises(ValueError, match=r"formato \(C, H, W\)"):
        graficos.mapas_caracteristicas(modelos.LeNet5(), torch.zeros(32, 32))
    with pytest.raises(ValueError, match="4 eixos"):
        graficos.desenhar_filtros(torch.zeros(6, 25))
