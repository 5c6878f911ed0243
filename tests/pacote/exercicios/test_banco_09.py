"""As respostas de referência do notebook 09 conferidas contra o que o torch faz."""

import torch
from torch import nn

from convaula.exercicios import nb09
from convaula.lenet import modelos, modernas
from convaula.receptivo import campos_receptivos
from convaula.contagem import contar_flops, contar_parametros
from convaula.separaveis import bloco_separavel


def test_pilhas_gargalo_e_cabeca_contra_o_torch():
    tres = nn.Sequential(*[nn.Conv2d(64, 64, 3, padding=1, bias=False) for _ in range(3)])
    x = torch.zeros(1, 1, 15, 15, requires_grad=True)
    um_canal = nn.Sequential(*[nn.Conv2d(1, 1, 3, bias=False) for _ in range(3)])
    for conv in um_canal:
        nn.init.constant_(conv.weight, 1.0)
    um_canal(x)[0, 0, 0, 0].backward()
    assert nb09.q1.resposta == int((x.grad[0, 0, 0] != 0).sum())
    assert nb09.q2.resposta == contar_parametros(tres)
    with torch.device("meta"):
        razao = (contar_flops(nn.Conv2d(128, 128, 3, padding=1), torch.zeros(1, 128, 112, 112))
                 / contar_flops(nn.Conv2d(64, 64, 3, padding=1), torch.zeros(1, 64, 224, 224)))
    assert nb09.q3.conferir(razao).correta
    assert nb09.q4.resposta == contar_parametros(modernas.gargalo(256, 64))
    assert nb09.q5.resposta == contar_parametros(nn.Linear(48 * 4 * 4, 10))
    deslizante = modernas.totalmente_convolucional(modelos.LeNet5().eval())
    assert deslizante(torch.zeros(1, 1, 64, 64)).shape[-2:] == (nb09.q6.resposta,) * 2


def test_exercicios_contra_a_rede_moderna():
    campos = campos_receptivos(modernas.camadas_espaciais(modernas.RedeModerna()))
    assert nb09.ex1.resposta == campos[-1].campo
    for canais in [(8, 16, 32), (12, 24, 48), (7, 14, 28), (3, 5, 7)]:
        assert nb09.parametros_rede_moderna(*canais) == contar_parametros(modernas.RedeModerna(canais))
    c1, c2, c3 = nb09.ex2.resposta
    assert contar_parametros(modernas.RedeModerna(nb09.ex2.resposta)) <= 30_000 and c3 == 2 * c2 == 4 * c1
    assert contar_parametros(modernas.RedeModerna((c1 + 1, c2 + 2, c3 + 4))) > 30_000
    assert nb09.ex2.conferir((4, 8, 16)).correta and not nb09.ex2.conferir((8, 16, 32)).correta
    x = torch.zeros(1, 256, 14, 14)
    razao = (contar_flops(nn.Conv2d(256, 256, 3, padding=1, bias=False), x)
             / contar_flops(bloco_separavel(256, 256, 3, padding=1, bias=False), x))
    assert nb09.ex3.conferir(razao).correta
    assert nb09.ex4.resposta == contar_parametros(nn.Conv2d(32, 64, 1, stride=2, bias=False))
    rede = modernas.RedeModerna().eval()
    assert nb09.ex5.resposta == tuple(nn.Sequential(*list(rede)[:-3])(torch.zeros(1, 1, 28, 28)).shape[1:])
