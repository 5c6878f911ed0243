"""O codificador–decodificador do notebook 05: formatos pelas fórmulas, aprendizado e erros."""

from __future__ import annotations

import pytest
import torch
from torch import nn

from convaula import autocodificador as ac
from convaula import reais


@pytest.mark.parametrize("aumento", ac.AUMENTOS)
@pytest.mark.parametrize("lado", [8, 16, 32, 36])
def test_formatos_previstos_iguais_aos_do_torch(aumento, lado):
    rede = ac.CodificadorDecodificador(largura=4, aumento=aumento).eval()
    previstos = ac.formatos_previstos(rede, lado)
    h = torch.zeros(1, 1, lado, lado)
    for nome, camada in rede.named_children():
        h = camada(h)
        if nome in previstos:
            assert previstos[nome] == tuple(h.shape[1:]), nome
    assert previstos["dec2"] == (3, lado, lado) and previstos["dilatada"][1] == lado // 4


def test_camadas_do_padrao_de_colorizacao():
    rede = ac.CodificadorDecodificador()
    assert (rede.cod1.kernel_size, rede.cod1.stride, rede.cod1.padding) == ((4, 4), (2, 2), (1, 1))
    assert (rede.dilatada.dilation, rede.dilatada.padding) == ((2, 2), (3, 3))
    assert isinstance(rede.dec1, nn.ConvTranspose2d) and rede.dec1.stride == (2, 2)
    assert sum(isinstance(m, nn.BatchNorm2d) for m in rede.modules()) == 4
    interpolada = ac.CodificadorDecodificador(aumento="interpolacao")
    assert isinstance(interpolada.dec1[0], nn.Upsample)


def test_para_cinza_e_a_luminancia_num_lote():
    rgb = torch.rand(2, 3, 5, 5)
    assert torch.equal(ac.para_cinza(rgb), reais.luminancia(rgb))


def test_recortes_sao_blocos_contiguos_e_reprodutiveis():
    imagem = torch.arange(3 * 10 * 12.0).reshape(3, 10, 12)
    pedacos = ac.recortes(imagem, 4, 7, semente=3)
    assert pedacos.shape == (7, 3, 4, 4)
    for pedaco in pedacos:  # cada recorte é um bloco contíguo da imagem
        i, j = divmod(int(pedaco[0, 0, 0].item()), 12)
        assert torch.equal(pedaco, imagem[:, i:i + 4, j:j + 4])
    assert torch.equal(pedacos, ac.recortes(imagem, 4, 7, semente=3))


def test_treinar_aprende_e_lr_zero_nao():
    torch.manual_seed(0)
    alvos = torch.rand(1, 3, 1, 1).expand(32, 3, 16, 16) * torch.rand(32, 1, 16, 16)
    rede = ac.CodificadorDecodificador(largura=4)
    perdas = ac.treinar(rede, alvos, passos=40, batch_size=8, lr=0.02)
    assert sum(perdas[-5:]) / 5 < 0.5 * perdas[0] and not rede.training
    parada = ac.CodificadorDecodificador(largura=4)
    antes = [p.clone() for p in parada.parameters()]
    ac.treinar(parada, alvos, passos=3, batch_size=8, lr=0.0)
    assert all(torch.equal(a, p) for a, p in zip(antes, parada.parameters()))


@pytest.mark.parametrize("chamada, texto", [
    (lambda: ac.CodificadorDecodificador(aumento="bilinear"), "aumento deve ser um de"),
    (lambda: ac.CodificadorDecodificador(largura=0), "largura deve ser >= 1"),
    (lambda: ac.para_cinza(torch.zeros(1, 1, 4, 4)), "rgb deve ter 3 canais"),
    (lambda: ac.para_cinza(torch.zeros(3, 4, 4)), r"rgb deve ter a forma \(N, 3, H, W\)"),
    (lambda: ac.recortes(torch.zeros(3, 5, 5), 6, 1), "lado deve estar entre 1 e 5"),
    (lambda: ac.treinar(ac.CodificadorDecodificador(), torch.zeros(4, 3, 8, 8), batch_size=1), "batch_size deve ser >= 2"),
])
def test_valores_fora_da_regra_sao_value_error(chamada, texto):
    with pytest.raises(ValueError, match=texto):
        chamada()
