"""Campo receptivo, espaçamento e início: a recorrência, camadas do torch e o gradiente como prova."""

from __future__ import annotations

import random

import pytest
import torch
import torchvision
from torch import nn

from convaula.funcionais import CAMADAS, MEDIA
from convaula.receptivo import (Campo, campo_efetivo, campo_receptivo, campos_receptivos,
                                entradas_da_saida, intervalo_na_entrada,
                                intervalo_pelo_gradiente)



def _intervalo_torch(camadas: list[nn.Module], n: int, i: int, dims: int) -> tuple[int, int] | None:
    """Entradas com gradiente não nulo na saída i (na diagonal), com as camadas reais do torch."""
    x = torch.ones(1, 1, *([n] * dims), dtype=torch.float64, requires_grad=True)
    y = x
    for camada in camadas:
        y = camada.double()(y)
    y[(0, 0) + (i,) * dims].backward()
    grad = x.grad[0, 0] if dims == 1 else x.grad[0, 0].sum(0)  # em 2D, soma as linhas
    posicoes = torch.nonzero(grad).flatten()
    if len(posicoes) == 0:
        return None
    return int(posicoes[0]), int(posicoes[-1])


def _pilha_sorteada(rng: random.Random, dims: int) -> tuple[list[nn.Module], list[nn.Module]]:
    """Uma pilha sorteada de Conv/AvgPool com pesos 1, e a mesma pilha com MaxPool no lugar.

    O MaxPool manda o gradiente só para o máximo, então a prova usa o AvgPool (mesma geometria).
    """
    media, maximo = [], []
    for _ in range(rng.randint(1, 4)):
        k = rng.randint(1, 5)
        if rng.random() < 0.3:  # subamostragem: p <= k // 2, s <= k (sem buracos)
            s, p, teto = rng.randint(1, k), rng.randint(0, k // 2), rng.random() < 0.4
            media.append(MEDIA[dims](k, s, p, ceil_mode=teto))
            maximo.append((nn.MaxPool1d, nn.MaxPool2d)[dims - 1](k, s, p, ceil_mode=teto))
            continue
        d = rng.randint(1, 2) if k > 1 else 1
        s = rng.randint(1, max(1, min(3, k)))  # passo <= núcleo: o campo não tem buracos
        p = "same" if (s == 1 and rng.random() < 0.2) else rng.randint(0, 3)
        conv = CAMADAS[dims](1, 1, k, stride=s, padding=p, dilation=d, bias=False)
        nn.init.constant_(conv.weight, 1.0)
        media.append(conv)
        maximo.append(conv)
    return media, maximo


def test_campo_receptivo():
    assert campos_receptivos([(3, 1)] * 3) == [Campo(3, 1), Campo(5, 1), Campo(7, 1)]
    assert campo_receptivo([{"kernel_size": 3, "dilation": 2}]) == Campo(5, 1)
    # Pilha dilatada 1, 2, 4 (estilo WaveNet): 3 → 7 → 15.
    assert [c.campo for c in campos_receptivos([(3, 1, 1), (3, 1, 2), (3, 1, 4)])] == [3, 7, 15]
    # LeNet: conv5, pool2, conv5, pool2 → campo 16, espaçamento 4, sem preenchimento.
    lenet = [nn.Conv2d(1, 6, 5), nn.MaxPool2d(2), nn.Conv2d(6, 16, 5), nn.MaxPool2d(2)]
    assert campo_receptivo(lenet) == Campo(16, 4, 0)
    assert campo_receptivo([]) == Campo(1, 1, 0)


def test_inicio_com_preenchimento():
    # Duas 3x3 com p=1 e uma pool 2: u = 0 − 1·1 − 1·1 = −2; depois do pool, u não muda.
    pilha = [(3, 1, 1, 1), (3, 1, 1, 1), {"kernel_size": 2, "stride": None}]
    assert campos_receptivos(pilha) == [Campo(3, 1, -1), Campo(5, 1, -2), Campo(6, 2, -2)]
    assert campo_receptivo(pilha).intervalo(3) == (4, 9)
    assert campo_receptivo(pilha).centro(3) == 6.5


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")
@pytest.mark.parametrize("dims", [1, 2])
def test_intervalo_confere_com_gradiente_do_torch(dims):
    """O intervalo previsto, cortado em [0, n − 1], é o das entradas com gradiente não nulo."""
    rng = random.Random(dims)
    casos = dict.fromkeys(["inteiro", "cortado na entrada", "cortado no meio", "só preenchimento"], 0)
    for _ in range(150 if dims == 1 else 40):
        media, maximo = _pilha_sorteada(rng, dims)
        n = rng.randint(20, 40)
        saida = torch.zeros(1, 1, *([n] * dims), dtype=torch.float64)
        try:
            for camada in media:
                saida = camada.double()(saida)
        except RuntimeError:  # a pilha sorteada encolheu a entrada demais
            continue
        i = rng.choice([0, saida.shape[-1] - 1, rng.randrange(saida.shape[-1])])
        u, v = campo_receptivo(maximo).intervalo(i)
        esperado = intervalo_na_entrada(maximo, n, i)
        assert _intervalo_torch(media, n, i, dims) == esperado, (maximo, n, i)
        assert intervalo_pelo_gradiente(maximo, n, i) == esperado
        if dims == 1:  # o conjunto inteiro, com os buracos da dilatação
            x = torch.ones(1, 1, n, dtype=torch.float64, requires_grad=True)
            y = x
            for camada in media:
                y = camada(y)
            y[0, 0, i].backward()
            assert torch.nonzero(x.grad[0, 0]).flatten().tolist() == entradas_da_saida(maximo, n, i)
        cortado = (max(u, 0), min(v, n - 1)) if v >= 0 and u <= n - 1 else None
        casos["inteiro"] += esperado == (u, v)
        casos["cortado na entrada"] += esperado == cortado != (u, v)
        casos["cortado no meio"] += esperado != cortado
        casos["só preenchimento"] += esperado is None
    assert min(casos.values()) >= 1 and sum(casos.values()) >= (100 if dims == 1 else 25), casos  # a varredura passa pelos dois casos


def test_sem_buracos_a_contagem_e_o_campo():
    camadas = [nn.Conv1d(1, 1, 3), nn.Conv1d(1, 1, 3, dilation=2), nn.Conv1d(1, 1, 2, stride=2)]
    x = torch.ones(1, 1, 40, requires_grad=True)
    y = x
    for c in camadas:
        nn.init.constant_(c.weight, 1.0)
        y = c(y)
    y[0, 0, 3].backward()
    assert int((x.grad != 0).sum()) == campo_receptivo(camadas).campo


def _replica_2d(camadas: nn.Sequential) -> list[nn.Module]:
    """A pilha com um canal e pesos 1; MaxPool vira AvgPool com a mesma geometria."""
    replica = []
    for c in camadas:
        if isinstance(c, nn.Conv2d):
            conv = nn.Conv2d(1, 1, c.kernel_size, c.stride, c.padding, c.dilation, bias=False)
            nn.init.constant_(conv.weight, 1.0)
            replica.append(conv)
        elif isinstance(c, nn.MaxPool2d):
            replica.append(nn.AvgPool2d(c.kernel_size, c.stride, c.padding))
    return replica


@pytest.mark.parametrize("nome, publicado", [("alexnet", (195, 32)), ("vgg16", (212, 32))])
def test_redes_do_torchvision(nome, publicado):
    """Campo e espaçamento publicados por Araujo, Norris e Sim (Distill, 2019), camada pool5."""
    rede = getattr(torchvision.models, nome)(weights=None)
    campo = campo_receptivo(rede.features)
    assert (campo.campo, campo.espacamento) == publicado
    # A subamostragem adaptativa é a identidade em 224: a saída de features já tem o tamanho dela.
    saida = rede.features(torch.zeros(1, 3, 224, 224))
    assert tuple(saida.shape[-2:]) == rede.avgpool.output_size
    assert campo_receptivo(list(rede.features) + [rede.avgpool]) == campo
    for i in (0, 3, saida.shape[-1] - 1):
        u, v = campo.intervalo(i)
        esperado = (max(u, 0), min(v, 223))
        assert _intervalo_torch(_replica_2d(rede.features), 224, i, 2) == esperado
        assert intervalo_pelo_gradiente(rede.features, 224, i) == esperado
        assert intervalo_na_entrada(rede.features, 224, i) == esperado


def test_lenet_c5_ve_a_entrada_inteira():
    from convaula.lenet.modelos import LeNet5

    lenet = LeNet5()
    campo = campo_receptivo([lenet.c1, lenet.a1, lenet.s2, lenet.c3, lenet.a3, lenet.s4, lenet.c5])
    assert campo.intervalo(0) == (0, 31)


def test_camadas_pontuais_repetem_a_linha_anterior():
    pilha = nn.Sequential(nn.Conv2d(1, 1, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(1),
                          nn.Sequential(nn.Dropout(), nn.MaxPool2d(2)), nn.Identity())
    campos = campos_receptivos(pilha)
    assert len(campos) == 6  # o Sequential de dentro é achatado
    assert campos[0] == campos[1] == campos[2] == campos[3] == Campo(3, 1, -1)
    assert campos[4] == campos[5] == Campo(4, 2, -1)


def test_campo_efetivo_ocupa_o_campo_teorico_e_pesa_no_centro():
    pilha = nn.Sequential(*[nn.Conv2d(1, 1, 3, padding=1, bias=False) for _ in range(4)])
    for conv in pilha:
        nn.init.constant_(conv.weight, 1 / 9)
    mapa = campo_efetivo(pilha, torch.ones(1, 1, 21, 21), (10, 10))
    linhas = torch.nonzero(mapa.sum(1)).flatten()
    u, v = campo_receptivo(pilha).intervalo(10)
    assert (int(linhas[0]), int(linhas[-1])) == (u, v) == (6, 14)
    assert mapa[10, 10] == mapa.max() and mapa[10, 10] > 4 * mapa[6, 10]
    assert torch.allclose(mapa.sum(), torch.tensor(1.0))  # média de médias: pesos somam 1


def test_camadas_e_posicoes_invalidas_dizem_qual():
    with pytest.raises(TypeError, match=r"camadas\[0\]"):
        campo_receptivo([object()])
    with pytest.raises(TypeError, match=r"camadas\[1\].*Linear"):
        campo_receptivo([nn.Conv2d(1, 1, 3), nn.Linear(3, 3)])
    with pytest.raises(TypeError, match="transposta"):
        campo_receptivo([nn.ConvTranspose2d(1, 1, 3)])
    with pytest.raises(ValueError, match=r"camadas\[0\].kernel_size"):
        campo_receptivo([nn.Conv2d(1, 1, (3, 5))])
    with pytest.raises(ValueError, match=r"camadas\[0\].padding"):
        campo_receptivo([(3, 1, 1, -1)])
    with pytest.raises(ValueError, match="i deve estar entre 0 e 7"):
        intervalo_pelo_gradiente([(3, 1)], 10, 8)
