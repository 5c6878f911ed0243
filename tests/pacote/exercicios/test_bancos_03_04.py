"""As respostas de referência dos notebooks 03 e 04 conferidas contra o que o torch faz."""

import pytest
import torch
import torch.nn as nn
import torch.nn.functional as F

from convaula.exercicios import nb03, nb04
from convaula.matriz import matriz_conv2d


def _campo_pelo_gradiente(camadas) -> int:
    rede = nn.Sequential(*[nn.Conv1d(1, 1, k, stride=s, dilation=d, bias=False)
                           for k, s, d in camadas])
    for camada in rede:
        nn.init.constant_(camada.weight, 1.0)
    x = torch.zeros(1, 1, 200, requires_grad=True)
    rede(x)[0, 0, 0].backward()
    return int((x.grad != 0).sum())


@pytest.mark.filterwarnings("ignore:Using padding='same' with even kernel")
def test_nb03_contra_o_torch():
    x = torch.tensor([5., 4., 8., 7., 9., 3., 6.]).reshape(1, 1, 7)
    w = torch.tensor([1., 2., 3.]).reshape(1, 1, 3)
    y = F.conv1d(x, w, padding=1, stride=2)
    assert nb03.q1.resposta == y.shape[-1] and torch.equal(nb03.q2.resposta, y.flatten())
    conv = nn.Conv2d(1, 1, (3, 5), stride=(3, 4), padding=(0, 1))
    assert nb03.q3.resposta == tuple(conv(torch.zeros(1, 1, 8, 8)).shape[-2:])
    assert nb03.q4.resposta == _campo_pelo_gradiente([(3, 1, 1)] * 3)
    assert nb03.q5.resposta == _campo_pelo_gradiente([(3, 1, 1), (3, 1, 2), (3, 1, 4)])
    assert nb03.ex1.resposta == nn.Conv1d(1, 1, 5, 2, 2)(torch.zeros(1, 1, 32)).shape[-1]
    p = nb03.ex2.resposta
    assert nn.Conv1d(1, 1, 7, padding=p, dilation=3)(torch.zeros(1, 1, 50)).shape[-1] == 50
    s, p = nb03.ex3.resposta
    cinco = nn.Sequential(*[nn.Conv2d(1, 1, 3, stride=s, padding=p) for _ in range(5)])
    assert cinco(torch.zeros(1, 1, 224, 224)).shape[-2:] == (7, 7)
    sinal, nucleo = torch.randn(1, 1, 20), torch.randn(1, 1, 6)
    assert torch.allclose(F.conv1d(F.pad(sinal, nb03.ex4.resposta), nucleo),
                          F.conv1d(sinal, nucleo, padding="same"), atol=1e-6)
    assert nb03.ex5.resposta == _campo_pelo_gradiente(nb03.RESNET18_INICIO)


def test_nb04_contra_o_torch():
    peso = torch.arange(1., 55.).reshape(3, 2, 3, 3)
    M = matriz_conv2d(peso, (6, 6), stride=2, padding=1)
    assert nb04.q1.resposta == tuple(M.shape)
    vezes = torch.bincount(M[M != 0].long(), minlength=55)[1:].reshape(peso.shape)
    assert nb04.q2.resposta == (int(vezes[0, 0, 1, 1]), int(vezes[0, 0, 0, 0]))
    x = torch.randn(1, 2, 6, 6)
    assert nb04.q3.resposta == tuple(F.unfold(x, 3, padding=1, stride=2).shape)
    M2 = matriz_conv2d(torch.randn(4, 3, 3, 3), (8, 8), stride=2, padding=1)
    assert nb04.ex2.resposta == (*M2.shape, int((M2 != 0).sum()))
    assert nb04.ex5.resposta == tuple(F.unfold(torch.randn(1, 2, 9, 9), 3, dilation=2).shape)
