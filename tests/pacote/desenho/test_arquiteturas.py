"""Esquemas de arquitetura: contagens de pesos do separável e lados da LeNet-5 contra o torch."""

import matplotlib.pyplot as plt
import torch

from convaula.desenho.arquiteturas import camadas_lenet5, desenhar_lenet5, desenhar_separavel


def test_separavel_conta_pesos():
    esquema = desenhar_separavel(c_in=3, c_out=5, kernel_size=3, n=6)
    assert esquema.dados == {"normal": 3 * 3 * 3 * 5, "depthwise": 3 * 3 * 3, "pointwise": 3 * 5}
    plt.close("all")


def test_lenet5_tamanhos_iguais_aos_do_torch():
    camadas = [torch.nn.Conv2d(1, 6, 5), torch.nn.AvgPool2d(2), torch.nn.Conv2d(6, 16, 5), torch.nn.AvgPool2d(2),
               torch.nn.Conv2d(16, 120, 5)]
    x, formas = torch.zeros(1, 1, 32, 32), []
    for camada in camadas:
        x = camada(x)
        formas.append((x.shape[1], x.shape[2]))
    tabela = camadas_lenet5()
    assert [(m, lado) for _, m, lado, _ in tabela[1:6]] == formas
    esquema = desenhar_lenet5()
    assert list(esquema.artistas) == [nome for nome, *_ in tabela]
    plt.close("all")
